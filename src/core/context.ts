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

/** Characters that form pairs: Han, Latin letters and digits (punctuation breaks a pair). */
const PAIR_CHAR = /[\p{Script=Han}a-z0-9]/u;

/** The distinct adjacent character pairs of a text (lower-cased), as strings. */
export function characterPairs(text: string): string[] {
  const chars = [...text.toLowerCase()];
  const out = new Set<string>();
  for (let k = 0; k + 1 < chars.length; k++) {
    if (PAIR_CHAR.test(chars[k]!) && PAIR_CHAR.test(chars[k + 1]!)) out.add(chars[k]! + chars[k + 1]!);
  }
  return [...out];
}

/** Slots of the hashed pair-frequency table: 2^20 counters (4 MB); collisions only blur rare pairs' idf a little. */
const TABLE_BITS = 20;

function slotOf(pair: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < pair.length; k++) h = Math.imul(h ^ pair.charCodeAt(k), 0x01000193);
  return (h >>> 0) & ((1 << TABLE_BITS) - 1);
}

/**
 * How many passages hold each character pair, hashed into a fixed table (no Map of every pair:
 * a corpus has hundreds of thousands). Rebuilt from the passages' texts on restore: no snapshot field.
 */
export class PairTable {
  private readonly counts = new Uint32Array(1 << TABLE_BITS);
  private readonly size: number;

  constructor(texts: readonly string[]) {
    this.size = texts.length;
    for (const text of texts) for (const pair of characterPairs(text)) this.counts[slotOf(pair)]! += 1;
  }

  /** A text's distinct pairs that some passage holds, each with its idf (BM25 form). */
  weighted(text: string): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const pair of characterPairs(text)) {
      const df = this.counts[slotOf(pair)]!;
      if (df > 0) out.push([pair, Math.log(1 + (this.size - df + 0.5) / (df + 0.5))]);
    }
    return out;
  }
}
