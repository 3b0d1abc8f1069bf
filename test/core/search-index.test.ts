/** The passage index: build, candidates, term statistics, and the plain-data round trip used by snapshots. */
import { describe, expect, it } from 'vitest';
import { PassageIndex, RARE } from '../../src/core/search-index.js';

// Tokens given pre-segmented, as the engine's segmenter would make them.
const TOKENS = [
  ['乌苏市', '风电', '装机', '2800万千瓦', '2800万', '2800', '千瓦'],
  ['乌苏市', '地区', '生产总值', '增长', '6.5%', '6.5', '%'],
  ['发布会', '第13场', '13', '喀什', '举行'],
  ['哈密市', '节水', '灌溉', '节水', '灌溉', '面积'],
];
const index = PassageIndex.build(TOKENS);

describe('PassageIndex.build', () => {
  it('knows its size, vocabulary and each passage\'s tokens (duplicates kept)', () => {
    expect(index.size).toBe(4);
    expect(index.has('喀什')).toBe(true);
    expect(index.has('北京')).toBe(false);
    expect(index.tokensOf(3)).toEqual(TOKENS[3]);
    expect(index.tokensOf(99)).toEqual([]);
    expect(new Set(index.terms())).toEqual(new Set(TOKENS.flat()));
  });
  it('an empty index has no candidates', () => {
    const empty = PassageIndex.build([]);
    expect(empty.size).toBe(0);
    expect(empty.candidates(['风电'], 10)).toEqual([]);
  });
});

describe('candidates', () => {
  it('finds passages holding any of the tokens', () => {
    expect(index.candidates(['喀什'], 10)).toEqual([2]);
    expect(new Set(index.candidates(['乌苏市'], 10))).toEqual(new Set([0, 1]));
    expect(new Set(index.candidates(['喀什', '节水'], 10))).toEqual(new Set([2, 3]));
  });
  it('finds a figure by its whole token and by its parts', () => {
    expect(index.candidates(['2800万千瓦'], 10)).toEqual([0]);
    expect(index.candidates(['2800万'], 10)).toEqual([0]);
    expect(index.candidates(['第13场'], 10)).toEqual([2]);
  });
  it('ignores unknown tokens and tokens with spaces; [] when none is known', () => {
    expect(index.candidates(['北京', '喀什'], 10)).toEqual([2]);
    expect(index.candidates(['喀什 举行'], 10)).toEqual([]);
    expect(index.candidates([], 10)).toEqual([]);
  });
  it('respects the limit', () => {
    expect(index.candidates(['乌苏市'], 1)).toHaveLength(1);
  });
});

// Two tiers: 风电 is in more than RARE passages (flexsearch holds it); 喀什 and 哈密 are rare
// (the index's own table holds them). Passage RARE + 2 has both rare words.
const TIERED = [
  ...Array.from({ length: RARE + 2 }, (_, i) => ['风电', `项目${i}`]),
  ['喀什', '风电'],
  ['喀什', '哈密'],
];
const tiered = PassageIndex.build(TIERED);

describe('candidates across the two tiers', () => {
  it('finds every passage of a common word (flexsearch) and of a rare one (own table)', () => {
    expect(new Set(tiered.candidates(['风电'], 100))).toEqual(new Set(Array.from({ length: RARE + 3 }, (_, i) => i)));
    expect(new Set(tiered.candidates(['喀什'], 10))).toEqual(new Set([RARE + 2, RARE + 3]));
  });
  it('puts passages holding more of the tokens first, then those of rare tokens', () => {
    expect(tiered.candidates(['喀什', '哈密'], 10)).toEqual([RARE + 3, RARE + 2]);
    // Holding two tokens (风电 and 喀什) beats holding one, however rare.
    expect(tiered.candidates(['风电', '喀什'], 10).slice(0, 1)).toEqual([RARE + 2]);
    expect(tiered.candidates(['风电', '哈密'], 1)).toEqual([RARE + 3]);
    expect(new Set(tiered.candidates(['风电', '哈密'], 100))).toEqual(new Set(TIERED.keys()));
  });
  it('keeps both tiers through a snapshot round trip', () => {
    const restored = PassageIndex.fromData(JSON.parse(JSON.stringify(tiered.toData())));
    for (const q of [['风电'], ['喀什'], ['风电', '哈密'], ['项目1']]) expect(restored.candidates(q, 100)).toEqual(tiered.candidates(q, 100));
  });
});

describe('term statistics', () => {
  it('idf: rarer tokens weigh more; an unknown token weighs most', () => {
    expect(index.idf('喀什')).toBeGreaterThan(index.idf('乌苏市'));
    expect(index.idf('北京')).toBeGreaterThan(index.idf('喀什'));
    // BM25 idf with n=4, df=1
    expect(index.idf('喀什')).toBeCloseTo(Math.log(1 + 3.5 / 1.5), 10);
    expect(index.rarestIdf()).toBeCloseTo(index.idf('喀什'), 10);
  });
  /** Counts of the given tokens in passage i via countEach (absent tokens count 0). */
  const counts = (ix: PassageIndex, i: number, tokens: string[], modifiers: string[] = []) => {
    const slots = new Map<number, number>();
    tokens.forEach((t) => ix.idOf(t) >= 0 && !slots.has(ix.idOf(t)) && slots.set(ix.idOf(t), slots.size));
    let all = new Int32Array(0);
    let free = new Int32Array(0);
    ix.countEach([i], slots, new Set(modifiers.map((m) => ix.idOf(m)).filter((x) => x >= 0)), (_, a, f) => {
      all = a.slice();
      free = f.slice();
    });
    const at = (t: string, arr: Int32Array) => (slots.has(ix.idOf(t)) ? arr[slots.get(ix.idOf(t))!]! : 0);
    return { all: tokens.map((t) => at(t, all)), free: tokens.map((t) => at(t, free)) };
  };
  it('countEach counts occurrences per passage', () => {
    expect(counts(index, 3, ['节水', '面积', '喀什', '北京']).all).toEqual([2, 1, 0, 0]);
    expect(index.idOf('北京')).toBe(-1);
  });
  it('countEach visits each passage in turn', () => {
    const seen: Array<[number, number[]]> = [];
    index.countEach([0, 1, 3], new Map([[index.idOf('乌苏市'), 0]]), new Set(), (i, all) => seen.push([i, [...all]]));
    expect(seen).toEqual([[0, [1]], [1, [1]], [3, [0]]]);
  });
  it('countEach tells apart ids that share a bit of its filter (id and id + 1024)', () => {
    // 1,100 one-token passages: token ids 0..1099, so ids 5 and 1029 fall on the same filter bit.
    const wide = PassageIndex.build(Array.from({ length: 1100 }, (_, i) => [`词${i}`]));
    const seen: number[][] = [];
    wide.countEach([5, 1029], new Map([[wide.idOf('词5'), 0]]), new Set(), (_, all) => seen.push([...all]));
    expect(seen).toEqual([[1], [0]]);
  });
  it('lengthFactor is 0 without a match and grows with the term frequency', () => {
    expect(index.lengthFactor(3, 0)).toBe(0);
    expect(index.lengthFactor(3, 2)).toBeGreaterThan(index.lengthFactor(3, 1));
  });
  it('countEach: `free` leaves out occurrences right after a modifier (副书记 is not 书记)', () => {
    const i = PassageIndex.build([['副', '书记', '州长'], ['书记', '副', '书记']]);
    expect(counts(i, 0, ['书记', '州长'], ['副'])).toEqual({ all: [1, 1], free: [0, 1] });
    expect(counts(i, 1, ['书记'], ['副'])).toEqual({ all: [2], free: [1] });
    expect(counts(i, 0, ['书记'])).toEqual({ all: [1], free: [1] });
  });
});

describe('toData / fromData', () => {
  const restored = PassageIndex.fromData(JSON.parse(JSON.stringify(index.toData())));
  it('round trip through JSON gives the same candidates', () => {
    for (const q of [['喀什'], ['乌苏市'], ['2800万千瓦'], ['节水', '喀什'], ['北京'], ['6.5%', '发布会']]) {
      expect(new Set(restored.candidates(q, 10))).toEqual(new Set(index.candidates(q, 10)));
    }
  });
  it('round trip keeps the statistics and tokens', () => {
    expect(restored.size).toBe(index.size);
    for (const t of ['喀什', '乌苏市', '节水', '北京']) expect(restored.idf(t)).toBe(index.idf(t));
    for (let i = 0; i < index.size; i++) expect(restored.tokensOf(i)).toEqual(index.tokensOf(i));
    expect(restored.terms()).toEqual(index.terms());
  });
});
