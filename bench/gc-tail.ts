/**
 * `npx tsx bench/gc-tail.ts [corpus]` (default news-1000k): where answer()'s tail comes from. Restores the
 * engine that `bench/profile-answers.ts --corpus=<corpus>` saved under bench/.cache/profile-<corpus>/,
 * warms it on 2,000 other questions (seed 5, as the bench does), then times the saved questions with a
 * PerformanceObserver on the GC: latency, the GCs by kind, and for the 30 slowest answers the GC inside
 * each, then the 10 slowest run again alone (best of 5). A development tool for issue 12, not part of
 * `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { engineFromSnapshot, isEngineSnapshotData } from '../src/core/engine-snapshot.js';
import { readSnapshot } from '../src/core/snapshot-file.js';
import { createJiebaSegmenter } from '../src/core/segment.js';
import { drawQuestions } from './lib/questions.js';
import { CACHE, latency } from './lib/util.js';
const corpus = process.argv[2] ?? 'news-1000k';
const dir = path.join(CACHE, `profile-${corpus}`);
const read = await readSnapshot(dir, 'profile', isEngineSnapshotData);
if (read.status !== 'hit') throw new Error(`no snapshot under ${dir} (${read.status}): run bench/profile-answers.ts --corpus=${corpus} first`);
const engine = engineFromSnapshot(read);
const qs = JSON.parse(readFileSync(path.join(dir, 'questions-2000.json'), 'utf8')) as { text: string }[];
const warm = drawQuestions(engine.passages(), createJiebaSegmenter(), 2000, 5);
for (const q of warm) engine.answer(q.text);
const gcs: { start: number; dur: number; kind: number }[] = [];
const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) gcs.push({ start: e.startTime, dur: e.duration, kind: (e as unknown as { detail?: { kind: number } }).detail?.kind ?? -1 }); });
obs.observe({ entryTypes: ['gc'] });
const rows: { q: string; t0: number; ms: number }[] = [];
for (const q of qs) { const t0 = performance.now(); engine.answer(q.text); rows.push({ q: q.text, t0, ms: performance.now() - t0 }); }
await new Promise((r) => setTimeout(r, 100));
const l = latency(rows.map((r) => r.ms));
console.log(`p50 ${l.p50.toFixed(3)} p99 ${l.p99.toFixed(3)} max ${l.max.toFixed(2)}; gcs ${gcs.length}, total ${gcs.reduce((a, g) => a + g.dur, 0).toFixed(0)} ms, max ${Math.max(...gcs.map((g) => g.dur)).toFixed(1)}`);
const byKind = new Map<number, number[]>(); for (const g of gcs) (byKind.get(g.kind) ?? byKind.set(g.kind, []).get(g.kind)!).push(g.dur);
for (const [k, ds] of byKind) console.log('gc kind', k, 'n', ds.length, 'mean', (ds.reduce((a, b) => a + b, 0) / ds.length).toFixed(2), 'max', Math.max(...ds).toFixed(2));
const slow = [...rows].sort((a, b) => b.ms - a.ms).slice(0, 30);
let withGc = 0;
for (const r of slow) {
  const g = gcs.filter((g) => g.start < r.t0 + r.ms && g.start + g.dur > r.t0);
  if (g.length) withGc++;
  console.log(`${r.ms.toFixed(2)} ms gc ${g.map((x) => `${x.kind}:${x.dur.toFixed(1)}`).join(',') || '-'} ${r.q}`);
}
console.log('slowest 30 with a gc inside:', withGc);
// Re-run the slowest, best of 5
for (const r of slow.slice(0, 10)) { let best = Infinity; for (let k = 0; k < 5; k++) { const t = performance.now(); engine.answer(r.q); best = Math.min(best, performance.now() - t); } console.log('rerun best', best.toFixed(2), r.q); }
