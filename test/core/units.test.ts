/** The shared unit table: one list serves segmentation, figures and question reading. */
import { describe, expect, it } from 'vitest';
import { NAMED_UNITS, UNITS, canonicalUnit, isMeasureWord, unitDimension } from '../../src/core/units.js';
import { NUMBER_TOKEN } from '../../src/core/numbers.js';

describe('units table', () => {
  it('is longest first wherever one unit begins another (千瓦时 before 千瓦, 人次 before 人)', () => {
    for (let i = 0; i < UNITS.length; i++) {
      for (let j = i + 1; j < UNITS.length; j++) expect(UNITS[j]!.startsWith(UNITS[i]!) && UNITS[j] !== UNITS[i]).toBe(false);
    }
  });
  it('holds the units of any text: currencies, areas, 人次, 标准箱, 张, 毫米, 千瓦时, 吨标准煤, 百分点', () => {
    for (const u of ['美元', '欧元', '港元', '日元', '公顷', '亩', '平方千米', '平方公里', '人次', '标准箱', '张', '毫米', '千瓦时', '吨标准煤', '百分点']) {
      expect(UNITS).toContain(u);
    }
  });
  it('is the table segmentation uses: 185万标准箱 and 0.5个百分点 stay whole tokens', () => {
    expect([...'吞吐量185万标准箱，下降0.5个百分点'.matchAll(NUMBER_TOKEN)].map((m) => m[0])).toEqual(['185万标准箱', '0.5个百分点']);
  });
  it('gives one written form per unit', () => {
    expect(canonicalUnit('平方公里')).toBe('平方千米');
    expect(canonicalUnit('公里')).toBe('千米');
    expect(canonicalUnit('名')).toBe('人');
    expect(canonicalUnit('个百分点')).toBe('百分点');
    expect(canonicalUnit('美元')).toBe('美元');
    // Taiwan's metric names: 公分 a centimetre, 公尺 a metre, 公厘 a millimetre, 公克 a gram.
    expect(['公分', '公尺', '公厘', '公克', '公升', '公吨'].map(canonicalUnit)).toEqual(['厘米', '米', '毫米', '克', '升', '吨']);
    expect(unitDimension('周岁')).toBe('time');
    expect([...'身长约133公分，重5公克'.matchAll(NUMBER_TOKEN)].map((m) => m[0])).toEqual(['133公分', '5公克']);
    expect(canonicalUnit('不是单位')).toBe('不是单位');
  });
  it('knows what each unit measures', () => {
    expect(unitDimension('欧元')).toBe('currency');
    expect(unitDimension('公顷')).toBe('area');
    expect(unitDimension('百分点')).toBe('ratio');
    expect(unitDimension('%')).toBe('percent');
    expect(isMeasureWord('张')).toBe(true);
    expect(isMeasureWord('千瓦')).toBe(false);
    expect(unitDimension('不是单位')).toBeUndefined();
  });
  it('names in questions only units that are not parts of ordinary words (no 人, 年, 米)', () => {
    expect(NAMED_UNITS).toContain('平方千米');
    expect(NAMED_UNITS).toContain('人次');
    expect(NAMED_UNITS).not.toContain('人');
    expect(NAMED_UNITS).not.toContain('米');
    expect(NAMED_UNITS).not.toContain('小时');
  });
});
