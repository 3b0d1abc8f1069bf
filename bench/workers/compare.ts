/**
 * Worker: the alternatives on the very passages, tokens and questions the engine used:
 * minisearch (a peer a user might pick) and two brute-force scans (the floor any index must beat).
 * Fairly fed: every alternative gets the tokens the engine's index is asked for (its query
 * parser's terms: stop words and question words removed), not the question's raw jieba tokens.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { latency, memory, msSince, type Latency } from '../lib/util.js';

/** Passages and questions as the engine worker prepared them (passage tokens are in `tokensFile(prepared)`). */
export interface Prepared {
  ids: string[];
  texts: string[];
  /**
   * `tokens`: the question's raw jieba tokens (what earlier runs fed the alternatives); `searched`: the
   * tokens the engine's index is asked for, each once; `terms`: the same as the index gets them (a word's
   * alternatives one term).
   */
  questions: { text: string; tokens: string[]; searched: string[]; terms: string[][] }[];
  /** Other questions drawn the same way, as many as are timed: every alternative is warmed on these, as the engine was. */
  warmups: { tokens: string[]; searched: string[]; terms: string[][] }[];
}

/** One alternative's timings over the questions. */
export interface Timed {
  search: Latency;
  hitRate: number;
}

/** What the comparison worker reports. */
export interface CompareResult {
  questions: number;
  minisearch: { buildMs: number; heapMB: number; search: Latency; hitRate: number; raw: Timed };
  /** The old scan: `text.includes(token)` over every passage, per token. */
  brute: Timed;
  /** The strongest simple scan: `indexOf` over one joined, separator-delimited string of every passage. */
  strongBrute: Timed & { joinMs: number };
}

/** A separator no token or passage contains: tokens are passed through minisearch unchanged (same tokens as ours). */
export const SEP = '\u0001';

/** Where the engine worker writes each passage's tokens (one SEP-joined line per passage). */
export function tokensFile(preparedFile: string): string {
  return `${preparedFile}.tokens`;
}

/** Top 10 passages by tokens matched (ties in corpus order), as every scan here ranks. */
function top10(touched: number[], tally: Uint16Array): number[] {
  touched.sort((a, b) => tally[b]! - tally[a]! || a - b);
  return touched.slice(0, 10);
}

type Asked = Prepared['warmups'][number];

function timeEach(questions: readonly Asked[], warmups: readonly Asked[], run: (q: Asked) => unknown[]): Timed {
  for (const q of warmups) run(q);
  const times: number[] = [];
  let hits = 0;
  for (const q of questions) {
    const t = process.hrtime.bigint();
    const r = run(q);
    times.push(msSince(t));
    if (r.length) hits++;
  }
  return { search: latency(times), hitRate: hits / (questions.length || 1) };
}

/** Builds minisearch over the prepared tokens and times the same questions; then the two brute-force scans. */
export function runCompare(args: { preparedFile: string; questions: number }): CompareResult {
  const p = JSON.parse(readFileSync(args.preparedFile, 'utf8')) as Prepared;
  // The first `questions` questions, in the engine's order: its answerSubset is timed on the same ones.
  const qs = p.questions.slice(0, args.questions);
  const warm = p.warmups.slice(0, args.questions);
  const base = memory();
  let t = process.hrtime.bigint();
  const ms = new MiniSearch<{ id: number; t: string }>({
    fields: ['t'],
    storeFields: [],
    tokenize: (s) => s.split(SEP),
    processTerm: (term) => term,
    // OR of the terms, BM25 ranking: minisearch's defaults, a fair reading of "what a user would pick".
    searchOptions: { tokenize: (s) => s.split(SEP), processTerm: (term) => term },
  });
  {
    // Added in batches straight from the tokens file: the token lists are never all on the heap.
    const lines = readFileSync(tokensFile(args.preparedFile), 'utf8').split('\n');
    for (let i = 0; i < p.texts.length; i++) ms.add({ id: i, t: lines[i] ?? '' });
  }
  const buildMs = msSince(t);
  const heapMB = memory().heapUsedMB - base.heapUsedMB;
  const fair = timeEach(qs, warm, (q) => (q.searched.length ? ms.search(q.searched.join(SEP)).slice(0, 10) : []));
  const raw = timeEach(qs, warm, (q) => ms.search(q.tokens.join(SEP)).slice(0, 10));
  const minisearch = { buildMs, heapMB, search: fair.search, hitRate: fair.hitRate, raw };

  const texts = p.texts;
  const tally = new Uint16Array(texts.length);
  // The old scan: every passage's text checked for every searched token.
  const brute = timeEach(qs, warm, (q) => {
    const touched: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      let s = 0;
      for (const tok of q.searched) if (text.includes(tok)) s++;
      if (s) {
        tally[i] = s;
        touched.push(i);
      }
    }
    const top = top10(touched, tally);
    for (const i of touched) tally[i] = 0;
    return top;
  });

  // The strong scan: one string, one indexOf pass per token; a hit maps to its passage by
  // bisection over the passages' start offsets, and the search resumes after that passage.
  t = process.hrtime.bigint();
  const joined = texts.join(SEP);
  const starts = new Float64Array(texts.length + 1);
  for (let i = 0; i < texts.length; i++) starts[i + 1] = starts[i]! + texts[i]!.length + 1;
  const joinMs = msSince(t);
  const passageAt = (pos: number): number => {
    let lo = 0;
    let hi = texts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const strong = timeEach(qs, warm, (q) => {
    const touched: number[] = [];
    for (const tok of q.searched) {
      for (let pos = joined.indexOf(tok); pos >= 0; ) {
        const i = passageAt(pos);
        if (tally[i] === 0) touched.push(i);
        tally[i]! += 1;
        pos = joined.indexOf(tok, starts[i + 1]!);
      }
    }
    const top = top10(touched, tally);
    for (const i of touched) tally[i] = 0;
    return top;
  });
  return { questions: qs.length, minisearch, brute, strongBrute: { ...strong, joinMs } };
}
