/** A passage's paragraph range and the character-pair table the ranker reads besides words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacentCodes, characterPairs, pairCodes, PairTable, paragraphRanges, sharedCount } from '../../src/core/context.js';

describe('paragraphRanges', () => {
  it('gives each passage the [start, end) of the passages sharing its paragraph, documents apart', () => {
    // Two paragraphs of doc a (p1 with two sentence passages), a headline without a sentence part, doc b.
    const ids = ['a#p1', 'a#p2.s1', 'a#p2.s3', 'a#p3.s1', 'b#p2.s1', 'b#p2.s2'];
    const r = paragraphRanges(ids.map((id) => ({ id })));
    const range = (i: number) => [r[2 * i], r[2 * i + 1]];
    expect(ids.map((_, i) => range(i))).toEqual([[0, 1], [1, 3], [1, 3], [3, 4], [4, 6], [4, 6]]);
  });
  it('does not take a document id with ".s" in it for a sentence part', () => {
    const r = paragraphRanges([{ id: 'x.s1#p1.s1' }, { id: 'x.s1#p1.s2' }]);
    expect([...r]).toEqual([0, 2, 0, 2]);
  });
});

describe('characterPairs', () => {
  it('lists distinct adjacent pairs of Han, letters and digits; punctuation breaks a pair', () => {
    // 河狸，河狸GDP → 河狸 · 狸 (broken by ，) · 狸g · gd · dp.
    expect(characterPairs('河狸，河狸GDP')).toEqual(['河狸', '狸g', 'gd', 'dp']);
    expect(characterPairs('一')).toEqual([]);
  });
});

describe('PairTable', () => {
  it('weighs a pair by how few passages hold it, and leaves out pairs no passage holds', () => {
    const table = new PairTable(['河狸建水坝', '河狸吃树皮', '鲑鱼洄游']);
    const w = new Map(table.weighted('河狸水坝恐龙'));
    expect(w.has('恐龙')).toBe(false);
    expect(w.get('水坝')!).toBeGreaterThan(w.get('河狸')!);
    expect(w.get('河狸')!).toBeGreaterThan(0);
  });
});

describe('PairTable from counts', () => {
  it('a table made from the counts of another (as the build worker hands them over) weighs pairs the same', () => {
    const texts = ['昌吉州煤电装机', '准东开发区煤电', 'GDP增长7%'];
    const table = new PairTable(texts);
    const copy = new PairTable(table.counted());
    for (const q of ['煤电装机多少', '开发区的GDP', '没有的字']) expect(copy.weighted(q)).toEqual(table.weighted(q));
    expect(copy.weighted('煤电').length).toBeGreaterThan(0);
    expect(() => new PairTable({ counts: new Uint32Array(8), size: 1 })).toThrow(/table size/);
  });
});

describe('pair codes (preferIntact compares passages with them)', () => {
  // Texts of Han, Latin (both cases), digits, □ and punctuation: every kind characterPairs treats apart.
  const text = fc.array(fc.constantFrom(...'风电装机超过两千万千瓦ABab12□，。 '.split('')), { maxLength: 40 }).map((cs) => cs.join(''));
  const asCode = (p: string): number => p.charCodeAt(0) * 65536 + p.charCodeAt(1);
  it('pairCodes are characterPairs as numbers, sorted', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect([...pairCodes(t)]).toEqual(characterPairs(t).map(asCode).sort((a, b) => a - b));
      }),
    );
  });
  it('sharedCount against adjacentCodes counts the pairs `includes` finds in the lower-cased text', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const lowered = b.toLowerCase();
        const byIncludes = characterPairs(a).filter((p) => lowered.includes(p)).length;
        expect(sharedCount(pairCodes(a), adjacentCodes(lowered))).toBe(byIncludes);
      }),
    );
  });
});
