import { describe, expect, it } from 'vitest';
import { charsWithLead, charsWithReading, commonness, decodePair, gbkBytes } from '../../../src/core/clean/gbk.js';
import { hasReading, isPinyinSyllable, toneless } from '../../../src/core/clean/pinyin.js';
import { jiebaWordScore } from '../../../src/core/clean/index.js';
import { unshift } from '../../../src/core/clean/shift.js';
import { scanLine } from '../../../src/core/clean/scan.js';

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

describe('scanLine', () => {
  it('strips an annotation after a Han character', () => {
    // 發(fā)展 = "development" with fā annotated
    const t = scanLine('發(fā)展');
    expect(t.map((x) => x.kind)).toEqual(['char', 'char']);
    expect(t[0]).toMatchObject({ ch: '發', annotated: true, raw: '發(fā)' });
  });
  it('keeps real parentheses', () => {
    // (第13場) "13th session", (記者蓋有軍報道) "reported by 盖有军", (ge) toneless and not a reading of 會
    for (const s of ['會(第13場)', '訊(記者蓋有軍報道)', '區(以下簡稱“準東開發區”)', '會(ge)']) {
      expect(scanLine(s).map((x) => (x.kind === 'char' ? x.ch : '#')).join('')).toBe(s);
    }
  });
  it('strips a toneless annotation only when it is a reading of the character', () => {
    // 的(de): "de" is a reading of 的
    expect(scanLine('的(de)').length).toBe(1);
  });
  it('reads `?reading)` as a lost character and `?` before punctuation as damage', () => {
    // 源?guī)模: 規 and its "(" were lost; `?!` is lost bytes next to a folded ！
    expect(scanLine('源?guī)模')[1]).toEqual({ kind: 'lost', reading: 'guī', raw: '?guī)' });
    expect(scanLine('勢?!')[1]).toEqual({ kind: 'qmark', raw: '?' });
  });
  it('keeps a question mark that ends a sentence', () => {
    // 好吗? "OK?" — end of line, and before a closing quote
    expect(scanLine('好吗?')[2]).toMatchObject({ kind: 'char', ch: '?' });
    expect(scanLine('好吗?”')[2]).toMatchObject({ kind: 'char', ch: '?' });
  });
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

describe('jiebaWordScore', () => {
  it('counts characters inside multi-character words only', () => {
    expect(jiebaWordScore('新能源规模')).toBe(5); // 新能源 + 规模
    expect(jiebaWordScore('谛履茉匆')).toBe(0); // garbage: single characters
    expect(jiebaWordScore('')).toBe(0);
  });
});
