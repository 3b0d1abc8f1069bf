/** Figure extraction: every number a passage states, as structured data (value, unit, qualifier, measure, ISO date). */
import type { Figure } from './types.js';
import { UNITS, UNIT_ALTERNATION, canonicalUnit, isMeasureWord } from './units.js';

const MAGNITUDES: Record<string, number> = { 百: 1e2, 千: 1e3, 万: 1e4, 亿: 1e8 };
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Qualifiers written before a number, longest first. */
const QUALIFIERS_BEFORE = ['超过', '超出', '突破', '将近', '接近', '不到', '不足', '达到', '累计', '超', '逾', '近', '约', '达', '共'];
/** Qualifiers written after a number. */
const QUALIFIERS_AFTER = ['以上', '以下', '左右', '多', '余'];
/** Verbs that make a clause a predicate about an earlier subject (`、位居全疆第一`). */
const PREDICATE_START = /^(?:位居|位列|居于|居|占|排名|排|列|达|为|是)/u;

/** A number, with thousands separators (`1,500`) or a decimal point. */
const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN_NUM = '[一二三四五六七八九十两百千]+';
/** A Chinese numeral that may hold a decimal point (百分之零点五). */
const CN_DECIMAL = '[零〇一二三四五六七八九十两百千]+(?:点[零〇一二三四五六七八九]+)?';
const UNIT_ALT = UNIT_ALTERNATION;
/** One space a Latin unit symbol may be written after (1.601 km², 4.7 GHz); a Chinese unit follows its number directly. */
const LATIN_SPACE = `(?: (?=(?:${UNITS.filter((u) => /^[A-Za-z]/u.test(u)).join('|')})(?![A-Za-z])))?`;
const Q_BEFORE = QUALIFIERS_BEFORE.join('|');
const Q_AFTER = QUALIFIERS_AFTER.join('|');
/** Words that begin with 第N but are names, not ranks: 第一季度 (a quarter), 第三产业 (a sector). */
const NOT_ORDINAL = '季度|产业|时间|书记|人称|梯队|代表';
/** Measure words a Chinese-numeral count is written with (两家, 二十个, 五盘); 十大 and 五大 name a list, they count nothing, and 六盘山 / 六盘水 are names. */
const CN_COUNTED = '个|家|名|项|座|批|位|种|次|倍|条|所|届|年|岁|类|天|股|门|艘|架|部|本|场|张|局|首|集|章|篇|枚|颗|盘(?![山水])';
/** What may follow 成 without making it a share: 成为, 完成 … are words (三成为 never reads as 30% + 为). */
const NOT_SHARE_AFTER = '为员立功果本都就绩年交型熟长品人语不了效';
/** A height in metres and the digits after them (身高1米85 is 1.85 m, 1米8 is 1.8 m), not 3米10厘米. */
const METRES_AND = `[1-9]米\\d{1,2}(?![\\d.,万亿千百]|${UNIT_ALT})`;
/** A date: a year, month and day, each optional but in that order, and a range's end after 至/到/-. */
const DATE_PART = String.raw`(?:(?:公元前?)?\d{1,4}年)?\d{1,2}月(?:\d{1,2}[日号])?`;
const RANGE = '(?:至|到|—|－|-|~|～)';

/**
 * One pattern, tried left to right; each alternative is a named group so the kind is known:
 * dates first (so 12月10日 is not read as 12 and 10), then periods, years, ordinals, shares, amounts.
 */
const FIGURE = new RegExp(
  [
    String.raw`(?<date>(?:(?:\d{1,4}年)?\d{1,2}${RANGE}\d{1,2}月)|${DATE_PART}(?:${RANGE}(?:(?:\d{1,4}年)?\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号]))?)`,
    String.raw`(?<period>(?:\d{4}年)?(?:前[一二三]季度|第?[一二三四]季度|[上下]半年))`,
    String.raw`(?<year>(?:公元前?\d{1,4}|\d{3,4})年(?:${RANGE}(?:公元前?)?\d{1,4}年)?(?![代级度])|\d{3,4}${RANGE}\d{3,4}年(?![代级度])|\d{3,4}年代)`,
    `(?<ordinal>第(?:${NUM}|${CN_NUM})(?!${NOT_ORDINAL})(?:${UNIT_ALT})?|首(?:个|家|座|批|次|位|条))`,
    `(?<percent>[百千]分之(?:${NUM}|${CN_DECIMAL})|(?:${Q_BEFORE})?(?:${NUM}|[一二三四五六七八九两])成(?![${NOT_SHARE_AFTER}]))`,
    `(?<share>(?:${CN_NUM}|${NUM})分之(?:${CN_NUM}|${NUM})|一半|过半|半数)`,
    `(?<amount>${METRES_AND}|(?:${Q_BEFORE})?(?:${NUM})(?:余|多)?[万亿千百]{0,3}?(?:余|多)?${LATIN_SPACE}(?:${UNIT_ALT})(?:${Q_AFTER})?` +
      `|(?:${Q_BEFORE})?(?:${NUM})[万亿千百]{1,3}(?:${Q_AFTER})?` +
      `|(?:${Q_BEFORE})?(?:${NUM})(?:${Q_AFTER})?` +
      `|(?:${Q_BEFORE})?(?:[二三四五六七八九十两][一二三四五六七八九十]*)(?:${CN_COUNTED}))`,
  ].join('|'),
  'gu',
);

/** Durations are written like years (30年, 1000年来): what stands around N年 says which it is. */
const DURATION_BEFORE = /(?:近|约|长达|历时|经过|用了|花了|达|共|超过|逾|每|了|这|那|数|前后)$/u;
const DURATION_AFTER = /^(?:来|间|多|余|之久|左右|以上|以来|的时间|时间|后|前)/u;

/** Periods of a year, as months: 前三季度 is January to September. */
const PERIODS: Record<string, [number, number]> = {
  前一季度: [1, 3], 前二季度: [1, 6], 前三季度: [1, 9], 一季度: [1, 3], 二季度: [4, 6], 三季度: [7, 9], 四季度: [10, 12],
  上半年: [1, 6], 下半年: [7, 12],
};

/**
 * A level written straight after a count (3个千亿级, 2家国家级, 5个4A级): it says which things are
 * counted (千亿级 vs 百亿级 clusters), so it stays in the figure's text; the value is the count.
 */
const LEVEL_SUFFIX = /^(?:[千百万亿]+|\d*[A-Z]+|国家|国际|世界|省部|省|自治区|市|州|县|区|乡镇)级(?![别数])/u;

/** Characters that are not words: a lost character (□) or a symbol never belongs to a measure. */
const UNREADABLE = /[□\p{S}]+/gu;
/** Adverbs and modals between a noun phrase and its figure (规模将突破…): the figure's verb, not its measure. */
const TRAILING_ADVERB = /(?:预计将|预计|有望|可望|将会|已经|将|已|可|均|都|也|还|仅|再)+$/u;

/** Splits a passage into clauses: figures and their measures never cross these. */
const CLAUSE_BREAK = /[，。；！？：,;!?:（）()]/u;

/** Converts a Chinese numeral (一, 十三, 两百, 零点五) to a number; NaN when it is not one. */
export function chineseNumeral(text: string): number {
  const point = text.indexOf('点');
  if (point > 0) {
    const whole = chineseNumeral(text.slice(0, point));
    const digits = [...text.slice(point + 1)].map((c) => DIGITS[c]);
    if (digits.length === 0 || digits.some((d) => d === undefined)) return Number.NaN;
    return Number(`${whole}.${digits.join('')}`);
  }
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
  figure: Omit<Figure, 'measure' | 'passage' | 'doc'>;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A year as ISO 8601 writes it: four digits, a year BC negative in astronomical numbering (1 BC = 0000). */
function isoYear(written: string): { iso: string; year: number } {
  const n = Number(/\d+/u.exec(written)![0]);
  if (written.includes('公元前')) return { iso: `-${pad(n - 1, 4)}`, year: -(n - 1) };
  return { iso: pad(n, 4), year: n };
}

/** `2024年12月10日` → { iso: 2024-12-10, year: 2024 }; the year, month or day not written is inherited from `base`. */
function isoDate(written: string, base?: { year?: string; month?: number }): { iso: string; year: number; yearIso?: string; month?: number } {
  const d = /^(?:((?:公元前?)?\d{1,4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})[日号])?$/u.exec(written);
  if (!d) return { iso: '', year: 0 };
  const y = d[1] ? isoYear(d[1]) : undefined;
  const yearIso = y?.iso ?? base?.year;
  const month = d[2] ? Number(d[2]) : base?.month;
  const md = [month !== undefined ? pad(month) : undefined, d[3] ? pad(Number(d[3])) : undefined].filter(Boolean).join('-');
  const iso = yearIso ? [yearIso, md].filter(Boolean).join('-') : `--${md}`;
  return { iso, year: y?.year ?? (yearIso ? Number(yearIso) : 0), ...(yearIso ? { yearIso } : {}), ...(month !== undefined ? { month } : {}) };
}

function dateFigure(start: number, written: string, fields: { value: number; date: string; end?: string }): RawFigure {
  return { start, end: start + written.length, figure: { text: written, value: fields.value, unit: '', qualifier: '', kind: 'date', date: fields.date, ...(fields.end ? { end: fields.end } : {}) } };
}

function parseMatch(m: RegExpMatchArray, text: string): RawFigure | null {
  const groups = m.groups ?? {};
  const start = m.index ?? 0;
  let written = m[0];
  // A number glued to Latin letters is part of a name or model (A380, G20, 5G), not an amount.
  // A unit in Latin letters (30km, 128KB) is one only when no letter follows it (30kms is not km).
  if (/[A-Za-z]/u.test(text[start - 1] ?? '') || (/[\dA-Za-z]$/u.test(written) && /^[A-Za-z]/u.test(text[start + written.length] ?? ''))) return null;
  if (groups.date) {
    // 1-10月: the month of the end is the unit of both ends.
    const short = new RegExp(`^((?:\\d{1,4}年)?)(\\d{1,2})${RANGE}(\\d{1,2})月$`, 'u').exec(written);
    const [from, to] = short ? [`${short[1]}${short[2]}月`, `${short[3]}月`] : written.split(new RegExp(RANGE, 'u'));
    const first = isoDate(from!);
    if (!first.iso) return null;
    const last = to ? isoDate(to, { ...(first.yearIso ? { year: first.yearIso } : {}), ...(first.month !== undefined ? { month: first.month } : {}) }) : undefined;
    return dateFigure(start, written, { value: first.year, date: first.iso, ...(last?.iso ? { end: last.iso } : {}) });
  }
  if (groups.period) {
    const p = /^(?:(\d{4})年)?第?(.+)$/u.exec(written)!;
    const [a, b] = PERIODS[p[2]!] ?? PERIODS[p[2]!.replace(/^第/u, '')]!;
    const year = p[1] ? `${p[1]}-` : '--';
    return dateFigure(start, written, { value: p[1] ? Number(p[1]) : 0, date: `${year}${pad(a)}`, end: `${year}${pad(b)}` });
  }
  if (groups.year) {
    // One rule for years: N年 is a year unless what stands around it makes it a duration (近1000年, 300年来).
    // A range of years (1386年至1403年间) is a span of dates, never a count of years.
    const isRange = new RegExp(RANGE, 'u').test(written);
    if (!isRange && !written.endsWith('年代') && !written.includes('公元') && (DURATION_BEFORE.test(text.slice(0, start)) || DURATION_AFTER.test(text.slice(start + written.length)))) {
      return amountOf(m, text, start, written);
    }
    if (written.endsWith('年代')) {
      const y = Number(/\d+/u.exec(written)![0]);
      // 1980年代 is the decade 1980–1989; a two-digit decade (80年代) is not matched here.
      return dateFigure(start, written, { value: y, date: pad(y, 4), end: pad(y + 9, 4) });
    }
    const parts = written.split(new RegExp(RANGE, 'u'));
    const first = isoYear(parts[0]!.endsWith('年') ? parts[0]! : `${parts[0]}年`);
    const last = parts[1] ? isoYear(parts[1]) : undefined;
    return dateFigure(start, written, { value: first.year, date: first.iso, ...(last ? { end: last.iso } : {}) });
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
  if (groups.percent) {
    // 百分之五 is 5 on the scale of 7.8%, 三成 is 30: one scale for every way of writing a percentage.
    const per = /^([百千])分之(.+)$/u.exec(written);
    const tenth = per ? null : new RegExp(`^(${Q_BEFORE})?(.+)成$`, 'u').exec(written);
    const value = per ? parseNumber(per[2]!) : parseNumber(tenth![2]!) * 10;
    if (!Number.isFinite(value)) return null;
    const unit = per?.[1] === '千' ? '‰' : '%';
    return { start, end: start + written.length, figure: { text: written, value: Number.parseFloat(value.toPrecision(12)), unit, qualifier: tenth?.[1] ?? '', kind: 'percent' } };
  }
  if (groups.share) {
    let value = 0.5;
    const frac = /^(.+)分之(.+)$/u.exec(written);
    if (frac) value = parseNumber(frac[2]!) / parseNumber(frac[1]!);
    if (!Number.isFinite(value)) return null;
    return { start, end: start + written.length, figure: { text: written, value: Number.parseFloat(value.toPrecision(6)), unit: '', qualifier: '', kind: 'share' } };
  }
  return amountOf(m, text, start, written);
}

function amountOf(_m: RegExpMatchArray, text: string, start: number, written: string): RawFigure | null {
  const metres = /^(\d)米(\d{1,2})$/u.exec(written);
  if (metres) return { start, end: start + written.length, figure: { text: written, value: Number(`${metres[1]}.${metres[2]}`), unit: '米', qualifier: '', kind: 'amount' } };
  // 余/多 may stand between the number and its magnitude or unit (10余家, 3000多万元).
  const a = new RegExp(`^(${Q_BEFORE})?(${NUM}|[一二三四五六七八九十两]+)(余|多)?([万亿千百]{0,3}?)(余|多)?${LATIN_SPACE}(${UNIT_ALT})?(${Q_AFTER})?$`, 'u').exec(written);
  if (!a) return null;
  const [, qBefore = '', numeral = '', qInner1 = '', magnitude = '', qInner2 = '', written_unit = '', qLast = ''] = a;
  const qAfter = qInner1 || qInner2 || qLast;
  // A bare one- or two-digit number with no unit is usually part of a name or list label, not a figure.
  if (!written_unit && !magnitude && !qBefore && !qAfter && /^\d{1,2}$/.test(numeral)) return null;
  const value = parseNumber(numeral, magnitude);
  if (Number.isNaN(value)) return null;
  const scale = isMeasureWord(written_unit) ? LEVEL_SUFFIX.exec(text.slice(start + written.length)) : null;
  if (scale) written += scale[0];
  return {
    start,
    end: start + written.length,
    figure: {
      text: written,
      value,
      unit: canonicalUnit(written_unit),
      qualifier: qBefore || qAfter,
      kind: written_unit === '%' || written_unit === '‰' ? 'percent' : 'amount',
    },
  };
}

/** Shared by every passage that states no figure (most of a large corpus); never mutated. */
const NO_FIGURES: Figure[] = [];

/** Extracts every figure stated in a cleaned passage, in order, each cited to `passageId` of document `doc`. */
export function extractFigures(text: string, passageId: string, doc: string): Figure[] {
  const raws: RawFigure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const raw = parseMatch(m, text);
    if (raw) raws.push(raw);
  }
  if (raws.length === 0) return NO_FIGURES;
  return raws.map((raw, i) => ({ ...raw.figure, measure: measureOf(text, raws, i), passage: passageId, doc }));
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
  after = (after.split(/[和及与等]/u)[0] ?? '').replace(UNREADABLE, '');
  // 和/及 after a figure of the same item starts the next conjunct (A100万吨和B200万吨); with no
  // figure before it, it joins the modifiers of one noun phrase (在建及开展前期工作的新能源项目).
  if (prev && prev.end > item.start) before = before.replace(/^.*[和及与](?=[^和及与]*$)/u, (m) => (m.length === before.length ? m : ''));
  before = before.replace(UNREADABLE, '').replace(TRAILING_ADVERB, '');
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

/**
 * Words that open a clause without naming what it measures, on any Chinese text: connectives
 * (其中, 此外, 但是) and time words relative to the writing (今年以来, 去年, 目前, 近五年来, 每年,
 * 截至目前). A closed class of grammar words, never the topic: 风电装机 is left whole.
 */
const LEADING_CONNECTIVE = new RegExp(
  '^(?:' +
    [
      '其中', '此外', '另外', '同时', '而且', '并且', '但是', '然而', '因此', '所以', '总之', '与此同时',
      '目前', '当前', '现在', '如今', '迄今', '至今', '日前', '近期', '此前', '届时', '截至目前', '截至',
      '(?:今|去|前|明|本|上|下|当|同|每|全)(?:年|月|日|天|周|季度)(?:以来|来|底|初|末)?',
      '近(?:\\d+|[一二两三四五六七八九十几])?(?:年|个月)(?:来|以来)?',
    ].join('|') +
    ')(?=.)',
  'u',
);

function trimConnectives(s: string): string {
  let t = s.replace(/^[、和及与\s]+|[、和及与，\s]+$/gu, '');
  // Two may stand together (其中今年以来): strip until none opens the words.
  for (let before = ''; before !== t; ) {
    before = t;
    t = t.replace(LEADING_CONNECTIVE, '').replace(/^[，、\s]+/u, '');
  }
  return t.trim();
}
