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
      nouns += tag === 'ns' ? '2' : tag === 'nr' ? '3' : tag.startsWith('n') ? '1' : '0';
    }
  }
  return { common: { words, nouns }, places };
}

/** Common words and, per word, whether jieba tags it a place name ('2'), a person's name ('3'), another noun ('1') or neither ('0'). */
export interface CommonWords {
  words: string[];
  /**
   * One character per word ('3': a person's name, `nr`, for the short answer of 谁 questions): a question's unknown noun (人口) matters more than an unknown verb
   * (拿出), and a place name (哈密) the corpus never names means the question is about elsewhere.
   */
  nouns: string;
}
