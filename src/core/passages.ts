/** Splitting a cleaned document into passages with stable ids, and reading its title, source and date. */
import type { DocumentInfo, Passage, PassageKind, Repair } from './types.js';
import type { RawDocument } from './documents.js';
import { BotError } from './errors.js';
import { extractFigures } from './figures.js';
import { forEcho } from './text.js';

/** Cleans one raw line; injected so the splitter does not depend on how cleaning is done. */
export type LineCleaner = (raw: string) => { text: string; repairs: Repair[]; unknowns: string[] };

/** `2024-12-10 21:39:09 来源: 天山网-新疆日报原创`: a news dateline with the outlet. */
const DATELINE = /^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|來源|来自|出处)\s*[:：]\s*(.+)$/u;
/** A photo caption ends with the photographer's credit: `…何龙摄`. */
const CAPTION = /[\p{Script=Han}]{2,4}(?:摄|摄影|供图)[。．.]?$/u;
/** Sentence ends: the mark and any closing quotes after it stay with the sentence. */
const SENTENCE = /[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)/gu;
/** A sentence shorter than this (in characters) is joined to the next one: alone it answers nothing. */
const MIN_SENTENCE = 14;

/** Splits text into sentences (。！？；), closing quotes kept with their sentence. */
export function splitSentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Groups sentences into passages: short ones join the next within the paragraph. Returns [first sentence index, text]. */
export function groupSentences(sentences: string[]): Array<[number, string]> {
  const groups: Array<[number, string]> = [];
  let start = 0;
  let buffer = '';
  sentences.forEach((s, i) => {
    if (!buffer) start = i;
    buffer += s;
    // A sentence that is all quotation (“今天的昌吉，……。”) belongs with the next, which says who said it.
    const quotation = /^[“"「『][^“”]*[”"」』]$/u.test(buffer) && i + 1 < sentences.length;
    if ([...buffer].length >= MIN_SENTENCE && !quotation) {
      groups.push([start, buffer]);
      buffer = '';
    }
  });
  if (buffer) {
    const last = groups.at(-1);
    // A short tail joins the previous passage rather than standing alone.
    if (last) last[1] += buffer;
    else groups.push([start, buffer]);
  }
  return groups;
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
export function splitDocument(raw: RawDocument, clean: LineCleaner): CleanedDocument {
  const repairs: Repair[] = [];
  const unknowns: string[] = [];
  const passages: Passage[] = [];
  let title = raw.meta.title ?? '';
  let source = raw.meta.source ?? '';
  let date = raw.meta.date ?? '';
  raw.lines.forEach((line, li) => {
    const cleaned = clean(line);
    repairs.push(...cleaned.repairs);
    unknowns.push(...cleaned.unknowns);
    const paragraph = li + 1;
    const text = cleaned.text.trim();
    if (!text) return;
    let kind: PassageKind = 'body';
    const dateline = DATELINE.exec(text);
    if (li === 0 && !raw.meta.title) {
      kind = 'headline';
      title = text;
    } else if (dateline) {
      kind = 'dateline';
      date ||= normaliseDate(dateline[1]!);
      source ||= dateline[2]!.replace(/(?:原创|转载)$/u, '').trim();
    } else if (CAPTION.test(text)) {
      kind = 'caption';
    }
    const originals = kind === 'body' ? splitSentences(line) : [line];
    const sentences = kind === 'body' ? splitSentences(text) : [text];
    const groups = kind === 'body' ? groupSentences(sentences) : [[0, text] as [number, string]];
    const originalGroups = kind === 'body' ? groupSentences(originals) : [[0, line] as [number, string]];
    // Cleaning can merge or split sentence marks (a mojibake span may hide a 。): pair the
    // originals with the cleaned passages only when they line up, else cite the whole line.
    const aligned = originalGroups.length === groups.length && originalGroups.every((g, i) => g[0] === groups[i]![0]);
    groups.forEach(([first, passageText], gi) => {
      const id = `${raw.id}#p${paragraph}.s${first + 1}`;
      passages.push({
        id,
        doc: raw.id,
        order: passages.length,
        kind,
        text: passageText,
        original: aligned ? originalGroups[gi]![1] : line,
        figures: kind === 'dateline' ? [] : extractFigures(passageText, id, raw.id),
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

function normaliseDate(d: string): string {
  const m = /(\d{4})\D(\d{1,2})\D(\d{1,2})/u.exec(d);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : d;
}

/** The repairs a document's cleaning made: the log's 'unknown' entries are spans left unrepaired (counted in `unknowns`), not repairs. */
export function repairsMade(doc: Pick<DocumentInfo, 'repairs'>): Repair[] {
  return doc.repairs.filter((r) => r.kind !== 'unknown');
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
