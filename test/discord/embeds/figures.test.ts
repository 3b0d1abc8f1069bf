/** The figures embed: values without units, one table row per figure. */
import { describe, expect, test } from 'vitest';
import type { DocumentInfo, Figure, SourceInfo } from '../../../src/core/types.js';
import { docIndex } from '../../../src/discord/embeds/common.js';
import { figureValue, figuresEmbed } from '../../../src/discord/embeds/figures.js';
import { fitWidth } from '../../../src/discord/table.js';

const doc: DocumentInfo = {
  id: 'doc', file: 'doc.txt', title: '昌吉州发展', source: '天山网', date: '2024-12-10',
  passages: 2, figures: 1, repairs: [], unknowns: [], hash: 'h',
};
const figure: Figure = { text: '超3200万千瓦', value: 32_000_000, unit: '千瓦', qualifier: '超', kind: 'amount', measure: '煤电装机', passage: 'doc#p1.s1', doc: 'doc' };
const source: SourceInfo = { documents: [doc], passages: 2, figures: 1, builtAt: '2024-12-10T00:00:00Z', buildMs: 12 };

describe('figuresEmbed', () => {
  test('figureValue drops the unit from the text', () => {
    expect(figureValue(figure)).toBe('超3200万');
    expect(figureValue({ ...figure, text: '第一', unit: '' })).toBe('第一');
  });

  test('figuresEmbed renders a code-block table with one row per figure', () => {
    const e = figuresEmbed([figure], docIndex(source), { topic: '装机', page: 0, script: 'simplified' });
    const rows = e.description!.split('\n');
    expect(rows[0]).toBe('```');
    expect(rows[2]).toBe(`${fitWidth('煤电装机', 18)} ${fitWidth('超3200万', 12)} ${fitWidth('千瓦', 8)} p1.s1`);
    expect(rows.at(-1)).toBe('```');
  });
});
