/** Pinyin: syllables, tones and readings. */
import { describe, expect, it } from 'vitest';
import { hasReading, isPinyinSyllable, toneless } from '../../../src/core/clean/pinyin.js';

describe('pinyin syllables', () => {
  it('accepts toned and toneless syllables, rejects English and junk', () => {
    expect(isPinyinSyllable('fā')).toBe(true);
    expect(isPinyinSyllable('zhǔn')).toBe(true);
    expect(isPinyinSyllable('lǜ')).toBe(true);
    expect(isPinyinSyllable('de')).toBe(true);
    expect(isPinyinSyllable('abc')).toBe(false); // not a syllable
    expect(isPinyinSyllable('fāā')).toBe(false); // two tone marks
    expect(isPinyinSyllable('')).toBe(false);
    expect(toneless('guī')).toBe('gui');
  });
  it('knows readings of traditional characters (pinyin-pro)', () => {
    expect(hasReading('規', 'guī')).toBe(true); // 規 = 规 "rule"
    expect(hasReading('規', 'bào')).toBe(false);
  });
});
