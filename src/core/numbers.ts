/** Number expressions as users write and search them (`第13场`, `554.7亿元`, `3200万千瓦`): one pattern for the index and the question reader. */
import { UNIT_ALTERNATION } from './units.js';

const MAGNITUDE = '[万亿千百]{0,3}';
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** A number as users search for it: `第13场`, `554.7亿元`, `3200万千瓦`, `7.8%`, `30%`. */
// First a (lazy) magnitude followed by a unit, units longest first, so `620亿千瓦时` is taken whole;
// only then a bare magnitude.
export const NUMBER_TOKEN = new RegExp(`第?(?:${NUMBER})(?:${MAGNITUDE}?(?:${UNIT_ALTERNATION})|${MAGNITUDE})`, 'gu');

/**
 * The parts of one number expression. The magnitude is lazy and the unit anchored, so
 * `3200万千瓦` parses as 3200 · 万 · 千瓦 rather than 3200 · 万千 · 瓦.
 */
export const NUMBER_PARTS = new RegExp(`^(第?)(${NUMBER})([万亿千百]{0,3}?)(${UNIT_ALTERNATION})?$`, 'u');

/**
 * Expands one number expression into the tokens it should be findable by:
 * the whole (`3200万千瓦`), the number with its magnitude (`3200万`), the bare number (`3200`)
 * and the unit (`千瓦`), so "3200万" and "3200万千瓦" both find it.
 */
export function numberTokens(written: string): string[] {
  // 1,500 and 1500 are the same number: index and query both drop the separators.
  const expression = written.replaceAll(',', '');
  const out = new Set<string>([expression]);
  const m = NUMBER_PARTS.exec(expression);
  if (m) {
    const [, ordinal = '', digits = '', magnitude = '', unit = ''] = m;
    out.add(digits);
    if (ordinal) out.add(`${ordinal}${digits}`);
    if (magnitude) out.add(digits + magnitude);
    if (unit) out.add(unit);
  }
  return [...out];
}
