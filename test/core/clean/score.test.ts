/** The default word scorer: characters covered by multi-character jieba words. */
import { describe, expect, it } from 'vitest';
import { jiebaWordScore } from '../../../src/core/clean/score.js';

describe('jiebaWordScore', () => {
  it('counts characters inside multi-character words only', () => {
    expect(jiebaWordScore('新能源规模')).toBe(5); // 新能源 + 规模
    expect(jiebaWordScore('谛履茉匆')).toBe(0); // garbage: single characters
    expect(jiebaWordScore('')).toBe(0);
  });
});
