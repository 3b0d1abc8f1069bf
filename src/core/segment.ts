/** The index segmenter: jieba for words, a number-aware pre-pass so figures stay whole tokens. */
import { loadJieba, type JiebaLike } from './jieba.js';
import { NUMBER_TOKEN, numberTokens } from './numbers.js';

/** Splits simplified text into index tokens; injected into the index (like minisearch's `tokenize`). */
export type Segmenter = (text: string) => string[];

/** Punctuation and white space: never tokens. */
const SEPARATOR = /^[\s\p{P}\p{S}]+$/u;

/**
 * The default segmenter: number expressions become whole tokens (and their parts), the text
 * between them is cut by jieba in search mode with HMM (HMM merges unknown names; search mode
 * also emits the words inside long words, so 木垒 finds 木垒哈萨克自治县).
 */
export function createJiebaSegmenter(j: JiebaLike = loadJieba()): Segmenter {
  return (text: string): string[] => {
    const tokens: string[] = [];
    let last = 0;
    for (const m of text.matchAll(NUMBER_TOKEN)) {
      const start = m.index ?? 0;
      if (start > last) pushWords(tokens, j.cutForSearch(text.slice(last, start), true));
      tokens.push(...numberTokens(m[0]));
      last = start + m[0].length;
    }
    if (last < text.length) pushWords(tokens, j.cutForSearch(text.slice(last), true));
    return tokens;
  };
}

function pushWords(into: string[], words: string[]): void {
  for (const w of words) {
    const t = w.trim().toLowerCase();
    if (t && !SEPARATOR.test(t)) into.push(t);
  }
}
