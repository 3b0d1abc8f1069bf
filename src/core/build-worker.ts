/**
 * Engine builds off the main thread: a `node:worker_threads` worker reads, cleans, segments and indexes the
 * corpus (or loads its snapshot), and hands the finished EngineState back; the main thread only restores it.
 * A build of 100k passages takes seconds of CPU, which on the main thread would stall every Discord event and
 * miss the 3 s interaction deadline. The same file is the worker's entry point.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PairTable, paragraphRanges, type PairCounts } from './context.js';
import { passageIdOrder, restoreEngine, restoreEngineWith, type EngineState, type ServingEngine } from './engine.js';
import { buildEngine } from './build.js';
import { BotError, type ErrorCode } from './errors.js';
import { collectChunks, PassageIndex, splitFlexChunks, type IndexData, type IndexStats } from './search-index.js';
import { createVocabulary } from './vocabulary.js';
import { Slicer } from './slices.js';
import type { DocumentInfo, Figure } from './types.js';
import { FigureTable, type FigureData } from './figure-table.js';
import { sharedRepair } from './passages.js';
import { loadOrBuildEngine } from './engine-snapshot.js';
import { buildWorkerLimits } from './heap.js';
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
  | { type: 'more'; list: 'documents' | 'passages' | 'places' | 'flex'; items: unknown[] }
  | { type: 'aids'; value: HandedAids }
  | { type: 'done' }
  | { type: 'error'; code?: ErrorCode; params?: Record<string, string | number>; message: string; stack?: string };

/**
 * What the worker computes besides the state so the main thread need not: every lookup of a restore that is a
 * pass over all passages or all token ids, as typed arrays (transferred, not copied).
 */
export interface HandedAids {
  pairs: PairCounts;
  idOrder: Uint32Array;
  paragraphs: Uint32Array;
  stats: IndexStats;
  /** The distinct sorted lists of figure kinds, and per passage the number of its list. */
  figureKinds: { lists: Array<Array<Figure['kind']>>; of: Uint16Array };
}

/** Computes the aids from an engine's state (in the worker, off the main thread). */
export function restoreAids(state: EngineState): HandedAids {
  return {
    pairs: new PairTable(state.passages.map((p) => p.text)).counted(),
    idOrder: passageIdOrder(state.passages),
    paragraphs: paragraphRanges(state.passages),
    stats: PassageIndex.statsOf(state.index),
    figureKinds: figureKindLists(state.passages, state.figures),
  };
}

/** Per passage, which distinct list of figure kinds it states (as createEngine groups them). */
function figureKindLists(passages: EngineState['passages'], figures?: FigureData): HandedAids['figureKinds'] {
  const lists: Array<Array<Figure['kind']>> = [];
  const numbers = new Map<string, number>();
  const of = new Uint16Array(passages.length);
  // From the table when there is one: no passage's Figure objects are made for this.
  const table = figures ? new FigureTable(figures) : undefined;
  passages.forEach((p, i) => {
    const kinds = table ? table.kinds(i) : [...new Set(p.figures.map((f) => f.kind))].sort();
    const key = kinds.join(',');
    let n = numbers.get(key);
    if (n === undefined) numbers.set(key, (n = lists.push(kinds) - 1));
    of[i] = n;
  });
  return { lists, of };
}

/**
 * restoreEngine on the main thread without blocking it: the passes over every passage come from the worker
 * (`aids`), flexsearch's chunks and the term ids are taken between turns of the event loop, and what is left
 * (createEngine's own lookups) runs in one slice at the end. Nothing is visible until it resolves.
 */
export async function restoreInSlices(state: EngineState, aids: HandedAids, maxQuestionLength?: number, slicer = new Slicer()): Promise<ServingEngine> {
  const index = await PassageIndex.fromDataInSlices(state.index, aids.stats, slicer);
  await slicer.pause();
  // Every passage's place names in one list, a slice at a time (100k small arrays).
  const places: string[] = [];
  for (let i = 0; i < state.places.length; i++) {
    for (const place of state.places[i]!) places.push(place);
    if ((i & 4095) === 4095) await slicer.maybe();
  }
  await slicer.pause();
  // The query lexicon (jieba's common words, the index's terms: ~30–70 ms) in a turn of its own.
  const lexicon = { userWords: state.lexicon.userWords, synonyms: state.lexicon.synonyms, stopWords: new Set(state.lexicon.stopWords) };
  const queryLexicon = createVocabulary(index, lexicon, places, state.commonWords);
  await slicer.pause();
  const sets = aids.figureKinds.lists.map((kinds): ReadonlySet<Figure['kind']> => new Set(kinds));
  const figureKinds = Array.from(aids.figureKinds.of, (n) => sets[n]!);
  return restoreEngineWith(state, index, { pairs: new PairTable(aids.pairs), idOrder: aids.idOrder, paragraphs: aids.paragraphs, figureKinds, queryLexicon }, maxQuestionLength);
}

/**
 * Starts the module at `url` as a build worker, with the build's young generation (heap.ts: larger than the
 * serving thread's). Under tsx or vitest the module is TypeScript: the worker registers tsx's loader first (a
 * worker does not inherit it); from dist/ it is plain JS.
 */
export function startBuildWorker(url: URL, workerData: unknown): Worker {
  const options = { workerData, resourceLimits: buildWorkerLimits() };
  return url.pathname.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true })
    : new Worker(url, options);
}

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
  const worker = startBuildWorker(new URL(import.meta.url), { kind: WORKER_KIND, options });
  const state: Partial<Record<keyof EngineState, unknown>> = {};
  let aids: HandedAids | undefined;
  const received = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      // Flow control: the next part is asked for only after the event loop had a turn, so the parts'
      // deserialisation is spread between Discord events instead of running back to back.
      if (m.type === 'part' || m.type === 'more' || m.type === 'aids') setImmediate(() => worker.postMessage('next'));
      if (m.type === 'log') logger?.[m.level](m.obj, m.msg);
      else if (m.type === 'aids') aids = m.value;
      else if (m.type === 'part') state[m.key] = m.value;
      else if (m.type === 'more') {
        const index = state.index as IndexData;
        const list = m.list === 'flex' ? (index.flex as Array<[string, unknown]>) : (state[m.list] as unknown[]);
        // A document's repeated repairs arrive as copies: one object each again (passages.ts's sharedRepair).
        if (m.list === 'documents') for (const d of m.items as DocumentInfo[]) d.repairs = d.repairs.map(sharedRepair);
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
  const slicer = new Slicer();
  await slicer.pause();
  // A worker always sends the aids; without them (never expected) the plain restore still gives the same engine.
  return aids ? restoreInSlices(state as unknown as EngineState, aids, options.maxQuestionLength, slicer) : restoreEngine(state as unknown as EngineState, options.maxQuestionLength);
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
  const send = async (m: FromWorker, transfer: ArrayBuffer[] = []) => {
    const next = waitNext();
    port.postMessage(m, transfer);
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
    const { documents, passages, places, index, ...rest } = state;
    // Counted here so the main thread only wraps them; the engine here is dropped, so the arrays can move.
    const aids = restoreAids(state);
    await send({ type: 'aids', value: aids }, [aids.figureKinds.of.buffer, aids.pairs.counts.buffer, aids.idOrder.buffer, aids.paragraphs.buffer, aids.stats.df.buffer, aids.stats.rareStart.buffer, aids.stats.rarePassages.buffer] as ArrayBuffer[]);
    for (const [key, value] of Object.entries(rest)) await send({ type: 'part', key: key as keyof EngineState, value });
    await send({ type: 'part', key: 'documents', value: [] });
    await send({ type: 'part', key: 'passages', value: [] });
    await send({ type: 'part', key: 'places', value: [] });
    // The token ids are two typed arrays: one message each copies them in one go (no per-passage arrays).
    await send({ type: 'part', key: 'index', value: { vocabulary: index.vocabulary, flat: index.flat, offsets: index.offsets, flex: [] } });
    // A document carries its repairs (a thousand each in a 500-passage file of pinyin-annotated text): 200 of
    // them in one message took the main thread ~0.2 s to receive. Sent a few at a time, about SLICE repairs each.
    const weight = (d: (typeof documents)[number]) => d.repairs.length + d.unknowns.length + 1;
    for (let i = 0; i < documents.length; ) {
      let end = i + 1;
      for (let w = weight(documents[i]!); end < documents.length && w + weight(documents[end]!) <= SLICE; end++) w += weight(documents[end]!);
      await send({ type: 'more', list: 'documents', items: documents.slice(i, end) });
      i = end;
    }
    await more('passages', passages);
    await more('places', places);
    // flexsearch's export chunks are few and big (9 MB at 100k passages): cut into pieces of ~256 KB, one
    // message each, so the main thread parses and imports one piece per turn of its event loop.
    const chunks = Array.isArray(index.flex) ? index.flex.map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]) : collectChunks(index.flex);
    for (const chunk of splitFlexChunks(chunks)) await send({ type: 'more', list: 'flex', items: [chunk] });
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
