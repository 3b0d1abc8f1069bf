/** UI text: one rule, Chinese first in the reader's script, English after. */
import { describe, expect, it } from 'vitest';
import { UI, say } from '../src/messages.js';

describe('say', () => {
  it('writes the Chinese, a space, then the English', () => {
    expect(say(UI.sources)).toBe('出处 Sources');
    expect(say(UI.searchPage(1, 3, 12))).toBe('第 1/3 页 · 共 12 条 · page 1/3 · 12 matches');
  });
  it('converts only the Chinese to a traditional reader\'s script', () => {
    expect(say(UI.sources, 'traditional')).toBe('出處 Sources');
    expect(say(UI.nextPage, 'traditional')).toBe('下一頁 Next ▶');
  });
  it('every bilingual message has both halves, Chinese first', () => {
    for (const [key, m] of Object.entries(UI)) {
      if (typeof m !== 'object' || !('zh' in m)) continue;
      expect(m.zh, key).toMatch(/\p{Script=Han}/u);
      expect(m.en, key).toMatch(/^[\x20-\x7e▶]+$/u);
    }
  });
});
