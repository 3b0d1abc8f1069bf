/** The one table of Chinese units and measure words: segmentation, figure extraction and question reading all use it. */

/** What a unit measures; `count` units are measure words (the counted thing follows: 3家企业). */
export type UnitDimension = 'currency' | 'area' | 'length' | 'volume' | 'mass' | 'energy' | 'power' | 'time' | 'percent' | 'count' | 'ratio' | 'temperature' | 'frequency' | 'data';

/** Every unit as written, with what it measures and, for synonyms, the one form figures carry. */
const TABLE: ReadonlyArray<readonly [written: string, dimension: UnitDimension, canonical?: string]> = [
  // Currencies: 亿元 is 元 with a magnitude, so only the base forms are listed.
  ['元', 'currency'], ['人民币', 'currency', '元'], ['元人民币', 'currency', '元'], ['美元', 'currency'], ['欧元', 'currency'], ['日圆', 'currency', '日元'], ['美金', 'currency', '美元'],
  ['港元', 'currency'], ['港币', 'currency', '港元'], ['日元', 'currency'], ['英镑', 'currency'], ['韩元', 'currency'],
  ['卢布', 'currency'], ['澳元', 'currency'], ['加元', 'currency'], ['新台币', 'currency'], ['台币', 'currency', '新台币'],
  ['法郎', 'currency'], ['马克', 'currency'], ['金马克', 'currency', '马克'],
  // Areas.
  ['平方千米', 'area'], ['平方公里', 'area', '平方千米'], ['平方米', 'area'], ['平方厘米', 'area'], ['平方英里', 'area'],
  ['公顷', 'area'], ['英亩', 'area'], ['亩', 'area'],
  // Lengths.
  ['千米', 'length'], ['公里', 'length', '千米'], ['米', 'length'], ['厘米', 'length'], ['毫米', 'length'], ['纳米', 'length'],
  ['微米', 'length'], ['英里', 'length'],
  // SI symbols written in Latin letters after a number (30km, 1.601 km², 2cm, 4.7 GHz, 128KB).
  ['km²', 'area', '平方千米'], ['m²', 'area', '平方米'], ['km', 'length', '千米'], ['cm', 'length', '厘米'], ['mm', 'length', '毫米'],
  ['kg', 'mass', '千克'], ['GHz', 'frequency'], ['MHz', 'frequency'], ['KB', 'data'], ['MB', 'data'], ['GB', 'data'], ['TB', 'data'],
  // The metric units as Taiwan and Hong Kong write them: 公分 is a centimetre, 公尺 a metre, 公厘 a millimetre.
  ['公分', 'length', '厘米'], ['公尺', 'length', '米'], ['公厘', 'length', '毫米'], ['英尺', 'length'], ['英寸', 'length'], ['海里', 'length'], ['光年', 'length'],
  // Volumes.
  ['立方米', 'volume'], ['立方千米', 'volume'], ['升', 'volume'], ['公升', 'volume', '升'], ['毫升', 'volume'], ['标准箱', 'volume'],
  // Masses.
  ['吨标准煤', 'mass'], ['吨', 'mass'], ['千克', 'mass'], ['公斤', 'mass', '千克'], ['公克', 'mass', '克'], ['公吨', 'mass', '吨'], ['克', 'mass'], ['毫克', 'mass'], ['磅', 'mass'],
  // Energy and power.
  ['千瓦时', 'energy'], ['兆瓦时', 'energy'], ['焦耳', 'energy'], ['千瓦', 'power'], ['兆瓦', 'power'], ['吉瓦', 'power'],
  ['瓦', 'power'], ['马力', 'power'],
  // Durations and ages (a year or a month as a date is read by the figure extractor, not here).
  ['年', 'time'], ['个月', 'time'], ['周', 'time'], ['天', 'time'], ['小时', 'time'], ['分钟', 'time'], ['秒', 'time'],
  ['世纪', 'time'], ['年代', 'time'], ['岁', 'time'], ['周岁', 'time'],
  // Shares: 百分点 is a difference of percentages, not a percentage.
  ['%', 'percent'], ['‰', 'percent'], ['个百分点', 'ratio', '百分点'], ['百分点', 'ratio'], ['倍', 'ratio'],
  // 度 alone is no unit here: it is a kilowatt-hour as often (多少度电) as a degree (摄氏30度 is read by the short answer).
  ['摄氏度', 'temperature'], ['华氏度', 'temperature'],
  // Measure words.
  ['人次', 'count'], ['人', 'count'], ['名', 'count', '人'], ['位', 'count', '人'], ['个', 'count'], ['家', 'count'],
  ['项', 'count'], ['场', 'count'], ['座', 'count'], ['条', 'count'], ['台', 'count'], ['套', 'count'], ['辆', 'count'],
  ['所', 'count'], ['批', 'count'], ['户', 'count'], ['次', 'count'], ['届', 'count'], ['张', 'count'], ['本', 'count'],
  ['部', 'count'], ['件', 'count'], ['只', 'count'], ['头', 'count'], ['匹', 'count'], ['艘', 'count'], ['架', 'count'],
  ['颗', 'count'], ['枚', 'count'], ['篇', 'count'], ['首', 'count'], ['册', 'count'], ['种', 'count'], ['类', 'count'],
  ['支', 'count'], ['队', 'count'], ['层', 'count'], ['栋', 'count'], ['间', 'count'], ['处', 'count'], ['级', 'count'],
  ['国', 'count'], ['省', 'count'], ['县', 'count'], ['村', 'count'], ['口', 'count'], ['票', 'count'], ['分', 'count'],
  ['集', 'count'], ['期', 'count'], ['轮', 'count'], ['章', 'count'], ['节', 'count'], ['代', 'count'], ['盘', 'count'], ['局', 'count'],
];

/** Every written unit, longest first so `千瓦时` wins over `千瓦` and `人次` over `人`. */
export const UNITS: readonly string[] = TABLE.map(([w]) => w).sort((a, b) => [...b].length - [...a].length);

/** The units as one regex alternation (no unit holds a metacharacter: % and ‰ are literal in a `u` pattern). */
export const UNIT_ALTERNATION = UNITS.join('|');

const CANONICAL = new Map(TABLE.map(([w, , c]) => [w, c ?? w]));
const DIMENSION = new Map(TABLE.map(([w, d, c]) => [c ?? w, d]));
for (const [w, d] of TABLE) DIMENSION.set(w, d);

/** The form a figure carries for a written unit (公里 → 千米, 名 → 人, 个百分点 → 百分点); the unit itself otherwise. */
export function canonicalUnit(written: string): string {
  return CANONICAL.get(written) ?? written;
}

/** What a unit measures, or undefined for a word that is not in the table. */
export function unitDimension(unit: string): UnitDimension | undefined {
  return DIMENSION.get(unit);
}

/** True for a measure word: the thing counted follows the figure (`引进25名院士专家`). */
export function isMeasureWord(unit: string): boolean {
  return DIMENSION.get(unit) === 'count';
}

/**
 * Units that name a measurement in a question even without 多少 (…是多少平方千米, 占百分之几): every
 * unit of two characters or more except measure words and durations, whose characters occur
 * inside ordinary words (人次 is kept: it is never part of another word).
 */
export const NAMED_UNITS: readonly string[] = UNITS.filter((u) => {
  const d = DIMENSION.get(u);
  return [...u].length >= 2 && d !== 'time' && (d !== 'count' || u === '人次');
});
