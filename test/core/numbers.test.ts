/** Number expressions: whole figures as users search them, and the tokens each one is findable by. */
import { describe, expect, it } from 'vitest';
import { NUMBER_TOKEN, numberTokens } from '../../src/core/numbers.js';
import { UNITS } from '../../src/core/units.js';

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
