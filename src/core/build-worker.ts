/**
 * Engine builds off the main thread: a `node:worker_threads` worker reads, cleans, segments and indexes the
 * corpus (or loads its snapshot), and hands the finished EngineState back; the main thread only restores it.
 * A build of 100k passages takes seconds of CPU, which on the main thread would stall every Discord event and
 * miss the 3 s interaction deadline. The same file is the worker's entry point.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { restoreEngine, type EngineState, type ServingEngine } from './engine.js';
import { buildEngine } from './build.js';
import { BotError, type ErrorCode } from './errors.js';
import { collectChunks, type IndexData } from './search-index.js';
import { loadOrBuildEngine } from './engine-snapshot.js';
import type { SnapshotLogger } from './snapshot-file.js';

/** What a worker build needs: the store's build options, plus `dataDir` to go through the index snapshot. */
export interface WorkerBuildOptions {
  corpusDir: string;
  configDir: string;
  maxQuestionLength?: number | undefined;
  /** With a data folder the worker loads or writes `dataDir/snapshot/` (loadOrBuildEngine); without, a plain build. */
  dataDir?: string;
}

/** Messages from the worker: log lines, the state in parts, the end, or an error. */
type FromWorker =
  | { type: 'log'; level: 'info' | 'warn'; obj: object; msg?: string }
  | { type: 'part'; key: keyof EngineState; value: unknown }
  | { type: 'more'; list: 'passages' | 'places' | 'flex'; items: unknown[] }
  | { type: 'done' }
  | { type: 'error'; code?: ErrorCode; params?: Record<string, string | number>; message: string; stack?: string };

/** The URL of tsx's ESM register API (its `import` export of `tsx/esm/api`; require.resolve would give the CJS one). */
function tsxApi(): string {
  const dir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return pathToFileURL(path.join(dir, 'dist/esm/api/index.mjs')).href;
}

/** Passages (and their token lists) cross in slices of this many, so no single message takes long to receive. */
const SLICE = 1000;

const WORKER_KIND = 'wenda-engine-build';

/**
 * Builds an engine in a worker thread and restores it here. Resolves when the engine is ready to swap in;
 * rejects with the worker's BotError (a corpus that cannot be served) as if the build had run here.
 */
export async function buildInWorker(options: WorkerBuildOptions, logger?: SnapshotLogger): Promise<ServingEngine> {
  const url = new URL(import.meta.url);
  const data = { workerData: { kind: WORKER_KIND, options } };
  // Under tsx or vitest this file is TypeScript: the worker registers tsx's loader first (a worker does not
  // inherit it); from dist/ it is plain JS.
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(tsxApi())})` +
          `.then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
        { ...data, eval: true },
      )
    : new Worker(url, data);
  const state: Partial<Record<keyof EngineState, unknown>> = {};
  const received = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      // Flow control: the next part is asked for only after the event loop had a turn, so the parts'
      // deserialisation is spread between Discord events instead of running back to back.
      if (m.type === 'part' || m.type === 'more') setImmediate(() => worker.postMessage('next'));
      if (m.type === 'log') logger?.[m.level](m.obj, m.msg);
      else if (m.type === 'part') state[m.key] = m.value;
      else if (m.type === 'more') {
        const index = state.index as IndexData;
        const list = m.list === 'flex' ? (index.flex as Array<[string, unknown]>) : (state[m.list] as unknown[]);
        for (const item of m.items) list.push(item as never);
      } else if (m.type === 'done') resolve();
      else if (m.type === 'error') {
        const error = m.code ? new BotError(m.code, m.params) : new Error(m.message);
        if (!m.code && m.stack) error.stack = m.stack;
        reject(error);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`engine build worker exited with code ${code} before finishing`)));
  });
  try {
    await received;
  } finally {
    // The worker holds jieba's dictionaries (hundreds of MB): gone as soon as the state is here.
    void worker.terminate();
  }
  // Let the events that queued while the last part arrived run before the restore takes its turn.
  await yieldToLoop();
  return restoreEngine(state as unknown as EngineState, options.maxQuestionLength);
}

/** Nice value of the build thread: the main thread's answers win the CPU on a small machine. */
const BUILD_NICENESS = 10;

/**
 * Lowers this worker thread's scheduling priority (Linux: a thread is a task with its own nice value, named by
 * /proc/thread-self). Elsewhere, or when refused, the build simply runs at normal priority.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, BUILD_NICENESS);
  } catch {
    // Not Linux, or not allowed: no harm.
  }
}

/** The worker side: build (or load the snapshot), then post the state in parts. */
async function runWorker(options: WorkerBuildOptions): Promise<void> {
  lowerThreadPriority();
  const port = parentPort!;
  const post = (m: FromWorker) => port.postMessage(m);
  const waitNext = () => new Promise<void>((resolve) => port.once('message', () => resolve()));
  /** Posts one part of the state and waits until the main thread asks for the next. */
  const send = async (m: FromWorker) => {
    const next = waitNext();
    post(m);
    await next;
  };
  try {
    const logger: SnapshotLogger = {
      info: (obj, msg) => post({ type: 'log', level: 'info', obj, ...(msg ? { msg } : {}) }),
      warn: (obj, msg) => post({ type: 'log', level: 'warn', obj, ...(msg ? { msg } : {}) }),
    };
    const { dataDir, ...build } = options;
    const engine = dataDir ? (await loadOrBuildEngine({ ...build, dataDir, logger })).engine : await buildEngine(build);
    const state = engine.state();
    const { passages, places, index, ...rest } = state;
    for (const [key, value] of Object.entries(rest)) await send({ type: 'part', key: key as keyof EngineState, value });
    await send({ type: 'part', key: 'passages', value: [] });
    await send({ type: 'part', key: 'places', value: [] });
    // The token ids are two typed arrays: one message each copies them in one go (no per-passage arrays).
    await send({ type: 'part', key: 'index', value: { vocabulary: index.vocabulary, flat: index.flat, offsets: index.offsets, flex: [] } });
    await more('passages', passages);
    await more('places', places);
    // flexsearch's export chunks are few and big: one message each.
    for (const chunk of Array.isArray(index.flex) ? index.flex : collectChunks(index.flex)) await send({ type: 'more', list: 'flex', items: [chunk] });
    post({ type: 'done' });
  } catch (error) {
    const e = error as Error;
    post(error instanceof BotError ? { type: 'error', code: error.code, params: { ...error.params }, message: e.message } : { type: 'error', message: String(e?.message ?? e), ...(e?.stack ? { stack: e.stack } : {}) });
  }

  async function more(list: 'passages' | 'places', items: unknown[]): Promise<void> {
    for (let i = 0; i < items.length; i += SLICE) await send({ type: 'more', list, items: items.slice(i, i + SLICE) });
  }
}

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === WORKER_KIND) {
  void runWorker((workerData as { options: WorkerBuildOptions }).options);
}
