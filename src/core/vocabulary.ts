/** The vocabulary a question is cut into: index tokens, common words, word lists; and the cut itself. */
import type { CommonWords } from './dictionary.js';
import { KIND_WORDS, NOUN_CLASSIFIER, TIME_WORDS } from './question-words.js';
import type { WordLists } from './word-lists.js';

/** Longest word the query segmenter looks for. */
const MAX_WORD = 12;

/** A set of words as the segmenter uses it: membership, and optionally a bound on word length. */
export interface WordSet {
  has(word: string): boolean;
  /**
   * The length of the longest word that starts with this UTF-16 code unit (0: none). Lets the
   * segmenter skip lookups that cannot succeed: each is a probe of a Map of every index word.
   */
  longestFrom?(code: number): number;
  /**
   * A bound on the length of the longest word (two characters or more) that starts with these two
   * UTF-16 code units (0: none): with longestFrom, it skips most lookups of two characters or more.
   */
  longestFromPair?(a: number, b: number): number;
  /** Whether the one-code-unit word of this code is in the set, as `has` would say (without its lookup). */
  hasUnit?(code: number): boolean;
}

/** Slots of the hashed first-pair table: 2^18 bytes; pairs sharing a slot keep the longer bound. */
const PAIR_BITS = 18;
const PAIR_MASK = (1 << PAIR_BITS) - 1;

/** The slot of a word's first two code units in the first-pair table. */
function pairSlot(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> (32 - PAIR_BITS);
}

/**
 * Per first code unit, the longest word's length in code points (capped at 255); and per (hashed)
 * first two code units, the longest word of two code points or more starting with them.
 */
function longestTable(...lists: Iterable<string>[]): { longest: Uint8Array; byPair: Uint8Array; units: Uint8Array } {
  const longest = new Uint8Array(0x10000);
  // The words of one code unit, as a flag per unit.
  const units = new Uint8Array(0x10000);
  const byPair = new Uint8Array(1 << PAIR_BITS);
  for (const list of lists) {
    for (const w of list) {
      const c = w.charCodeAt(0);
      if (Number.isNaN(c)) continue;
      let n = 0;
      for (const _ of w) n++;
      const m = Math.min(255, n);
      if (m > longest[c]!) longest[c] = m;
      if (w.length === 1) units[c] = 1;
      if (n < 2) continue;
      const slot = pairSlot(c, w.charCodeAt(1));
      if (m > byPair[slot]!) byPair[slot] = m;
    }
  }
  return { longest, byPair, units };
}

/** The words a query may be cut into, and how terms expand. */
export interface Vocabulary {
  /** Tokens of the index. */
  has(token: string): boolean;
  /** Every word the segmenter knows: index tokens, common words, synonyms, stop words. */
  words: WordSet;
  synonyms: ReadonlyMap<string, readonly string[]>;
  stopWords: ReadonlySet<string>;
  /**
   * Place names, the corpus's and jieba's common ones: a question naming one needs a passage (or
   * its document) naming it, so a question about a place the corpus never names is not answered.
   */
  places: ReadonlySet<string>;
  /**
   * People and organisations jieba's dictionary names (nr, nt): like a place, a question naming
   * one needs a passage (its paragraph, or its document's title) that names it.
   */
  names: ReadonlySet<string>;
  /** Common words that are not nouns: unknown to the corpus, they are likely paraphrase (拿出, 最大), not topic. */
  nonNouns: ReadonlySet<string>;
}

/** Builds the vocabulary from the index's tokens, the word lists and jieba's common words. */
export function createVocabulary(
  index: { has(token: string): boolean; terms(): Iterable<string> },
  lexicon: WordLists,
  places: Iterable<string> = [],
  common: CommonWords = { words: [], nouns: '' },
): Vocabulary {
  // The index's terms are asked through `has`, not copied: at 100k passages a merged Set of them
  // would cost ~0.1 KB per passage.
  const has = (t: string): boolean => index.has(t);
  const extra = new Set<string>([...common.words, ...KIND_WORDS.keys(), ...TIME_WORDS]);
  const nonNouns = new Set<string>();
  const allPlaces = new Set(places);
  const names = new Set<string>();
  common.words.forEach((w, i) => {
    const c = common.nouns[i];
    if (c === '0' || c === '5' || c === '6') nonNouns.add(w);
    else if (c === '2') allPlaces.add(w);
    else if (c === '3' || c === '4') names.add(w);
  });
  const synonyms = new Map<string, string[]>();
  for (const group of lexicon.synonyms) {
    // `职务 > 州长 书记`: one way. Asking 职务 finds any of them; asking 州长 finds only 州长.
    const arrow = group.indexOf('>');
    const heads = arrow < 0 ? group : group.slice(0, arrow);
    const all = group.filter((w) => w !== '>');
    for (const w of all) {
      extra.add(w);
      if (!heads.includes(w)) continue;
      const existing = synonyms.get(w) ?? [];
      synonyms.set(w, [...new Set([...existing, ...all])]);
    }
  }
  for (const w of lexicon.stopWords) extra.add(w);
  for (const w of lexicon.userWords) extra.add(w);
  const { longest, byPair, units } = longestTable(index.terms(), extra);
  const words: WordSet = {
    has: (w) => has(w) || extra.has(w),
    longestFrom: (c) => longest[c]!,
    longestFromPair: (a, b) => byPair[pairSlot(a, b)]!,
    hasUnit: (c) => units[c] === 1,
  };
  return { has, words, synonyms, stopWords: lexicon.stopWords, places: allPlaces, names, nonNouns };
}

/**
 * Cuts a run of Han characters into the dictionary's words, preferring long words (score L²);
 * characters no word covers are kept together as one unknown word.
 */
export function cutWords(run: string, words: WordSet): Array<{ text: string; known: boolean }> {
  // Plain slices of the string when every character is one code unit (all common Han is): no
  // array of characters to join for each of the n × MAX_WORD candidate words.
  const units = /[\uD800-\uDFFF]/.test(run) ? [...run] : null;
  const word = (a: number, b: number): string => (units ? units.slice(a, b).join('') : run.slice(a, b));
  const n = units ? units.length : run.length;
  const best = new Float64Array(n + 1).fill(-1);
  const step = new Int32Array(n + 1);
  best[0] = 0;
  // With plain slices, a word starting at j is at most longestFrom(run[j]) long: no lookup beyond.
  const longest = !units && words.longestFrom ? words.longestFrom.bind(words) : undefined;
  // And by its first two characters (a hashed bound: never below the longest word's length).
  const byPair = !units && words.longestFromPair ? words.longestFromPair.bind(words) : undefined;
  const hasUnit = !units && words.hasUnit ? words.hasUnit.bind(words) : undefined;
  for (let i = 1; i <= n; i++) {
    for (let len = 1; len <= Math.min(MAX_WORD, i); len++) {
      if (len > 1 && longest && len > longest(run.charCodeAt(i - len))) continue;
      if (len > 1 && byPair && len > byPair(run.charCodeAt(i - len), run.charCodeAt(i - len + 1))) continue;
      // One character (one code unit on this path) is asked of the flag table, when there is one.
      const known = len === 1 && hasUnit ? hasUnit(run.charCodeAt(i - 1)) : words.has(word(i - len, i));
      if (!known && len > 1) continue;
      const s = best[i - len]! + (known ? len * len : 0);
      if (s > best[i]!) {
        best[i] = s;
        step[i] = known ? len : -1;
      }
    }
  }
  const out: Array<{ text: string; known: boolean }> = [];
  for (let i = n; i > 0; ) {
    const len = step[i]! === -1 ? 1 : step[i]!;
    const w = word(i - len, i);
    const known = step[i]! !== -1;
    const prev = out[0];
    // Adjacent unknown characters form one unknown word (北京, 房价): they stand or fall together.
    if (!known && prev && !prev.known) prev.text = w + prev.text;
    else out.unshift({ text: w, known });
    i -= len;
  }
  // 多少人 + 口 → 多少 + 人口: a question word's noun classifier goes with the word it begins (longest-first
  // scoring takes the three-character question word over two two-character words).
  for (let k = 0; k + 1 < out.length; k++) {
    const q = out[k]!;
    const m = q.known ? NOUN_CLASSIFIER.exec(q.text) : null;
    const next = out[k + 1]!;
    if (!m || !words.has(m[2]! + next.text)) continue;
    out.splice(k, 2, { text: m[1]!, known: true }, { text: m[2]! + next.text, known: true });
  }
  return out;
}
