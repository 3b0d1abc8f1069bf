/** Worker: one jieba implementation (nodejieba or @node-rs/jieba) on a corpus: load time and memory, segmentation speed. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { loadJieba, type JiebaLike } from '../../src/core/jieba.js';
import { createJiebaSegmenter } from '../../src/core/segment.js';
import { memory, msSince } from '../lib/util.js';

/** What the jieba worker reports. */
export interface JiebaResult {
  impl: 'nodejieba' | '@node-rs/jieba';
  loadMs: number;
  rssLoadMB: number;
  heapLoadMB: number;
  passages: number;
  mb: number;
  /** cutForSearch(s, true) alone, as the index uses it. */
  cutForSearchMs: number;
  /** cut(s, true) alone. */
  cutMs: number;
  /** The project's segmenter (number pre-pass + cutForSearch) on this implementation. */
  segmenterMs: number;
  tokens: number;
  /** Share of passages whose segmenter tokens equal nodejieba's (filled in by the runner). */
  sameTokensAsNodejieba?: number;
  tokenSample: string[][];
}

/** Segments the prepared passages (simplified text, one per line of `textsFile`) with `impl`. */
export function runJieba(args: { impl: 'nodejieba' | '@node-rs/jieba'; textsFile: string; tokensOut?: string }): JiebaResult & { allTokens?: string[][] } {
  const texts = JSON.parse(readFileSync(args.textsFile, 'utf8')) as string[];
  const before = memory();
  const require = createRequire(import.meta.url);
  let t = process.hrtime.bigint();
  let j: JiebaLike;
  if (args.impl === 'nodejieba') {
    // As the project loads it (a one-line IDF table for the unused keyword extractor), explicitly:
    // a lazy load would otherwise be charged to the first cut.
    j = loadJieba();
  } else {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const rs = Jieba.withDict(dict);
    j = { cut: (s, hmm) => rs.cut(s, hmm), cutForSearch: (s, hmm) => rs.cutForSearch(s, hmm), insertWord: () => false };
  }
  const loadMs = msSince(t);
  const after = memory();
  const bytes = texts.reduce((a, s) => a + Buffer.byteLength(s), 0);
  // One warm-up pass over a slice, so JIT and lazy tables are not charged to the timed pass.
  for (const s of texts.slice(0, 200)) j.cutForSearch(s, true);
  t = process.hrtime.bigint();
  for (const s of texts) j.cutForSearch(s, true);
  const cutForSearchMs = msSince(t);
  t = process.hrtime.bigint();
  for (const s of texts) j.cut(s, true);
  const cutMs = msSince(t);
  const segment = createJiebaSegmenter(j);
  const all: string[][] = [];
  t = process.hrtime.bigint();
  for (const s of texts) all.push(segment(s));
  const segmenterMs = msSince(t);
  return {
    impl: args.impl,
    loadMs,
    rssLoadMB: after.rssMB - before.rssMB,
    heapLoadMB: after.heapUsedMB - before.heapUsedMB,
    passages: texts.length,
    mb: bytes / 2 ** 20,
    cutForSearchMs,
    cutMs,
    segmenterMs,
    tokens: all.reduce((a, x) => a + x.length, 0),
    tokenSample: all.slice(0, 3),
    allTokens: all,
  };
}
