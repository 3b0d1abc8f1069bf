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
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('nodejieba/package.json'));
  const text = readFileSync(path.join(dir, 'submodules/cppjieba/dict/jieba.dict.utf8'), 'utf8');
  const words: string[] = [];
  let nouns = '';
  for (const m of text.matchAll(/^(\S+) (\d+) (\S+)/gmu)) {
    const w = m[1]!;
    if (w.length >= 2 && w.length <= 6 && Number(m[2]) >= minFrequency && /^\p{Script=Han}+$/u.test(w)) {
      words.push(w);
      nouns += m[3]!.startsWith('n') ? '1' : '0';
    }
  }
  return { words, nouns };
}

/** Common words and, per word, whether jieba tags it a noun ('1') or not ('0'). */
export interface CommonWords {
  words: string[];
  /** One character per word: a question's unknown noun (人口) matters more than an unknown verb (拿出). */
  nouns: string;
}
