/** Holds the engine that is serving and replaces it on reload: build new, then swap one reference. */
import { type ServingEngine } from './engine.js';
import { buildEngine } from './build.js';
import { BotError } from './errors.js';
import { repairsMade } from './metadata.js';
import { Slicer } from './slices.js';
import type { Engine, ReloadReport } from './types.js';

export type { ServingEngine };

/** Where the corpus is and how to build it; `build` is injectable for tests and snapshots. */
export interface StoreOptions {
  corpusDir: string;
  configDir: string;
  maxQuestionLength?: number;
  /** Builds a complete engine (default: `buildEngine`). */
  build?: (options: { corpusDir: string; configDir: string; maxQuestionLength?: number }) => Promise<ServingEngine>;
  /** Called after a successful build and swap (e.g. to write a snapshot); its failure is reported, not fatal. */
  afterBuild?: (engine: ServingEngine) => Promise<void>;
  /** Milliseconds of work between the reload diff's yields to the event loop (default: SLICE_MS). */
  sliceMs?: number;
  /** Told about failures that do not stop serving (default: ignored). */
  onWarning?: (error: unknown) => void;
}

/** Compares two engines: what a moderator is told after a reload. */
export function diffEngines(before: Engine, after: Engine, ms: number): ReloadReport {
  const oldDocs = new Map(before.source.documents.map((d) => [d.id, d.hash]));
  const newDocs = new Map(after.source.documents.map((d) => [d.id, d.hash]));
  const oldPassages = new Map(before.passages().map((p) => [p.id, p.text]));
  const newPassages = new Map(after.passages().map((p) => [p.id, p.text]));
  const count = <T>(m: Map<string, T>, pred: (k: string, v: T) => boolean): number => [...m].filter(([k, v]) => pred(k, v)).length;
  return {
    documents: {
      added: [...newDocs.keys()].filter((d) => !oldDocs.has(d)),
      removed: [...oldDocs.keys()].filter((d) => !newDocs.has(d)),
      changed: [...newDocs].filter(([d, h]) => oldDocs.has(d) && oldDocs.get(d) !== h).map(([d]) => d),
    },
    passages: {
      added: count(newPassages, (k) => !oldPassages.has(k)),
      removed: count(oldPassages, (k) => !newPassages.has(k)),
      changed: count(newPassages, (k, v) => oldPassages.has(k) && oldPassages.get(k) !== v),
      total: newPassages.size,
    },
    figures: { before: before.source.figures, after: after.source.figures },
    repairs: after.source.documents.reduce((n, d) => n + repairsMade(d).length, 0),
    ms,
    warnings: [],
  };
}

/**
 * diffEngines without blocking the event loop: the same report, with the passage maps filled and compared
 * a slice at a time (at 100k passages the whole diff is ~0.2–0.3 s of work). The old engine keeps serving meanwhile.
 */
export async function diffEnginesInSlices(before: Engine, after: Engine, ms: number, slicer = new Slicer()): Promise<ReloadReport> {
  const oldDocs = new Map(before.source.documents.map((d) => [d.id, d.hash]));
  const newDocs = new Map(after.source.documents.map((d) => [d.id, d.hash]));
  // Maps by id, as in diffEngines (a repeated id counts once, with its last text).
  const oldPassages = new Map<string, string>();
  for (const [i, p] of before.passages().entries()) {
    oldPassages.set(p.id, p.text);
    if ((i & 1023) === 1023) await slicer.maybe();
  }
  const newPassages = new Map<string, string>();
  for (const [i, p] of after.passages().entries()) {
    newPassages.set(p.id, p.text);
    if ((i & 1023) === 1023) await slicer.maybe();
  }
  let added = 0;
  let changed = 0;
  let kept = 0;
  let i = 0;
  for (const [id, text] of newPassages) {
    const old = oldPassages.get(id);
    if (old === undefined && !oldPassages.has(id)) added++;
    else {
      kept++;
      if (old !== text) changed++;
    }
    if ((++i & 1023) === 0) await slicer.maybe();
  }
  return {
    documents: {
      added: [...newDocs.keys()].filter((d) => !oldDocs.has(d)),
      removed: [...oldDocs.keys()].filter((d) => !newDocs.has(d)),
      changed: [...newDocs].filter(([d, h]) => oldDocs.has(d) && oldDocs.get(d) !== h).map(([d]) => d),
    },
    passages: { added, removed: oldPassages.size - kept, changed, total: newPassages.size },
    figures: { before: before.source.figures, after: after.source.figures },
    repairs: after.source.documents.reduce((n, d) => n + repairsMade(d).length, 0),
    ms,
    warnings: [],
  };
}

/** The one place the serving engine lives; readers take `current` per request and never see a half-built index. */
export class EngineStore {
  private engine: ServingEngine;
  private pending: Promise<ReloadReport> | null = null;
  private last: { at: string; report: ReloadReport } | null = null;
  private readonly options: StoreOptions;

  constructor(engine: ServingEngine, options: StoreOptions) {
    this.engine = engine;
    this.options = options;
  }

  /** The engine serving now. */
  get current(): ServingEngine {
    return this.engine;
  }

  /** The last successful reload, if any. */
  get lastReload(): { at: string; report: ReloadReport } | null {
    return this.last;
  }

  /**
   * Rebuilds from the corpus and config folders and swaps the new engine in. On failure (a
   * broken file included: RELOAD_REFUSED) the old engine keeps serving and the error (a
   * BotError) is thrown to the caller to report.
   */
  async reload(): Promise<ReloadReport> {
    if (this.pending) throw new BotError('RELOAD_IN_PROGRESS');
    this.pending = this.rebuild();
    try {
      return await this.pending;
    } finally {
      this.pending = null;
    }
  }

  private async rebuild(): Promise<ReloadReport> {
    const started = performance.now();
    const build = this.options.build ?? buildEngine;
    const next = await build({
      corpusDir: this.options.corpusDir,
      configDir: this.options.configDir,
      maxQuestionLength: this.options.maxQuestionLength,
    });
    // At start a broken file is skipped so the others can be served; on reload nothing is lost by
    // waiting, so a corpus with a broken file does not replace what serves now.
    const skipped = next.source.skipped ?? [];
    if (skipped.length > 0) {
      throw new BotError('RELOAD_REFUSED', {
        files: skipped.map((f) => f.file).join(', '),
        reasons: skipped.map((f) => `${f.file}: ${f.message}`).join('\n'),
      });
    }
    // Sliced: at 100k passages the diff alone would hold the event loop for a fifth of a second. Only a reload
    // changes this.engine, and one runs at a time, so the engine diffed against is still the one replaced.
    const report = await diffEnginesInSlices(this.engine, next, Math.round(performance.now() - started), new Slicer(this.options.sliceMs));
    this.engine = next; // the swap: one assignment, after the new engine is complete
    this.last = { at: new Date().toISOString(), report };
    await runAfterBuild(this.options, next, report);
    return report;
  }
}

/** Runs the after-build hook; its failure (e.g. a snapshot that cannot be written) becomes a warning. */
async function runAfterBuild(options: StoreOptions, engine: ServingEngine, report?: ReloadReport): Promise<void> {
  try {
    await options.afterBuild?.(engine);
  } catch (error) {
    report?.warnings.push(`after build: ${(error as Error).message}`);
    options.onWarning?.(error);
  }
}

/** Builds the first engine and returns a store serving it. */
export async function createStore(options: StoreOptions): Promise<EngineStore> {
  const build = options.build ?? buildEngine;
  const engine = await build({ corpusDir: options.corpusDir, configDir: options.configDir, maxQuestionLength: options.maxQuestionLength });
  await runAfterBuild(options, engine);
  return new EngineStore(engine, options);
}
