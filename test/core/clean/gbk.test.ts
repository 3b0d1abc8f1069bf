/** GBK: byte pairs, leads, readings and how common a character is. */
import { beforeAll, describe, expect, it } from 'vitest';
import { hasReading } from '../../../src/core/clean/pinyin.js';
import { charsWithLead, charsWithReading, commonness, decodePair, gbkBytes } from '../../../src/core/clean/gbk.js';

// pinyin-pro loads its tables on first use (the pinyin tests did it when these tests shared their file): the timing below is the index's alone.
beforeAll(() => {
  hasReading('规', 'guī');
});

describe('GBK helpers', () => {
  it('encodes and decodes double-byte pairs, unfolding ASCII punctuation', () => {
    expect(gbkBytes('新')).toEqual([0xd0, 0xc2]);
    expect(gbkBytes('!')).toEqual([0xa3, 0xa1]); // stands for ！
    expect(gbkBytes('😀')).toBeNull(); // outside GBK
    expect(decodePair(0xd2, 0x8e)).toBe('規');
    expect(decodePair(0xd2, 0x28)).toBeNull(); // `(` is no second byte
    expect(decodePair(0xf9, 0xd3)).toBeNull(); // user-defined area
  });
  it('finds the single character with a lead byte and a reading', () => {
    expect(charsWithLead(0xd2, 'guī')).toEqual(['規']); // d2 + guī → 規 (d2 8e)
    expect(charsWithLead(0x88, 'bào')).toEqual(['報']); // 88 + bào → 報 (88 f3)
  });
  it('builds the reading index fast and lists both scripts', () => {
    const t = Date.now();
    const gui = charsWithReading('guī');
    expect(Date.now() - t).toBeLessThan(1000); // ~150 ms on a dev machine; loose bound for CI
    expect(gui).toContain('规');
    expect(gui).toContain('規');
  });
  it('rates common characters above rare and traditional-only ones', () => {
    expect(commonness('郑')).toBe(1);
    expect(commonness('鄭')).toBe(1); // judged by its simplified form
    expect(commonness('嵜')).toBe(0);
    expect(commonness(',')).toBe(1); // ，
  });
});
