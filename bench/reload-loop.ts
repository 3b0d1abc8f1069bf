/**
 * `npx tsx bench/reload-loop.ts [--passages 100000] [--runs 3]`: how long the main thread blocks while a store
 * reloads from the seed article to a generated corpus (bench/corpora.ts, news-<n>) through the worker build
 * (src/core/build-worker.ts), as the bot does. The worker loads the corpus's snapshot (written by a warm-up
 * reload, kept in bench/.cache/reload-loop/), so each measured run is the hand-over, the restore and the reload diff. Samples the event-loop
 * delay (perf_hooks.monitorEventLoopDelay) and the longest gap a 1 ms interval saw; prints one JSON line a run.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { buildInWorker } from '../src/core/build-worker.js';
import { createStore } from '../src/core/engine-store.js';
import { newsCorpus } from './corpora.js';
import { CACHE, ROOT } from './lib/util.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PASSAGES = arg('passages', 100_000);
const RUNS = arg('runs', 3);
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

async function main(): Promise<void> {
  const big = newsCorpus(PASSAGES);
  const configDir = path.join(ROOT, 'config');
  // Kept between runs (git-ignored): only the first run pays for the build and the snapshot.
  const dataDir = path.join(CACHE, 'reload-loop', big.name);
  let calls = 0;
  const options = { corpusDir: path.join(ROOT, 'corpus'), configDir };
  // The first build of each store is the seed article; its reload is the big corpus, through the snapshot.
  const build = (o: { corpusDir: string; configDir: string; maxQuestionLength?: number }) =>
    calls++ % 2 === 0 ? buildInWorker(o) : buildInWorker({ ...o, corpusDir: big.dir, dataDir });
  {
    const warm = await createStore({ ...options, build });
    const t = performance.now();
    await warm.reload();
    process.stderr.write(`[reload-loop] warm-up (${big.name}: snapshot load, or build + snapshot the first time): ${Math.round(performance.now() - t)} ms\n`);
    for (let run = 1; run <= RUNS; run++) {
      const store = await createStore({ ...options, build });
      const h = monitorEventLoopDelay({ resolution: 10 });
      let last = performance.now();
      let gap = 0;
      const probe = setInterval(() => {
        const now = performance.now();
        gap = Math.max(gap, now - last);
        last = now;
      }, 1);
      h.enable();
      const started = performance.now();
      const report = await store.reload();
      const total = performance.now() - started;
      h.disable();
      clearInterval(probe);
      console.log(JSON.stringify({
        run,
        corpus: big.name,
        passages: report.passages.total,
        reloadMs: Math.round(total),
        loop: { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), samples: h.count },
        longestGapMs: Math.round(gap),
        load: os.loadavg().map((l) => Number(l.toFixed(1))),
      }));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`reload-loop: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
