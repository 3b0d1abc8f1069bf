/** The editable word lists in `config/`: user dictionary, synonyms and stop words. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BotError } from './errors.js';
import { foldWidth, toSimplified } from './text.js';

/** Word lists that shape segmentation and queries; moderators extend them in `config/`. */
export interface WordLists {
  /** Words jieba must keep whole (names, place names, programme names). */
  userWords: readonly string[];
  /** Groups of interchangeable terms (GDP ↔ 地区生产总值); a group with `>` is one way (职务 > 州长 书记: the words before it stand for those after, not back). */
  synonyms: readonly (readonly string[])[];
  /** Words a question is made of that say nothing about its topic (的, 是, 多少 …). */
  stopWords: ReadonlySet<string>;
}

/** File names inside the config folder. */
export const WORD_LIST_FILES = { userWords: 'userdict.txt', synonyms: 'synonyms.txt', stopWords: 'stopwords.txt' } as const;

/** Parses a word-list file: one entry per line, `#` starts a comment, entries simplified and lower-cased. */
export function parseList(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((line) =>
      line
        // `>` stands apart (职务 > 州长): it marks a one-way synonym group.
        .replace(/>/g, ' > ')
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

/**
 * Word lists that belong to one document sit beside it in the corpus folder: `<id>.words` (names
 * jieba must keep whole) and `<id>.synonyms` (groups), in the same format as `config/`'s lists.
 * `config/` keeps what holds in any text.
 */
export const DOCUMENT_LIST_EXTENSIONS = { userWords: '.words', synonyms: '.synonyms' } as const;

/** The document word lists in a corpus folder, sorted by file name; a missing folder has none. */
async function documentLists(corpusDir: string | undefined): Promise<{ userWords: string; synonyms: string }> {
  if (!corpusDir) return { userWords: '', synonyms: '' };
  let names: string[];
  try {
    names = (await readdir(corpusDir)).filter((f) => !f.startsWith('.')).sort();
  } catch {
    return { userWords: '', synonyms: '' };
  }
  const read = async (ext: string): Promise<string> =>
    (await Promise.all(names.filter((f) => f.endsWith(ext)).map((f) => readOptional(path.join(corpusDir, f))))).join('\n');
  return { userWords: await read(DOCUMENT_LIST_EXTENSIONS.userWords), synonyms: await read(DOCUMENT_LIST_EXTENSIONS.synonyms) };
}

/** Loads the lexicon from the config folder and the documents' own lists beside them (a missing file is an empty list). */
export async function loadWordLists(configDir: string, corpusDir?: string): Promise<WordLists> {
  const [[users, synonyms, stops], own] = await Promise.all([
    Promise.all(Object.values(WORD_LIST_FILES).map((f) => readOptional(path.join(configDir, f)))),
    documentLists(corpusDir),
  ]);
  return {
    userWords: parseList(`${users ?? ''}\n${own.userWords}`).flat(),
    synonyms: parseList(`${synonyms ?? ''}\n${own.synonyms}`).filter((g) => g.length > 1),
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
