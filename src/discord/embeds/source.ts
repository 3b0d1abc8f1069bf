/** The source embed: what the corpus holds, the last reload, and (for moderators) the feedback summary. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { ReloadReport, SourceInfo } from '../../core/types.js';
import type { FeedbackSummary } from '../feedback.js';
import { LIMITS, clampEmbed, joinWithin, truncate } from '../limits.js';
import { escapeText } from '../markup.js';
import { COLOURS, titleOf } from './common.js';
import { reloadSummary } from './reload.js';
import { UI, say } from '../../messages.js';

/** What the corpus holds: counts, documents, the last reload, and (for moderators) the feedback summary. */
export function sourceEmbed(
  source: SourceInfo,
  lastReload: { at: string; report: ReloadReport } | null,
  feedback?: FeedbackSummary,
): APIEmbed {
  const fields: APIEmbedField[] = [];
  const built = unix(source.builtAt);
  fields.push({
    name: say(UI.index),
    value: lastReload
      ? `${say(UI.reloaded)} <t:${unix(lastReload.at)}:R> · ${lastReload.report.ms} ms · ${reloadSummary(lastReload.report)}`
      : `${say(UI.builtAtStart)} <t:${built}:R> · ${source.buildMs} ms · ${say(UI.notReloaded)}`,
  });
  const docs = source.documents.map(
    (d) => `${titleOf(d, d.id, 'simplified')} ${escapeText([d.source, d.date].filter(Boolean).join(', '))} — ${d.passages} ${say(UI.passagesOfDocument)}, ${d.figures} ${say(UI.figureCount)}`,
  );
  if (docs.length > 0) fields.push({ name: say(UI.documents), value: joinWithin(docs, LIMITS.fieldValue) });
  // Left out at start: a moderator fixes them (a /reload is refused until then).
  const skipped = (source.skipped ?? []).map((f) => `⚠️ \`${f.file.replace(/`/g, "'")}\` — ${escapeText(truncate(f.message, 300))}`);
  if (skipped.length > 0) fields.push({ name: say(UI.skippedFiles), value: joinWithin(skipped, LIMITS.fieldValue) });
  if (feedback) {
    const worst = feedback.worst.map((w) => `👎 ${w.down} — ${escapeText(truncate(w.question, 120))}`);
    fields.push({ name: say(UI.feedback), value: joinWithin([`👍 ${feedback.up} · 👎 ${feedback.down}`, ...worst], LIMITS.fieldValue) });
  }
  return clampEmbed({
    color: COLOURS.ok,
    title: say(UI.corpus),
    description: `**${source.documents.length}** ${say(UI.documentCount)} · **${source.passages}** ${say(UI.passageCount)} · **${source.figures}** ${say(UI.figureCount)}`,
    fields,
  });
}

function unix(iso: string): number {
  const t = Date.parse(iso);
  return Math.floor((Number.isNaN(t) ? Date.now() : t) / 1000);
}
