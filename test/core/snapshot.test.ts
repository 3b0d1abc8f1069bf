import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Index } from 'flexsearch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildEngine } from '../../src/core/engine.js';
import {
  FINGERPRINT_FILE,
  SNAPSHOT_FORMAT,
  codeFingerprint,
  sourceFingerprint,
  engineFromSnapshot,
  engineSnapshotContent,
  isEngineSnapshotData,
  packageVersion,
  exportIndexChunks,
  importIndexChunks,
  loadOrBuild,
  openEngine,
  readSnapshot,
  snapshotKey,
  snapshotPath,
  writeSnapshot,
  type SnapshotLogger,
} from '../../src/core/snapshot.js';

interface Data {
  passages: { id: string; text: string }[];
}
const isData = (v: unknown): v is Data => !!v && typeof v === 'object' && Array.isArray((v as Data).passages);

// Tokens are given pre-segmented, as the engine does (an `encode` function bypasses flexsearch's encoder).
const makeIndex = () => new Index({ tokenize: 'strict', encode: (s: string) => s.split(' ') });
const TOKENS: Record<number, string> = { 0: '昌吉州 地区 生产总值 增长', 1: '煤电 装机 3200万千瓦', 2: '准东 开发区 煤制气' };

function buildIndex() {
  const index = makeIndex();
  for (const [id, text] of Object.entries(TOKENS)) index.add(Number(id), text);
  return index;
}

let dir: string;
let dataDir: string;
let corpusDir: string;
let configDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'snapshot-'));
  dataDir = path.join(dir, 'data');
  corpusDir = path.join(dir, 'corpus');
  configDir = path.join(dir, 'config');
  await mkdir(corpusDir);
  await mkdir(configDir);
  await writeFile(path.join(corpusDir, 'a.txt'), '今年前三季度，昌吉州地区生产总值增长7.8%。');
  await writeFile(path.join(configDir, 'bot.json'), '{}');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const data: Data = { passages: [{ id: 'a#p1.s1', text: '地区生产总值增长7.8%' }] };

async function writeValid(key: string) {
  await writeSnapshot(dataDir, key, { index: exportIndexChunks(buildIndex()), data });
}

describe('snapshotKey', () => {
  it('is stable for the same inputs', async () => {
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.0' })).toBe(await snapshotKey({ corpusDir, configDir, version: '1.0.0' }));
  });
  it('changes with a corpus byte, a renamed file, a config byte or the version', async () => {
    const base = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.1' })).not.toBe(base);
    await writeFile(path.join(configDir, 'bot.json'), '{ }');
    const afterConfig = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    expect(afterConfig).not.toBe(base);
    await writeFile(path.join(corpusDir, 'a.txt'), '今年前三季度，昌吉州地区生产总值增长7.9%。');
    const afterCorpus = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    expect(afterCorpus).not.toBe(afterConfig);
    await rm(path.join(corpusDir, 'a.txt'));
    await writeFile(path.join(corpusDir, 'b.txt'), '今年前三季度，昌吉州地区生产总值增长7.9%。');
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.0' })).not.toBe(afterCorpus);
  });
  it('defaults to the package version plus a fingerprint of the core code', async () => {
    const a = await snapshotKey({ corpusDir, configDir });
    expect(await snapshotKey({ corpusDir, configDir })).toBe(a);
    expect(await codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(await snapshotKey({ corpusDir, configDir, version: packageVersion() })).not.toBe(a);
  });
  it('includes files in sub-folders', async () => {
    const base = await snapshotKey({ corpusDir, configDir, version: '1.0.0' });
    await mkdir(path.join(corpusDir, 'sub'));
    await writeFile(path.join(corpusDir, 'sub', 'c.txt'), '新文档。');
    expect(await snapshotKey({ corpusDir, configDir, version: '1.0.0' })).not.toBe(base);
  });
});

describe('write / read', () => {
  it('round-trips the index and data: the imported index answers like the original', async () => {
    await writeValid('k1');
    const read = await readSnapshot(dataDir, 'k1', isData);
    expect(read.status).toBe('hit');
    if (read.status !== 'hit') return;
    expect(read.data).toEqual(data);
    const restored = makeIndex();
    importIndexChunks(restored, read.index);
    const original = buildIndex();
    for (const q of ['生产总值', '煤电 装机', '开发区', '不存在']) {
      expect(restored.search(q, { limit: 10 })).toEqual(original.search(q, { limit: 10 }));
    }
    expect(restored.search('煤电', { limit: 10 })).toEqual([1]);
  });

  it('reports a missing snapshot', async () => {
    expect(await readSnapshot(dataDir, 'k1', isData)).toEqual({ status: 'missing' });
  });

  it('reports another key as stale', async () => {
    await writeValid('k1');
    const read = await readSnapshot(dataDir, 'k2', isData);
    expect(read.status).toBe('stale');
  });

  it('reports another format version as stale', async () => {
    await writeValid('k1');
    const file = snapshotPath(dataDir);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(`"format":${SNAPSHOT_FORMAT}`, `"format":${SNAPSHOT_FORMAT + 1}`));
    const read = await readSnapshot(dataDir, 'k1', isData);
    expect(read).toMatchObject({ status: 'stale', reason: expect.stringContaining('format') });
  });

  it('reports a truncated file as corrupt', async () => {
    await writeValid('k1');
    const file = snapshotPath(dataDir);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 10));
    expect(await readSnapshot(dataDir, 'k1', isData)).toMatchObject({ status: 'corrupt', reason: expect.stringContaining('truncated') });
    await writeFile(file, bytes.subarray(0, 20));
    expect((await readSnapshot(dataDir, 'k1', isData)).status).toBe('corrupt');
  });

  it('reports a flipped byte as corrupt (checksum)', async () => {
    await writeValid('k1');
    const file = snapshotPath(dataDir);
    const bytes = await readFile(file);
    bytes[bytes.length - 5]! ^= 0x01;
    await writeFile(file, bytes);
    expect(await readSnapshot(dataDir, 'k1', isData)).toMatchObject({ status: 'corrupt', reason: 'checksum mismatch' });
  });

  it('reports garbage and foreign files as corrupt', async () => {
    await mkdir(path.dirname(snapshotPath(dataDir)), { recursive: true });
    await writeFile(snapshotPath(dataDir), 'not a snapshot');
    expect((await readSnapshot(dataDir, 'k1', isData)).status).toBe('corrupt');
    await writeFile(snapshotPath(dataDir), '{"magic":"other"}\n{}');
    expect(await readSnapshot(dataDir, 'k1', isData)).toMatchObject({ status: 'corrupt', reason: 'not a snapshot file' });
  });

  it('reports content of the wrong shape as corrupt', async () => {
    await writeSnapshot(dataDir, 'k1', { index: [], data: { nope: true } });
    expect(await readSnapshot(dataDir, 'k1', isData)).toMatchObject({ status: 'corrupt', reason: expect.stringContaining('shape') });
  });
});

describe('chunked, streamed layout', () => {
  // Many small elements and a long Uint32Array, written with a tiny frame limit: the same code
  // path that keeps a 1M-passage snapshot (700 MB) below V8's 512 MiB string limit, in milliseconds.
  const big = {
    passages: Array.from({ length: 3000 }, (_, i) => ({ id: `d${i % 7}#p${i}.s1`, text: `第${i}段：装机${i * 13}万千瓦，“引号”\n换行` })),
    nested: { places: Array.from({ length: 500 }, (_, i) => (i % 3 ? [`地${i}`] : [])), short: [1, 2, 3] },
    ids: Uint32Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 0),
    empty: new Uint32Array(0),
  };
  const isBig = (v: unknown): v is typeof big => !!v && typeof v === 'object' && Array.isArray((v as typeof big).passages);

  it('respects the frame limit and round-trips every array, typed ones as Uint32Array', async () => {
    const written = await writeSnapshot(dataDir, 'k1', { index: exportIndexChunks(buildIndex()), data: big }, { chunkBytes: 256 });
    // 100k ids at 256 bytes a part alone make ~1,600 frames; the passages hundreds more.
    expect(written.frames).toBeGreaterThan(2000);
    // Array parts respect the limit; the data frame (the skeleton) and flexsearch's chunks are small here.
    expect(written.largestPart).toBeLessThanOrEqual(256);
    expect(written.largestFrame).toBeLessThan(2048);
    expect(written.bytes).toBeGreaterThan(100 * 256);
    const read = await readSnapshot(dataDir, 'k1', isBig);
    expect(read.status).toBe('hit');
    if (read.status !== 'hit') return;
    expect(read.data.ids).toBeInstanceOf(Uint32Array);
    expect(read.data.ids).toEqual(big.ids);
    expect(read.data.empty).toEqual(new Uint32Array(0));
    expect(read.data.passages).toEqual(big.passages);
    expect(read.data.nested).toEqual(big.nested);
    const restored = makeIndex();
    importIndexChunks(restored, read.index);
    expect(restored.search('煤电', { limit: 10 })).toEqual([1]);
  });

  it('reads the same data whatever the frame limit', async () => {
    await writeSnapshot(dataDir, 'k1', { index: [], data: big });
    const one = await readSnapshot(dataDir, 'k1', isBig);
    await writeSnapshot(dataDir, 'k1', { index: [], data: big }, { chunkBytes: 100 });
    const many = await readSnapshot(dataDir, 'k1', isBig);
    expect(one.status).toBe('hit');
    expect(many.status === "hit" && one.status === "hit" && many.data).toEqual(one.status === "hit" && one.data);
  });

  it('streams a chunk exporter, waiting for each write', async () => {
    const index = buildIndex();
    let inFlight = 0;
    let maxInFlight = 0;
    const exporter = {
      export: (write: (key: string, json: string) => Promise<void> | void) =>
        index.export(async (key: string | number, json: string) => {
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          await write(String(key), json);
          inFlight--;
        }) as unknown as Promise<void>,
    };
    await writeSnapshot(dataDir, 'k1', { index: exporter, data });
    expect(maxInFlight).toBe(1);
    const read = await readSnapshot(dataDir, 'k1', isData);
    if (read.status !== 'hit') throw new Error(read.status);
    const restored = makeIndex();
    importIndexChunks(restored, read.index);
    expect(restored.search('开发区', { limit: 10 })).toEqual([2]);
  });

  it('reports a damaged binary part as corrupt, and a file cut at a frame boundary as truncated', async () => {
    await writeSnapshot(dataDir, 'k1', { index: [], data: big }, { chunkBytes: 4096 });
    const file = snapshotPath(dataDir);
    const bytes = await readFile(file);
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(bytes.length / 2)]! ^= 0x40;
    await writeFile(file, damaged);
    expect(await readSnapshot(dataDir, 'k1', isBig)).toMatchObject({ status: 'corrupt', reason: 'checksum mismatch' });
    // Drop the end frame and fix up the header's length and checksum: only the missing end tells.
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as { bytes: number; sha256: string };
    const endFrame = 5 + Buffer.byteLength(JSON.stringify({ arrays: 3, chunks: 0 }));
    const body = bytes.subarray(512, bytes.length - endFrame);
    const { createHash } = await import('node:crypto');
    const line = Buffer.alloc(512, 0x20);
    line.write(JSON.stringify({ ...header, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }));
    line[511] = 0x0a;
    await writeFile(file, Buffer.concat([line, body]));
    expect(await readSnapshot(dataDir, 'k1', isBig)).toMatchObject({ status: 'corrupt', reason: expect.stringContaining('truncated') });
  });

  it('an engine snapshot written in many small frames restores an engine that answers the same', async () => {
    await writeFile(path.join(corpusDir, 'a.txt'), await readFile(path.join(process.cwd(), 'corpus', 'changji-industry-2024-12-10.txt')));
    const engine = await buildEngine({ corpusDir, configDir });
    const written = await writeSnapshot(dataDir, 'k1', engineSnapshotContent(engine), { chunkBytes: 1024 });
    expect(written.frames).toBeGreaterThan(50);
    const read = await readSnapshot(dataDir, 'k1', isEngineSnapshotData);
    if (read.status !== 'hit') throw new Error(read.status);
    const restored = engineFromSnapshot(read);
    expect(restored.passages()).toEqual(engine.passages());
    for (const q of ['煤电装机多少千瓦？', '准东开发区疆煤外运突破多少？', '上海房价']) expect(restored.answer(q)).toEqual(engine.answer(q));
  }, 60_000);
});

describe('loadOrBuild', () => {
  function logger() {
    const lines: { level: string; obj: object; msg?: string }[] = [];
    const log: SnapshotLogger = {
      info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
      warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    };
    return { lines, log };
  }
  const options = (key: string, log: SnapshotLogger, builds: { n: number }) => ({
    dataDir,
    key,
    isData,
    logger: log,
    build: async () => {
      builds.n++;
      return { index: buildIndex(), data };
    },
    save: (r: { index: ReturnType<typeof buildIndex>; data: Data }) => ({ index: exportIndexChunks(r.index), data: r.data }),
    restore: (s: { index: Array<[string, unknown]>; data: Data }) => {
      const index = makeIndex();
      importIndexChunks(index, s.index);
      return { index, data: s.data };
    },
  });

  it('builds and writes when missing, then serves the snapshot', async () => {
    const builds = { n: 0 };
    const { log } = logger();
    const first = await loadOrBuild(options('k1', log, builds));
    expect(first.from).toBe('build');
    const second = await loadOrBuild(options('k1', log, builds));
    expect(second.from).toBe('snapshot');
    expect(builds.n).toBe(1);
    expect(second.result.index.search('煤电', { limit: 5 })).toEqual([1]);
  });

  it('logs, rebuilds and rewrites a corrupt snapshot, never serving it', async () => {
    await writeValid('k1');
    const file = snapshotPath(dataDir);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 3));
    const builds = { n: 0 };
    const { lines, log } = logger();
    const r = await loadOrBuild(options('k1', log, builds));
    expect(r.from).toBe('build');
    expect(r.miss?.status).toBe('corrupt');
    expect(lines.some((l) => l.level === 'warn' && /rebuilding/.test(l.msg ?? ''))).toBe(true);
    expect((await readSnapshot(dataDir, 'k1', isData)).status).toBe('hit');
  });

  it('rebuilds a stale snapshot after a corpus change', async () => {
    const builds = { n: 0 };
    const { log } = logger();
    await loadOrBuild(options('k1', log, builds));
    const r = await loadOrBuild(options('k2', log, builds));
    expect(r).toMatchObject({ from: 'build', miss: { status: 'stale' } });
    expect(builds.n).toBe(2);
  });

  it('treats a restore that throws as corrupt and rebuilds', async () => {
    await writeValid('k1');
    const builds = { n: 0 };
    const { log } = logger();
    const r = await loadOrBuild({ ...options('k1', log, builds), restore: () => { throw new Error('bad chunk'); } });
    expect(r).toMatchObject({ from: 'build', miss: { status: 'corrupt', reason: expect.stringContaining('bad chunk') } });
  });
});

describe('openEngine (engine snapshot)', () => {
  const seed = path.join(process.cwd(), 'corpus', 'changji-industry-2024-12-10.txt');
  const questions = ['煤电装机多少千瓦？', '昌吉州地区生产总值增长多少？', '准东开发区疆煤外运突破多少？', '引进了多少名院士专家？'];

  it('serves the same answers from the snapshot as from the build, and rebuilds a corrupt or stale one', async () => {
    await writeFile(path.join(corpusDir, 'a.txt'), await readFile(seed));
    const log = { info: () => {}, warn: vi.fn() };
    const first = await openEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(first.from).toBe('build');
    const second = await openEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(second.from).toBe('snapshot');
    expect(second.engine.passages()).toEqual(first.engine.passages());
    expect(second.engine.source.figures).toBe(first.engine.source.figures);
    for (const q of questions) expect(second.engine.answer(q)).toEqual(first.engine.answer(q));

    // Truncated: detected, logged, rebuilt, and a good snapshot written again.
    const file = snapshotPath(dataDir);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const third = await openEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(third).toMatchObject({ from: 'build', miss: { status: 'corrupt' } });
    expect(log.warn).toHaveBeenCalled();
    expect((await openEngine({ corpusDir, configDir, dataDir, logger: log })).from).toBe('snapshot');

    // A corpus edit makes it stale: the new text is served, not the snapshot's.
    await writeFile(path.join(corpusDir, 'b.txt'), '新增文档\n今年全州新建充电桩4321个，覆盖所有乡镇。\n');
    const fourth = await openEngine({ corpusDir, configDir, dataDir, logger: log });
    expect(fourth).toMatchObject({ from: 'build', miss: { status: 'stale' } });
    expect(fourth.engine.answer('新建充电桩多少个？').found).toBe(true);
  }, 60_000);
});

describe('the code part of the key, from src/ (npm run dev) and from dist/ (npm start)', () => {
  // The real build (tsc + the stamp step of `npm run build`) into a scratch package whose src/ is this repository's.
  it('is the same for the same code, so alternating them does not rebuild the snapshot', { timeout: 120_000 }, async () => {
    const repo = path.resolve(import.meta.dirname, '../..');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-dist-'));
    try {
      fs.symlinkSync(path.join(repo, 'src'), path.join(scratch, 'src'));
      fs.symlinkSync(path.join(repo, 'node_modules'), path.join(scratch, 'node_modules'));
      fs.copyFileSync(path.join(repo, 'package.json'), path.join(scratch, 'package.json'));
      const dist = path.join(scratch, 'dist');
      execFileSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', path.join(repo, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'pipe' });
      execFileSync(process.execPath, [path.join(dist, 'cli/stamp-code-fingerprint.js')], { stdio: 'pipe' });
      const fromDist = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'core/snapshot.js')).href)}); process.stdout.write(await m.codeFingerprint());`],
        { encoding: 'utf8' },
      );
      expect(fromDist).toMatch(/^[0-9a-f]{64}$/);
      expect(fromDist).toBe(await codeFingerprint());
      // Without the stamp (dist compiled by hand), the compiled code is hashed: never mistaken for the sources.
      fs.rmSync(path.join(dist, 'core', FINGERPRINT_FILE));
      const unstamped = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'core/snapshot.js')).href)}); process.stdout.write(await m.codeFingerprint());`],
        { encoding: 'utf8' },
      );
      expect(unstamped).toMatch(/^js:[0-9a-f]{64}$/);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
  it('changes when a source file of the core changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenda-src-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
      fs.writeFileSync(path.join(dir, 'a.d.ts'), 'export declare const a: number;\n');
      const before = await sourceFingerprint(dir);
      fs.writeFileSync(path.join(dir, 'a.d.ts'), 'export declare const a: 1;\n'); // declarations are not code
      expect(await sourceFingerprint(dir)).toBe(before);
      fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 2;\n');
      expect(await sourceFingerprint(dir)).not.toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
