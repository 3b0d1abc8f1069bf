/** UI text: one rule, Chinese first in the reader's script, English after. */
import { describe, expect, it } from 'vitest';
import { CONSOLE, UI, gloss, say } from '../src/messages.js';

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

describe('gloss (the console)', () => {
  it('writes the Chinese in the reader\'s script, then the English in brackets', () => {
    expect(gloss(CONSOLE.noPassages)).toBe('没有找到匹配的段落。 (No matching passages.)');
    expect(gloss(CONSOLE.possiblyRelated, 'traditional')).toBe('可能相關的段落 (possibly related passages)');
  });
  it('every console usage and notice has both halves, Chinese first', () => {
    const values: unknown[] = [...Object.values(CONSOLE.usage), ...Object.values(CONSOLE)];
    const all = values.filter((m): m is { zh: string; en: string } => typeof m === 'object' && m !== null && 'zh' in m);
    expect(all.length).toBeGreaterThan(10);
    for (const m of all) {
      expect(m.zh).toMatch(/\p{Script=Han}/u);
      expect(m.en).toMatch(/^[\x20-\x7e]+$/u);
    }
  });
});
