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
