/** The passage index: build, candidates, term statistics, and the plain-data round trip used by snapshots. */
import type { Index } from 'flexsearch';
import { describe, expect, it } from 'vitest';
import { PassageIndex, RARE, collectChunks, flexPostings, splitFlexChunks, type FlexData, type IndexData, type IndexStats } from '../../src/core/search-index.js';
import { Slicer } from '../../src/core/slices.js';

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
  it('counts a group of alternatives once: a passage with two synonyms holds one term, not two', () => {
    // Passage 3 writes 节水 and 灌溉 (two alternatives of one asked word); passage 2 writes 喀什 and 举行.
    // As separate tokens passage 3 holds two of them; as one term and 喀什, each passage holds one.
    expect(index.candidates(['节水', '灌溉', '喀什'], 10)).toEqual([3, 2]);
    expect(index.candidates([['节水', '灌溉'], '喀什'], 10)).toEqual([3, 2]);
    expect(index.candidates([['节水', '灌溉'], '喀什', '举行'], 10)).toEqual([2, 3]);
    expect(index.candidates(['节水', '灌溉', '喀什', '举行'], 10)).toEqual([3, 2]);
    // A group is held by any of its tokens, passages in corpus order.
    expect(index.candidates([['喀什', '乌苏市']], 10)).toEqual([0, 1, 2]);
    // A token given again in a later term counts for its first one only.
    expect(index.candidates([['乌苏市', '喀什'], ['喀什']], 10)).toEqual([0, 1, 2]);
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

/** An index's private parts, as the reference below and the flexsearch shape check read them. */
interface Internals {
  flex: Index;
  ids: Map<string, number>;
  vocabulary: string[];
  df: Uint32Array;
  rareStart: Uint32Array;
  rarePassages: Uint32Array;
  size: number;
}
const internals = (ix: PassageIndex): Internals => ix as unknown as Internals;

/** isSearchable of search-index.ts. */
const searchable = (t: string): boolean => (t.length > 1 || !/\p{Script=Han}/u.test(t)) && !t.includes(' ');

/**
 * candidates() as it was before the level-by-level walk, kept as the definition of what it returns: every
 * posting of every term tallied, a passage once per term (a term: a token, or a group of alternatives
 * held by any of them; a token given twice counts for its first term), rare terms (every token in the
 * index's table) first, then the others; a term's passages in corpus order (a rare token's from the
 * index's table, another's from flexsearch's `search`, which copies its whole list); then passages by
 * count, most first, first seen first.
 */
function candidatesByTally(ix: PassageIndex, terms: ReadonlyArray<string | readonly string[]>, limit: number): number[] {
  const x = internals(ix);
  const tallies = new Uint16Array(x.size);
  const rare: number[][] = [];
  const common: number[][] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const ids: number[] = [];
    for (const t of typeof term === 'string' ? [term] : term) {
      if (seen.has(t)) continue;
      seen.add(t);
      const id = x.ids.get(t);
      if (id !== undefined && searchable(t)) ids.push(id);
    }
    if (ids.length > 0) (ids.every((id) => x.df[id]! <= RARE) ? rare : common).push(ids);
  }
  const postings = (id: number): number[] =>
    x.df[id]! <= RARE ? Array.from(x.rarePassages.subarray(x.rareStart[id]!, x.rareStart[id + 1]!)) : (x.flex.search(x.vocabulary[id]!, { limit: x.df[id]! }) as number[]);
  const touched: number[] = [];
  for (const ids of [...rare, ...common]) {
    for (const i of [...new Set(ids.flatMap(postings))].sort((a, b) => a - b)) {
      if (tallies[i] === 0) touched.push(i);
      if (tallies[i]! < 0xffff) tallies[i]! += 1;
    }
  }
  const byCount: number[][] = [];
  for (const i of touched) (byCount[tallies[i]!] ??= []).push(i);
  const out: number[] = [];
  for (let c = byCount.length - 1; c > 0 && out.length < limit; c--) {
    for (const i of byCount[c] ?? []) {
      if (out.length === limit) break;
      out.push(i);
    }
  }
  return out;
}

/** A small seeded generator (an LCG): the same indexes and queries on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/**
 * A random index of `size` passages over a vocabulary of very different frequencies, as in news-like text:
 * word k is in about a (k + 1.3)-th of the passages (the first few have long lists, most are rare), plus
 * single Han characters (not searchable), a token with a space, a number, repeats within a passage.
 */
function randomPassages(random: () => number, size: number, words: readonly string[]): string[][] {
  return Array.from({ length: size }, () => {
    const list = words.filter((_, k) => random() < 1 / (k + 1.3));
    if (random() < 0.3 && list.length > 0) list.push(list[0]!);
    if (random() < 0.2) list.push('的');
    if (random() < 0.05) list.push('两 词');
    return list.sort(() => random() - 0.5);
  });
}

const WORDS = ['发展', '产业', '项目', '新疆', '喀什', '风电', '哈密', '增长', '2024年', '第13场', '乌苏市', '阿勒泰', '煤电', '光伏', '棉花', '葡萄', '旅游', '口岸', '铁路', '机场'];

/**
 * Random queries: a few of the words (some twice), now and then an unknown word, a single character or a
 * spaced token; in some, neighbouring words joined into a group of alternatives (as a word and its synonyms).
 */
function randomQueries(random: () => number, count: number): Array<{ tokens: Array<string | string[]>; limit: number }> {
  return Array.from({ length: count }, (_, q) => {
    const tokens = WORDS.filter(() => random() < 0.25);
    if (random() < 0.3) tokens.push('北京');
    if (random() < 0.2) tokens.push('的');
    if (random() < 0.1) tokens.push('两 词');
    if (random() < 0.2 && tokens.length > 0) tokens.push(tokens[0]!);
    tokens.sort(() => random() - 0.5);
    const terms: Array<string | string[]> = [];
    for (let k = 0; k < tokens.length; ) {
      const size = random() < 0.3 ? 1 + Math.floor(random() * 3) : 1;
      const group = tokens.slice(k, k + size);
      terms.push(group.length === 1 && random() < 0.5 ? group[0]! : group);
      k += size;
    }
    return { tokens: terms, limit: [1, 3, 10, 100, 1000][q % 5]! };
  });
}

describe('candidates: the level-by-level walk gives exactly what tallying every posting gives', () => {
  it('on many random indexes and queries (same passages, same order)', () => {
    const random = lcg(12);
    for (let ix = 0; ix < 40; ix++) {
      const size = [0, 1, 5, 20, 200, 2000][ix % 6]!;
      const words = WORDS.slice(0, 3 + Math.floor(random() * WORDS.length));
      const built = PassageIndex.build(randomPassages(random, size, words));
      for (const { tokens, limit } of randomQueries(random, 60)) {
        const expected = candidatesByTally(built, tokens, limit);
        expect(built.candidates(tokens, limit), `${size} passages: ${JSON.stringify(tokens)} (${limit})`).toEqual(expected);
        // The walk alone, the marking alone, and the walk giving up part way: all the same.
        expect(built.candidates(tokens, limit, Infinity), `walk: ${JSON.stringify(tokens)} (${limit})`).toEqual(expected);
        expect(built.candidates(tokens, limit, 0), `marking: ${JSON.stringify(tokens)} (${limit})`).toEqual(expected);
        expect(built.candidates(tokens, limit, 1 + Math.floor(random() * 50)), `walk then marking: ${JSON.stringify(tokens)} (${limit})`).toEqual(expected);
      }
    }
  });

  it('on indexes restored from a snapshot: JSON round trip, and in slices with flexsearch chunks cut small', async () => {
    const random = lcg(34);
    for (const size of [50, 3000]) {
      const built = PassageIndex.build(randomPassages(random, size, WORDS));
      const data = built.toData();
      const fromJson = PassageIndex.fromData(JSON.parse(JSON.stringify(data)) as IndexData);
      const chunks = splitFlexChunks(collectChunks(data.flex as FlexData), 200);
      const stats: IndexStats = PassageIndex.statsOf(data);
      const sliced = await PassageIndex.fromDataInSlices({ ...data, flex: chunks }, stats, new Slicer(1));
      for (const { tokens, limit } of randomQueries(random, 150)) {
        const expected = candidatesByTally(built, tokens, limit);
        expect(built.candidates(tokens, limit)).toEqual(expected);
        expect(fromJson.candidates(tokens, limit), JSON.stringify(tokens)).toEqual(expected);
        expect(sliced.candidates(tokens, limit), JSON.stringify(tokens)).toEqual(expected);
        expect(sliced.candidates(tokens, limit, 0), JSON.stringify(tokens)).toEqual(expected);
        expect(candidatesByTally(fromJson, tokens, limit)).toEqual(expected);
      }
    }
  });

  it('when flexsearch holds fewer postings than the token ids count (restore-slices.test.ts\'s repeated state)', () => {
    const random = lcg(56);
    const passages = randomPassages(random, 300, WORDS);
    const once = PassageIndex.build(passages).toData();
    const flat = Uint32Array.from(once.flat);
    const offsets = Uint32Array.from(once.offsets);
    // Three copies of the token ids; flexsearch's chunks are the first copy's only.
    const copies = 3;
    const bigFlat = new Uint32Array(flat.length * copies);
    const bigOffsets = new Uint32Array(passages.length * copies + 1);
    for (let c = 0; c < copies; c++) {
      bigFlat.set(flat, c * flat.length);
      for (let i = 0; i < passages.length; i++) bigOffsets[c * passages.length + i] = offsets[i]! + c * flat.length;
    }
    bigOffsets[passages.length * copies] = bigFlat.length;
    const big = PassageIndex.fromData({ vocabulary: once.vocabulary, flat: bigFlat, offsets: bigOffsets, flex: collectChunks(once.flex as FlexData) });
    for (const { tokens, limit } of randomQueries(random, 200)) {
      const expected = candidatesByTally(big, tokens, limit);
      expect(big.candidates(tokens, limit), JSON.stringify(tokens)).toEqual(expected);
      expect(big.candidates(tokens, limit, 0), JSON.stringify(tokens)).toEqual(expected);
    }
  });
});

describe('flexPostings: flexsearch\'s own posting lists, read in place', () => {
  /** Checks every term flexsearch holds: the in-place list is what `search` returns, and sorted ascending. */
  const check = (ix: PassageIndex): number => {
    const { flex, vocabulary, df } = internals(ix);
    let terms = 0;
    vocabulary.forEach((t, id) => {
      if (df[id]! <= RARE || !searchable(t)) {
        // flexsearch holds no rare or unsearchable token.
        expect(flexPostings(flex, t)).toEqual([]);
        return;
      }
      const list = flexPostings(flex, t);
      // null: flexsearch's internals are no longer the shape flexPostings knows (an upgrade?). Fix flexPostings.
      expect(list, `flexsearch's internal shape changed: flexPostings(${t}) is null`).not.toBeNull();
      expect(list, t).toEqual(flex.search(t, { limit: ix.size + 1 }));
      expect(list!.length, t).toBe(df[id]);
      for (let k = 1; k < list!.length; k++) expect(list![k]! > list![k - 1]!, `${t} sorted`).toBe(true);
      terms++;
    });
    return terms;
  };

  it('is flexsearch\'s search result for every term, sorted, in a built index and after a snapshot restore', async () => {
    const built = PassageIndex.build(randomPassages(lcg(78), 2000, WORDS));
    expect(check(built)).toBeGreaterThan(5);
    const data = built.toData();
    expect(check(PassageIndex.fromData(JSON.parse(JSON.stringify(data)) as IndexData))).toBeGreaterThan(5);
    const sliced = await PassageIndex.fromDataInSlices({ ...data, flex: splitFlexChunks(collectChunks(data.flex as FlexData), 100) }, PassageIndex.statsOf(data), new Slicer(1));
    expect(check(sliced)).toBeGreaterThan(5);
  });

  it('is flexsearch\'s own array, not a copy', () => {
    const { flex } = internals(tiered);
    expect(flexPostings(flex, '风电')).toBe(flexPostings(flex, '风电'));
    expect(flexPostings(flex, '没有的词')).toEqual([]);
  });
});
