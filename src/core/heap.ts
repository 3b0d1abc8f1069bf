/**
 * One compacting full GC after a build. A build allocates several times what it keeps (raw files, every
 * passage's tokens, figure objects, flexsearch's growing arrays) between the objects it keeps, so the heap it
 * leaves is mostly sparse pages V8's usual full GC does not move: on the recombined 1M news corpus ~1 GB of
 * RSS above the live heap at ready. Compacting every page once gives it back to the system.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/** V8's gc() (exposed on demand when the process was not started with --expose-gc). */
function gcFunction(): () => void {
  if (collect) return collect;
  const own = (globalThis as { gc?: () => void }).gc;
  if (own) return (collect = own);
  v8.setFlagsFromString('--expose-gc');
  // A new context gets gc() once the flag is set; this context keeps its globals as they were.
  return (collect = vm.runInNewContext('gc') as () => void);
}

/** A full GC that compacts every page (a few hundred ms per GB of live heap). */
export function compactHeap(): void {
  const gc = gcFunction();
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/**
 * The semi-space (MB) of a build's young generation. A build allocates fast and keeps much of it: a large
 * young generation means fewer scavenges and less short-lived data promoted into the old generation (a
 * smaller peak). Serving wants the opposite (short pauses inside answers), so `npm start` gives the main
 * thread a small one and the build worker gets this one (`buildWorkerLimits`).
 */
export const BUILD_SEMI_SPACE_MB = 64;

/**
 * The build worker's resource limits: its young generation, which V8 sizes as three semi-spaces (two, and
 * new large objects as much as one). V8 reads `--max-semi-space-size` again for each isolate it makes and
 * lets that flag override a worker's limits, so it is cleared here first: this thread's own heap was sized
 * at its start and keeps its young generation; only isolates made from now on read the flag.
 */
export function buildWorkerLimits(): { maxYoungGenerationSizeMb: number } {
  v8.setFlagsFromString('--max-semi-space-size=0');
  return { maxYoungGenerationSizeMb: 3 * BUILD_SEMI_SPACE_MB };
}

/** The young generation's current capacity in MB (both semi-spaces): what a test or a log can check. */
export function youngGenerationMB(): number {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? space.space_size / 2 ** 20 : 0;
}
