/**
 * Times every call into nodejieba made by this process, including the lazy dictionary load,
 * by wrapping the functions of its (CommonJS, shared) exports object: the cleaner and the
 * segmenter look them up at call time, so the wrappers see all of their calls.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Accumulated nodejieba time, in ms, since install() or the last reset(). */
export const jiebaTime = { ms: 0, calls: 0, loadMs: 0 };

let installed = false;
// cut() calls exports.load() on first use: only the outermost call is counted, once.
let depth = 0;

/** Wraps nodejieba's functions once; later calls are no-ops. */
export function installJiebaTimer(): void {
  if (installed) return;
  installed = true;
  const nj = require('nodejieba') as Record<string, unknown>;
  for (const name of ['load', 'cut', 'cutHMM', 'cutAll', 'cutForSearch', 'cutSmall', 'tag', 'extract', 'insertWord']) {
    const fn = nj[name];
    if (typeof fn !== 'function') continue;
    nj[name] = function timed(this: unknown, ...args: unknown[]) {
      const t = process.hrtime.bigint();
      depth++;
      try {
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        depth--;
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        if (name === 'load') jiebaTime.loadMs += ms;
        if (depth === 0) {
          jiebaTime.ms += ms;
          jiebaTime.calls++;
        }
      }
    };
  }
}

/** Resets the accumulated time. */
export function resetJiebaTimer(): void {
  jiebaTime.ms = 0;
  jiebaTime.calls = 0;
  jiebaTime.loadMs = 0;
}
