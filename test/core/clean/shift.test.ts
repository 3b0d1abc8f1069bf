/** Undoing a GBK one-byte shift. */
import { describe, expect, it } from 'vitest';
import { jiebaWordScore } from '../../../src/core/clean/score.js';
import { unshift } from '../../../src/core/clean/shift.js';
import { scanLine } from '../../../src/core/clean/scan.js';

describe('unshift', () => {
  it('re-decodes a shifted run and finishes its last character from a lost reading', () => {
    // 谛履茉匆 = 新能源 shifted by one byte; 規 lost its second byte, `?guī)` keeps its reading
    const tokens = scanLine('谛履茉匆?guī)');
    const r = unshift(tokens, 0, 4, jiebaWordScore);
    expect(r?.pieces.map((p) => p.text).join('')).toBe('新能源規');
    expect(r?.end).toBe(5);
  });
  it('returns null when the bytes do not decode', () => {
    // 规1 = b9 e6 31; one byte off, e6 31 is no GBK pair
    expect(unshift(scanLine('规1'), 0, 2, jiebaWordScore)).toBeNull();
  });
});
