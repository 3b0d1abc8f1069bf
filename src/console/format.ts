/** Plain-text formatting of core results for the console and the `ask` CLI. */
import { understoodLine } from '../core/conversation.js';
import { repairsMade } from '../core/metadata.js';
import { toScript } from '../core/text.js';
import { CONSOLE, gloss, say } from '../messages.js';
import type { Answer, DocumentInfo, Figure, Passage, ReloadReport, Script, SearchResult, SkippedFile, SourceInfo } from '../core/types.js';

/** A count with its noun: `1 document`, `2 documents` (English plural: the noun plus s). */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `32000000` → `32,000,000`; fractions keep up to 4 decimals. */
export function formatValue(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** One figure as a line: text, normalised value and unit, what it measures, where it is stated. */
export function formatFigure(f: Figure, script: Script = 'simplified', marker = ''): string {
  const measure = f.measure ? `  ${toScript(f.measure, script)}` : '';
  // A date is shown as its ISO value (and range end), not as a number.
  const value = f.date ? `${f.date}${f.end ? `/${f.end}` : ''}` : `${formatValue(f.value)}${f.unit ? ` ${toScript(f.unit, script)}` : ''}`;
  return `${toScript(f.text, script)} = ${value}${measure}  ${marker || f.passage}`;
}

/** The source line of a document: title | outlet | date. */
export function formatSource(doc: DocumentInfo | undefined, script: Script = 'simplified'): string {
  if (!doc) return '';
  return [doc.title, doc.source, doc.date].filter(Boolean).map((s) => toScript(s, script)).join(' | ');
}

/** An answer for a person (a rewritten follow-up first shows how it was understood): the direct answer, cited passages [n], the figures, the sources. */
export function formatAnswer(answer: Answer, documents: readonly DocumentInfo[]): string {
  const s = answer.script;
  const understood = understoodLine(answer);
  const lines = [...(understood ? [understood] : []), `${toScript(CONSOLE.answer, s)}：${answer.answer}`];
  // Partial evidence is labelled as such: no answer and no figure is claimed from it.
  const relatedLines = (answer.related ?? []).length === 0 ? [] : [`${gloss(CONSOLE.possiblyRelated, s)}:`, ...(answer.related ?? []).flatMap((p, i) => [`(${i + 1}) ${p.id}`, `    ${toScript(p.text, s)}`])];
  if (!answer.found) return [...lines, ...relatedLines].join('\n');
  const markers = new Map(answer.passages.map((p, i) => [p.id, `[${i + 1}]`]));
  // Several documents answer alike: each one's answer with its citation marker.
  for (const d of answer.byDocument ?? []) lines.push(`  ${markers.get(d.passage) ?? ''} 《${toScript(d.title, s)}》：${d.answer}`);
  answer.passages.forEach((p, i) => lines.push(`[${i + 1}] ${p.id}  (${p.score})`, `    ${toScript(p.text, s)}`));
  const cited = answer.figures.filter((f) => markers.has(f.passage));
  if (cited.length) {
    lines.push(`${toScript(CONSOLE.figures, s)}：`);
    for (const f of cited) lines.push(`  ${formatFigure(f, s, markers.get(f.passage))}`);
  }
  const docs = [...new Set(answer.passages.map((p) => p.doc))];
  for (const d of docs) lines.push(`${toScript(CONSOLE.source, s)}：${formatSource(documents.find((x) => x.id === d), s)}`);
  return [...lines, ...relatedLines].join('\n');
}

/** A page of search results. */
export function formatSearch(result: SearchResult, offset = 0): string {
  if (result.passages.length === 0) return gloss(CONSOLE.noPassages, result.script);
  const lines = result.passages.map((p, i) => `${offset + i + 1}. ${p.id}  (${p.score})\n   ${toScript(p.text, result.script)}`);
  lines.push(`(${offset + 1}–${offset + result.passages.length} / ${result.total})`);
  return lines.join('\n');
}

/** One passage whole, with its original text and its neighbours' ids. */
export function formatPassage(p: Passage, neighbours: { previous: Passage | null; next: Passage | null }): string {
  return [
    `${p.id} (${p.kind})`,
    p.text,
    `${CONSOLE.original}：${p.original}`,
    p.figures.length ? `${CONSOLE.figures}：${p.figures.map((f) => f.text).join('、')}` : '',
    `← ${neighbours.previous?.id ?? '—'}    → ${neighbours.next?.id ?? '—'}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** A table of figures: what, value, unit, passage. */
export function formatFigures(figures: readonly Figure[]): string {
  if (figures.length === 0) return gloss(CONSOLE.noFigures);
  return figures.map((f) => formatFigure(f)).join('\n');
}

/** `1 document, 30 passages, 7 figures`: the counts every summary line starts with. */
export function counts(documents: number, passages: number, figures: number): string {
  return `${count(documents, 'document')}, ${count(passages, 'passage')}, ${count(figures, 'figure')}`;
}

/** What the corpus holds. */
export function formatSourceInfo(info: SourceInfo, lastReload: { at: string; report: ReloadReport } | null): string {
  const lines = info.documents.map((d) => `- ${d.id}: ${formatSource(d)} — ${count(d.passages, 'passage')}, ${count(d.figures, 'figure')}, ${count(repairsMade(d).length, 'repair')}`);
  lines.unshift(`${counts(info.documents.length, info.passages, info.figures)}; built ${info.builtAt} in ${info.buildMs} ms`);
  for (const f of info.skipped ?? []) lines.push(formatSkipped(f));
  if (lastReload) lines.push(`last reload: ${lastReload.at}`);
  return lines.join('\n');
}

/** A file left out of the index, and why (its catalog message). */
export function formatSkipped(f: SkippedFile): string {
  return `${say(CONSOLE.skipped)} ${f.file}: ${f.message}`;
}

/** Said after every failed reload: nothing changed for the people asking. */
export const PREVIOUS_INDEX_SERVING = gloss(CONSOLE.previousIndexServing);

/** What a reload changed. */
export function formatReload(r: ReloadReport): string {
  const d = r.documents;
  return [
    `reloaded in ${r.ms} ms`,
    `documents: +${d.added.length} -${d.removed.length} ~${d.changed.length}${[...d.added, ...d.removed, ...d.changed].length ? ` (${[...d.added.map((x) => `+${x}`), ...d.removed.map((x) => `-${x}`), ...d.changed.map((x) => `~${x}`)].join(', ')})` : ''}`,
    `passages: +${r.passages.added} -${r.passages.removed} ~${r.passages.changed} (total ${r.passages.total})`,
    `figures: ${r.figures.before} → ${r.figures.after}; repairs: ${r.repairs}`,
    ...r.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
