/** Figure extraction: every number a passage states, as structured data (value, unit, qualifier, measure). */
import type { Figure } from './types.js';
import { UNITS } from './segment.js';

const MAGNITUDES: Record<string, number> = { 百: 1e2, 千: 1e3, 万: 1e4, 亿: 1e8 };
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Qualifiers written before a number, longest first. */
const QUALIFIERS_BEFORE = ['超过', '超出', '突破', '将近', '接近', '不到', '不足', '达到', '累计', '超', '逾', '近', '约', '达', '共'];
/** Qualifiers written after a number. */
const QUALIFIERS_AFTER = ['以上', '以下', '左右', '多', '余'];
/** Classifiers: the counted thing follows the figure (`引进25名院士专家`). */
const CLASSIFIERS = new Set(['个', '家', '名', '项', '场', '座', '条', '台', '套', '辆', '所', '批', '户', '人', '人次']);
/** Verbs that make a clause a predicate about an earlier subject (`、位居全疆第一`). */
const PREDICATE_START = /^(?:位居|位列|居于|居|占|排名|排|列|达|为|是)/u;

/** A number, with thousands separators (`1,500`) or a decimal point. */
const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN_NUM = '[一二三四五六七八九十两百千]+';
const UNIT_ALT = [...UNITS].sort((a, b) => b.length - a.length).join('|');
const Q_BEFORE = QUALIFIERS_BEFORE.join('|');
const Q_AFTER = QUALIFIERS_AFTER.join('|');
/** Words that begin with 第N but are names, not ranks: 第一季度 (a quarter), 第三产业 (a sector). */
const NOT_ORDINAL = '季度|产业|时间|书记|人称|梯队|代表';

/**
 * One pattern, tried left to right; each alternative is a named group so the kind is known:
 * dates first (so 12月10日 is not read as 12 and 10), then ordinals, shares, amounts.
 */
const FIGURE = new RegExp(
  [
    String.raw`(?<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}年(?!\d))`,
    `(?<ordinal>第(?:${NUM}|${CN_NUM})(?!${NOT_ORDINAL})(?:${UNIT_ALT})?|首(?:个|家|座|批|次|位|条))`,
    `(?<share>(?:${CN_NUM}|${NUM})分之(?:${CN_NUM}|${NUM})|一半|过半|半数)`,
    `(?<amount>(?:${Q_BEFORE})?(?:${NUM})(?:余|多)?[万亿千百]{0,3}?(?:余|多)?(?:${UNIT_ALT})(?:${Q_AFTER})?` +
      `|(?:${Q_BEFORE})?(?:${NUM})[万亿千百]{1,3}(?:${Q_AFTER})?` +
      `|(?:${Q_BEFORE})?(?:${NUM})(?:${Q_AFTER})?` +
      `|(?:${Q_BEFORE})?(?:[二三四五六七八九十两][一二三四五六七八九十]*)(?:个|家|名|项|大|座|批))`,
  ].join('|'),
  'gu',
);

/** `N个千亿级` / `N个百亿级`: the scale belongs to the figure's text. */
const SCALE_SUFFIX = /^[千百万亿]+级/u;

/** Splits a passage into clauses: figures and their measures never cross these. */
const CLAUSE_BREAK = /[，。；！？：,;!?:（）()]/u;

/** Converts a Chinese numeral (一, 十三, 两百) to a number; NaN when it is not one. */
export function chineseNumeral(text: string): number {
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in DIGITS) current = DIGITS[ch]!;
    else if (ch in SMALL_UNITS) {
      total += (current || 1) * SMALL_UNITS[ch]!;
      current = 0;
    } else return Number.NaN;
  }
  return total + current;
}

/** `3200万` → 32_000_000; `554.7亿` → 55_470_000_000; `十三` → 13. */
export function parseNumber(numeral: string, magnitude = ''): number {
  const base = /^\d/.test(numeral) ? Number.parseFloat(numeral.replaceAll(',', '')) : chineseNumeral(numeral);
  let value = base;
  for (const m of magnitude) value *= MAGNITUDES[m] ?? 1;
  // Round away binary noise: 554.7 × 1e8 is 55470000000.00001 in floating point.
  return Number.parseFloat(value.toPrecision(12));
}

interface RawFigure {
  start: number;
  end: number;
  figure: Omit<Figure, 'measure' | 'passage'>;
}

function parseMatch(m: RegExpMatchArray, text: string): RawFigure | null {
  const groups = m.groups ?? {};
  const start = m.index ?? 0;
  let written = m[0];
  if (groups.date) {
    const d = /(?:(\d{4})年)?(?:(\d{1,2})月(\d{1,2})日)?/u.exec(written)!;
    const value = d[2] ? Number(d[2]) * 100 + Number(d[3]) : Number(d[1]);
    return { start, end: start + written.length, figure: { text: written, value, unit: d[2] ? '日' : '年', qualifier: '', kind: 'date' } };
  }
  if (groups.ordinal) {
    if (written.startsWith('首')) {
      return { start, end: start + written.length, figure: { text: written, value: 1, unit: written.slice(1), qualifier: '', kind: 'ordinal' } };
    }
    const o = new RegExp(`^第(${NUM}|${CN_NUM})(.*)$`, 'u').exec(written)!;
    const value = parseNumber(o[1]!);
    if (Number.isNaN(value)) return null;
    return { start, end: start + written.length, figure: { text: written, value, unit: o[2] ?? '', qualifier: '', kind: 'ordinal' } };
  }
  if (groups.share) {
    let value = 0.5;
    const frac = /^(.+)分之(.+)$/u.exec(written);
    if (frac) value = parseNumber(frac[2]!) / parseNumber(frac[1]!);
    if (!Number.isFinite(value)) return null;
    return { start, end: start + written.length, figure: { text: written, value: Number.parseFloat(value.toPrecision(6)), unit: '', qualifier: '', kind: 'share' } };
  }
  // 余/多 may stand between the number and its magnitude or unit (10余家, 3000多万元).
  const a = new RegExp(`^(${Q_BEFORE})?(${NUM}|[一二三四五六七八九十两]+)(余|多)?([万亿千百]{0,3}?)(余|多)?(${UNIT_ALT}|大)?(${Q_AFTER})?$`, 'u').exec(written);
  if (!a) return null;
  const [, qBefore = '', numeral = '', qInner1 = '', magnitude = '', qInner2 = '', unit = '', qLast = ''] = a;
  const qAfter = qInner1 || qInner2 || qLast;
  // A bare one- or two-digit number with no unit is usually part of a name or list label, not a figure.
  if (!unit && !magnitude && !qBefore && !qAfter && /^\d{1,2}$/.test(numeral)) return null;
  const value = parseNumber(numeral, magnitude);
  if (Number.isNaN(value)) return null;
  const scale = CLASSIFIERS.has(unit) ? SCALE_SUFFIX.exec(text.slice(start + written.length)) : null;
  if (scale) written += scale[0];
  return {
    start,
    end: start + written.length,
    figure: {
      text: written,
      value,
      unit: unit === '大' ? '' : unit,
      qualifier: qBefore || qAfter,
      kind: unit === '%' || unit === '‰' ? 'percent' : 'amount',
    },
  };
}

/** Shared by every passage that states no figure (most of a large corpus); never mutated. */
const NO_FIGURES: Figure[] = [];

/** Extracts every figure stated in a cleaned passage, in order, each cited to `passageId`. */
export function extractFigures(text: string, passageId: string): Figure[] {
  const raws: RawFigure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const raw = parseMatch(m, text);
    if (raw) raws.push(raw);
  }
  if (raws.length === 0) return NO_FIGURES;
  return raws.map((raw, i) => ({ ...raw.figure, measure: measureOf(text, raws, i), passage: passageId }));
}

/**
 * What a figure measures, in the passage's own words. The clause is cut into list items at `、`;
 * the measure is the figure's item without the figure (`煤电装机超3200万千瓦` → 煤电装机). A short
 * item is a list element and takes the figure-less items before it (`煤基、铝基、硅基3个千亿级`);
 * an item that is only a predicate (`位居全疆第一`) borrows the clause's subject.
 */
function measureOf(text: string, raws: RawFigure[], i: number): string {
  const raw = raws[i]!;
  const clauseStart = lastIndexOfBreak(text, raw.start) + 1;
  const clauseEnd = nextIndexOfBreak(text, raw.end);
  const items = splitItems(text, clauseStart, clauseEnd);
  const hasFigure = (it: Item): boolean => raws.some((r) => r.start >= it.start && r.start < it.end);
  const k = items.findIndex((it) => raw.start >= it.start && raw.start < it.end);
  const item = items[k]!;
  const prev = raws[i - 1];
  const next = raws[i + 1];
  let before = text.slice(Math.max(item.start, prev && prev.end > item.start ? prev.end : item.start), raw.start);
  let after = text.slice(raw.end, next && next.start < item.end ? next.start : item.end);
  // 和/及 start a new conjunct; what follows 等 (`…煤制甲醇等重大项目`) is shared by the whole list.
  after = after.split(/[和及与等]/u)[0] ?? '';
  before = before.replace(/^.*[和及与](?=[^和及与]*$)/u, (m) => (m.length === before.length ? m : ''));
  const listElement = [...before].length <= 4;
  {
    // A list: gather the items before it that state no figure of their own (any, for a short
    // element like 硅基; only short ones like 煤炭、多晶硅 in front of a longer item).
    const list: string[] = [];
    for (let j = k - 1; j >= 0; j--) {
      const it = items[j]!;
      const itText = text.slice(it.start, it.end);
      if (!listElement && (hasFigure(it) || [...itText].length > 4)) break;
      if (hasFigure(it)) {
        const tail = /[和及与]([^和及与]+)$/u.exec(itText);
        if (tail) list.unshift(tail[1]!);
        break;
      }
      list.unshift(itText);
    }
    before = [...list, before].filter(Boolean).join('、');
  }
  before = trimConnectives(before);
  after = trimConnectives(after);
  if (PREDICATE_START.test(before) || (!before && !after)) {
    const first = raws.find((r) => r.start >= clauseStart);
    const subject = first && first !== raw ? trimConnectives(text.slice(clauseStart, first.start)) : '';
    before = trimConnectives(subject + before);
  }
  const measure = [before, after].filter(Boolean).join('…');
  // Keep the words nearest the figure: they say what it measures.
  return [...measure].length > 30 ? [...measure].slice(-30).join('') : measure;
}

interface Item {
  start: number;
  end: number;
}

function splitItems(text: string, start: number, end: number): Item[] {
  const items: Item[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '、') {
      items.push({ start: from, end: i });
      from = i + 1;
    }
  }
  return items;
}

function lastIndexOfBreak(text: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (CLAUSE_BREAK.test(text[i]!)) return i;
  return -1;
}

function nextIndexOfBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (CLAUSE_BREAK.test(text[i]!)) return i;
  return text.length;
}

function trimConnectives(s: string): string {
  return s
    .replace(/^[、和及与\s]+|[、和及与，\s]+$/gu, '')
    .replace(/^(?:其中|目前|今年以来|今年|同时|每年)(?=.)/u, '')
    .trim();
}
