/** Discord markdown: escaping, highlighting and snippets. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { escapeText, highlight, highlightWithin, matchRanges, snippet } from '../../src/discord/markup.js';

describe('escapeText', () => {
  test('escapes markdown and defuses @everyone / @here', () => {
    expect(escapeText('**a** _b_ `c` ~~d~~ ||e|| [x](http://y)')).toBe('\\*\\*a\\*\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~ \\|\\|e\\|\\| \\[x](http://y)');
    expect(escapeText('# title')).toBe('\\# title');
    expect(escapeText('hi @everyone and @here')).toBe('hi @\u200beveryone and @\u200bhere');
    expect(escapeText('昌吉州')).toBe('昌吉州');
  });
});

describe('highlight', () => {
  test('bolds every occurrence of the terms, merging overlapping and adjacent ones, escaping the rest', () => {
    expect(matchRanges('煤电装机超3200万千瓦', ['煤电', '装机', '超3200万千瓦'])).toEqual([[0, 12]]);
    expect(matchRanges('煤电，装机煤电', ['煤电', '电，'])).toEqual([[0, 3], [5, 7]]);
    expect(highlight('煤电装机*超3200万千瓦', ['煤电', '装机', '超3200万千瓦'], 'simplified')).toBe('**煤电装机**\\***超3200万千瓦**');
    expect(highlight('没有匹配', ['煤'], 'simplified')).toBe('没有匹配');
  });

  test('converts to traditional for a traditional reader, keeping the bold spans', () => {
    expect(highlight('发展煤电装机', ['煤电'], 'traditional')).toBe('發展**煤電**裝機');
  });

  test('highlightWithin always fits its budget, even with text full of markdown', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 4 }), fc.integer({ min: 20, max: 1500 }), (text, terms, max) => {
        expect(highlightWithin(text, terms, 'simplified', max).length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 200 },
    );
  });

  test('snippet windows around the first match', () => {
    const text = '一'.repeat(100) + '煤电' + '二'.repeat(100);
    const cut = snippet(text, ['煤电'], 30);
    expect(cut).toContain('煤电');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(30);
  });
});
