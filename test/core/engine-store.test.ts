/** The engine store: reload swaps engines and reports changes; failures keep the old engine serving. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENCODINGS_TRIED } from '../../src/core/encoding.js';
import { restoreEngine, type ServingEngine } from '../../src/core/engine.js';
import { buildEngine } from '../../src/core/build.js';
import { BotError, formatMessage } from '../../src/core/errors.js';
import { EngineStore, createStore, diffEngines } from '../../src/core/engine-store.js';
import { HAMI_MD, makeTinyCorpus, type TinyCorpus } from '../support/tiny-corpus.js';

let corpus: TinyCorpus;
let base: ServingEngine;

beforeAll(async () => {
  corpus = makeTinyCorpus('wenda-store-');
  base = await buildEngine({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
});
afterAll(() => corpus?.remove());

/** A store over a fresh copy of the tiny corpus, starting from the engine built once above. */
function freshStore(options: Partial<ConstructorParameters<typeof EngineStore>[1]> = {}): { store: EngineStore; dir: TinyCorpus } {
  const dir = makeTinyCorpus('wenda-store-copy-');
  cleanups.push(dir);
  return { store: new EngineStore(base, { corpusDir: dir.corpusDir, configDir: dir.configDir, ...options }), dir };
}
const cleanups: TinyCorpus[] = [];
afterAll(() => cleanups.forEach((c) => c.remove()));

async function rejection(p: Promise<unknown>): Promise<BotError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(BotError);
    return error as BotError;
  }
  throw new Error('expected the promise to reject');
}

describe('reload', () => {
  it('swaps in a new engine and reports added, removed and changed documents and passages', async () => {
    const { store, dir } = freshStore();
    const before = store.current;
    // hami-water: one passage changed, one added; wusu-energy removed; turpan-grapes added
    const hami = HAMI_MD.replace('年节水量约3000万立方米', '年节水量约3500万立方米') + '哈密市今年还将新建智慧水利平台两个，服务全市灌区。\n';
    fs.writeFileSync(path.join(dir.corpusDir, 'hami-water.md'), hami);
    fs.rmSync(path.join(dir.corpusDir, 'wusu-energy.txt'));
    fs.writeFileSync(path.join(dir.corpusDir, 'turpan-grapes.txt'), '吐鲁番葡萄喜获丰收\n今年吐鲁番市葡萄种植面积达52万亩，总产量超120万吨。\n');

    const started = performance.now();
    const report = await store.reload();
    const took = performance.now() - started;
    expect(store.current).not.toBe(before);
    expect(report.documents).toEqual({ added: ['turpan-grapes'], removed: ['wusu-energy'], changed: ['hami-water'] });
    expect(report.passages).toEqual({ added: 3, removed: 6, changed: 1, total: 6 });
    expect(report.figures.before).toBe(before.source.figures);
    expect(report.figures.after).toBe(store.current.source.figures);
    expect(report.warnings).toEqual([]);
    // Whole milliseconds of the rebuild, measured inside the reload.
    expect(Number.isInteger(report.ms)).toBe(true);
    expect(report.ms).toBeLessThanOrEqual(Math.ceil(took));
    expect(store.lastReload?.report).toBe(report);

    // the new engine serves the new corpus
    expect(store.current.answer('吐鲁番葡萄总产量多少万吨？').figures[0]!.text).toBe('超120万吨');
    expect(store.current.answer('年节水量多少？').figures[0]!.text).toBe('约3500万立方米');
    expect(store.current.passage('wusu-energy#p4.s1')).toBeNull();
    // the old engine object is untouched (readers holding it see a consistent index)
    expect(before.passage('wusu-energy#p4.s1')).not.toBeNull();
  });

  it('an unchanged corpus reports no changes', async () => {
    const { store } = freshStore();
    const report = await store.reload();
    expect(report.documents).toEqual({ added: [], removed: [], changed: [] });
    expect(report.passages).toMatchObject({ added: 0, removed: 0, changed: 0, total: base.source.passages });
  });

  it('a failing reload (invalid UTF-8 file) throws a BotError and keeps the old engine serving', async () => {
    const { store, dir } = freshStore();
    const before = store.current;
    fs.writeFileSync(path.join(dir.corpusDir, 'broken.txt'), Buffer.from([0xe4, 0xb9, 0x8c, 0xff, 0xfe, 0x41]));
    const error = await rejection(store.reload());
    // The build would have served the other files; a reload refuses and names the file to fix and why.
    expect(error.code).toBe('RELOAD_REFUSED');
    expect(error.message).toMatch(/^未重新加载：broken\.txt /);
    expect(error.message).toContain('fix it and reload again');
    expect(error.message).toContain(`broken.txt: ${formatMessage('CORPUS_NOT_TEXT', { path: 'broken.txt', tried: ENCODINGS_TRIED })}`);
    expect(store.current).toBe(before);
    expect(store.lastReload).toBeNull();
    const a = store.current.answer('乌苏市风电装机多少？');
    expect(a.found).toBe(true);
    expect(a.figures[0]!.text).toBe('超2800万千瓦');
    // once the file is fixed, the next reload succeeds (the failed one did not stay "in progress")
    fs.rmSync(path.join(dir.corpusDir, 'broken.txt'));
    await expect(store.reload()).resolves.toMatchObject({ documents: { added: [], removed: [], changed: [] } });
  });

  it('an empty file added before a reload: refused, the serving index is kept', async () => {
    const { store, dir } = freshStore();
    fs.writeFileSync(path.join(dir.corpusDir, 'empty.txt'), '');
    const error = await rejection(store.reload());
    expect(error.code).toBe('RELOAD_REFUSED');
    expect(error.params.files).toBe('empty.txt');
    expect(store.current).toBe(base);
  });

  it('a corpus folder that disappeared → CORPUS_MISSING, old engine kept', async () => {
    const { store, dir } = freshStore();
    fs.rmSync(dir.corpusDir, { recursive: true, force: true });
    expect((await rejection(store.reload())).code).toBe('CORPUS_MISSING');
    expect(store.current).toBe(base);
  });

  it('a second reload while one runs → RELOAD_IN_PROGRESS', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const build = vi.fn(async () => {
      await gate;
      return base;
    });
    const { store } = freshStore({ build });
    const first = store.reload();
    const second = await rejection(store.reload());
    expect(second.code).toBe('RELOAD_IN_PROGRESS');
    release();
    await expect(first).resolves.toMatchObject({ passages: { total: base.source.passages } });
    expect(build).toHaveBeenCalledTimes(1);
    // after it finished, reloading is possible again
    await expect(store.reload()).resolves.toMatchObject({ passages: { total: base.source.passages } });
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('two real reloads started together: one succeeds, the other is refused', async () => {
    const { store } = freshStore();
    const results = await Promise.allSettled([store.reload(), store.reload()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as BotError).code).toBe('RELOAD_IN_PROGRESS');
  });

  it('an afterBuild failure becomes a warning, not a failure; the new engine serves', async () => {
    const onWarning = vi.fn();
    const next = await buildEngine({ corpusDir: corpus.corpusDir, configDir: corpus.configDir });
    const { store } = freshStore({
      build: async () => next,
      afterBuild: async () => {
        throw new Error('disk full');
      },
      onWarning,
    });
    const report = await store.reload();
    expect(report.warnings).toEqual(['after build: disk full']);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect((onWarning.mock.calls[0]![0] as Error).message).toBe('disk full');
    expect(store.current).toBe(next);
  });

  it('afterBuild receives the new engine', async () => {
    const afterBuild = vi.fn(async () => {});
    const { store } = freshStore({ afterBuild });
    await store.reload();
    expect(afterBuild).toHaveBeenCalledWith(store.current);
  });
});

describe('createStore', () => {
  it('builds the first engine; an afterBuild failure is only a warning', async () => {
    const onWarning = vi.fn();
    const store = await createStore({
      corpusDir: corpus.corpusDir,
      configDir: corpus.configDir,
      build: async () => base,
      afterBuild: async () => {
        throw new Error('read-only');
      },
      onWarning,
    });
    expect(store.current).toBe(base);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(store.lastReload).toBeNull();
  });
  it('passes maxQuestionLength to the build', async () => {
    const build = vi.fn(async () => base);
    await createStore({ corpusDir: 'c', configDir: 'k', maxQuestionLength: 42, build });
    expect(build).toHaveBeenCalledWith({ corpusDir: 'c', configDir: 'k', maxQuestionLength: 42 });
  });
  it('at start a broken file is skipped: the other documents serve, the file and its reason are listed', async () => {
    const dir = makeTinyCorpus('wenda-store-skip-');
    cleanups.push(dir);
    fs.writeFileSync(path.join(dir.corpusDir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir.corpusDir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    const store = await createStore({ corpusDir: dir.corpusDir, configDir: dir.configDir });
    expect(store.current.source.documents.map((d) => d.id)).toEqual(base.source.documents.map((d) => d.id));
    expect(store.current.source.skipped).toEqual([
      { file: 'empty.txt', code: 'DOCUMENT_EMPTY', message: formatMessage('DOCUMENT_EMPTY', { path: 'empty.txt' }) },
      { file: 'photo.txt', code: 'CORPUS_NOT_TEXT', message: formatMessage('CORPUS_NOT_TEXT', { path: 'photo.txt', tried: ENCODINGS_TRIED }) },
    ]);
    expect(store.current.answer('乌苏市风电装机多少？').found).toBe(true);
    // …and survives the snapshot round trip (a restart on the same corpus still reports it).
    expect(restoreEngine(store.current.state()).source.skipped).toEqual(store.current.source.skipped);
  });
  it('at start, a corpus whose every file is broken cannot be served', async () => {
    const dir = makeTinyCorpus('wenda-store-allbad-');
    cleanups.push(dir);
    for (const f of fs.readdirSync(dir.corpusDir)) fs.writeFileSync(path.join(dir.corpusDir, f), '');
    const error = await rejection(createStore({ corpusDir: dir.corpusDir, configDir: dir.configDir }));
    expect(error.code).toBe('CORPUS_NO_USABLE_DOCUMENT');
  });
  it('a corpus that cannot be served rejects with its BotError', async () => {
    const missing = path.join(corpus.root, 'does-not-exist');
    expect((await rejection(createStore({ corpusDir: missing, configDir: corpus.configDir }))).code).toBe('CORPUS_MISSING');
  });
});

describe('diffEngines', () => {
  it('an engine compared with itself has no changes', () => {
    const r = diffEngines(base, base, 7);
    expect(r.documents).toEqual({ added: [], removed: [], changed: [] });
    expect(r.passages).toEqual({ added: 0, removed: 0, changed: 0, total: base.source.passages });
    expect(r.ms).toBe(7);
    // Repairs made: the log's 'unknown' entries (spans left unrepaired) are not counted as repairs.
    expect(r.repairs).toBe(base.source.documents.reduce((n, d) => n + d.repairs.filter((x) => x.kind !== 'unknown').length, 0));
  });
});
