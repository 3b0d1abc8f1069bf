/** Reading the corpus folder: which files are documents, their bytes as text, and their metadata. */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { decodeChinese, ENCODINGS_TRIED, type TextEncoding } from './encoding.js';
import { BotError } from './errors.js';

/** File endings read as documents. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md'] as const;

/** A document as read from disk, before cleaning. */
export interface RawDocument {
  /** File name without extension: the id passages are cited by. */
  id: string;
  /** Path relative to the corpus folder. */
  file: string;
  /** Metadata from front matter, if any (title, source, date). */
  meta: { title?: string; source?: string; date?: string };
  /** The body: non-empty lines, as written. */
  lines: string[];
  /** sha256 of the file's bytes. */
  hash: string;
  bytes: number;
  /** The encoding the file was read in. */
  encoding: TextEncoding;
}

/** Decodes a file's bytes (UTF-8, GBK/GB18030 or Big5), refusing binary or other encodings with a catalog error naming those tried. */
export function readText(bytes: Uint8Array, file: string): { text: string; encoding: TextEncoding } {
  const decoded = decodeChinese(bytes);
  if (!decoded) throw new BotError('CORPUS_NOT_TEXT', { path: file, tried: ENCODINGS_TRIED });
  return decoded;
}

/** The text of a file's bytes (see readText). */
export function decodeText(bytes: Uint8Array, file: string): string {
  return readText(bytes, file).text;
}

/** Parses one document's text: front matter (for .md or any file starting with `---`) and lines. */
export function parseDocument(text: string, file: string, hash = '', encoding: TextEncoding = 'utf-8'): RawDocument {
  const ext = path.extname(file);
  const id = path.basename(file, ext);
  let body = text;
  const meta: RawDocument['meta'] = {};
  // Front matter needs its closing fence: a file that merely starts with a `---` rule is all body.
  if (/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.test(text)) {
    try {
      const parsed = matter(text);
      body = parsed.content;
      for (const key of ['title', 'source', 'date'] as const) {
        const v: unknown = parsed.data[key];
        if (v instanceof Date) meta[key] = v.toISOString().slice(0, 10);
        else if (typeof v === 'string' || typeof v === 'number') meta[key] = String(v);
      }
    } catch (error) {
      throw new BotError('CORPUS_UNREADABLE', { path: file, reason: `front matter: ${(error as Error).message}` });
    }
  }
  const lines = body
    .split(/\r?\n/)
    .map((l) => l.replace(/^#+\s*/, '').trim()) // a Markdown heading is a line like any other
    .filter((l) => l.length > 0 && !/^[-=*_]{3,}$/.test(l)); // a rule line (--- / ***) separates, it says nothing
  return { id, file, meta, lines, hash, bytes: Buffer.byteLength(text), encoding };
}

/** Lists and reads every document in the corpus folder, sorted by file name; throws catalog errors, the first unusable file's included. */
export async function readCorpus(corpusDir: string): Promise<RawDocument[]> {
  const { documents, skipped } = await readCorpusSkipping(corpusDir);
  if (skipped.length > 0) throw skipped[0]!.error;
  return documents;
}

/**
 * Reads every document it can: a file that cannot be used (unreadable, not text, empty, a
 * duplicate id) is skipped with its catalog error. Throws for the folder itself (missing, no
 * document files) and when no file at all is usable.
 */
export async function readCorpusSkipping(corpusDir: string): Promise<{ documents: RawDocument[]; skipped: Array<{ file: string; error: BotError }> }> {
  let entries: string[];
  try {
    const info = await stat(corpusDir);
    if (!info.isDirectory()) throw new BotError('CORPUS_MISSING', { path: corpusDir });
    entries = await readdir(corpusDir);
  } catch (error) {
    if (error instanceof BotError) throw error;
    throw new BotError('CORPUS_MISSING', { path: corpusDir }, { cause: error });
  }
  const files = entries
    .filter((f) => (DOCUMENT_EXTENSIONS as readonly string[]).includes(path.extname(f).toLowerCase()) && !f.startsWith('.'))
    .sort();
  if (files.length === 0) throw new BotError('CORPUS_EMPTY', { path: corpusDir });
  const docs: RawDocument[] = [];
  const skipped: Array<{ file: string; error: BotError }> = [];
  for (const file of files) {
    try {
      docs.push(await readDocument(corpusDir, file, docs));
    } catch (error) {
      if (!(error instanceof BotError)) throw error;
      skipped.push({ file, error });
    }
  }
  // Nothing to serve: one broken file is best explained by its own error, several by the list.
  if (docs.length === 0 && skipped.length === 1) throw skipped[0]!.error;
  if (docs.length === 0) throw new BotError('CORPUS_NO_USABLE_DOCUMENT', { path: corpusDir, files: skipped.map((s) => `${s.file}: ${s.error.message}`).join('; ') });
  return { documents: docs, skipped };
}

/** Reads one document file; throws the catalog error that makes it unusable. */
async function readDocument(corpusDir: string, file: string, before: readonly RawDocument[]): Promise<RawDocument> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(corpusDir, file));
  } catch (error) {
    throw new BotError('CORPUS_UNREADABLE', { path: file, reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { cause: error });
  }
  const { text, encoding } = readText(bytes, file);
  const doc = parseDocument(text, file, createHash('sha256').update(bytes).digest('hex'), encoding);
  if (doc.lines.length === 0) throw new BotError('DOCUMENT_EMPTY', { path: file });
  const clash = before.find((d) => d.id === doc.id);
  // Passages are cited by file name without extension: a.txt and a.md would share every id.
  if (clash) throw new BotError('DUPLICATE_DOCUMENT', { id: doc.id, a: clash.file, b: file });
  return doc;
}
