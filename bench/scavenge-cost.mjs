/**
 * `node --expose-gc --max-old-space-size=8192 bench/scavenge-cost.mjs <none|objects|arrays|typed>`: what a
 * young-generation GC (scavenge) costs beside an old generation of a given shape, with none of it pointing
 * into the young one. `objects`: 1M small objects with strings (~340 MB of heap, like passages); `arrays`:
 * 10k JS arrays of 20,000 numbers (~1.5 GB of heap, like posting lists); `typed`: the same numbers in
 * Float64Arrays (off the JS heap). Then 2M short-lived objects are made and each scavenge timed. Issue 12's
 * 1M tail: the scavenge's cost grows with the JS heap's old generation, not with off-heap memory
 * (docs/performance.md, "Full run, session 8"). Plain Node, no project code.
 */
import { PerformanceObserver } from 'node:perf_hooks';
const kind = process.argv[2];
const keep = [];
// ~1.5 GB of old space: objects with pointers (like passages) or flat arrays of numbers.
for (let i = 0; i < 1_000_000; i++) {
  if (kind === 'objects') keep.push({ id: 'p' + i, text: 'x'.repeat(20) + i, order: i, doc: 'd' + (i >> 9), extra: [i, i + 1] });
  else if (kind === 'arrays') { if (i % 100 === 0) keep.push(new Array(20000).fill(i)); }
  else if (kind === 'typed') { if (i % 100 === 0) keep.push(new Float64Array(20000).fill(i)); }
}
for (let k = 0; k < 3; k++) globalThis.gc?.();
const durs = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail?.kind === 1) durs.push(e.duration); }).observe({ entryTypes: ['gc'] });
let sink = 0;
for (let r = 0; r < 2e6; r++) { const o = { a: r, b: [r, r], c: 'k' + (r & 1023) }; sink += o.b.length; }
await new Promise((r) => setTimeout(r, 50));
const mem = process.memoryUsage();
console.log(kind, keep.length, 'kept; heapUsed MB', (mem.heapUsed / 2 ** 20).toFixed(0), 'scavenges', durs.length, 'mean ms', (durs.reduce((a, b) => a + b, 0) / durs.length).toFixed(2), 'max', Math.max(...durs).toFixed(2), sink > 0);
