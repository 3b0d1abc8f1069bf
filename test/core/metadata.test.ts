/** A document's metadata: datelines, captions, dates and the repairs that count. */
import { describe, expect, it } from 'vitest';
import { CAPTION, DATELINE, normaliseDate, readLine, repairsMade } from '../../src/core/metadata.js';

describe('DATELINE and CAPTION', () => {
  it('a dateline names the date and the outlet; a caption ends with a photographer credit', () => {
    const m = DATELINE.exec('2024-12-10 21:39:09 来源: 天山网-新疆日报原创');
    expect(m?.[1]).toBe('2024-12-10');
    expect(m?.[2]).toBe('天山网-新疆日报原创');
    expect(DATELINE.test('今年以来成绩好。')).toBe(false);
    expect(CAPTION.test('工人在安装组件。李华摄')).toBe(true);
    expect(CAPTION.test('工人在安装组件。')).toBe(false);
  });
});

describe('normaliseDate', () => {
  it('writes a dateline date as ISO, padding month and day; anything else is left as it is', () => {
    expect(normaliseDate('2024年3月5日')).toBe('2024-03-05');
    expect(normaliseDate('2024/12/10')).toBe('2024-12-10');
    expect(normaliseDate('去年')).toBe('去年');
  });
});

describe('repairsMade', () => {
  it('counts repairs, not the spans cleaning left unknown', () => {
    const repairs = [{ kind: 'pinyin', before: '發(fā)', after: '发' }, { kind: 'unknown', before: '?', after: '□' }] as const;
    expect(repairsMade({ repairs: [...repairs] })).toEqual([repairs[0]]);
  });
});

describe('readLine', () => {
  it('reads the first line as the headline, a dateline with its date and outlet, a caption, and body text', () => {
    expect(readLine('乌苏市打造新能源基地', true)).toEqual({ kind: 'headline' });
    expect(readLine('2024-03-05 10:00:00 来源: 天山网-新疆日报原创', false)).toEqual({ kind: 'dateline', date: '2024-03-05', source: '天山网-新疆日报' });
    expect(readLine('工人在安装组件。李华摄', false)).toEqual({ kind: 'caption' });
    expect(readLine('今年以来成绩好。', false)).toEqual({ kind: 'body' });
  });
});
