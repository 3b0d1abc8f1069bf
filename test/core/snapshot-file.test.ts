import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Index } from 'flexsearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_FORMAT, loadOrBuild, readSnapshot, snapshotPath, writeSnapshot, type SnapshotLogger } from '../../src/core/snapshot-file.js';
import { makeTempCorpus } from '../support/temp-corpus.js';

interface Data {
  passages: { id: string; text: string }[];
}
const isData = (v: unknown): v is Data => !!v && typeof v === 'object' && Array.isArray((v as Data).passages);

// Tokens are given pre-segmented, as the engine does (an `encode` function bypasses flexsearch's encoder).
const makeIndex = () => new Index({ tokenize: 'strict', encode: (s: string) => s.split(' ') });
const TOKENS: Record<number, string> = { 0: '昌吉州 地区 生产总值 增长', 1: '煤电 装机 3200万千瓦', 2: '准东 开发区 煤制气' };

/** A flexsearch index's export, collected synchronously (a sync handler makes export sync). */
function exportIndexChunks(index: { export(handler: (key: string, data: string) => void): void }): Array<[string, string]> {
  const chunks: Array<[string, string]> = [];
  index.export((key, data) => {
    chunks.push([key, data]);
  });
  return chunks;
}

/** Loads parsed export chunks into a fresh index (flexsearch's import takes the parsed array as well as its JSON). */
function importIndexChunks(index: { import(key: string, data: string): void }, chunks: Array<[string, unknown]>): void {
  for (const [key, data] of chunks) index.import(key, data as string);
}

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
  ({ dir, dataDir, corpusDir, configDir } = await makeTempCorpus());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const data: Data = { passages: [{ id: 'a#p1.s1', text: '地区生产总值增长7.8%' }] };

async function writeValid(key: string) {
  await writeSnapshot(dataDir, key, { index: exportIndexChunks(buildIndex()), data });
}

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
