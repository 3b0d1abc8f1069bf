/** The monospace table: display widths and fitted columns. */
import { describe, expect, test } from 'vitest';
import { displayWidth, fitWidth } from '../../src/discord/table.js';

describe('displayWidth and fitWidth', () => {
  test('display width counts CJK as two columns; fitWidth pads or cuts to an exact width', () => {
    expect(displayWidth('ab煤电')).toBe(6);
    expect(displayWidth(fitWidth('煤电装机', 6))).toBe(6);
    expect(fitWidth('煤电装机', 6)).toBe('煤电… ');
    expect(fitWidth('ab', 4)).toBe('ab  ');
  });
  test('widths follow Unicode East Asian Width: full-width forms and CJK punctuation 2, ambiguous ones (— · …) 1', () => {
    expect(displayWidth('《昌吉》，')).toBe(10);
    expect(displayWidth('ＧＤＰ')).toBe(6);
    expect(displayWidth('a—·…')).toBe(4);
  });
});
