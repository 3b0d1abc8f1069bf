/** What a passage is read with besides its own words: its paragraph, and character pairs with their corpus frequency. */
import type { Passage } from './types.js';

/** The paragraph key of a passage id: `doc#p3.s2` → `doc#p3` (a passage's own id when it has no sentence part). */
function paragraphKey(id: string): string {
  const cut = id.lastIndexOf('.s');
  return cut > id.lastIndexOf('#') ? id.slice(0, cut) : id;
}

/** For each passage i, its paragraph's first passage and end, as [start0, end0, start1, end1, …] (passages in corpus order). */
export function paragraphRanges(passages: readonly Pick<Passage, 'id'>[]): Uint32Array {
  const out = new Uint32Array(passages.length * 2);
  let start = 0;
  for (let i = 1; i <= passages.length; i++) {
    if (i < passages.length && paragraphKey(passages[i]!.id) === paragraphKey(passages[start]!.id)) continue;
    for (let j = start; j < i; j++) {
      out[2 * j] = start;
      out[2 * j + 1] = i;
    }
    start = i;
  }
  return out;
}

/** True for a UTF-16 unit that forms pairs: common Han (BMP), Latin letters (either case) and digits; punctuation breaks a pair. */
function pairsWith(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Lower-cases an ASCII letter's code; other codes unchanged. */
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c);

/** characterPairs as numbers (first code unit × 65536 + second), sorted and distinct: the same pairs, no strings. */
export function pairCodes(text: string): Uint32Array {
  const codes: number[] = [];
  for (let k = 0; k + 1 < text.length; k++) {
    const a = text.charCodeAt(k);
    const b = text.charCodeAt(k + 1);
    if (pairsWith(a) && pairsWith(b)) codes.push(lower(a) * 65536 + lower(b));
  }
  return distinctSorted(codes);
}

/** Every adjacent pair of code units of a text, unfiltered, as pairCodes numbers (sorted, distinct): what `text.includes(pair)` finds. */
export function adjacentCodes(text: string): Uint32Array {
  const codes: number[] = [];
  for (let k = 0; k + 1 < text.length; k++) codes.push(text.charCodeAt(k) * 65536 + text.charCodeAt(k + 1));
  return distinctSorted(codes);
}

/** How many of the sorted, distinct `pairs` are in the sorted, distinct `all` (one merge). */
export function sharedCount(pairs: Uint32Array, all: Uint32Array): number {
  let n = 0;
  for (let i = 0, j = 0; i < pairs.length && j < all.length; ) {
    if (pairs[i]! < all[j]!) i++;
    else if (pairs[i]! > all[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

function distinctSorted(codes: number[]): Uint32Array {
  const sorted = Uint32Array.from(codes).sort();
  let n = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[n++] = sorted[k]!;
  return sorted.subarray(0, n);
}

/** The distinct adjacent character pairs of a text (lower-cased), as strings. */
export function characterPairs(text: string): string[] {
  const out = new Set<string>();
  for (let k = 0; k + 1 < text.length; k++) {
    const a = text.charCodeAt(k);
    const b = text.charCodeAt(k + 1);
    if (pairsWith(a) && pairsWith(b)) out.add(String.fromCharCode(lower(a), lower(b)));
  }
  return [...out];
}

/**
 * How many distinct character pairs (as characterPairs writes them) of a text are not in `asked`,
 * counting stopped once past `stopAbove`: the pairs are read one by one, so a text that says more
 * than the question stops being read at the first pairs it adds (what characterPairs would have
 * listed in full).
 */
export function pairsBeyond(text: string, asked: ReadonlySet<string>, stopAbove = Infinity): number {
  const seen = new Set<string>();
  let n = 0;
  for (let k = 0; k + 1 < text.length; k++) {
    const a = text.charCodeAt(k);
    const b = text.charCodeAt(k + 1);
    if (!pairsWith(a) || !pairsWith(b)) continue;
    const pair = String.fromCharCode(lower(a), lower(b));
    if (seen.has(pair)) continue;
    seen.add(pair);
    if (!asked.has(pair) && ++n > stopAbove) break;
  }
  return n;
}

/** A PairTable's counts as plain data: the table and the number of passages counted. */
export interface PairCounts {
  counts: Uint32Array;
  size: number;
}

/** Slots of the hashed pair-frequency table: 2^20 counters (4 MB); collisions only blur rare pairs' idf a little. */
const TABLE_BITS = 20;
const MASK = (1 << TABLE_BITS) - 1;

/** The table slot of a pair given as two (lower-cased) UTF-16 units. */
function slotOf(a: number, b: number): number {
  return (Math.imul(Math.imul(0x811c9dc5 ^ a, 0x01000193) ^ b, 0x01000193) >>> 0) & MASK;
}

/**
 * How many passages hold each character pair, hashed into a fixed table (no Map of every pair:
 * a corpus has hundreds of thousands). Counted from the passages' texts (one pass over their
 * characters, no strings made), or taken as counted elsewhere (the build worker: `counted()`): no snapshot field.
 */
export class PairTable {
  private readonly counts: Uint32Array;
  private readonly size: number;

  constructor(texts: readonly string[] | PairCounts) {
    if (!Array.isArray(texts)) {
      const given = texts as PairCounts;
      if (given.counts.length !== 1 << TABLE_BITS) throw new Error('pair counts: wrong table size');
      this.counts = given.counts;
      this.size = given.size;
      return;
    }
    this.counts = new Uint32Array(1 << TABLE_BITS);
    this.size = texts.length;
    // The last passage that counted each slot: a passage counts a pair once, with no Set per passage.
    const last = new Int32Array(1 << TABLE_BITS).fill(-1);
    (texts as readonly string[]).forEach((text, i) => {
      for (let k = 0; k + 1 < text.length; k++) {
        const a = text.charCodeAt(k);
        const b = text.charCodeAt(k + 1);
        if (!pairsWith(a) || !pairsWith(b)) continue;
        const slot = slotOf(lower(a), lower(b));
        if (last[slot] === i) continue;
        last[slot] = i;
        this.counts[slot]! += 1;
      }
    });
  }

  /** The table as plain data (its own array, not a copy), to hand to another thread. */
  counted(): PairCounts {
    return { counts: this.counts, size: this.size };
  }

  /** A text's distinct pairs that some passage holds, each with its idf (BM25 form). */
  weighted(text: string): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const pair of characterPairs(text)) {
      const df = this.counts[slotOf(pair.charCodeAt(0), pair.charCodeAt(1))]!;
      if (df > 0) out.push([pair, Math.log(1 + (this.size - df + 0.5) / (df + 0.5))]);
    }
    return out;
  }
}
