/** The /reload embeds: what changed, or why the reload failed. */
import type { APIEmbed } from 'discord.js';
import type { ReloadReport } from '../../core/types.js';
import { LIMITS, clampEmbed, truncate } from '../limits.js';
import { escapeText } from '../markup.js';
import { COLOURS } from './common.js';
import { UI, say } from '../../messages.js';

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
    title: say(UI.reloadComplete),
    description: [
      `**${say(UI.documents)}**: +${r.documents.added.length} −${r.documents.removed.length} ~${r.documents.changed.length}`,
      `**${say(UI.passages)}**: +${r.passages.added} −${r.passages.removed} ~${r.passages.changed}, ${r.passages.total} ${say(UI.inAll)}`,
      `**${say(UI.figures)}**: ${r.figures.before} → ${r.figures.after}`,
      `**${say(UI.repairs)}**: ${r.repairs}`,
      `**${say(UI.time)}**: ${r.ms} ms`,
      ...(r.warnings ?? []).map((w) => `⚠️ ${escapeText(truncate(w, 300))}`),
    ].join('\n'),
    fields: [
      { name: say(UI.added), value: truncate(names(r.documents.added), LIMITS.fieldValue), inline: true },
      { name: say(UI.removed), value: truncate(names(r.documents.removed), LIMITS.fieldValue), inline: true },
      { name: say(UI.changed), value: truncate(names(r.documents.changed), LIMITS.fieldValue), inline: true },
    ],
  });
}

/** The ephemeral reply of a failed /reload: the reason, and that the previous index keeps serving. */
export function reloadFailedEmbed(message: string): APIEmbed {
  return clampEmbed({
    color: COLOURS.error,
    title: say(UI.reloadFailed),
    description: `${escapeText(message)}\n\n${say(UI.previousIndexServes)}`,
  });
}
