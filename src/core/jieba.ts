/** The jieba word cutter: loaded once, on first use, with a one-line IDF table; words added to its dictionary. */
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as NodeJieba from 'nodejieba';

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
