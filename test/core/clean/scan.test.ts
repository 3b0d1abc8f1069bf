/** Scanning a scraped line into characters: annotations stripped, lost characters and damage marks found. */
import { describe, expect, it } from 'vitest';
import { scanLine } from '../../../src/core/clean/scan.js';

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
