/** The figures embed: a page of figures as a monospace table, with a legend of documents. */
import type { APIEmbed } from 'discord.js';
import { toScript } from '../../core/text.js';
import type { Figure, Script } from '../../core/types.js';
import { LIMITS, clampEmbed, joinWithin, truncate } from '../limits.js';
import { escapeText } from '../markup.js';
import { fitWidth } from '../table.js';
import { COLOURS, inScript, titleOf, type DocIndex } from './common.js';
import { UI, say } from '../../messages.js';

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
  const header = `${fitWidth(inScript(UI.columns.measure, s), 18)} ${fitWidth(inScript(UI.columns.value, s), 12)} ${fitWidth(inScript(UI.columns.unit, s), 8)} ${inScript(UI.columns.passage, s)}`;
  const lines = rows.map(
    (f) => `${fitWidth(clean(f.measure || '—'), 18)} ${fitWidth(clean(figureValue(f)), 12)} ${fitWidth(clean(f.unit || '—'), 8)} ${docTag(f.doc)}${f.passage.slice(f.passage.indexOf('#') + 1)}`,
  );
  const title = options.topic
    ? `${say(UI.figuresAbout, s)} ${escapeText(options.topic)}`
    : say(UI.allFigures, s);
  const description =
    rows.length === 0
      ? say(UI.noFigures, s)
      : '```\n' + [header, ...lines].join('\n').slice(0, LIMITS.embedDescription - 8) + '\n```';
  const legend = docOrder.map((id, i) => `${docOrder.length > 1 ? `D${i + 1} = ` : ''}${titleOf(docs.get(id), id, s)} \`${id.replace(/`/g, "'")}\``);
  return clampEmbed({
    color: rows.length > 0 ? COLOURS.ok : COLOURS.warn,
    title: truncate(title, LIMITS.embedTitle),
    description,
    fields: legend.length > 0 ? [{ name: say(UI.documents, s), value: joinWithin(legend, LIMITS.fieldValue) }] : [],
    footer: { text: say(UI.figuresPage(page + 1, pages, figures.length), s) },
  });
}
