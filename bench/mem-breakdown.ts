/**
 * `node --expose-gc --import tsx bench/mem-breakdown.ts <corpusDir>`: builds the engine as the bench does, then
 * reports the heap at ready and what each part holds, by taking it away (ablation) and measuring the heap again.
 * A development tool (figures for docs/performance.md), not part of the bench run.
 */
import path from 'node:path';
import v8 from 'node:v8';
import { buildEngine } from '../src/core/build.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mb = (b: number) => Math.round(b / 2 ** 20);
function heap(): { heap: number; rss: number; external: number; committed: number } {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers, committed: m.heapTotal };
}

const dir = process.argv[2] ?? path.resolve('bench/.cache/corpora/news-100k');
const base = heap();
const t0 = performance.now();
const engine = await buildEngine({ corpusDir: dir, configDir: path.resolve('config') });
const buildS = (performance.now() - t0) / 1000;
const ready = heap();
const peak = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`${path.basename(dir)}: ${engine.passages().length} passages, build ${buildS.toFixed(1)} s, peak RSS ${peak} MB`);
console.log(`baseline heap ${mb(base.heap)} MB, RSS ${mb(base.rss)} MB; ready: RSS ${mb(ready.rss)} MB, heap ${mb(ready.heap)} MB (committed ${mb(ready.committed)} MB), external ${mb(ready.external)} MB`);
for (const s of v8.getHeapSpaceStatistics()) if (s.space_size > 2 ** 24) console.log(`  ${s.space_name}: size ${mb(s.space_size)} MB, used ${mb(s.space_used_size)} MB, physical ${mb(s.physical_space_size)} MB`);

let last = ready.heap;
const step = (name: string, drop: () => void) => {
  drop();
  const now = heap().heap;
  console.log(`  ${name.padEnd(48)} ${String(mb(last - now)).padStart(6)} MB`);
  last = now;
};
const passages = engine.passages() as unknown as Array<Record<string, unknown>>;
const figures = passages.reduce((n, p) => n + (p.figures as unknown[]).length, 0);
console.log(`figures ${figures}; originals differing from text ${passages.filter((p) => p.original !== p.text).length}`);
const none: never[] = [];
const table = engine.state().figures;
if (table) {
  const bytes = ['fields', 'values', 'starts'].reduce((n, k) => n + (table[k as 'fields'] as Uint32Array).byteLength, 0);
  console.log(`  figure table: ${table.strings.length} distinct strings, typed arrays ${mb(bytes)} MB (outside the heap)`);
} else step('figures (objects and arrays)', () => passages.forEach((p) => (p.figures = none)));
step('original (where it differs from text)', () => passages.forEach((p) => (p.original = p.text)));
const docs = engine.source.documents as unknown as Array<Record<string, unknown>>;
step('documents: repairs and unknowns arrays', () => docs.forEach((d) => ((d.repairs = none), (d.unknowns = none))));
console.log(`rest at ${mb(last)} MB (passage objects with text, ids; index; lexicon; pairs; jieba)`);

if (process.env.COMPACT) {
  // Fragmentation: a full GC that compacts every page (what a memory-reducing GC does to sparse pages).
  v8.setFlagsFromString('--compact-on-every-full-gc');
  const after = heap();
  v8.setFlagsFromString('--no-compact-on-every-full-gc');
  console.log(`after a compacting GC: RSS ${mb(after.rss)} MB, heap ${mb(after.heap)} MB (committed ${mb(after.committed)} MB)`);
}
