/**
 * Worker: segmentation and index build timed alone, in a fresh process, on the passages the
 * engine built (user words and quoted names added to jieba first, as buildEngine does); then
 * PassageIndex.candidates() latency with the question tokens given, and the index's own heap.
 */
import { readFileSync } from 'node:fs';
import { loadWordLists, quotedTerms } from '../../src/core/word-lists.js';
import { PassageIndex } from '../../src/core/search-index.js';
import { addWords } from '../../src/core/jieba.js';
import { createJiebaSegmenter } from '../../src/core/segment.js';
import { latency, memory, msSince, type Latency } from '../lib/util.js';
import type { Prepared } from './compare.js';

/** What the phases worker reports. */
export interface PhasesResult {
  dictLoadMs: number;
  segmentMs: number;
  indexMs: number;
  /** Heap held by the PassageIndex alone (vocabulary, token lists, statistics, flexsearch), MB. */
  indexHeapMB: number;
  /** Tokens indexed, all passages. */
  tokens: number;
  /** PassageIndex.candidates(searched terms, 10): the index's own cost per question. */
  indexSearch: Latency;
}

/** Times segmentation and index build over the prepared passages. */
export async function runPhases(args: { preparedFile: string; configDir: string }): Promise<PhasesResult> {
  // Only the texts and questions are kept: the engine worker's token lists (2 million strings at
  // 100k) would otherwise stay on the heap and slow every collection during the measurement.
  const { texts, questions, warmups } = JSON.parse(readFileSync(args.preparedFile, 'utf8')) as Prepared;
  const lexicon = await loadWordLists(args.configDir);
  let t = process.hrtime.bigint();
  addWords([...lexicon.userWords, ...texts.flatMap((x) => quotedTerms(x))]); // loads the dictionary
  const segment = createJiebaSegmenter();
  segment('预热');
  const dictLoadMs = msSince(t);
  t = process.hrtime.bigint();
  const tokens = texts.map((x) => segment(x));
  const segmentMs = msSince(t);
  const before = memory();
  t = process.hrtime.bigint();
  const index = PassageIndex.build(tokens);
  const indexMs = msSince(t);
  // The token lists are still alive on both sides of the difference: it is what the index keeps.
  const indexHeapMB = memory().heapUsedMB - before.heapUsedMB;
  const times: number[] = [];
  // The terms the engine's index is asked for (its query parser's), warmed on other questions as the engine is.
  for (const q of warmups) index.candidates(q.terms, 10);
  for (const q of questions) {
    const s = process.hrtime.bigint();
    index.candidates(q.terms, 10);
    times.push(msSince(s));
  }
  // Read after the heap measurement, so the token lists stay alive through it.
  const tokenCount = tokens.reduce((a, t) => a + t.length, 0);
  return { dictLoadMs, segmentMs, indexMs, indexHeapMB, tokens: tokenCount, indexSearch: latency(times) };
}
