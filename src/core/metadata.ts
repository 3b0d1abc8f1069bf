/** A document's metadata, read from its lines: which line is a dateline (date and outlet) or a caption, and the repairs cleaning made. */
import type { DocumentInfo, PassageKind, Repair } from './types.js';

/** `2024-12-10 21:39:09 来源: 天山网-新疆日报原创`: a news dateline with the outlet. */
export const DATELINE = /^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|來源|来自|出处)\s*[:：]\s*(.+)$/u;
/** A photo caption ends with the photographer's credit: `…何龙摄`. */
export const CAPTION = /[\p{Script=Han}]{2,4}(?:摄|摄影|供图)[。．.]?$/u;

/** A dateline's date as ISO (`2024-12-10 21:39` → `2024-12-10`); anything else unchanged. */
export function normaliseDate(d: string): string {
  const m = /(\d{4})\D(\d{1,2})\D(\d{1,2})/u.exec(d);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : d;
}

/**
 * What one cleaned line is: the headline (the first line, when front matter gave no title), a
 * dateline (with its date, normalised, and its outlet without 原创/转载), a caption, or body text.
 */
export function readLine(text: string, first: boolean): { kind: PassageKind; date?: string; source?: string } {
  if (first) return { kind: 'headline' };
  const dateline = DATELINE.exec(text);
  if (dateline) return { kind: 'dateline', date: normaliseDate(dateline[1]!), source: dateline[2]!.replace(/(?:原创|转载)$/u, '').trim() };
  return { kind: CAPTION.test(text) ? 'caption' : 'body' };
}

/** The repairs a document's cleaning made: the log's 'unknown' entries are spans left unrepaired (counted in `unknowns`), not repairs. */
export function repairsMade(doc: Pick<DocumentInfo, 'repairs'>): Repair[] {
  return doc.repairs.filter((r) => r.kind !== 'unknown');
}
