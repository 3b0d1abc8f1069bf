/** Common Chinese words from jieba's dictionary, so questions are cut into real words without loading jieba. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Words rarer than this in jieba's dictionary are left out: they cost memory and rarely occur in questions. */
export const MIN_FREQUENCY = 20;

/**
 * Reads nodejieba's dictionary file as plain text (no native module, no HMM model): the words of
 * two to six characters used at least `minFrequency` times. About 72k words, ~0.2 s; engines keep
 * the list in their snapshot so a restart does not read it again.
 */
export function loadCommonWords(minFrequency = MIN_FREQUENCY): CommonWords {
  const words: string[] = [];
  let nouns = '';
  for (const [w, freq, tag] of dictionaryEntries()) {
    if (w.length >= 2 && w.length <= 6 && freq >= minFrequency && /^\p{Script=Han}+$/u.test(w)) {
      words.push(w);
      nouns += tag.startsWith('n') ? '1' : '0';
    }
  }
  return { words, nouns };
}

/** Words jieba's dictionary tags as place names (`ns`: 乌鲁木齐, 昌吉回族自治州 …), any frequency. */
export function loadPlaceNames(): Set<string> {
  const places = new Set<string>();
  for (const [w, , tag] of dictionaryEntries()) if (tag === 'ns' && w.length >= 2) places.add(w);
  return places;
}

let entries: Array<[string, number, string]> | undefined;

/** The dictionary's lines as [word, frequency, tag], read once per process (a build needs it twice). */
function dictionaryEntries(): Array<[string, number, string]> {
  if (!entries) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('nodejieba/package.json'));
    const text = readFileSync(path.join(dir, 'submodules/cppjieba/dict/jieba.dict.utf8'), 'utf8');
    entries = [];
    for (const m of text.matchAll(/^(\S+) (\d+) (\S+)/gmu)) entries.push([m[1]!, Number(m[2]), m[3]!]);
  }
  return entries;
}

/** Common words and, per word, whether jieba tags it a noun ('1') or not ('0'). */
export interface CommonWords {
  words: string[];
  /** One character per word: a question's unknown noun (人口) matters more than an unknown verb (拿出). */
  nouns: string;
}
