/** The passage index: flexsearch over pre-segmented tokens, plus the term statistics used to rank. */
import FlexSearch, { type Index } from 'flexsearch';

/** Index options; the tokens are made by the injected segmenter, so flexsearch only splits on spaces. */
function createFlex(): Index {
  return new FlexSearch.Index({
    tokenize: 'strict',
    // Tokens arrive joined by spaces; an `encode` function replaces flexsearch's Latin encoder,
    // which would treat a whole Chinese clause as one term and cut numbers into triplets.
    encode: (text: string) => text.split(' ').filter(Boolean),
    // Ranking is ours (see score()), so flexsearch's positional resolution buys nothing: 1 keeps it small.
    resolution: 1,
    cache: false,
  });
}

/**
 * Whether flexsearch keeps postings for a token. A single Han character (的, 在, 州) occurs in
 * a large share of passages: its posting list costs memory and time and finds nothing a word
 * would not. Ranking still counts it (from our own token ids); it only stops making candidates.
 */
function isPosted(token: string): boolean {
  return token.length > 1 || !/\p{Script=Han}/u.test(token);
}

/** Plain-data form of an index, for snapshots. */
export interface IndexData {
  vocabulary: string[];
  /** Each passage's token ids, in order (duplicates kept: term frequency). */
  tokens: number[][];
  flex: Array<[string, string]>;
}

/** An immutable index over passages 0..n-1, each given as its tokens. */
export class PassageIndex {
  readonly size: number;
  private readonly flex: Index;
  private readonly ids: Map<string, number>;
  private readonly vocabulary: string[];
  private readonly df: Uint32Array;
  /** Every passage's token ids end to end; passage i is flat[offsets[i] .. offsets[i + 1]). */
  private readonly flat: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly avgLength: number;

  private constructor(vocabulary: string[], tokens: ReadonlyArray<ArrayLike<number>>, flex: Index, ids?: Map<string, number>) {
    this.vocabulary = vocabulary;
    this.ids = ids ?? new Map(vocabulary.map((t, i) => [t, i]));
    this.flex = flex;
    this.size = tokens.length;
    // One flat array instead of a typed array per passage: ~100 bytes less per passage at 100k.
    this.offsets = new Uint32Array(tokens.length + 1);
    tokens.forEach((list, i) => (this.offsets[i + 1] = this.offsets[i]! + list.length));
    this.flat = new Uint32Array(this.offsets[tokens.length]!);
    tokens.forEach((list, i) => this.flat.set(list, this.offsets[i]));
    this.df = new Uint32Array(vocabulary.length);
    const seen = new Int32Array(vocabulary.length).fill(-1);
    for (let i = 0; i < this.size; i++) {
      for (const t of this.list(i)) {
        if (seen[t] === i) continue;
        seen[t] = i;
        this.df[t]! += 1;
      }
    }
    this.avgLength = this.flat.length / Math.max(1, this.size);
  }

  /** Passage i's token ids (a view, no copy). */
  private list(i: number): Uint32Array {
    return this.flat.subarray(this.offsets[i] ?? 0, this.offsets[i + 1] ?? 0);
  }

  /** Builds an index from each passage's tokens (position = passage number). */
  static build(passageTokens: readonly string[][]): PassageIndex {
    const ids = new Map<string, number>();
    const vocabulary: string[] = [];
    const tokens = passageTokens.map((list) =>
      list.map((t) => {
        let id = ids.get(t);
        if (id === undefined) {
          id = vocabulary.length;
          ids.set(t, id);
          vocabulary.push(t);
        }
        return id;
      }),
    );
    const flex = createFlex();
    // flexsearch keeps one posting per term and passage: repeated tokens (search mode repeats
    // sub-words) only cost it time. Frequencies are ours, from `tokens`.
    passageTokens.forEach((list, i) => flex.add(i, [...new Set(list)].filter(isPosted).join(' ')));
    return new PassageIndex(vocabulary, tokens, flex, ids);
  }

  /** Restores an index from `toData()`; the flexsearch options are recreated here, as export does not save them. */
  static fromData(data: IndexData): PassageIndex {
    const flex = createFlex();
    for (const [key, value] of data.flex) flex.import(key, value);
    return new PassageIndex(data.vocabulary, data.tokens, flex);
  }

  /** Plain data for a snapshot. */
  toData(): IndexData {
    const flex: Array<[string, string]> = [];
    this.flex.export((key: string | number, value: unknown) => {
      flex.push([String(key), String(value)]);
    });
    return { vocabulary: this.vocabulary, tokens: Array.from({ length: this.size }, (_, i) => Array.from(this.list(i))), flex };
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

  /** Candidate passages containing any of the tokens, best first by flexsearch (`suggest` = OR). */
  candidates(tokens: readonly string[], limit: number): number[] {
    const known = tokens.filter((t) => this.ids.has(t) && !t.includes(' ') && isPosted(t));
    if (known.length === 0) return [];
    // Passing a string (not an array) with an explicit limit: an array would be read as options.
    return this.flex.search(known.join(' '), { limit, suggest: true }) as number[];
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
   * One pass over passage i: for each token id that has a slot, how often it occurs (`all`) and
   * how often not right after one of the `modifiers` ids (`free`). The arrays are the caller's,
   * zeroed here, so ranking a query allocates nothing per candidate.
   */
  countIn(i: number, slots: ReadonlyMap<number, number>, modifiers: ReadonlySet<number>, all: Int32Array, free: Int32Array): void {
    all.fill(0);
    free.fill(0);
    const list = this.list(i);
    for (let k = 0; k < list.length; k++) {
      const slot = slots.get(list[k]!);
      if (slot === undefined) continue;
      all[slot]! += 1;
      if (k === 0 || !modifiers.has(list[k - 1]!)) free[slot]! += 1;
    }
  }

  /** BM25 length factor for passage i (longer passages weigh each match a little less). */
  lengthFactor(i: number, tf: number, k1 = 1.2, b = 0.3): number {
    if (tf === 0) return 0;
    const len = i >= 0 && i < this.size ? this.offsets[i + 1]! - this.offsets[i]! : this.avgLength;
    return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / this.avgLength));
  }
}
