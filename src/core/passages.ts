/** Splitting a cleaned document into passages with stable ids (`doc#pN.sM`), each of its kind, with its original text. */
import type { DocumentInfo, Figure, Passage, PassageKind, Repair } from './types.js';
import type { RawDocument } from './documents.js';
import { BotError } from './errors.js';
import { readLine } from './metadata.js';
import { groupSentences, splitSentences } from './sentences.js';
import { forEcho } from './text.js';

/** Cleans one raw line; injected so the splitter does not depend on how cleaning is done. */
export type LineCleaner = (raw: string) => { text: string; repairs: Repair[]; unknowns: string[] };

/** Finds the figures a passage states; injected (figures.ts's extractFigures) so the splitter only splits. */
export type FigureFinder = (text: string, passageId: string, doc: string) => Figure[];

/**
 * Repairs already made, by kind, before and after. Scraped text repeats its damage (the same
 * annotated words, a site's boilerplate, in line after line): a repeated repair is kept as one
 * object however many documents report it. On the recombined 1M news corpus documents report
 * ~4.5M repairs, most of them repeats (~0.5 GB at ready when each was its own object).
 */
const repairCache = new Map<string, Repair>();
/** A corpus of ever-new repairs could fill the cache: start over past this size. */
const REPAIR_CACHE_LIMIT = 200_000;

/** The one object of a repair (repairs are plain data nobody changes: frozen, to keep it so). */
export function sharedRepair(r: Repair): Repair {
  const key = `${r.kind}\u0000${r.before}\u0000${r.after}`;
  let hit = repairCache.get(key);
  if (hit === undefined) {
    if (repairCache.size > REPAIR_CACHE_LIMIT) repairCache.clear();
    repairCache.set(key, (hit = Object.freeze({ ...r })));
  }
  return hit;
}

/** A document after cleaning: its metadata and passages. */
export interface CleanedDocument {
  info: DocumentInfo;
  passages: Passage[];
}

/**
 * Cleans and splits one document. The first line is the headline (unless front matter gave a
 * title), a dateline line gives date and source, a line ending in a photo credit is a caption,
 * every other line is a paragraph of body text split into sentence passages.
 */
export function splitDocument(raw: RawDocument, clean: LineCleaner, findFigures: FigureFinder): CleanedDocument {
  const repairs: Repair[] = [];
  const unknowns: string[] = [];
  const passages: Passage[] = [];
  let title = raw.meta.title ?? '';
  let source = raw.meta.source ?? '';
  let date = raw.meta.date ?? '';
  raw.lines.forEach((line, li) => {
    const cleaned = clean(line);
    for (const r of cleaned.repairs) repairs.push(sharedRepair(r));
    unknowns.push(...cleaned.unknowns);
    const paragraph = li + 1;
    const text = cleaned.text.trim();
    if (!text) return;
    // Front matter's title, date and source come first: a line only fills what is still empty.
    const read = readLine(text, li === 0 && !raw.meta.title);
    const kind: PassageKind = read.kind;
    if (kind === 'headline') title = text;
    if (read.date !== undefined) date ||= read.date;
    if (read.source !== undefined) source ||= read.source;
    const originals = kind === 'body' ? splitSentences(line) : [line];
    const sentences = kind === 'body' ? splitSentences(text) : [text];
    const groups = kind === 'body' ? groupSentences(sentences) : [[0, text] as [number, string]];
    const originalGroups = kind === 'body' ? groupSentences(originals) : [[0, line] as [number, string]];
    // Cleaning can merge or split sentence marks (a mojibake span may hide a 。): pair the
    // originals with the cleaned passages only when they line up, else cite the whole line.
    const aligned = originalGroups.length === groups.length && originalGroups.every((g, i) => g[0] === groups[i]![0]);
    groups.forEach(([first, passageText], gi) => {
      const id = `${raw.id}#p${paragraph}.s${first + 1}`;
      const original = aligned ? originalGroups[gi]![1] : line;
      passages.push({
        id,
        doc: raw.id,
        order: passages.length,
        kind,
        text: passageText,
        // A line cleaning left as it was keeps one string for both (at 1M passages, ~100 MB less).
        original: original === passageText ? passageText : original,
        figures: kind === 'dateline' ? [] : findFigures(passageText, id, raw.id),
      });
    });
  });
  const info: DocumentInfo = {
    id: raw.id,
    file: raw.file,
    title: title || raw.id,
    source,
    date,
    passages: passages.length,
    figures: passages.reduce((n, p) => n + p.figures.length, 0),
    repairs,
    unknowns,
    hash: raw.hash,
    ...(raw.encoding && raw.encoding !== 'utf-8' ? { encoding: raw.encoding } : {}),
  };
  return { info, passages };
}

/** How a passage id is written: `document#p<paragraph>.s<sentence>`. */
export const PASSAGE_ID = /^\S+#p\d+\.s\d+$/u;

/**
 * The error for a passage id that found nothing: none given, not shaped like an id, or an id the
 * corpus lacks. What is echoed is sanitised and cut; each transport escapes it as it replies.
 */
export function passageIdError(input: string, example: string): BotError {
  const id = forEcho(input);
  if (!id) return new BotError('PASSAGE_ID_MISSING', { example });
  return new BotError(PASSAGE_ID.test(id) ? 'PASSAGE_NOT_FOUND' : 'PASSAGE_ID_INVALID', { id, example });
}
