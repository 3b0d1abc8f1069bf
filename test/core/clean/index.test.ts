/** cleanText: the whole cleaning of a scraped line, on fixtures, the seed article and properties. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/core/clean/index.js';
import { chinesePunctuation, foldWidth, toSimplified } from '../../../src/core/text.js';

const SEED = readFileSync(new URL('../../../corpus/changji-industry-2024-12-10.txt', import.meta.url), 'utf8');
const LINES = SEED.split('\n').filter((l) => l.trim() !== '');
const cleaned = LINES.map((l) => cleanText(l));
const TONE_LETTERS = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/u;

/** The cleaned text around the first occurrence of `anchor`. */
function around(anchor: string): string {
  const line = cleaned.find((r) => r.text.includes(anchor));
  return line?.text ?? '';
}

describe('cleanText on small fixtures', () => {
  it('strips annotations and converts to simplified', () => {
    // 發(fā)展產(chǎn)業(yè) = 发展产业 "develop industry", annotated
    const r = cleanText('發(fā)展產(chǎn)業(yè)');
    expect(r.text).toBe('发展产业');
    expect(r.repairs).toEqual([{ kind: 'pinyin', before: '發(fā)展產(chǎn)業(yè)', after: '发展产业' }]);
    expect(r.unknowns).toEqual([]);
  });
  it('restores a lost character from its reading and a dictionary word', () => {
    // 新能源?guī)模 = 新能源规模 "new-energy scale", 規 lost; only 规 makes a word (规模) with 模
    expect(cleanText('新能源?guī)模').text).toBe('新能源规模');
    // 日?bào) = 日报 "daily newspaper"
    const r = cleanText('新疆日?bào)');
    expect(r.text).toBe('新疆日报');
    expect(r.repairs).toContainEqual({ kind: 'lost-char', before: '?bào)', after: '报' });
  });
  it('marks a lost character unknown when nothing decides', () => {
    // a zero scorer knows no words, so the reading alone cannot pick a character
    const r = cleanText('新能源?guī)模', { scoreWords: () => 0 });
    expect(r.text).toBe('新能源□模');
    expect(r.unknowns).toHaveLength(1);
    expect(r.repairs).toContainEqual({ kind: 'unknown', before: '?guī)', after: '□' });
  });
  it('undoes a one-byte GBK shift', () => {
    // 谛履茉匆 is 新能源 + the first byte of 規 (d2); `?guī)` gives 規's reading → 新能源规模
    const r = cleanText('新疆谛履茉匆?guī)模優(yōu)勢(shì)');
    expect(r.text).toBe('新疆新能源规模优势');
    expect(r.repairs).toContainEqual({ kind: 'gbk-shift', before: '谛履茉匆?guī)', after: '新能源规' });
  });
  it('turns half-width punctuation between Chinese back to full width, and folds width', () => {
    // ,;! between Han; full-width digits ３２００ fold to 3200; 1,500 stays a number
    expect(cleanText('超３２００萬千瓦,好;是!1,500').text).toBe('超3200万千瓦，好；是！1,500');
  });
});

describe('the five damaged spans of the seed article', () => {
  it('1: 新疆日?qǐng)?bào)原創 → 新疆日报原创 (both times)', () => {
    expect(cleaned[1]!.text).toContain('天山网-新疆日报原创');
    expect(cleaned[3]!.text).toContain('天山网-新疆日报讯');
  });
  it('2: 態勢?!?0日 → the lost bytes stay unknown', () => {
    expect(around('良好态势')).toContain('良好态势□！□0日，');
  });
  it('3: 聚焦鏈?zhǔn)郊?, → 聚焦链式□', () => {
    expect(around('聚焦链')).toContain('郑敏介绍，聚焦链式□，昌吉州');
  });
  it('4: 千瓦?;谛履茉匆?guī)模 → 千瓦□；新能源规模', () => {
    expect(around('1500万千瓦')).toContain('突破1500万千瓦□；新能源规模优势，');
  });
  it('5: 生產力?!编嵜艚榻B, → 生产力□”郑敏介绍，', () => {
    expect(around('新质生产力□')).toContain('发展新质生产力□”郑敏介绍，昌吉州');
  });
  it('lists what stayed unknown', () => {
    const unknowns = cleaned.flatMap((r) => r.unknowns);
    expect(unknowns.length).toBe(5); // 2 in span 2, one each in spans 3, 4, 5
    expect(cleaned.flatMap((r) => r.text.match(/□/g) ?? []).length).toBe(5);
  });
});

describe('the whole seed article', () => {
  it('leaves no annotation, tone letter or `?`, and every line is simplified', () => {
    for (const r of cleaned) {
      expect(r.text).not.toMatch(/[(（][a-zü]+[)）]/u);
      expect(r.text).not.toMatch(TONE_LETTERS);
      expect(r.text).not.toMatch(/[?？]/);
      expect(toSimplified(r.text)).toBe(r.text);
    }
  });
  it('keeps the real parentheses', () => {
    const all = cleaned.map((r) => r.text).join('\n');
    expect(all).toContain('(第13场)');
    expect(all).toContain('(记者盖有军报道)');
    expect(all).toContain('(以下简称“准东开发区”)');
  });
  it('repairs nothing but pinyin on the undamaged lines', () => {
    // lines without `?` or garbage runs have no mojibake: only annotations may be reported
    for (const [i, r] of cleaned.entries()) {
      if (/[?]/.test(LINES[i]!) || /谛履|编嵜|郊/.test(LINES[i]!)) continue;
      expect(r.repairs.every((x) => x.kind === 'pinyin')).toBe(true);
      expect(r.unknowns).toEqual([]);
    }
  });
});

// Ordinary sentences (simplified and traditional) that must come out unchanged but for script and width.
const ORDINARY = [
  '今年前三季度，昌吉州地区生产总值增长7.8%，总量居全疆第二。',
  '2月16日，木垒哈萨克自治县光伏产业园，运维人员在检查设备运行情况。',
  '我们聚焦高科技、高效能、高质量，以科技创新引领产业创新。',
  '他昨天去北京开会了，今天下午回来。',
  '这本书很有意思，你看过吗？',
  '經濟社會發展呈現良好態勢。',
  '会议在乌鲁木齐举行，共有120名代表参加。',
  '天气预报说明天有雨，记得带伞。',
  '公司(ABC)发布了新产品，售价3,200元。',
  '煤电装机超3200万千瓦、位居全疆第一。',
  '小明喜欢吃苹果和香蕉，也喜欢踢足球。',
  '请问去火车站怎么走?',
];

describe('ordinary text is never repaired', () => {
  it('leaves ordinary sentences and their concatenations unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ORDINARY), { minLength: 1, maxLength: 4 }), (parts) => {
        const s = parts.join('');
        const r = cleanText(s);
        expect(r.repairs).toEqual([]);
        expect(r.unknowns).toEqual([]);
        expect(r.text).toBe(chinesePunctuation(foldWidth(toSimplified(s))));
      }),
      { numRuns: 60 },
    );
  });
});

const FRAGMENTS = ['發(fā)', '?guī)', '谛履茉匆', '?', '!', ',', '□', '日', '(', ')', 'fā)', '编嵜艚榻B', '\ud800', '\udc00', '\u0000', '\u200b', '　', '１', '“', '”'];
const messy = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(...FRAGMENTS)), { maxLength: 12 })
  .map((xs) => xs.join(''));

describe('properties', () => {
  it('never throws and returns plain data', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const r = cleanText(s);
        expect(typeof r.text).toBe('string');
        expect(r.text.isWellFormed()).toBe(true);
        expect(Array.isArray(r.repairs) && Array.isArray(r.unknowns)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = cleanText(s).text;
        expect(cleanText(once).text).toBe(once);
      }),
      { numRuns: 300 },
    );
    for (const r of cleaned) expect(cleanText(r.text).text).toBe(r.text);
  });
});
