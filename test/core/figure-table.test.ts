import { describe, expect, it } from 'vitest';
import { FigureTable } from '../../src/core/figure-table.js';
import { extractFigures } from '../../src/core/figures.js';
import type { Figure } from '../../src/core/types.js';

/** A passage's figures as extractFigures would give them (every kind, dates with and without an end). */
function figuresOf(i: number): Figure[] {
  return extractFigures(`第${i % 7}期：2024年${(i % 12) + 1}月${(i % 28) + 1}日至${(i % 28) + 2}日，新增装机超${i}.5万千瓦，占比${i % 100}%，三分之一，1月至${(i % 12) + 1}月。`, `d${i}#p1.s1`, `d${i}`);
}

describe('FigureTable', () => {
  it('gives back each passage\'s figures as extractFigures made them, across its growth blocks and through JSON', () => {
    const builder = FigureTable.builder();
    const n = 40_000;
    for (let i = 0; i < n; i++) builder.add(i % 5 === 4 ? [] : figuresOf(i));
    const table = builder.finish();
    expect(table.passages).toBe(n);
    // Past the first block of fields (2^20 u32s: ~150k figures).
    expect(table.total * 7).toBeGreaterThan(1 << 20);
    const restored = new FigureTable(JSON.parse(JSON.stringify(table.toData())));
    for (const i of [0, 1, 3, 4, 777, 12_345, 25_001, 38_888, n - 1]) {
      const want = JSON.stringify(i % 5 === 4 ? [] : figuresOf(i));
      expect(JSON.stringify(table.figuresOf(i, `d${i}#p1.s1`, `d${i}`))).toBe(want);
      expect(JSON.stringify(restored.figuresOf(i, `d${i}#p1.s1`, `d${i}`))).toBe(want);
      expect(table.kinds(i)).toEqual([...new Set(JSON.parse(want).map((f: Figure) => f.kind))].sort());
    }
    // The same passage read twice gives the same objects (an answer compares them by identity).
    expect(table.figuresOf(1, 'd1#p1.s1', 'd1')).toBe(table.figuresOf(1, 'd1#p1.s1', 'd1'));
  });
});
