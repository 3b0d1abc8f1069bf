/** Common Chinese words from jieba's dictionary, so questions are cut into real words without loading jieba. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Words rarer than this in jieba's dictionary are left out: they cost memory and rarely occur in questions. */
const MIN_FREQUENCY = 20;

/** Words jieba's dictionary tags as place names (`ns`: 乌鲁木齐, 昌吉回族自治州 …), any frequency. */
export function loadPlaceNames(): Set<string> {
  return loadDictionary().places;
}

/**
 * One pass over nodejieba's dictionary file, read as plain text (no native module, no HMM model):
 * the common words of two to six characters used at least `minFrequency` times (~72k, kept in the
 * engine and its snapshot so questions are cut without jieba), and the place names. Nothing is cached
 * at module level: the 350k lines would stay on the heap of a bot that needs them only to build.
 */
export function loadDictionary(minFrequency = MIN_FREQUENCY): { common: CommonWords; places: Set<string> } {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('nodejieba/package.json'));
  const text = readFileSync(path.join(dir, 'submodules/cppjieba/dict/jieba.dict.utf8'), 'utf8');
  const words: string[] = [];
  let nouns = '';
  const places = new Set<string>();
  for (const m of text.matchAll(/^(\S+) (\d+) (\S+)/gmu)) {
    const w = m[1]!;
    const tag = m[3]!;
    if (tag === 'ns' && w.length >= 2) places.add(w);
    if (w.length >= 2 && w.length <= 6 && Number(m[2]) >= minFrequency && /^\p{Script=Han}+$/u.test(w)) {
      words.push(w);
      nouns += wordClass(tag);
    }
  }
  return { common: { words, nouns }, places };
}

/**
 * The class of a jieba tag, one character: '2' place (ns), '3' person (nr, nrt, nrfg), '4'
 * organisation (nt), '5' time (t), '6' abbreviation (j), '1' another noun, '0' anything else.
 * query.ts reads 3 and 4 as nouns and 5 and 6 as it read t and j before (not nouns), so its
 * reading is unchanged.
 */
export function wordClass(tag: string): string {
  if (tag === 'ns') return '2';
  if (tag.startsWith('nr')) return '3';
  if (tag === 'nt') return '4';
  if (tag === 't') return '5';
  // Abbreviations (煤电, 央企) name things, but query.ts weighs them as it always has, as non-nouns.
  if (tag === 'j') return '6';
  return tag.startsWith('n') ? '1' : '0';
}

/** Common words and, per word, its class from jieba's tag (see `wordClass`: place, person, organisation, time, abbreviation, noun, other). */
export interface CommonWords {
  words: string[];
  /**
   * One character per word: a question's unknown noun (人口) matters more than an unknown verb
   * (拿出), and a place name (哈密) the corpus never names means the question is about elsewhere.
   */
  nouns: string;
}
