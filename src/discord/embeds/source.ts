/** The source embed: what the corpus holds, the last reload, and (for moderators) the feedback summary. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { ReloadReport, SourceInfo } from '../../core/types.js';
import type { FeedbackSummary } from '../feedback.js';
import { LIMITS, clampEmbed, joinWithin, truncate } from '../limits.js';
import { escapeText } from '../markup.js';
import { COLOURS, titleOf } from './common.js';
import { reloadSummary } from './reload.js';

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

function unix(iso: string): number {
  const t = Date.parse(iso);
  return Math.floor((Number.isNaN(t) ? Date.now() : t) / 1000);
}
