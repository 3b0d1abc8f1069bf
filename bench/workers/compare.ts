/**
 * Worker: the alternatives on the very passages, tokens and questions the engine used:
 * minisearch (a peer a user might pick) and a brute-force scan (the floor any index must beat).
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { latency, memory, msSince, type Latency } from '../lib/util.js';

/** Passages, their tokens and the questions' tokens, as the engine worker prepared them. */
export interface Prepared {
  ids: string[];
  texts: string[];
  tokens: string[][];
  questions: { text: string; tokens: string[] }[];
}

/** What the comparison worker reports. */
export interface CompareResult {
  minisearch: { buildMs: number; heapMB: number; search: Latency; hitRate: number };
  brute: { search: Latency; questions: number; hitRate: number };
}

// A separator no token contains: tokens are passed through minisearch unchanged (same tokens as ours).
const SEP = '\u0001';

/** Builds minisearch over the prepared tokens and times the same questions; then the brute-force scan. */
export function runCompare(args: { preparedFile: string; questions: number }): CompareResult {
  const p = JSON.parse(readFileSync(args.preparedFile, 'utf8')) as Prepared;
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
  ms.addAll(p.tokens.map((tok, i) => ({ id: i, t: tok.join(SEP) })));
  const buildMs = msSince(t);
  const heapMB = memory().heapUsedMB - base.heapUsedMB;
  // The first `questions` questions, in the engine's order: its answerSubset is timed on the same ones.
  const qs = p.questions.slice(0, args.questions);
  for (const q of qs.slice(0, 50)) ms.search(q.tokens.join(SEP)); // warm-up
  const msTimes: number[] = [];
  let msHits = 0;
  for (const q of qs) {
    t = process.hrtime.bigint();
    const r = ms.search(q.tokens.join(SEP)).slice(0, 10);
    msTimes.push(msSince(t));
    if (r.length) msHits++;
  }
  const minisearch = { buildMs, heapMB, search: latency(msTimes), hitRate: msHits / (qs.length || 1) };

  // Brute force: every passage's text scanned for every query token, ranked by tokens matched.
  const bq = qs;
  const texts = p.texts;
  const bruteTimes: number[] = [];
  let bruteHits = 0;
  for (const q of bq) {
    t = process.hrtime.bigint();
    const scored: { i: number; s: number }[] = [];
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      let s = 0;
      for (const tok of q.tokens) if (text.includes(tok)) s++;
      if (s) scored.push({ i, s });
    }
    scored.sort((a, b) => b.s - a.s || a.i - b.i);
    const top = scored.slice(0, 10);
    bruteTimes.push(msSince(t));
    if (top.length) bruteHits++;
  }
  return { minisearch, brute: { search: latency(bruteTimes), questions: bq.length, hitRate: bruteHits / (bq.length || 1) } };
}
