/** The index segmenter: numbers stay whole tokens (plus their parts), jieba cuts the words between them. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJiebaSegmenter, type Segmenter } from '../../src/core/segment.js';
import { UNITS } from '../../src/core/units.js';

let segment: Segmenter;
beforeAll(() => {
  segment = createJiebaSegmenter();
});

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const hanString = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

describe('createJiebaSegmenter', () => {
  it('keeps figures whole and emits their parts', () => {
    const tokens = segment('乌苏市风电装机超2800万千瓦，增长6.5%。');
    for (const t of ['2800万千瓦', '2800万', '2800', '千瓦', '6.5%', '6.5']) expect(tokens).toContain(t);
    // the figure is not cut into pieces by jieba
    expect(tokens).not.toContain('2800万千');
  });
  it('554.7亿元, 第13场 and 620亿千瓦时 stay whole', () => {
    expect(segment('完成投资554.7亿元')).toEqual(expect.arrayContaining(['554.7亿元', '554.7亿', '554.7', '元']));
    expect(segment('发布会第13场在喀什举行')).toEqual(expect.arrayContaining(['第13场', '第13', '13', '场']));
    const kwh = segment('外送620亿千瓦时电量');
    expect(kwh).toEqual(expect.arrayContaining(['620亿千瓦时', '千瓦时']));
    expect(kwh).not.toContain('千瓦');
  });
  it('cuts the text between figures into jieba words (search mode: short words inside long ones)', () => {
    const tokens = segment('乌苏市风电装机');
    expect(tokens).toEqual(expect.arrayContaining(['乌苏', '乌苏市', '风电', '装机']));
    expect(segment('发布会')).toEqual(expect.arrayContaining(['发布', '发布会']));
  });
  it('lower-cases Latin words', () => {
    expect(segment('GDP增长')).toContain('gdp');
  });
  it('emits no punctuation or white-space tokens (a number unit such as % is a number part, allowed)', () => {
    const tokens = segment('“新疆”，（乌苏）！增长6.5%。——  “好”…… 、；：');
    const units = new Set<string>(UNITS);
    for (const t of tokens) {
      expect(t.trim()).toBe(t);
      if (!units.has(t)) expect(t).not.toMatch(/^[\s\p{P}\p{S}]+$/u);
    }
    expect(tokens).toContain('新疆');
  });
  it('returns [] for empty, blank or punctuation-only text', () => {
    expect(segment('')).toEqual([]);
    expect(segment('   ')).toEqual([]);
    expect(segment('，。！？')).toEqual([]);
  });
  it('property: never throws and never returns an empty token, for any string', () => {
    const check = (s: string): void => {
      const tokens = segment(s);
      expect(Array.isArray(tokens)).toBe(true);
      for (const t of tokens) {
        expect(typeof t).toBe('string');
        expect(t.length).toBeGreaterThan(0);
      }
    };
    fc.assert(fc.property(fc.string(), check), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), check), { numRuns: 200 });
    fc.assert(fc.property(codeUnitString, check), { numRuns: 200 });
    fc.assert(fc.property(hanString, check), { numRuns: 100 });
  });
  it('property: every number expression in the text comes out as a whole token', () => {
    const figure = fc
      .tuple(fc.integer({ min: 1, max: 99999 }), fc.constantFrom('', '万', '亿'), fc.constantFrom('千瓦', '千瓦时', '吨', '元', '%', '个'))
      .map(([n, m, u]) => `${n}${m}${u}`);
    fc.assert(
      fc.property(fc.constantFrom('全市', '煤电装机', '增长', '达到'), figure, fc.constantFrom('。', '，', '以上'), (before, fig, after) => {
        expect(segment(`${before}${fig}${after}`)).toContain(fig);
      }),
      { numRuns: 150 },
    );
  });
});
