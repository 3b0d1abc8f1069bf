/** The figures embed: a page of figures as a monospace table, with a legend of documents. */
import type { APIEmbed } from 'discord.js';
import { toScript } from '../../core/text.js';
import type { Figure, Script } from '../../core/types.js';
import { LIMITS, clampEmbed, joinWithin, truncate } from '../limits.js';
import { escapeText } from '../markup.js';
import { fitWidth } from '../table.js';
import { COLOURS, inScript, titleOf, type DocIndex } from './common.js';

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
  const docOrder = [...new Set(rows.map((f) => f.doc))];
  const docTag = (id: string) => (docOrder.length > 1 ? `D${docOrder.indexOf(id) + 1} ` : '');
  const clean = (t: string) => toScript(t, s).replace(/`/g, "'").replace(/\s+/g, ' ');
  const header = `${fitWidth(inScript('项目', s), 18)} ${fitWidth(inScript('数值', s), 12)} ${fitWidth(inScript('单位', s), 8)} ${inScript('段落', s)}`;
  const lines = rows.map(
    (f) => `${fitWidth(clean(f.measure || '—'), 18)} ${fitWidth(clean(figureValue(f)), 12)} ${fitWidth(clean(f.unit || '—'), 8)} ${docTag(f.doc)}${f.passage.slice(f.passage.indexOf('#') + 1)}`,
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
