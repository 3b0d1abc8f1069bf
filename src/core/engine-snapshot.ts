/** The engine's snapshot: EngineState in the snapshot file, with the flexsearch export spliced in as raw JSON; load it, or build and save. */
import { restoreEngine, type EngineState, type ServingEngine } from './engine.js';
import { buildEngine, type BuildOptions } from './build.js';
import type { IndexData } from './search-index.js';
import { sharedRepair } from './passages.js';
import { loadOrBuild, type LoadedSnapshot, type SnapshotContent, type SnapshotLogger, type SnapshotMiss } from './snapshot-file.js';
import { snapshotKey } from './snapshot-key.js';

/** What the snapshot's data part holds: the engine state without the flexsearch chunks (stored apart). */
export type EngineSnapshotData = Omit<EngineState, 'index'> & { index: Omit<IndexData, 'flex'> };

/** Shape check of a snapshot's data part (cheap: top-level fields only; a deeper fault throws in restore and counts as corrupt). */
export function isEngineSnapshotData(value: unknown): value is EngineSnapshotData {
  const v = value as Partial<EngineSnapshotData> | null;
  return (
    !!v &&
    typeof v === 'object' &&
    Array.isArray(v.documents) &&
    Array.isArray(v.passages) &&
    Array.isArray(v.places) &&
    !!v.lexicon &&
    Array.isArray(v.lexicon.userWords) &&
    !!v.index &&
    Array.isArray(v.index.vocabulary) &&
    v.index.flat instanceof Uint32Array &&
    v.index.offsets instanceof Uint32Array &&
    v.index.offsets.length === v.passages.length + 1 &&
    v.places.length === v.passages.length &&
    // Format 3: the passages' figures are one table (figure-table.ts), not arrays in each passage.
    !!v.figures &&
    Array.isArray(v.figures.strings) &&
    v.figures.fields instanceof Uint32Array &&
    v.figures.values instanceof Uint32Array &&
    v.figures.starts instanceof Uint32Array &&
    v.figures.starts.length === v.passages.length + 1 &&
    typeof v.builtAt === 'string'
  );
}

/**
 * The snapshot content of an engine: its state (the token ids as Uint32Arrays, stored raw), with
 * flexsearch's export streamed chunk by chunk as it is written.
 */
export function engineSnapshotContent(engine: ServingEngine): SnapshotContent<EngineSnapshotData> {
  const state = engine.state();
  // The spread drops IndexData's toJSON (not enumerable): the typed arrays reach the writer as they are.
  const { flex, ...index } = state.index;
  // Likewise the figure table's arrays (FigureTable.toData's toJSON would make them plain arrays).
  return { index: Array.isArray(flex) ? (flex as Array<[string, string]>) : flex, data: { ...state, ...(state.figures ? { figures: { ...state.figures } } : {}), index } };
}

/** An engine from a loaded snapshot: no cleaning and no jieba. Throws if the content is inconsistent. */
export function engineFromSnapshot(snapshot: LoadedSnapshot<EngineSnapshotData>, maxQuestionLength?: number): ServingEngine {
  // The chunks are parsed arrays, which flexsearch's import takes as well as strings (src/serialize.js), though its types say string: no second JSON.parse per chunk.
  const state: EngineState = { ...snapshot.data, index: { ...snapshot.data.index, flex: snapshot.index } };
  // JSON gives an original equal to its text a string of its own: share one, as the build does (passages.ts).
  for (const p of state.passages) if (p.original === p.text) p.original = p.text;
  // Likewise a repeated repair is one object again (passages.ts's sharedRepair).
  for (const d of state.documents) d.repairs = d.repairs.map(sharedRepair);
  return restoreEngine(state, maxQuestionLength);
}

/** Options of the snapshot-aware engine builder. */
export interface SnapshotBuildOptions extends BuildOptions {
  corpusDir: string;
  configDir: string;
  dataDir: string;
  logger?: SnapshotLogger;
  /** Package version in the key (default: package.json's). */
  version?: string;
}

/**
 * Opens the engine for a corpus: from `dataDir/snapshot/` when the snapshot's key matches the
 * corpus, config and code, else by a full build that then writes a new snapshot. Usable as the
 * store's `build` (first start and every /reload): an unchanged corpus loads in a fraction of a
 * rebuild, a changed one is rebuilt and re-snapshotted.
 */
export async function loadOrBuildEngine(options: SnapshotBuildOptions): Promise<{ engine: ServingEngine; from: 'snapshot' | 'build'; miss?: SnapshotMiss }> {
  const { corpusDir, configDir, dataDir, logger, version, ...buildOptions } = options;
  const keyOf = () => snapshotKey({ corpusDir, configDir, version });
  const key = await keyOf();
  const r = await loadOrBuild<EngineSnapshotData, ServingEngine>({
    dataDir,
    key,
    isData: isEngineSnapshotData,
    restore: (s) => engineFromSnapshot(s, buildOptions.maxQuestionLength),
    build: () => buildEngine({ corpusDir, configDir, ...buildOptions }),
    save: engineSnapshotContent,
    keyAfterBuild: keyOf,
    logger,
  });
  return { engine: r.result, from: r.from, ...(r.miss ? { miss: r.miss } : {}) };
}
