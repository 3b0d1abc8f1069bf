/** What every embed shares: colours, the documents by id, titles, citations and the source line. */
import type { DocumentInfo, Script, SourceInfo } from '../../core/types.js';
import { toScript } from '../../core/text.js';
import { LIMITS, truncate } from '../limits.js';
import { escapeText } from '../markup.js';

/** Embed colours: found, not found / warning, error. */
export const COLOURS = { ok: 0x2f80ed, warn: 0xf2c94c, error: 0xeb5757 } as const;

/** Documents of the serving corpus by id. */
export type DocIndex = ReadonlyMap<string, DocumentInfo>;

/** Builds the id → document map for a corpus description. */
export function docIndex(source: SourceInfo): DocIndex {
  return new Map(source.documents.map((d) => [d.id, d]));
}

/** Converts a label or corpus text (simplified) to the reader's script. */
export function inScript(text: string, script: Script): string {
  return toScript(text, script);
}

/** `《title》` of a document in the reader's script, or its id when unknown. */
export function titleOf(doc: DocumentInfo | undefined, id: string, script: Script): string {
  return doc ? `《${escapeText(toScript(doc.title, script))}》` : escapeText(id);
}

/** The footer line naming a document's source: title · outlet · date. */
export function sourceLine(doc: DocumentInfo | undefined, script: Script): string | undefined {
  if (!doc) return undefined;
  return truncate([doc.title, doc.source, doc.date].filter(Boolean).map((s) => toScript(s, script)).join(' · '), LIMITS.footer);
}

/** A citation marker naming the document and the passage: `[1] 《title》 · doc#p1.s1`. */
export function citation(n: number, passageId: string, docs: DocIndex, doc: string, script: Script): string {
  return `[${n}] ${titleOf(docs.get(doc), doc, script)} · \`${passageId.replace(/`/g, "'")}\``;
}
