import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildEngine } from '../../src/core/build.js';
import { restoreEngine } from '../../src/core/engine.js';
import { extractFigures } from '../../src/core/figures.js';
import { engineFromSnapshot, engineSnapshotContent, isEngineSnapshotData, loadOrBuildEngine } from '../../src/core/engine-snapshot.js';
import { readSnapshot, snapshotPath, writeSnapshot } from '../../src/core/snapshot-file.js';
import { makeTempCorpus } from '../support/temp-corpus.js';

let dir: string;
let dataDir: string;
let corpusDir: string;
let configDir: string;
beforeEach(async () => {
  ({ dir, dataDir, corpusDir, configDir } = await makeTempCorpus());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('engine snapshot content', () => {
  it('an engine snapshot written in many small frames restores an engine that answers the same', async () => {
    await writeFile(path.join(corpusDir, 'a.txt'), await readFile(path.join(process.cwd(), 'corpus', 'changji-industry-2024-12-10.txt')));
    const engine = await buildEngine({ corpusDir, configDir });
    const written = await writeSnapshot(dataDir, 'k1', engineSnapshotContent(engine), { chunkBytes: 1024 });
    expect(written.frames).toBeGreaterThan(50);
    const read = await readSnapshot(dataDir, 'k1', isEngineSnapshotData);
    if (read.status !== 'hit') throw new Error(read.status);
    const restored = engineFromSnapshot(read);
    expect(restored.passages()).toEqual(engine.passages());
    // The figures are one table, read into objects per passage: the same keys, in the same order, as extractFigures made them.
    const figures = (e: typeof engine) => JSON.stringify(e.passages().map((p) => p.figures));
    expect(figures(engine)).toBe(JSON.stringify(engine.passages().map((p) => (p.kind === 'dateline' ? [] : extractFigures(p.text, p.id, p.doc)))));
    expect(figures(restored)).toBe(figures(engine));
    expect(figures(restoreEngine(JSON.parse(JSON.stringify(engine.state()))))).toBe(figures(engine));
    expect(restored.source.figures).toBe(engine.passages().reduce((n, p) => n + p.figures.length, 0));
    expect(restored.source.figures).toBeGreaterThan(20);
    for (const q of ['煤电装机多少千瓦？', '准东开发区疆煤外运突破多少？', '上海房价']) expect(restored.answer(q)).toEqual(engine.answer(q));
  }, 60_000);

  it('a snapshot whose passages carry their own figures (format 2) is not taken for this format', async () => {
    await writeFile(path.join(corpusDir, 'a.txt'), await readFile(path.join(process.cwd(), 'corpus', 'changji-industry-2024-12-10.txt')));
    const engine = await buildEngine({ corpusDir, configDir });
    const { figures: _figures, ...old } = engineSnapshotContent(engine).data;
    expect(isEngineSnapshotData(old)).toBe(false);
  }, 60_000);
});

describe('loadOrBuildEngine (engine snapshot)', () => {
  const seed = path.join(process.cwd(), 'corpus', 'changji-industry-2024-12-10.txt');
  const questions = ['煤电装机多少千瓦？', '昌吉州地区生产总值增长多少？', '准东开发区疆煤外运突破多少？', '引进了多少名院士专家？'];

  it('serves the same answers from the snapshot as from the build, and rebuilds a corrupt or stale one', async () => {
    await writeFile(path.join(corpusDir, 'a.txt'), await readFile(seed));
    const log = { info: () => {}, warn: vi.fn() };
    const first = await loadOrBuildEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(first.from).toBe('build');
    const second = await loadOrBuildEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(second.from).toBe('snapshot');
    expect(second.engine.passages()).toEqual(first.engine.passages());
    expect(second.engine.source.figures).toBe(first.engine.source.figures);
    for (const q of questions) expect(second.engine.answer(q)).toEqual(first.engine.answer(q));

    // Truncated: detected, logged, rebuilt, and a good snapshot written again.
    const file = snapshotPath(dataDir);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const third = await loadOrBuildEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(third).toMatchObject({ from: 'build', miss: { status: 'corrupt' } });
    expect(log.warn).toHaveBeenCalled();
    expect((await loadOrBuildEngine({ corpusDir, configDir, dataDir, logger: log })).from).toBe('snapshot');

    // A corpus edit makes it stale: the new text is served, not the snapshot's.
    await writeFile(path.join(corpusDir, 'b.txt'), '新增文档\n今年全州新建充电桩4321个，覆盖所有乡镇。\n');
    const fourth = await loadOrBuildEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(fourth).toMatchObject({ from: 'build', miss: { status: 'stale' } });
    expect(fourth.engine.answer('新建充电桩多少个？').found).toBe(true);
  }, 60_000);
});
