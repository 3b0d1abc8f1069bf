/** Discord markdown of user and corpus text: escaping, and the matched words in bold within a budget. */
import { escapeMarkdown } from 'discord.js';
import { toScript } from '../core/text.js';
import type { Script } from '../core/types.js';
import { truncate } from './limits.js';

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
