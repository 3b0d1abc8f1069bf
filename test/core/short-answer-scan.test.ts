import { describe, expect, it } from 'vitest';
import { headStatedAt } from '../../src/core/short-answer.js';

/** What appositions read before: the end of each match of the pattern compiled for the head. */
function byPattern(text: string, head: string): number[] {
  return [...text.matchAll(new RegExp(`${head}(?:是|为|乃|即|：|:)|${head}(?=[「『“《])`, 'gu'))].map((m) => (m.index ?? 0) + m[0].length);
}

describe('headStatedAt', () => {
  it('finds what follows the head as the pattern did', () => {
    expect(headStatedAt('首府为乌鲁木齐，别名“夜香花”', '首府')).toEqual([3]);
    expect(headStatedAt('别名“夜香花”', '别名')).toEqual([2]);
    expect(headStatedAt('山山是山：', '山')).toEqual([3, 5]);
    expect(headStatedAt('没有', '山')).toEqual([]);
  });

  it('agrees with the pattern on random texts', () => {
    const alphabet = [...'山河山河是为乃即：:「『“《」a，。'];
    alphabet.push('𠀀');
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const head of ['山', '山河', '河山', '𠀀', '山𠀀']) {
      for (let n = 0; n < 3000; n++) {
        let text = '';
        const length = Math.floor(random() * 16);
        for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)]!;
        expect(headStatedAt(text, head), `${head} in ${text}`).toEqual(byPattern(text, head));
      }
    }
  });
});
