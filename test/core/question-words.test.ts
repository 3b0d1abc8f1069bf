/** Question words: segments that only ask, never searched. */
import { describe, expect, it } from 'vitest';

describe('QUESTION_WORD', () => {
  it('matches segments that only ask (哪一条, 何种, 什么样, 多少个, 几年) and not words that merely start alike', async () => {
    const { QUESTION_WORD } = await import('../../src/core/question-words.js');
    for (const w of ['哪一条', '哪一种', '何种', '何时', '什么样', '多少个', '几年', '为何']) expect(QUESTION_WORD.test(w), w).toBe(true);
    for (const w of ['几乎', '几何', '何况', '多少钱财', '什么都']) expect(QUESTION_WORD.test(w), w).toBe(false);
  });
});
