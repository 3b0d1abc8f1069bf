/** The answer embed: the direct answer, the best passage highlighted, citations, figures, and related passages when not found. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { toScript } from '../../core/text.js';
import type { Answer, Figure } from '../../core/types.js';
import { LIMITS, clampEmbed, joinWithin, truncate } from '../limits.js';
import { escapeText, highlightWithin } from '../markup.js';
import { COLOURS, citation, sourceLine, titleOf, type DocIndex } from './common.js';
import { UI, say } from '../../messages.js';

/** The strings to bold in a passage: the matched words and the figures it states. */
function boldTerms(matched: readonly string[], figures: readonly Figure[], passageId: string): string[] {
  return [...matched, ...figures.filter((f) => f.passage === passageId).map((f) => f.text)];
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
    fields.push({ name: say(UI.sources, s), value: joinWithin(lines, LIMITS.fieldValue) });
    if (cited.length > 1) {
      const more = cited.slice(1).map((p, i) => `[${i + 2}] ${highlightWithin(p.text, boldTerms(p.matched, answer.figures, p.id), s, 200)}`);
      fields.push({ name: say(UI.otherPassages, s), value: joinWithin(more, LIMITS.fieldValue) });
    }
  }
  if (answer.byDocument && answer.byDocument.length > 0) {
    // Several documents answer alike: each one's answer beside its citation marker.
    const marker = new Map(cited.map((p, i) => [p.id, i + 1]));
    const lines = answer.byDocument.map((d) => `[${marker.get(d.passage) ?? '?'}] ${titleOf(docs.get(d.doc), d.doc, s)} **${escapeText(d.answer)}**`);
    fields.unshift({ name: say(UI.answersByDocument, s), value: joinWithin(lines, LIMITS.fieldValue) });
  }
  // Beside an answer, related passages fill the citation slots the cited ones leave.
  const room = answer.found ? options.citations - cited.length : Math.max(1, options.citations);
  const related = (answer.related ?? []).slice(0, Math.max(0, room));
  if (related.length > 0) {
    // Labelled as possibly related: the bot claims no answer and no figure from them.
    const lines = related.map((p, i) => `(${i + 1}) ${highlightWithin(p.text, p.matched, s, 300)}\n${titleOf(docs.get(p.doc), p.doc, s)} · \`${p.id.replace(/`/g, "'")}\``);
    fields.push({ name: say(UI.possiblyRelated, s), value: joinWithin(lines, LIMITS.fieldValue, '\n\n') });
  }
  if (answer.found && answer.figures.length > 0) {
    const marker = new Map(cited.map((p, i) => [p.id, i + 1]));
    const lines = answer.figures.slice(0, 8).map((f) => {
      const n = marker.get(f.passage);
      return `**${escapeText(toScript(f.text, s))}** ${escapeText(toScript(f.measure, s))}${n ? ` [${n}]` : ` \`${f.passage}\``}`;
    });
    fields.push({ name: say(UI.figures, s), value: joinWithin(lines, LIMITS.fieldValue) });
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
