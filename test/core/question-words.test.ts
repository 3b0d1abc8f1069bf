/** Question words: segments that only ask, never searched. */
import { describe, expect, it } from 'vitest';

describe('QUESTION_WORD', () => {
  it('matches segments that only ask (哪一条, 何种, 什么样, 多少个, 几年) and not words that merely start alike', async () => {
    const { QUESTION_WORD } = await import('../../src/core/question-words.js');
    for (const w of ['哪一条', '哪一种', '何种', '何时', '什么样', '多少个', '几年', '为何']) expect(QUESTION_WORD.test(w), w).toBe(true);
    for (const w of ['几乎', '几何', '何况', '多少钱财', '什么都']) expect(QUESTION_WORD.test(w), w).toBe(false);
  });
});

describe('QUESTION_PHRASE', () => {
  it('matches whole question phrases (哪一年, 哪一个, 哪一部分, 西元几年的时候, 什么东西), not 哪吒 or 哪怕', async () => {
    const { QUESTION_PHRASE } = await import('../../src/core/question-words.js');
    const phrases = (s: string): string[] => [...s.matchAll(QUESTION_PHRASE)].map((m) => m[0]);
    expect(phrases('古桥在哪一年时重建')).toEqual(['哪一年时']);
    expect(phrases('王朝在西元几年的时候灭亡')).toEqual(['西元几年的时候']);
    expect(phrases('哪一部分最早，哪一个最高')).toEqual(['哪一部分', '哪一个']);
    expect(phrases('他用什么东西修桥')).toEqual(['什么东西']);
    // 时间 after the year asked is a word of its own (哪一年时间最长), not the 时 of asking.
    expect(phrases('哪一年时间最长')).toEqual(['哪一年']);
    expect(phrases('哪吒闹海，哪怕下雨')).toEqual([]);
  });
});
