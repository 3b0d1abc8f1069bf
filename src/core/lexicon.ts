/** The editable word lists in `config/`: user dictionary, synonyms and stop words. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BotError } from './errors.js';
import { foldWidth, toSimplified } from './text.js';

/** Word lists that shape segmentation and queries; moderators extend them in `config/`. */
export interface Lexicon {
  /** Words jieba must keep whole (names, place names, programme names). */
  userWords: readonly string[];
  /** Groups of interchangeable terms (GDP ↔ 地区生产总值). */
  synonyms: readonly (readonly string[])[];
  /** Words a question is made of that say nothing about its topic (的, 是, 多少 …). */
  stopWords: ReadonlySet<string>;
}

/** File names inside the config folder. */
export const LEXICON_FILES = { userWords: 'userdict.txt', synonyms: 'synonyms.txt', stopWords: 'stopwords.txt' } as const;

/** Parses a word-list file: one entry per line, `#` starts a comment, entries simplified and lower-cased. */
export function parseList(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((line) =>
      line
        .split(/[\s,，、|=]+/u)
        .map((w) => toSimplified(foldWidth(w)).toLowerCase())
        .filter(Boolean),
    );
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new BotError('CONFIG_INVALID', { reason: `${file}: ${(error as Error).message}` }, { cause: error });
  }
}

/** Loads the lexicon from the config folder (a missing file is an empty list). */
export async function loadLexicon(configDir: string): Promise<Lexicon> {
  const [users, synonyms, stops] = await Promise.all(
    Object.values(LEXICON_FILES).map((f) => readOptional(path.join(configDir, f))),
  );
  return {
    userWords: parseList(users ?? '').flat(),
    synonyms: parseList(synonyms ?? '').filter((g) => g.length > 1),
    stopWords: new Set(parseList(stops ?? '').flat()),
  };
}

/**
 * Names a document itself marks as terms: words in “quotes” and after 简称 (`以下简称“准东开发区”`),
 * two to eight characters long, so jieba keeps them whole.
 */
export function quotedTerms(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/[“"「『]([\p{Script=Han}]{2,8})[”"」』]/gu)) out.add(m[1]!);
  return [...out];
}
