/** Segmentation: numbers stay whole tokens (plus their parts), jieba cuts the words between them. */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadJieba, tinyIdfFile } from '../../src/core/jieba.js';
import { NUMBER_TOKEN, numberTokens } from '../../src/core/numbers.js';
import { createJiebaSegmenter, type Segmenter } from '../../src/core/segment.js';
import { UNITS } from '../../src/core/units.js';

let segment: Segmenter;
beforeAll(() => {
  segment = createJiebaSegmenter();
});

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnitString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const hanString = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

describe('loadJieba', () => {
  it('gives the keyword extractor a one-line IDF table, and segmentation still uses the full dictionary', () => {
    const file = tinyIdfFile();
    // The shared file in the temp folder, or a private copy when the shared one holds something else.
    expect(file).toMatch(/idf(?:-v1)?\.utf8$/);
    expect(readFileSync(file!, 'utf8').trim().split('\n')).toHaveLength(1);
    // Words from jieba's main dictionary (not from the IDF table) are still cut whole.
    expect(loadJieba().cut('昌吉州工业经济发展', false)).toEqual(['昌吉州', '工业', '经济', '发展']);
  });
});

describe('tinyIdfFile', () => {
  it('does not trust a shared temp file with other content: it writes a private copy instead', () => {
    // A private TMPDIR for this test only (os.tmpdir() reads it on each call).
    const saved = process.env.TMPDIR;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wenda-idf-test-'));
    process.env.TMPDIR = dir;
    try {
      const fresh = tinyIdfFile()!;
      expect(path.dirname(fresh)).toBe(dir);
      writeFileSync(fresh, 'garbage without a weight\n');
      const own = tinyIdfFile()!;
      expect(own).not.toBe(fresh);
      expect(own.startsWith(dir)).toBe(true);
      expect(readFileSync(own, 'utf8').trim().split(' ')).toHaveLength(2);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('NUMBER_TOKEN', () => {
  const matches = (s: string): string[] => [...s.matchAll(NUMBER_TOKEN)].map((m) => m[0]);
  it('takes whole figures: magnitude and unit, percent, ordinal', () => {
    expect(matches('装机超2800万千瓦')).toEqual(['2800万千瓦']);
    expect(matches('增长6.5%')).toEqual(['6.5%']);
    expect(matches('投资231.5亿元')).toEqual(['231.5亿元']);
    expect(matches('第7场发布会')).toEqual(['第7场']);
  });
  it('prefers the longest unit: 410亿千瓦时, not 410亿千瓦', () => {
    expect(matches('发电量410亿千瓦时')).toEqual(['410亿千瓦时']);
  });
  it('UNITS lists 千瓦时 before 千瓦 (longest first where one is a prefix of another)', () => {
    const units = UNITS as readonly string[];
    expect(units.indexOf('千瓦时')).toBeLessThan(units.indexOf('千瓦'));
    expect(units.indexOf('平方公里')).toBeLessThan(units.indexOf('公里'));
  });
});

describe('numberTokens', () => {
  it('3200万千瓦 → whole, number, number+magnitude, unit', () => {
    expect(numberTokens('3200万千瓦')).toEqual(['3200万千瓦', '3200', '3200万', '千瓦']);
  });
  it('第13场 → whole, 13, 第13, 场', () => {
    expect(numberTokens('第13场')).toEqual(['第13场', '13', '第13', '场']);
  });
  it('7.8% → whole, 7.8, %', () => {
    expect(numberTokens('7.8%')).toEqual(['7.8%', '7.8', '%']);
  });
  it('620亿千瓦时 → unit 千瓦时 (not 千瓦 + 时)', () => {
    expect(numberTokens('620亿千瓦时')).toEqual(['620亿千瓦时', '620', '620亿', '千瓦时']);
  });
  it('something that is not a number expression is returned as is', () => {
    expect(numberTokens('煤电')).toEqual(['煤电']);
  });
});

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
