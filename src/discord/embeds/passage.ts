/** The passage embed: one whole passage, its figures in bold, its place in the document and its source. */
import type { APIEmbed } from 'discord.js';
import { toScript } from '../../core/text.js';
import type { Passage, Script } from '../../core/types.js';
import { LIMITS, clampEmbed, truncate } from '../limits.js';
import { highlightWithin } from '../markup.js';
import { COLOURS, sourceLine, type DocIndex } from './common.js';
import { UI, say } from '../../messages.js';

/** One whole passage, its figures in bold, with its place in the document and its source. */
export function passageEmbed(passage: Passage, docs: DocIndex, script: Script, position?: { index: number; count: number }): APIEmbed {
  const doc = docs.get(passage.doc);
  const terms = passage.figures.map((f) => f.text);
  const where = position ? ` · ${position.index + 1}/${position.count}` : '';
  return clampEmbed({
    color: COLOURS.ok,
    title: truncate(doc ? `《${toScript(doc.title, script)}》` : passage.doc, LIMITS.embedTitle),
    description: highlightWithin(passage.text, terms, script, LIMITS.embedDescription),
    fields: [{ name: say(UI.passage, script), value: `\`${passage.id.replace(/`/g, "'")}\`${where}`, inline: true }],
    footer: { text: sourceLine(doc, script) ?? passage.doc },
  });
}
