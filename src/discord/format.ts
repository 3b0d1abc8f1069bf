/** Discord formatting of the engine's plain data: escaping, highlighting, truncation, embeds and tables within Discord's limits. */
import { escapeMarkdown, type APIEmbed, type APIEmbedField } from 'discord.js';
import type {
  Answer,
  DocumentInfo,
  Figure,
  Passage,
  ReloadReport,
  Script,
  ScoredPassage,
  SearchResult,
  SourceInfo,
} from '../core/types.js';
import { toScript } from '../core/text.js';

/** Discord's documented limits (characters). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
} as const;

/** Embed colours: found, not found / warning, error. */
export const COLOURS = { ok: 0x2f80ed, warn: 0xf2c94c, error: 0xeb5757 } as const;

/** Documents of the serving corpus by id. */
export type DocIndex = ReadonlyMap<string, DocumentInfo>;

/** Builds the id → document map for a corpus description. */
export function docIndex(source: SourceInfo): DocIndex {
  return new Map(source.documents.map((d) => [d.id, d]));
}

/** Escapes Discord markdown in user or corpus text and defuses @everyone/@here. */
export function escapeText(text: string): string {
  return escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
    escape: true,
  }).replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Cuts text to at most `max` characters (UTF-16 units), on a code point boundary, ending with '…' when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return out + '…';
}

/** Converts a label or corpus text (simplified) to the reader's script. */
export function inScript(text: string, script: Script): string {
  return toScript(text, script);
}

/** Character ranges [start, end) of every occurrence of the terms, merged and sorted. */
export function matchRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const term of new Set(terms)) {
    if (!term) continue;
    for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + term.length)) ranges.push([i, i + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Escaped markdown of a text in the reader's script, with the terms (words, figures) in bold. */
export function highlight(text: string, terms: readonly string[], script: Script): string {
  let out = '';
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) out += escapeText(toScript(text.slice(at, start), script));
    out += `**${escapeText(toScript(text.slice(start, end), script))}**`;
    at = end;
  }
  if (at < text.length) out += escapeText(toScript(text.slice(at), script));
  return out;
}

/** A window of at most `max` characters of the text around the first match, with '…' where cut. */
export function snippet(text: string, terms: readonly string[], max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const first = matchRanges(flat, terms)[0];
  const start = first ? Math.max(0, Math.min(first[0] - Math.floor(max / 3), flat.length - max)) : 0;
  const body = truncate(flat.slice(start), max - (start > 0 ? 1 : 0));
  return (start > 0 ? '…' : '') + body;
}

/** Highlighted markdown of the text that fits in `max` characters once escaped (shortening the text as needed). */
export function highlightWithin(text: string, terms: readonly string[], script: Script, max: number): string {
  let budget = Math.min(text.length, max);
  for (;;) {
    const rendered = highlight(snippet(text, terms, budget), terms, script);
    if (rendered.length <= max) return rendered;
    if (budget <= 1) return truncate(rendered, max);
    budget = Math.max(1, Math.floor(budget * Math.min(0.9, max / rendered.length)));
  }
}

/** The strings to bold in a passage: the matched words and the figures it states. */
function boldTerms(matched: readonly string[], figures: readonly Figure[], passageId: string): string[] {
  return [...matched, ...figures.filter((f) => f.passage === passageId).map((f) => f.text)];
}

/** `《title》` of a document in the reader's script, or its id when unknown. */
function titleOf(doc: DocumentInfo | undefined, id: string, script: Script): string {
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

/** The embed answering a question: direct answer first, the best passage highlighted, citations, source in the footer. */
export function answerEmbed(answer: Answer, docs: DocIndex, options: { citations: number }): APIEmbed {
  const s = answer.script;
  const cited = answer.passages.slice(0, Math.max(1, options.citations));
  const best = cited[0];
  const fields: APIEmbedField[] = [];
  let description = `**${escapeText(truncate(answer.answer, 1000))}**`;
  if (best) {
    const terms = boldTerms(best.matched, answer.figures, best.id);
    const room = LIMITS.embedDescription - description.length - 16;
    description += `\n\n> ${highlightWithin(best.text, terms, s, Math.min(room, 1500))} [1]`;
    const lines = cited.map((p, i) => citation(i + 1, p.id, docs, p.doc, s));
    fields.push({ name: inScript('出处 Sources', s), value: joinWithin(lines, LIMITS.fieldValue) });
    if (cited.length > 1) {
      const more = cited.slice(1).map((p, i) => `[${i + 2}] ${highlightWithin(p.text, boldTerms(p.matched, answer.figures, p.id), s, 200)}`);
      fields.push({ name: inScript('其他段落 Other passages', s), value: joinWithin(more, LIMITS.fieldValue) });
    }
  }
  if (answer.byDocument && answer.byDocument.length > 0) {
    // Several documents answer alike: each one's answer beside its citation marker.
    const marker = new Map(cited.map((p, i) => [p.id, i + 1]));
    const lines = answer.byDocument.map((d) => `[${marker.get(d.passage) ?? '?'}] ${titleOf(docs.get(d.doc), d.doc, s)} **${escapeText(d.answer)}**`);
    fields.unshift({ name: inScript('各文档的答案 Answers by document', s), value: joinWithin(lines, LIMITS.fieldValue) });
  }
  // Beside an answer, related passages fill the citation slots the cited ones leave.
  const room = answer.found ? options.citations - cited.length : Math.max(1, options.citations);
  const related = (answer.related ?? []).slice(0, Math.max(0, room));
  if (related.length > 0) {
    // Labelled as possibly related: the bot claims no answer and no figure from them.
    const lines = related.map((p, i) => `(${i + 1}) ${highlightWithin(p.text, p.matched, s, 300)}\n${titleOf(docs.get(p.doc), p.doc, s)} · \`${p.id.replace(/`/g, "'")}\``);
    fields.push({ name: inScript('可能相关的段落 Possibly related passages', s), value: joinWithin(lines, LIMITS.fieldValue, '\n\n') });
  }
  if (answer.found && answer.figures.length > 0) {
    const marker = new Map(cited.map((p, i) => [p.id, i + 1]));
    const lines = answer.figures.slice(0, 8).map((f) => {
      const n = marker.get(f.passage);
      return `**${escapeText(toScript(f.text, s))}** ${escapeText(toScript(f.measure, s))}${n ? ` [${n}]` : ` \`${f.passage}\``}`;
    });
    fields.push({ name: inScript('数字 Figures', s), value: joinWithin(lines, LIMITS.fieldValue) });
  }
  const footer = best ? sourceLine(docs.get(best.doc), s) : undefined;
  return clampEmbed({
    color: answer.found ? COLOURS.ok : COLOURS.warn,
    title: truncate(escapeText(answer.question), LIMITS.embedTitle),
    description,
    fields,
    ...(footer ? { footer: { text: footer } } : {}),
  });
}

/** One page of search results as a numbered list with citations; `page` is 0-based. */
export function searchEmbed(result: SearchResult, docs: DocIndex, page: number, pageSize: number): APIEmbed {
  const s = result.script;
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const lines = result.passages.map((p, i) => {
    const n = page * pageSize + i + 1;
    return `**${n}.** ${highlightWithin(p.text, p.matched, s, 300)}\n${citation(n, p.id, docs, p.doc, s)}`;
  });
  const description =
    lines.length > 0 ? joinWithin(lines, LIMITS.embedDescription, '\n\n') : inScript('没有找到相关段落。 No passage matched.', s);
  return clampEmbed({
    color: result.passages.length > 0 ? COLOURS.ok : COLOURS.warn,
    title: truncate(`${inScript('搜索', s)} Search: ${escapeText(result.query)}`, LIMITS.embedTitle),
    description,
    footer: { text: `${inScript(`第 ${page + 1}/${pages} 页 · 共 ${result.total} 条`, s)} · page ${page + 1}/${pages} · ${result.total} matches` },
  });
}

/** One whole passage, its figures in bold, with its place in the document and its source. */
export function passageEmbed(passage: Passage, docs: DocIndex, script: Script, position?: { index: number; count: number }): APIEmbed {
  const doc = docs.get(passage.doc);
  const terms = passage.figures.map((f) => f.text);
  const where = position ? ` · ${position.index + 1}/${position.count}` : '';
  return clampEmbed({
    color: COLOURS.ok,
    title: truncate(doc ? `《${toScript(doc.title, script)}》` : passage.doc, LIMITS.embedTitle),
    description: highlightWithin(passage.text, terms, script, LIMITS.embedDescription),
    fields: [{ name: inScript('段落 Passage', script), value: `\`${passage.id.replace(/`/g, "'")}\`${where}`, inline: true }],
    footer: { text: sourceLine(doc, script) ?? passage.doc },
  });
}

/** Display width in a monospace font: East Asian wide and full-width characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Pads (or cuts with '…') text to an exact display width. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text + ' '.repeat(width - displayWidth(text));
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…' + ' '.repeat(Math.max(0, width - 1 - displayWidth(out)));
}

/** The figure's number as written, without its unit (`超3200万千瓦` → `超3200万`). */
export function figureValue(f: Figure): string {
  if (f.unit && f.text.endsWith(f.unit)) return f.text.slice(0, -f.unit.length);
  return f.text || `${f.qualifier}${f.value}`;
}

/** Rows of the figures table per page. */
export const FIGURES_PER_PAGE = 15;

/** A page of figures as a compact monospace table (what, value, unit, passage) with a legend of documents. */
export function figuresEmbed(figures: readonly Figure[], docs: DocIndex, options: { topic: string; page: number; script: Script }): APIEmbed {
  const s = options.script;
  const pages = Math.max(1, Math.ceil(figures.length / FIGURES_PER_PAGE));
  const page = Math.min(Math.max(0, options.page), pages - 1);
  const rows = figures.slice(page * FIGURES_PER_PAGE, (page + 1) * FIGURES_PER_PAGE);
  const docOrder = [...new Set(rows.map((f) => docOf(f.passage)))];
  const docTag = (id: string) => (docOrder.length > 1 ? `D${docOrder.indexOf(id) + 1} ` : '');
  const clean = (t: string) => toScript(t, s).replace(/`/g, "'").replace(/\s+/g, ' ');
  const header = `${fitWidth(inScript('项目', s), 18)} ${fitWidth(inScript('数值', s), 12)} ${fitWidth(inScript('单位', s), 8)} ${inScript('段落', s)}`;
  const lines = rows.map(
    (f) => `${fitWidth(clean(f.measure || '—'), 18)} ${fitWidth(clean(figureValue(f)), 12)} ${fitWidth(clean(f.unit || '—'), 8)} ${docTag(docOf(f.passage))}${f.passage.slice(f.passage.indexOf('#') + 1)}`,
  );
  const title = options.topic
    ? `${inScript('数字', s)} Figures: ${escapeText(options.topic)}`
    : `${inScript('全部数字', s)} All figures`;
  const description =
    rows.length === 0
      ? inScript('没有找到相关数字。 No figures about this topic.', s)
      : '```\n' + [header, ...lines].join('\n').slice(0, LIMITS.embedDescription - 8) + '\n```';
  const legend = docOrder.map((id, i) => `${docOrder.length > 1 ? `D${i + 1} = ` : ''}${titleOf(docs.get(id), id, s)} \`${id.replace(/`/g, "'")}\``);
  return clampEmbed({
    color: rows.length > 0 ? COLOURS.ok : COLOURS.warn,
    title: truncate(title, LIMITS.embedTitle),
    description,
    fields: legend.length > 0 ? [{ name: inScript('文档 Documents', s), value: joinWithin(legend, LIMITS.fieldValue) }] : [],
    footer: { text: `${inScript(`第 ${page + 1}/${pages} 页 · 共 ${figures.length} 个数字`, s)} · page ${page + 1}/${pages} · ${figures.length} figures` },
  });
}

/** The document id of a passage id (`doc#p1.s1` → `doc`). */
export function docOf(passageId: string): string {
  const at = passageId.lastIndexOf('#');
  return at === -1 ? passageId : passageId.slice(0, at);
}

/** Feedback totals shown to moderators by /source. */
export interface FeedbackSummary {
  up: number;
  down: number;
  /** Questions with the most 👎, most first. */
  worst: Array<{ question: string; down: number }>;
}

/** What the corpus holds: counts, documents, the last reload, and (for moderators) the feedback summary. */
export function sourceEmbed(
  source: SourceInfo,
  lastReload: { at: string; report: ReloadReport } | null,
  feedback?: FeedbackSummary,
): APIEmbed {
  const fields: APIEmbedField[] = [];
  const built = unix(source.builtAt);
  fields.push({
    name: '索引 Index',
    value: lastReload
      ? `重新加载 Reloaded <t:${unix(lastReload.at)}:R> · ${lastReload.report.ms} ms · ${reloadSummary(lastReload.report)}`
      : `启动时建立 Built at start-up <t:${built}:R> · ${source.buildMs} ms · 尚未重新加载 not reloaded yet`,
  });
  const docs = source.documents.map(
    (d) => `${titleOf(d, d.id, 'simplified')} ${escapeText([d.source, d.date].filter(Boolean).join(', '))} — ${d.passages} 段 passages, ${d.figures} 个数字 figures`,
  );
  if (docs.length > 0) fields.push({ name: '文档 Documents', value: joinWithin(docs, LIMITS.fieldValue) });
  // Left out at start: a moderator fixes them (a /reload is refused until then).
  const skipped = (source.skipped ?? []).map((f) => `⚠️ \`${f.file.replace(/`/g, "'")}\` — ${escapeText(truncate(f.message, 300))}`);
  if (skipped.length > 0) fields.push({ name: '已跳过的文件 Skipped files', value: joinWithin(skipped, LIMITS.fieldValue) });
  if (feedback) {
    const worst = feedback.worst.map((w) => `👎 ${w.down} — ${escapeText(truncate(w.question, 120))}`);
    fields.push({ name: '反馈 Feedback', value: joinWithin([`👍 ${feedback.up} · 👎 ${feedback.down}`, ...worst], LIMITS.fieldValue) });
  }
  return clampEmbed({
    color: COLOURS.ok,
    title: '语料 Corpus',
    description: `**${source.documents.length}** 篇文档 documents · **${source.passages}** 个段落 passages · **${source.figures}** 个数字 figures`,
    fields,
  });
}

/** A one-line summary of a reload report. */
export function reloadSummary(r: ReloadReport): string {
  const d = r.documents;
  return `docs +${d.added.length} −${d.removed.length} ~${d.changed.length}, passages +${r.passages.added} −${r.passages.removed} ~${r.passages.changed} (${r.passages.total})`;
}

/** The ephemeral reply of a successful /reload: what changed. */
export function reloadEmbed(r: ReloadReport): APIEmbed {
  const names = (list: string[]) => (list.length === 0 ? '—' : list.map((n) => `\`${n.replace(/`/g, "'")}\``).join(', '));
  return clampEmbed({
    color: COLOURS.ok,
    title: '重新加载完成 Reload complete',
    description: [
      `**文档 Documents**: +${r.documents.added.length} −${r.documents.removed.length} ~${r.documents.changed.length}`,
      `**段落 Passages**: +${r.passages.added} −${r.passages.removed} ~${r.passages.changed}, ${r.passages.total} 共 in all`,
      `**数字 Figures**: ${r.figures.before} → ${r.figures.after}`,
      `**修复 Repairs**: ${r.repairs}`,
      `**用时 Time**: ${r.ms} ms`,
      ...(r.warnings ?? []).map((w) => `⚠️ ${escapeText(truncate(w, 300))}`),
    ].join('\n'),
    fields: [
      { name: '新增 Added', value: truncate(names(r.documents.added), LIMITS.fieldValue), inline: true },
      { name: '删除 Removed', value: truncate(names(r.documents.removed), LIMITS.fieldValue), inline: true },
      { name: '修改 Changed', value: truncate(names(r.documents.changed), LIMITS.fieldValue), inline: true },
    ],
  });
}

/** The ephemeral reply of a failed /reload: the reason, and that the previous index keeps serving. */
export function reloadFailedEmbed(message: string): APIEmbed {
  return clampEmbed({
    color: COLOURS.error,
    title: '重新加载失败 Reload failed',
    description: `${escapeText(message)}\n\n旧索引继续服务。 The previous index keeps serving.`,
  });
}

/** Autocomplete choices (≤ 25, names and values ≤ 100 characters) for passages matching a partial query. */
export function passageChoices(
  passages: readonly ScoredPassage[],
  script: Script,
  value: (p: ScoredPassage) => string,
): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  for (const p of passages) {
    const v = value(p);
    if (!v || v.length > LIMITS.choiceValue || seen.has(v)) continue;
    seen.add(v);
    const label = `${toScript(p.text.replace(/\s+/g, ' '), script)}`;
    const tag = ` · ${p.id.slice(p.id.indexOf('#') + 1)}`;
    out.push({ name: truncate(label, LIMITS.choiceName - tag.length) + tag, value: v });
    if (out.length >= LIMITS.choices) break;
  }
  return out;
}

/** Joins lines with a separator, dropping whole lines (noted with '…') so the result fits in `max`. */
export function joinWithin(lines: readonly string[], max: number, separator = '\n'): string {
  let out = '';
  for (const [i, line] of lines.entries()) {
    const next = (i === 0 ? '' : separator) + line;
    if (out.length + next.length > max - 2) {
      if (out.length === 0) return truncate(line, max);
      return out + separator.slice(0, 1) + '…';
    }
    out += next;
  }
  return out || '—';
}

/** The characters that count towards an embed's 6,000-character total. */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Enforces every embed limit: per-part lengths, 25 fields, 6,000 characters in all (description shrinks first, then fields go). */
export function clampEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.title !== undefined) e.title = truncate(e.title, LIMITS.embedTitle) || undefined;
  if (e.description !== undefined) e.description = truncate(e.description, LIMITS.embedDescription) || undefined;
  if (e.footer) e.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  if (e.author) e.author = { ...e.author, name: truncate(e.author.name, LIMITS.author) };
  if (e.fields) {
    e.fields = e.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || '—',
      value: truncate(f.value, LIMITS.fieldValue) || '—',
    }));
  }
  let over = embedLength(e) - LIMITS.embedTotal;
  if (over > 0 && e.description) {
    e.description = truncate(e.description, Math.max(1, e.description.length - over));
    over = embedLength(e) - LIMITS.embedTotal;
  }
  while (over > 0 && e.fields && e.fields.length > 0) {
    e.fields = e.fields.slice(0, -1);
    over = embedLength(e) - LIMITS.embedTotal;
  }
  if (over > 0 && e.footer) e.footer = { ...e.footer, text: truncate(e.footer.text, Math.max(1, e.footer.text.length - over)) };
  return e;
}

/** Message content cut to Discord's 2,000 characters. */
export function clampContent(text: string): string {
  return truncate(text, LIMITS.content);
}

function unix(iso: string): number {
  const t = Date.parse(iso);
  return Math.floor((Number.isNaN(t) ? Date.now() : t) / 1000);
}
