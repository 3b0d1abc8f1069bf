/** Discord's limits and the clamping that keeps every message within them. */
import type { APIEmbed } from 'discord.js';

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
