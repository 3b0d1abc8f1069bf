/**
 * The passage index over pre-segmented tokens: flexsearch holds the words found in several
 * passages, a compact table of our own the rare ones; plus the term statistics used to rank.
 */
import FlexSearch, { type Index } from 'flexsearch';
import type { Slicer } from './slices.js';
import { TypedBlocks } from './typed-blocks.js';

/** Index options; the tokens are made by the injected segmenter, so flexsearch does not split them again. */
function createFlex(): Index {
  return new FlexSearch.Index({
    tokenize: 'strict',
    // flexsearch hands `add`'s and `search`'s content to `encode` untouched. A passage arrives as
    // its token array (the vocabulary's own string instances: no join, no re-split, hashes cached);
    // a query as one string of space-joined tokens, since `search` reads an array as options.
    // Either way flexsearch's Latin encoder is bypassed: it would treat a whole Chinese clause as
    // one term and cut numbers into triplets.
    encode: ((content: string | string[]) => (typeof content === 'string' ? content.split(' ').filter(Boolean) : content)) as (text: string) => string[],
    // Ranking is ours (see rank.ts), so flexsearch's positional resolution buys nothing: 1 keeps it small.
    resolution: 1,
    cache: false,
  });
}

/**
 * The posting list flexsearch itself holds for a term: the ids of the passages `add`ed with it, in
 * the order they were added, as flexsearch's own array (no copy). This is the one place that reads
 * flexsearch's internals, and it knows exactly one shape, that of flexsearch 0.8.212 with the options
 * of createFlex (`resolution: 1`, tokenize `strict`, no context, keystore or compression): `index.map`
 * is a Map from term to an array of score slots, and with one score (resolution 1) every id is in
 * slot 0. `add` pushes onto that array and `import` sets the exported array again as JSON parsed it,
 * so passages added in id order (fillFlex) give a list sorted ascending, before and after a snapshot.
 *
 * Returns `[]` when flexsearch has no such term, and null when the shape is not the known one (a
 * flexsearch upgrade): the caller then asks `search` (a copy of the same list, correct but
 * slower). test/core/search-index.test.ts compares this list with `search(term, { limit })` for
 * every term of built and restored indexes, and fails on a null, so an upgrade that changes the
 * shape is seen there, not in production.
 */
export function flexPostings(flex: Index, term: string): readonly number[] | null {
  const map = (flex as unknown as { map?: unknown }).map;
  if (!(map instanceof Map)) return null;
  const slots: unknown = map.get(term);
  if (slots === undefined) return [];
  if (!Array.isArray(slots) || slots.length > 1) return null;
  const ids: unknown = slots[0];
  if (ids === undefined) return [];
  return Array.isArray(ids) ? (ids as number[]) : null;
}

/**
 * Whether a token can make candidates at all. A single Han character (的, 在, 州) occurs in a
 * large share of passages: its posting list costs memory and time and finds nothing a word
 * would not. Ranking still counts it (from our own token ids); it only stops making candidates.
 */
function isSearchable(token: string): boolean {
  return (token.length > 1 || !/\p{Script=Han}/u.test(token)) && !token.includes(' ');
}

/**
 * Tokens found in at most this many passages are rare: their passages are kept in the index's
 * own table (4 bytes a passage), not in flexsearch, where any posting list costs a Map entry and
 * two arrays. In 100k passages of real text, rare tokens are nine in ten distinct words but
 * carry one posting in five: flexsearch then builds in about two thirds of the time, smaller.
 */
export const RARE = 3;

/** flexsearch's part of an index's data: its export, made chunk by chunk when asked (a snapshot streams it). */
export interface FlexData {
  /** Calls `write` with each export chunk (key, JSON text); when `write` returns a promise, the next chunk waits for it. */
  export(write: (key: string, json: string) => Promise<void> | void): Promise<void> | void;
}

/** Plain-data form of an index, for snapshots. */
export interface IndexData {
  vocabulary: string[];
  /** Every passage's token ids end to end, in order (duplicates kept: term frequency). */
  flat: Uint32Array | number[];
  /** Where passage i's ids start in `flat`; the last entry is the total. */
  offsets: Uint32Array | number[];
  /** flexsearch's export: `[key, chunk]` pairs (chunk as JSON text or already parsed), or the live exporter. */
  flex: Array<[string, unknown]> | FlexData;
}

/** Incremental build: passages are added one at a time, so a caller need not hold every passage's tokens at once. */
export interface IndexBuilder {
  /** Adds the next passage's tokens (its position is the passage number). */
  add(tokens: readonly string[]): void;
  /** The finished index; the builder must not be used after. */
  finish(): PassageIndex;
}

/** Every chunk of a flexsearch export, synchronously (a synchronous writer makes flexsearch's export synchronous). */
export function collectChunks(flex: FlexData): Array<[string, string]> {
  const chunks: Array<[string, string]> = [];
  void flex.export((key, json) => {
    chunks.push([String(key), String(json)]);
  });
  return chunks;
}

/** What an index counts from its token ids on restore: document frequencies and the rare tokens' passages. */
export interface IndexStats {
  df: Uint32Array;
  rareStart: Uint32Array;
  rarePassages: Uint32Array;
}

/**
 * Cuts flexsearch's export chunks into pieces of about `maxChars` JSON characters: one 100k-passage chunk is
 * ~9 MB, a single JSON.parse and Map fill that would block the main thread at once. flexsearch's import adds a
 * chunk's entries to what it already holds (its `reg` Set and `map` Map), so pieces under the same key add up.
 */
export function splitFlexChunks(chunks: Array<[string, string]>, maxChars = 1 << 18): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, json] of chunks) {
    const parsed: unknown = json.length > maxChars ? JSON.parse(json) : null;
    if (!Array.isArray(parsed)) {
      out.push([key, json]);
      continue;
    }
    const per = Math.max(1, Math.ceil(parsed.length / Math.ceil(json.length / maxChars)));
    for (let i = 0; i < parsed.length; i += per) out.push([key, JSON.stringify(parsed.slice(i, i + per))]);
  }
  return out;
}

/** An immutable index over passages 0..n-1, each given as its tokens. */
export class PassageIndex {
  readonly size: number;
  private readonly flex: Index;
  private readonly ids: Map<string, number>;
  private readonly vocabulary: string[];
  private readonly df: Uint32Array;
  /**
   * Passages of the rare tokens (found in at most RARE passages): token id t's are
   * rarePassages[rareStart[t] .. rareStart[t + 1]); empty for other tokens, which flexsearch holds.
   */
  private readonly rareStart: Uint32Array;
  private readonly rarePassages: Uint32Array;
  /** Every passage's token ids end to end; passage i is flat[offsets[i] .. offsets[i + 1]). */
  private readonly flat: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly avgLength: number;
  /** byMarking's scratch, made on first use: per passage, how many of the lists hold it (all zero between calls); the passages met. */
  private markCounts?: Uint8Array;
  private markTouched?: Uint32Array;

  /** Counts the statistics from the token ids unless given (statsOf); fills a new flexsearch index unless one is given (restore). */
  private constructor(vocabulary: string[], flat: Uint32Array, offsets: Uint32Array, ids?: Map<string, number>, flex?: Index, stats?: IndexStats) {
    this.vocabulary = vocabulary;
    this.ids = ids ?? new Map(vocabulary.map((t, i) => [t, i]));
    this.size = offsets.length - 1;
    this.flat = flat;
    this.offsets = offsets;
    // Restored from a worker's build the statistics come ready (statsOf there): no pass over the token ids here.
    ({ df: this.df, rareStart: this.rareStart, rarePassages: this.rarePassages } = stats ?? PassageIndex.countStats(vocabulary.length, offsets, flat));
    this.avgLength = this.flat.length / Math.max(1, this.size);
    this.flex = flex ?? this.fillFlex(new Int32Array(vocabulary.length).fill(-1));
  }

  /** Document frequencies and the rare tokens' passages, from the token ids (two passes over them). */
  private static countStats(vocabularySize: number, offsets: Uint32Array, flat: Uint32Array): IndexStats {
    const size = offsets.length - 1;
    const df = new Uint32Array(vocabularySize);
    // seen[t] = the last passage that counted token t, so a passage counts each token once.
    const seen = new Int32Array(vocabularySize).fill(-1);
    for (let i = 0; i < size; i++) {
      for (const t of flat.subarray(offsets[i]!, offsets[i + 1]!)) {
        if (seen[t] === i) continue;
        seen[t] = i;
        df[t]! += 1;
      }
    }
    // The rare tokens' passages, by counting sort: two passes over the flat token ids.
    const rareStart = new Uint32Array(vocabularySize + 1);
    for (let t = 0; t < vocabularySize; t++) rareStart[t + 1] = rareStart[t]! + (df[t]! <= RARE ? df[t]! : 0);
    const rarePassages = new Uint32Array(rareStart[vocabularySize]!);
    const filled = new Uint32Array(vocabularySize);
    seen.fill(-1);
    for (let i = 0; i < size; i++) {
      for (const t of flat.subarray(offsets[i]!, offsets[i + 1]!)) {
        if (seen[t] === i || df[t]! > RARE) continue;
        seen[t] = i;
        rarePassages[rareStart[t]! + filled[t]!++] = i;
      }
    }
    return { df, rareStart, rarePassages };
  }

  /** The statistics a restore would count from `data`'s token ids, counted here (in the build worker) to be handed over with it. */
  static statsOf(data: Pick<IndexData, 'vocabulary' | 'flat' | 'offsets'>): IndexStats {
    const u32 = (a: Uint32Array | number[]): Uint32Array => (a instanceof Uint32Array ? a : Uint32Array.from(a));
    return PassageIndex.countStats(data.vocabulary.length, u32(data.offsets), u32(data.flat));
  }

  /**
   * Restores an index like fromData, on the main thread without blocking it: the statistics come from statsOf
   * (computed in the worker), and the term ids and flexsearch's chunks (cut small by splitFlexChunks) are taken
   * in between turns of the event loop.
   */
  static async fromDataInSlices(data: IndexData, stats: IndexStats, slicer: Slicer): Promise<PassageIndex> {
    const flex = createFlex();
    const chunks = Array.isArray(data.flex) ? data.flex : collectChunks(data.flex);
    for (const [key, value] of chunks) {
      flex.import(key, value as string);
      await slicer.maybe();
    }
    const ids = new Map<string, number>();
    const vocabulary = data.vocabulary;
    for (let i = 0; i < vocabulary.length; i++) {
      ids.set(vocabulary[i]!, i);
      if ((i & 4095) === 4095) await slicer.maybe();
    }
    const u32 = (a: Uint32Array | number[]): Uint32Array => (a instanceof Uint32Array ? a : Uint32Array.from(a));
    const offsets = u32(data.offsets);
    const flat = u32(data.flat);
    if (offsets.length === 0 || offsets[offsets.length - 1] !== flat.length) throw new Error('index data: offsets do not match the token ids');
    if (stats.df.length !== vocabulary.length || stats.rareStart.length !== vocabulary.length + 1) throw new Error('index data: statistics do not match the vocabulary');
    return new PassageIndex(vocabulary, flat, offsets, ids, flex, stats);
  }

  /** A new flexsearch index holding, for each passage, its distinct searchable tokens that are not rare. */
  private fillFlex(seen: Int32Array): Index {
    const flex = createFlex();
    const searchable = this.vocabulary.map((t, id) => this.df[id]! > RARE && isSearchable(t));
    for (let i = 0; i < this.size; i++) {
      const terms: string[] = [];
      // flexsearch keeps one posting per term and passage: repeats (search mode repeats
      // sub-words) would only cost it time. Frequencies are ours, from `flat`.
      for (const t of this.list(i)) {
        if (seen[t] === i || !searchable[t]) continue;
        seen[t] = i;
        terms.push(this.vocabulary[t]!);
      }
      if (terms.length > 0) flex.add(i, terms as unknown as string);
    }
    return flex;
  }

  /** Passage i's token ids (a view, no copy). */
  private list(i: number): Uint32Array {
    return this.flat.subarray(this.offsets[i] ?? 0, this.offsets[i + 1] ?? 0);
  }

  /** Builds an index from each passage's tokens (position = passage number). */
  static build(passageTokens: readonly (readonly string[])[]): PassageIndex {
    const builder = PassageIndex.builder();
    for (const list of passageTokens) builder.add(list);
    return builder.finish();
  }

  /**
   * An incremental builder: each passage's tokens become ids as they are added, so the token
   * strings can die young (a build of 1M passages would otherwise hold ~30M strings at once).
   */
  static builder(): IndexBuilder {
    const ids = new Map<string, number>();
    const vocabulary: string[] = [];
    // A one-character token (four in ten of the poetry benchmark's tokens) finds its id by its code unit:
    // no string hashing for the commonest lookups.
    const byChar = new Int32Array(0x10000).fill(-1);
    const idOf = (t: string): number => {
      let id = ids.get(t);
      if (id === undefined) {
        id = vocabulary.length;
        ids.set(t, id);
        vocabulary.push(t);
      }
      return id;
    };
    // Appending never copies what is already there; the blocks are joined once at the end.
    const flat = new TypedBlocks((n) => new Uint32Array(n), 1 << 22);
    const offsets = new TypedBlocks((n) => new Uint32Array(n), 1 << 16);
    offsets.push(0);
    return {
      add(list) {
        for (const t of list) {
          if (t.length === 1) {
            const c = t.charCodeAt(0);
            flat.push(byChar[c]! >= 0 ? byChar[c]! : (byChar[c] = idOf(t)));
          } else {
            flat.push(idOf(t));
          }
        }
        offsets.push(flat.length);
      },
      finish: () => new PassageIndex(vocabulary, flat.finish(), offsets.finish(), ids),
    };
  }

  /** Restores an index from `toData()` (or its JSON); the flexsearch options are recreated here, as export does not save them. */
  static fromData(data: IndexData): PassageIndex {
    const flex = createFlex();
    // A live exporter (an engine restored from another's state in the same process) is exported synchronously.
    const chunks = Array.isArray(data.flex) ? data.flex : collectChunks(data.flex);
    for (const [key, value] of chunks) flex.import(key, value as string);
    const u32 = (a: Uint32Array | number[]): Uint32Array => (a instanceof Uint32Array ? a : Uint32Array.from(a));
    const offsets = u32(data.offsets);
    const flat = u32(data.flat);
    if (offsets.length === 0 || offsets[offsets.length - 1] !== flat.length) throw new Error('index data: offsets do not match the token ids');
    return new PassageIndex(data.vocabulary, flat, offsets, undefined, flex);
  }

  /**
   * Plain data for a snapshot: the index's own arrays (not copies: the index never changes them)
   * and a flexsearch exporter that makes its chunks only when asked. `JSON.stringify` gives
   * plain arrays and the chunks (tests and debugging).
   */
  toData(): IndexData {
    const flexIndex = this.flex;
    const flex: FlexData = { export: (write) => flexIndex.export(write as (key: string | number, data: string) => void) as unknown as Promise<void> | void };
    const data: IndexData = { vocabulary: this.vocabulary, flat: this.flat, offsets: this.offsets, flex };
    Object.defineProperty(data, 'toJSON', {
      enumerable: false,
      value: () => ({ vocabulary: this.vocabulary, flat: Array.from(this.flat), offsets: Array.from(this.offsets), flex: collectChunks(flex) }),
    });
    return data;
  }

  /** The tokens of passage i, in order. */
  tokensOf(i: number): string[] {
    return Array.from(this.list(i), (id) => this.vocabulary[id]!);
  }

  /** True when the token occurs in some passage. */
  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** Every token of the index (for the query segmenter's dictionary). */
  terms(): readonly string[] {
    return this.vocabulary;
  }

  /** Inverse document frequency (BM25 form); an unknown token gets the rarest possible weight. */
  idf(token: string): number {
    const id = this.ids.get(token);
    const df = id === undefined ? 0 : this.df[id]!;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Candidate passages holding any of the terms, a term being one token or a group of alternatives
   * (a word and its synonyms: 今年 | 年内 | 今年以来), which a passage holds when it holds any of them:
   * those holding more terms first; among passages holding as many, those whose first term held comes
   * first, then in corpus order. The terms are ordered rare ones (every token of them in the index's
   * own table) first, then the others (flexsearch's posting lists), each group in the order given; a
   * token given twice counts for the first term that names it. (What tallying every term's postings,
   * a passage once per term, and taking passages by count, first seen first, gives:
   * test/core/search-index.test.ts keeps that as the reference.) A group counts once: a passage
   * saying both 今年 and 年内 holds one term, not two, so the synonyms of one word do not outrank a
   * passage with another of the question's words, and the top levels are not left empty by words
   * seldom written together.
   *
   * Without walking every posting list: the passages holding c of the n terms with first term f
   * are taken in corpus order, level by level (c = n down) and f by f, until there are `limit`.
   * Each such passage is in term f, and also in one of any n − f − c + 1 of the terms after f (it
   * holds c − 1 of those n − f − 1): the terms after f, shortest first, are cut into groups of
   * that size, and the passages in term f and in some list of every group are found by leapfrog
   * (each list's cursor gallops to the largest passage another one proposes), so long lists that
   * seldom meet are skipped through, not walked; each passage found is then checked against
   * every term. At c = n that is the terms' intersection. Most questions fill `limit` at the first
   * levels and read a few hundred postings. Where the top levels are empty, proving them empty takes
   * a step per alternation of long lists; past a budget of steps (about the cost of reading every
   * list once) the walk gives up and byMarking counts every posting instead. The lists are
   * flexsearch's own arrays, read in place (flexPostings), never copied.
   */
  candidates(terms: ReadonlyArray<string | readonly string[]>, limit: number, walkSteps?: number): number[] {
    const rare: Array<Array<readonly number[]>> = [];
    const common: Array<Array<readonly number[]>> = [];
    const seen = new Set<string>();
    for (const term of terms) {
      const lists: Array<readonly number[]> = [];
      let allRare = true;
      for (const t of typeof term === 'string' ? [term] : term) {
        if (seen.has(t)) continue;
        seen.add(t);
        const id = this.ids.get(t);
        if (id === undefined || !isSearchable(t)) continue;
        if (this.df[id]! > RARE) {
          // flexsearch's own list; `search` (a copy of it) only if its internals are not the known shape.
          const list = flexPostings(this.flex, t) ?? (this.flex.search(t, { limit: this.df[id]! }) as number[]);
          if (list.length > 0) {
            lists.push(list);
            allRare = false;
          }
        } else if (this.rareStart[id + 1]! > this.rareStart[id]!) {
          // At most RARE passages: a plain array, so the walk below reads one kind of list.
          lists.push(Array.from(this.rarePassages.subarray(this.rareStart[id]!, this.rareStart[id + 1]!)));
        }
      }
      if (lists.length > 0) (allRare ? rare : common).push(lists);
    }
    const byTerm = [...rare, ...common];
    const n = byTerm.length;
    const out: number[] = [];
    if (n === 0 || limit <= 0) return out;
    if (n === 1 && byTerm[0]!.length === 1) return byTerm[0]![0]!.slice(0, limit);
    // The lists end to end, term by term; term j's are lists[termStart[j]] .. lists[termStart[j + 1] - 1].
    const lists = byTerm.flat();
    const termStart = [0];
    for (const t of byTerm) termStart.push(termStart.at(-1)! + t.length);
    const sizes = byTerm.map((t) => t.reduce((sum, list) => sum + list.length, 0));
    const byLength = sizes.map((_, j) => j).sort((x, y) => sizes[x]! - sizes[y]! || x - y);
    // The walk's budget: a step costs it about what MARK_STEPS postings cost the marking pass.
    const postings = sizes.reduce((a, b) => a + b, 0);
    // `walkSteps` overrides it (tests: 0 marks at once, Infinity only walks); over 255 terms only the walk can count.
    let budget = n > 0xff ? Infinity : (walkSteps ?? Math.max(WALK_MIN_STEPS, postings / MARK_STEPS));
    const walk: Walk = { lists, termStart, at: new Uint32Array(lists.length) };
    const listsOf = byTerm.map((_, j) => Array.from({ length: termStart[j + 1]! - termStart[j]! }, (_, k) => termStart[j]! + k));
    for (let c = n; c >= 1; c--) {
      for (let f = 0; f + c <= n; f++) {
        budget = takeHolding(walk, groupsFor(byLength, listsOf, c, f), c, f, limit, out, budget);
        if (budget < 0) return this.byMarking(byTerm, limit);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /**
   * candidates()'s result by marking, for when the level walk would take longer: one pass over the
   * terms in order counts each passage's terms in a scratch array and notes it in `touched` when its
   * first term reaches it, so `touched` holds the passages by (first term, passage): a term of several
   * lists is read as their merge, in passage order, a passage in two of them counted once; then each
   * goes to its count's bucket (kept to `limit`: no later one could be taken). About as fast per
   * posting as reading the lists, so where the walk must prove that long lists seldom meet (the levels
   * above the first one filled), this costs less. At most 255 terms (the counts are bytes).
   */
  private byMarking(byTerm: ReadonlyArray<ReadonlyArray<readonly number[]>>, limit: number): number[] {
    const counts = (this.markCounts ??= new Uint8Array(this.size));
    const touched = (this.markTouched ??= new Uint32Array(this.size));
    let seen = 0;
    for (const lists of byTerm) {
      if (lists.length === 1) {
        const list = lists[0]!;
        for (let k = 0; k < list.length; k++) {
          const p = list[k]!;
          if (counts[p]!++ === 0) touched[seen++] = p;
        }
        continue;
      }
      // The term's lists merged: each step takes the smallest passage at any cursor and moves past it in every list.
      const at = new Uint32Array(lists.length);
      for (;;) {
        let p = -1;
        for (let j = 0; j < lists.length; j++) {
          const k = at[j]!;
          if (k < lists[j]!.length && (p < 0 || lists[j]![k]! < p)) p = lists[j]![k]!;
        }
        if (p < 0) break;
        for (let j = 0; j < lists.length; j++) if (lists[j]![at[j]!] === p) at[j]!++;
        if (counts[p]!++ === 0) touched[seen++] = p;
      }
    }
    const buckets: number[][] = Array.from({ length: byTerm.length + 1 }, () => []);
    for (let k = 0; k < seen; k++) {
      const p = touched[k]!;
      const bucket = buckets[counts[p]!]!;
      if (bucket.length < limit) bucket.push(p);
      counts[p] = 0;
    }
    const out: number[] = [];
    for (let c = byTerm.length; c >= 1 && out.length < limit; c--) {
      for (const p of buckets[c]!) {
        if (out.length === limit) break;
        out.push(p);
      }
    }
    return out;
  }

  /** The idf of a word that occurs in one passage: the weight of the rarest known word. */
  rarestIdf(): number {
    return Math.log(1 + (this.size - 1 + 0.5) / 1.5);
  }

  /** The id of a token, or -1 when no passage has it. */
  idOf(token: string): number {
    return this.ids.get(token) ?? -1;
  }

  /**
   * Counts, in each of the passages, the token ids that have a slot (`slots`: id → slot number,
   * 0..size-1): how often each occurs (`all`) and how often not right after one of the
   * `modifiers` ids (`free`), then calls `visit`. The arrays are reused for every passage:
   * ranking a query allocates nothing per candidate.
   */
  countEach(
    passages: Iterable<number>,
    slots: ReadonlyMap<number, number>,
    modifiers: ReadonlySet<number>,
    visit: (i: number, all: Int32Array, free: Int32Array) => void,
  ): void {
    // A 1,024-bit filter of the counted ids: most tokens of a passage fail it and skip the Map.
    const filter = new Uint32Array(32);
    for (const id of slots.keys()) filter[(id >>> 5) & 31]! |= 1 << (id & 31);
    const all = new Int32Array(slots.size);
    const free = new Int32Array(slots.size);
    for (const i of passages) {
      all.fill(0);
      free.fill(0);
      // Offsets into the flat array, not a subarray view: no object per candidate.
      const start = this.offsets[i]!;
      const end = this.offsets[i + 1]!;
      for (let k = start; k < end; k++) {
        const id = this.flat[k]!;
        if ((filter[(id >>> 5) & 31]! & (1 << (id & 31))) === 0) continue;
        const slot = slots.get(id);
        if (slot === undefined) continue;
        all[slot]! += 1;
        if (k === start || !modifiers.has(this.flat[k - 1]!)) free[slot]! += 1;
      }
      visit(i, all, free);
    }
  }

  /** BM25 length factor for passage i (longer passages weigh each match a little less). */
  lengthFactor(i: number, tf: number, k1 = 1.2, b = 0.3): number {
    if (tf === 0) return 0;
    const len = i >= 0 && i < this.size ? this.offsets[i + 1]! - this.offsets[i]! : this.avgLength;
    return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / this.avgLength));
  }
}

/** The first position at or after `from` where `list` holds a value ≥ `target` (galloping, then bisection). */
function gallop(list: readonly number[], from: number, target: number): number {
  if (from >= list.length || list[from]! >= target) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < list.length && list[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > list.length) hi = list.length;
  // list[lo] < target; the answer is in (lo, hi].
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * What a step of the level walk (a group's proposal or a passage checked against the lists) costs
 * against the marking pass's cost per posting: on news-1000k's 2000 bench questions a walk step took
 * ~29 ns (it gallops and branches), a posting marked ~6 ns. The walk runs within postings / MARK_STEPS
 * steps (at least WALK_MIN_STEPS), then candidates() marks instead; of the budgets tried (postings / 0.5
 * to / 16), / 4 gave the lowest p99 there (7.7 ms against 10.8 for the walk alone or the marking alone).
 */
const MARK_STEPS = 4;
const WALK_MIN_STEPS = 2000;

/** The posting lists of a level walk, term by term, with a cursor per list that only moves forward. */
interface Walk {
  lists: ReadonlyArray<readonly number[]>;
  /** Term j's lists are lists[termStart[j]] .. lists[termStart[j + 1] - 1]. */
  termStart: readonly number[];
  at: Uint32Array;
}

/**
 * The constraints of one level (c terms held, term `first` the first of them), for takeHolding, as
 * groups of list numbers (`listsOf[j]`: term j's) a passage must be in one of: term `first`'s lists, then the terms after it,
 * shortest first, in disjoint groups of n − first − c + 1 terms (a passage holding c − 1 of the terms
 * after `first` is in some list of every such group).
 */
function groupsFor(byLength: readonly number[], listsOf: ReadonlyArray<readonly number[]>, count: number, first: number): Array<readonly number[]> {
  const later = byLength.filter((j) => j > first);
  const size = later.length - (count - 1) + 1;
  const groups: Array<readonly number[]> = [listsOf[first]!];
  if (count > 1) {
    for (let g = 0; g + size <= later.length; g += size) {
      const terms = later.slice(g, g + size);
      groups.push(terms.length === 1 ? listsOf[terms[0]!]! : terms.flatMap((j) => listsOf[j]!));
    }
  }
  return groups;
}

/**
 * Appends to `out`, in corpus order and until it holds `limit`, the passages that exactly `count` of
 * the terms hold, term `first` the first of them. Candidates are the passages in some list of every
 * group (groupsFor), found by leapfrog: a group proposes the smallest passage ≥ the target its lists
 * hold, a larger proposal becomes the target, until every group proposes the target. Every list keeps
 * a cursor that only moves forward (the walk's, for the whole level), as the targets only grow.
 * Returns the steps left of `budget`, or -1 when it ran out first (`out` is then part of the level only).
 */
function takeHolding(walk: Walk, groups: readonly (readonly number[])[], count: number, first: number, limit: number, out: number[], budget: number): number {
  const { lists, termStart } = walk;
  const at = walk.at.fill(0);
  const n = termStart.length - 1;
  let target = 0;
  let left = budget;
  while (out.length < limit) {
    if (--left < 0) return -1;
    // The smallest passage ≥ target that every group holds in one of its lists.
    let agreed = 0;
    for (let g = 0; agreed < groups.length; g = g + 1 === groups.length ? 0 : g + 1) {
      let proposed = -1;
      for (const j of groups[g]!) {
        const list = lists[j]!;
        let k = at[j]!;
        if (k < list.length && list[k]! < target) at[j] = k = gallop(list, k, target);
        if (k < list.length && (proposed < 0 || list[k]! < proposed)) proposed = list[k]!;
      }
      if (proposed < 0) return left;
      if (--left < 0) return -1;
      if (proposed === target) agreed++;
      else {
        target = proposed;
        agreed = 1;
      }
    }
    let held = 0;
    let ok = true;
    for (let t = 0; t < n; t++) {
      let holds = false;
      for (let j = termStart[t]!; j < termStart[t + 1]!; j++) {
        const list = lists[j]!;
        let k = at[j]!;
        // Most cursors already stand at or past the target: gallop only when behind.
        if (k < list.length && list[k]! < target) at[j] = k = gallop(list, k, target);
        if (k < list.length && list[k] === target) holds = true;
      }
      if (holds) held++;
      // Not the first term it must be, more terms than asked, or too few terms left to reach `count`.
      if ((t < first && holds) || (t === first && !holds) || held > count || held + (n - 1 - t) < count) {
        ok = false;
        break;
      }
    }
    if (ok && held === count) out.push(target);
    target++;
  }
  return left;
}
