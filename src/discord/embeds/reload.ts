/** The /reload embeds: what changed, or why the reload failed. */
import type { APIEmbed } from 'discord.js';
import type { ReloadReport } from '../../core/types.js';
import { LIMITS, clampEmbed, truncate } from '../limits.js';
import { escapeText } from '../markup.js';
import { COLOURS } from './common.js';

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
