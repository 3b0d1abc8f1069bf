/**
 * The main thread's part of a reload in slices: the restore from a worker's state and the reload diff let
 * the event loop run while they work (a callback that re-schedules itself keeps running), give what the one-go versions give, and the store
 * swaps only once the new engine and its report are complete.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreAids, restoreInSlices } from '../../src/core/build-worker.js';
import { restoreEngine, type EngineState, type ServingEngine } from '../../src/core/engine.js';
import { FigureTable, type FigureData } from '../../src/core/figure-table.js';
import { buildEngine } from '../../src/core/build.js';
import { collectChunks, splitFlexChunks, type FlexData } from '../../src/core/search-index.js';
import { Slicer } from '../../src/core/slices.js';
import { EngineStore, diffEngines, diffEnginesInSlices } from '../../src/core/engine-store.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** Copies of the seed article: ~20k passages, enough work that a restore in one go takes tens to hundreds of ms. */
const COPIES = 150;
let seed: ServingEngine;
let big: EngineState;

/**
 * The seed engine's state repeated: each copy's documents and passages get their own ids, its token ids are
 * appended; flexsearch keeps the first copy's postings (a restore imports whatever the chunks hold).
 */
function repeated(state: EngineState, copies: number): EngineState {
  const flat = Uint32Array.from(state.index.flat);
  const offsets = Uint32Array.from(state.index.offsets);
  const n = state.passages.length;
  const bigFlat = new Uint32Array(flat.length * copies);
  const bigOffsets = new Uint32Array(n * copies + 1);
  for (let c = 0; c < copies; c++) {
    bigFlat.set(flat, c * flat.length);
    for (let i = 0; i < n; i++) bigOffsets[c * n + i] = offsets[i]! + c * flat.length;
  }
  bigOffsets[n * copies] = bigFlat.length;
  const docId = (id: string, c: number) => (c === 0 ? id : `${id}-${c}`);
  const range = [...Array(copies).keys()];
  return {
    ...state,
    documents: range.flatMap((c) => state.documents.map((d) => ({ ...d, id: docId(d.id, c) }))),
    passages: range.flatMap((c) => state.passages.map((p) => ({ ...p, doc: docId(p.doc, c), id: p.id.replace(p.doc, docId(p.doc, c)) }))),
    places: range.flatMap(() => state.places),
    // Each copy states the first one's figures (a passage's own id and document are given when they are read).
    figures: repeatedFigures(state, copies),
    index: { vocabulary: state.index.vocabulary, flat: bigFlat, offsets: bigOffsets, flex: collectChunks(state.index.flex as FlexData) },
  };
}

/** The figure table of `copies` copies of the state's passages. */
function repeatedFigures(state: EngineState, copies: number): FigureData {
  const table = new FigureTable(state.figures!);
  const builder = FigureTable.builder();
  for (let c = 0; c < copies; c++) for (let i = 0; i < state.passages.length; i++) builder.add(table.figuresOf(i, state.passages[i]!.id, state.passages[i]!.doc));
  return builder.finish().toData();
}

/**
 * Runs `work` while a callback re-schedules itself with setImmediate: how many turns the event loop took before
 * `work` resolved (each turn also runs due timers and I/O: a Discord event would have had its chance), and the
 * longest stretch between two turns. Work done in one go gives it no turn at all.
 */
async function probed<T>(work: () => Promise<T>, onTurn: () => void = () => {}): Promise<{ result: T; turns: number; longestMs: number }> {
  let turns = 0;
  let last = performance.now();
  let longestMs = 0;
  let running = true;
  const turn = () => {
    if (!running) return;
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    last = now;
    turns++;
    onTurn();
    setImmediate(turn);
  };
  setImmediate(turn);
  try {
    const result = await work();
    return { result, turns, longestMs };
  } finally {
    running = false;
  }
}

beforeAll(async () => {
  seed = await buildEngine({ corpusDir: path.join(REPO, 'corpus'), configDir: path.join(REPO, 'config') });
  big = repeated(seed.state(), COPIES);
});

describe('restoreInSlices', () => {
  it('gives the engine restoreEngine gives, with flexsearch chunks cut into pieces as the worker sends them', async () => {
    const chunks = big.index.flex as Array<[string, string]>;
    const pieces = splitFlexChunks(chunks, 100);
    // The seed's chunks are small: cut to 100 characters, they become more pieces under the same keys.
    expect(pieces.length).toBeGreaterThan(chunks.length);
    const sliced = await restoreInSlices({ ...big, index: { ...big.index, flex: pieces } }, restoreAids(big));
    const whole = restoreEngine(big);
    expect(sliced.passages()).toEqual(whole.passages());
    expect(sliced.source).toEqual(whole.source);
    for (const q of ['昌吉州煤电装机多少？', '準東開發區疆煤外運突破多少？', '美国总统是谁？', '昌吉州的GDP增长了多少']) {
      expect(sliced.answer(q)).toEqual(whole.answer(q));
      expect(sliced.search(q)).toEqual(whole.search(q));
    }
  });

  it('lets the event loop run while it works: a callback scheduled when it starts runs again and again before it resolves', async () => {
    const aids = restoreAids(big);
    const slicer = new Slicer();
    const { result, turns } = await probed(() => restoreInSlices(big, aids, undefined, slicer));
    expect(result.source.passages).toBe(big.passages.length);
    // At least its fixed pauses (after the index, after the query lexicon), each a turn of the event loop.
    // A restore in one go (restoreEngine, as before) gives the loop no turn at all: 0 turns.
    expect(slicer.pauses).toBeGreaterThanOrEqual(2);
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});

describe('diffEnginesInSlices', () => {
  it('reports what diffEngines reports, and lets the event loop run meanwhile', async () => {
    const after = restoreEngine(big);
    const { result, turns } = await probed(() => diffEnginesInSlices(seed, after, 5, new Slicer(1)));
    expect(result).toEqual(diffEngines(seed, after, 5));
    expect(result.passages.added).toBe(big.passages.length - seed.passages().length);
    expect(turns).toBeGreaterThanOrEqual(1);
    // And the other way round: passages removed, none changed.
    expect(await diffEnginesInSlices(after, seed, 0)).toEqual(diffEngines(after, seed, 0));
  });

  it('counts a changed passage text as changed', async () => {
    const state = seed.state();
    const edited = restoreEngine({ ...state, passages: state.passages.map((p, i) => (i === 3 ? { ...p, text: `${p.text}。` } : p)) });
    const report = await diffEnginesInSlices(seed, edited, 0);
    expect(report.passages).toEqual({ added: 0, removed: 0, changed: 1, total: seed.passages().length });
    expect(report).toEqual(diffEngines(seed, edited, 0));
  });
});

describe('the swap', () => {
  it('the old engine serves until the new one and its report are complete, then one reference changes', async () => {
    const next = restoreEngine(big);
    // sliceMs 0: the diff yields at every check, so readers run during it however fast the machine is (with 1 ms,
    // 150 copies of the seed's passages were sometimes diffed within one slice, and no reader ran: turns 0).
    const store = new EngineStore(seed, { corpusDir: path.join(REPO, 'corpus'), configDir: path.join(REPO, 'config'), build: async () => next, sliceMs: 0 });
    const seen = new Set<ServingEngine>();
    const { result, turns } = await probed(() => store.reload(), () => seen.add(store.current));
    // Readers that ran during the reload (the diff yields to them) saw the old engine only; after it, the new one.
    expect(turns).toBeGreaterThanOrEqual(1);
    expect([...seen]).toEqual([seed]);
    expect(store.current).toBe(next);
    expect(result.passages.total).toBe(big.passages.length);
  });
});
