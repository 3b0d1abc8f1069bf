/** Segmentation: jieba for words, a number-aware pre-pass so figures stay whole tokens. */
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as NodeJieba from 'nodejieba';
import { UNIT_ALTERNATION } from './units.js';

/** Splits simplified text into index tokens; injected into the index (like minisearch's `tokenize`). */
export type Segmenter = (text: string) => string[];

/** Units a figure may carry, longest first (the shared table in units.ts). */
export { UNITS } from './units.js';

const MAGNITUDE = '[万亿千百]{0,3}';
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** A number as users search for it: `第13场`, `554.7亿元`, `3200万千瓦`, `7.8%`, `30%`. */
// First a (lazy) magnitude followed by a unit, units longest first, so `620亿千瓦时` is taken whole;
// only then a bare magnitude.
export const NUMBER_TOKEN = new RegExp(`第?(?:${NUMBER})(?:${MAGNITUDE}?(?:${UNIT_ALTERNATION})|${MAGNITUDE})`, 'gu');

/**
 * The parts of one number expression. The magnitude is lazy and the unit anchored, so
 * `3200万千瓦` parses as 3200 · 万 · 千瓦 rather than 3200 · 万千 · 瓦.
 */
export const NUMBER_PARTS = new RegExp(`^(第?)(${NUMBER})([万亿千百]{0,3}?)(${UNIT_ALTERNATION})?$`, 'u');

/** Punctuation and white space: never tokens. */
const SEPARATOR = /^[\s\p{P}\p{S}]+$/u;

/**
 * Expands one number expression into the tokens it should be findable by:
 * the whole (`3200万千瓦`), the number with its magnitude (`3200万`), the bare number (`3200`)
 * and the unit (`千瓦`), so "3200万" and "3200万千瓦" both find it.
 */
export function numberTokens(written: string): string[] {
  // 1,500 and 1500 are the same number: index and query both drop the separators.
  const expression = written.replaceAll(',', '');
  const out = new Set<string>([expression]);
  const m = NUMBER_PARTS.exec(expression);
  if (m) {
    const [, ordinal = '', digits = '', magnitude = '', unit = ''] = m;
    out.add(digits);
    if (ordinal) out.add(`${ordinal}${digits}`);
    if (magnitude) out.add(digits + magnitude);
    if (unit) out.add(unit);
  }
  return [...out];
}

/** Minimal surface of a jieba implementation: word cut with HMM, and search-mode cut. */
export interface JiebaLike {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

let jieba: JiebaLike | undefined;

/** A one-entry IDF table (nodejieba's parser needs one "word weight" line). */
const TINY_IDF = '的 1\n';

/**
 * nodejieba's load() also builds its keyword extractor from a 6 MB IDF table, ~0.15–0.3 s and
 * ~20 MB here. The bot never extracts keywords, so the extractor gets a one-line table, kept in
 * the OS temp folder. A file there is used only if it holds exactly that line (the folder is
 * shared: anything else gets a private copy of our own). Without a writable temp folder, the
 * default table is loaded.
 */
export function tinyIdfFile(): string | undefined {
  const file = path.join(tmpdir(), 'wenda-bot-jieba-idf-v1.utf8');
  try {
    if (!existsSync(file)) {
      // Written under a unique name, then renamed: a concurrent start never reads half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, TINY_IDF, { flag: 'wx' });
      renameSync(partial, file);
    }
    if (readFileSync(file, 'utf8') === TINY_IDF) return file;
    const own = path.join(mkdtempSync(path.join(tmpdir(), 'wenda-bot-jieba-')), 'idf.utf8');
    writeFileSync(own, TINY_IDF, { flag: 'wx' });
    return own;
  } catch {
    return undefined;
  }
}

/** nodejieba, loaded on first use (its dictionary costs ~0.8 s and ~280 MB: only builds need it). */
export function loadJieba(): JiebaLike {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const nodejieba = require('nodejieba') as typeof NodeJieba;
    const idfDict = tinyIdfFile();
    nodejieba.load(idfDict ? { idfDict } : {});
    jieba = nodejieba;
  }
  return jieba;
}

/**
 * Adds words to jieba's dictionary (process-wide; jieba cannot forget a word, so a word
 * removed from the user dictionary only stops mattering after a restart).
 */
export function addWords(words: Iterable<string>, j: JiebaLike = loadJieba()): void {
  for (const w of words) if (w.trim()) j.insertWord(w.trim());
}

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
