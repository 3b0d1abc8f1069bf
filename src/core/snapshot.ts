/**
 * The index snapshot: the built search index plus the cleaned passages and figures, persisted
 * under `dataDir/snapshot/` and keyed by a hash of corpus + config + code version, so that a
 * restart on an unchanged corpus skips cleaning and segmentation. A stale or corrupt file is
 * reported as such (never served) and the caller rebuilds.
 *
 * File layout (one file, written atomically): a one-line JSON header, `\n`, then the body.
 *   header: { magic, format, key, bytes, sha256, createdAt }
 *   body:   {"index":[[key, <flexsearch export chunk, raw JSON>], ...],"data":<caller's JSON>}
 * The export chunks are spliced in as raw JSON (not re-quoted strings), so reading parses the
 * whole snapshot once and `Index.import` receives arrays directly.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngine, restoreEngine, type BuildOptions, type EngineState, type ServingEngine } from './engine.js';
import type { IndexData } from './search-index.js';

/** Bumped whenever the snapshot layout or the meaning of its content changes. */
export const SNAPSHOT_FORMAT = 1;

const MAGIC = 'wenda-snapshot';
const FILE_NAME = 'index.snapshot';

/** The folder holding the snapshot, under the configured data folder. */
export function snapshotDir(dataDir: string): string {
  return path.join(dataDir, 'snapshot');
}

/** The snapshot file's path. */
export function snapshotPath(dataDir: string): string {
  return path.join(snapshotDir(dataDir), FILE_NAME);
}

/** The project's package version (the code version part of the key); '0.0.0' if unreadable. */
export function packageVersion(): string {
  // src/core/snapshot.ts and dist/core/snapshot.js both sit two levels below the package root.
  const file = new URL('../../package.json', import.meta.url);
  try {
    if (!existsSync(file)) return '0.0.0';
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  await walk('');
  // Sorted with a fixed comparison (not localeCompare), so the key is the same on every machine.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

let fingerprint: string | undefined;

/** Where a build records the fingerprint of the sources it compiled (beside dist/core/snapshot.js). */
export const FINGERPRINT_FILE = 'code-fingerprint.json';

/** sha256 of a folder's TypeScript sources (paths and bytes; not .d.ts): the core's code as written. */
export async function sourceFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const rel of await listFiles(dir)) {
    if (!rel.endsWith('.ts') || rel.endsWith('.d.ts')) continue;
    hash.update(`${rel}:`);
    hash.update(await readFile(path.join(dir, rel)));
  }
  return hash.digest('hex');
}

/**
 * The fingerprint of the core's code: a snapshot written by other cleaning or indexing code is
 * stale even when the package version was not bumped. It is the same whichever way the code runs:
 * from src/ (tsx: the .ts files are hashed) or from dist/ (the build recorded the hash of the .ts
 * files it compiled in FINGERPRINT_FILE), so `npm run dev` and `npm start` share a snapshot; a dist
 * built from older sources has their older hash. A dist without that file hashes its own .js.
 */
export async function codeFingerprint(): Promise<string> {
  if (fingerprint) return fingerprint;
  const self = fileURLToPath(import.meta.url);
  const dir = path.dirname(self);
  if (self.endsWith('.ts')) return (fingerprint = await sourceFingerprint(dir));
  try {
    const stamp = JSON.parse(await readFile(path.join(dir, FINGERPRINT_FILE), 'utf8')) as { sha256?: unknown };
    if (typeof stamp.sha256 === 'string' && /^[0-9a-f]{64}$/.test(stamp.sha256)) return (fingerprint = stamp.sha256);
  } catch {
    // no stamp (dist compiled by hand): fall back to the compiled code itself
  }
  const hash = createHash('sha256');
  for (const rel of await listFiles(dir)) {
    if (!rel.endsWith('.js')) continue; // not .map files: they change with build options only
    hash.update(`${rel}:`);
    hash.update(await readFile(path.join(dir, rel)));
  }
  fingerprint = `js:${hash.digest('hex')}`;
  return fingerprint;
}

/**
 * sha256 of every corpus file's relative path + bytes, every config file's path + bytes, the
 * package version (plus the core code's fingerprint unless a version is given) and
 * SNAPSHOT_FORMAT: any change to what a build reads, or to the code that builds, changes the key.
 */
export async function snapshotKey(options: { corpusDir: string; configDir: string; version?: string }): Promise<string> {
  const hash = createHash('sha256');
  // Lengths are hashed before each part, so ('ab','c') and ('a','bc') cannot collide.
  const part = (label: string, bytes: Buffer | string): void => {
    const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    hash.update(`${label}:${b.length}:`);
    hash.update(b);
  };
  part('format', String(SNAPSHOT_FORMAT));
  part('version', options.version ?? `${packageVersion()}+${await codeFingerprint()}`);
  for (const [label, dir] of [['corpus', options.corpusDir], ['config', options.configDir]] as const) {
    for (const rel of await listFiles(dir)) {
      part(`${label}-path`, rel);
      part(`${label}-file`, await readFile(path.join(dir, rel)));
    }
  }
  return hash.digest('hex');
}

interface Header {
  magic: string;
  format: number;
  key: string;
  bytes: number;
  sha256: string;
  createdAt: string;
}

/** What a snapshot holds: flexsearch export chunks and the caller's plain data (passages, figures, …). */
export interface SnapshotContent<T> {
  /** `[key, data]` pairs exactly as `Index.export(handler)` passed them (data is a JSON string). */
  index: Array<[string, string]>;
  data: T;
}

/** A snapshot read back: the export chunks come back parsed, ready for `Index.import(key, chunk)`. */
export interface LoadedSnapshot<T> {
  index: Array<[string, unknown]>;
  data: T;
  createdAt: string;
  bytes: number;
}

/** Why a snapshot was not served. */
export type SnapshotMiss =
  | { status: 'missing' }
  | { status: 'stale'; reason: string }
  | { status: 'corrupt'; reason: string };

/** The result of reading a snapshot: served, or the reason it was not. */
export type SnapshotRead<T> = ({ status: 'hit' } & LoadedSnapshot<T>) | SnapshotMiss;

/** Collects a flexsearch index's export synchronously (the sync handler makes export sync). */
export function exportIndexChunks(index: { export(handler: (key: string, data: string) => void): void }): Array<[string, string]> {
  const chunks: Array<[string, string]> = [];
  index.export((key, data) => {
    chunks.push([key, data]);
  });
  return chunks;
}

/** Loads parsed export chunks into a freshly created index built with the same options. */
export function importIndexChunks(index: { import(key: string, data: string): void }, chunks: Array<[string, unknown]>): void {
  // flexsearch's import accepts the parsed array as well as its JSON string (src/serialize.js),
  // though its types say string; passing the array avoids a second JSON.parse per chunk.
  for (const [key, data] of chunks) index.import(key, data as string);
}

/**
 * Writes the snapshot atomically (temporary file, fsync, rename), so a crash mid-write leaves
 * the previous snapshot or none, never a half file under the real name.
 */
export async function writeSnapshot<T>(dataDir: string, key: string, content: SnapshotContent<T>): Promise<{ path: string; bytes: number }> {
  const dir = snapshotDir(dataDir);
  await mkdir(dir, { recursive: true });
  const parts: string[] = ['{"index":['];
  content.index.forEach(([k, data], i) => {
    // Each chunk is already JSON from flexsearch; a chunk that is not would make the snapshot unreadable.
    parts.push(`${i ? ',' : ''}[${JSON.stringify(k)},${data}]`);
  });
  parts.push('],"data":', JSON.stringify(content.data), '}');
  const body = Buffer.from(parts.join(''));
  const header: Header = {
    magic: MAGIC,
    format: SNAPSHOT_FORMAT,
    key,
    bytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    createdAt: new Date().toISOString(),
  };
  const file = snapshotPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.write(`${JSON.stringify(header)}\n`);
    await handle.write(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  return { path: file, bytes: body.length };
}

/**
 * Reads and checks the snapshot: magic, format version, key, byte length and sha256 of the body,
 * then JSON and the caller's shape check. Anything wrong is a miss with a reason, never a throw.
 */
export async function readSnapshot<T>(
  dataDir: string,
  key: string,
  isData: (value: unknown) => value is T,
): Promise<SnapshotRead<T>> {
  const file = snapshotPath(dataDir);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: `unreadable: ${(error as Error).message}` };
  }
  const nl = buf.indexOf(0x0a);
  if (nl < 0) return { status: 'corrupt', reason: 'no header line' };
  let header: Partial<Header>;
  try {
    header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as Partial<Header>;
  } catch {
    return { status: 'corrupt', reason: 'header is not JSON' };
  }
  if (header === null || typeof header !== 'object' || header.magic !== MAGIC) return { status: 'corrupt', reason: 'not a snapshot file' };
  if (header.format !== SNAPSHOT_FORMAT) return { status: 'stale', reason: `format ${String(header.format)}, expected ${SNAPSHOT_FORMAT}` };
  if (header.key !== key) return { status: 'stale', reason: 'corpus, config or code changed since it was written' };
  const body = buf.subarray(nl + 1);
  if (body.length !== header.bytes) return { status: 'corrupt', reason: `truncated: ${body.length} of ${String(header.bytes)} bytes` };
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) return { status: 'corrupt', reason: 'checksum mismatch' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { status: 'corrupt', reason: `body is not JSON: ${(error as Error).message}` };
  }
  const p = parsed as { index?: unknown; data?: unknown };
  if (!p || typeof p !== 'object' || !Array.isArray(p.index) || !p.index.every((c) => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string')) {
    return { status: 'corrupt', reason: 'index chunks missing or malformed' };
  }
  if (!isData(p.data)) return { status: 'corrupt', reason: 'content does not have the expected shape' };
  return { status: 'hit', index: p.index as Array<[string, unknown]>, data: p.data, createdAt: header.createdAt ?? '', bytes: body.length };
}

/** Deletes the snapshot (used when it was found corrupt, so it is not read again before the rebuild writes a new one). */
export async function removeSnapshot(dataDir: string): Promise<void> {
  await rm(snapshotPath(dataDir), { force: true });
}

/** A logger with the two levels the snapshot needs (pino's signature). */
export interface SnapshotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * Serves the snapshot when it is valid for `key`, otherwise builds, writes a new snapshot and
 * returns the build. A stale or corrupt snapshot is logged and replaced; a failed write is
 * logged and does not fail the build (the bot still serves, it just starts slower next time).
 */
export async function loadOrBuild<T, R>(options: {
  dataDir: string;
  key: string;
  isData: (value: unknown) => value is T;
  /** Turns a valid snapshot into the result (e.g. an Engine); a throw here counts as corrupt. */
  restore: (snapshot: LoadedSnapshot<T>) => R;
  build: () => Promise<R>;
  /** What to persist from a build. */
  save: (result: R) => SnapshotContent<T>;
  /**
   * The key recomputed after the build: when the corpus changed while it ran, the build may
   * mix old and new files, so it is served but not saved under either key.
   */
  keyAfterBuild?: () => Promise<string>;
  logger?: SnapshotLogger;
}): Promise<{ result: R; from: 'snapshot' | 'build'; miss?: SnapshotMiss }> {
  const { dataDir, key, logger } = options;
  const read = await readSnapshot(dataDir, key, options.isData);
  let miss: SnapshotMiss;
  if (read.status === 'hit') {
    try {
      const result = options.restore(read);
      logger?.info({ bytes: read.bytes, createdAt: read.createdAt }, 'index snapshot loaded');
      return { result, from: 'snapshot' };
    } catch (error) {
      miss = { status: 'corrupt', reason: `restore failed: ${(error as Error).message}` };
    }
  } else {
    miss = read;
  }
  if (miss.status !== 'missing') {
    logger?.warn({ status: miss.status, reason: miss.reason }, 'index snapshot not used, rebuilding');
    await removeSnapshot(dataDir);
  }
  const result = await options.build();
  if (options.keyAfterBuild && (await options.keyAfterBuild()) !== key) {
    logger?.warn({}, 'corpus or config changed during the build: snapshot not written');
    return { result, from: 'build', miss };
  }
  try {
    const written = await writeSnapshot(dataDir, key, options.save(result));
    logger?.info({ bytes: written.bytes, path: written.path }, 'index snapshot written');
  } catch (error) {
    logger?.warn({ err: (error as Error).message }, 'index snapshot could not be written');
  }
  return { result, from: 'build', miss };
}

// ---------------------------------------------------------------------------------------------
// The engine's snapshot: EngineState, with the flexsearch export spliced in as raw JSON.

/** An engine that can be snapshotted (what `buildEngine` and `restoreEngine` return). */
export type SnapshottableEngine = ServingEngine;

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
    Array.isArray(v.index.tokens) &&
    v.index.tokens.length === v.passages.length &&
    v.places.length === v.passages.length &&
    typeof v.builtAt === 'string'
  );
}

/** The snapshot content of an engine: its state, with the index export kept as flexsearch's JSON chunks. */
export function engineSnapshotContent(engine: SnapshottableEngine): SnapshotContent<EngineSnapshotData> {
  const state = engine.state();
  const { flex, ...index } = state.index;
  return { index: flex, data: { ...state, index } };
}

/** An engine from a loaded snapshot: no cleaning and no jieba. Throws if the content is inconsistent. */
export function engineFromSnapshot(snapshot: LoadedSnapshot<EngineSnapshotData>, maxQuestionLength?: number): SnapshottableEngine {
  // The chunks are parsed arrays, which flexsearch's import takes as well as strings (see importIndexChunks).
  const state: EngineState = { ...snapshot.data, index: { ...snapshot.data.index, flex: snapshot.index as Array<[string, string]> } };
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
export async function openEngine(options: SnapshotBuildOptions): Promise<{ engine: SnapshottableEngine; from: 'snapshot' | 'build'; miss?: SnapshotMiss }> {
  const { corpusDir, configDir, dataDir, logger, version, ...buildOptions } = options;
  const keyOf = () => snapshotKey({ corpusDir, configDir, version });
  const key = await keyOf();
  const r = await loadOrBuild<EngineSnapshotData, SnapshottableEngine>({
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
