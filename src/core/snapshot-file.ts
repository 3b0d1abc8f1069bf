/**
 * The snapshot file: its format, written and read streamed, under `dataDir/snapshot/`, checked
 * against a key (snapshot-key.ts) so a stale or corrupt file is reported as such (never served)
 * and the caller rebuilds. What an engine puts in it is engine-snapshot.ts's.
 *
 * File layout (one file, written atomically and streamed both ways: no string or buffer ever
 * holds the whole snapshot, so it has no size wall like V8's 512 MiB string limit):
 *   header: one JSON line padded to HEADER_BYTES: { magic, format, key, endian, bytes, sha256, createdAt }
 *   body:   frames, each `type (1 byte) | payload length (u32 LE) | payload`:
 *     S  the caller's data as JSON, with every long array and every Uint32Array replaced by a marker;
 *     A  a part of a long array: a JSON array of whole elements, at most `chunkBytes` bytes
 *        unless one element is larger; the marked arrays' parts follow S in marker order;
 *     B  a part of a Uint32Array: its raw bytes (little-endian), at most `chunkBytes`;
 *     X  one flexsearch export chunk: its key, `\n`, its JSON (flexsearch's own chunking bounds it);
 *     E  the end: counts of arrays and chunks, so a file cut at a frame boundary is still caught.
 * `bytes` and `sha256` cover the body; the header is written last, in place, once they are known.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Bumped whenever the snapshot layout or the meaning of its content changes (3: the figures are one table, figure-table.ts). */
export const SNAPSHOT_FORMAT = 3;

const MAGIC = 'wenda-snapshot';
const FILE_NAME = 'index.snapshot';
/** Room for the header line: it is rewritten in place after the body, so its size is fixed. */
const HEADER_BYTES = 512;
/** Largest frame a writer makes by default (unless one element is larger): far below V8's string limit. */
export const DEFAULT_CHUNK_BYTES = 4 << 20;
/** Arrays longer than this are streamed in parts; shorter ones stay inline in the S frame. */
const LONG_ARRAY = 64;
/** The key of a marker object in the S frame (a NUL-prefixed key no engine data uses). */
const MARK = '\u0000snapshot';
/** Bytes read ahead when reading frames. */
const READ_AHEAD = 1 << 20;

/** The folder holding the snapshot, under the configured data folder. */
export function snapshotDir(dataDir: string): string {
  return path.join(dataDir, 'snapshot');
}

/** The snapshot file's path. */
export function snapshotPath(dataDir: string): string {
  return path.join(snapshotDir(dataDir), FILE_NAME);
}

interface Header {
  magic: string;
  format: number;
  key: string;
  /** Byte order of the Uint32Array parts (the machine's: they are written as they are in memory). */
  endian: string;
  bytes: number;
  sha256: string;
  createdAt: string;
}

/** A flexsearch-style exporter: calls `write` per chunk and, when `write` returns a promise, waits for it before the next. */
export interface ChunkExporter {
  export(write: (key: string, json: string) => Promise<void> | void): Promise<void> | void;
}

/** What a snapshot holds: flexsearch export chunks and the caller's plain data (passages, figures, …). */
export interface SnapshotContent<T> {
  /**
   * `[key, data]` pairs exactly as `Index.export(handler)` passed them (data is a JSON string),
   * or an exporter, which is streamed: one chunk in memory at a time.
   */
  index: Array<[string, string]> | ChunkExporter;
  /** Plain JSON data; Uint32Arrays anywhere in it are kept as such (stored raw). */
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

/** The bytes of a frame header: type and payload length. */
function frameHead(type: string, length: number): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(length, 1);
  return head;
}

/** Writes frames to a file at a position, hashing them and batching small ones into fewer writes. */
class FrameWriter {
  readonly hash = createHash('sha256');
  bytes = 0;
  frames = 0;
  largest = 0;
  /** The largest A or B payload: the parts `chunkBytes` bounds. */
  largestPart = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly handle: FileHandle,
    private position: number,
  ) {}

  async frame(type: string, payload: Uint8Array): Promise<void> {
    const head = frameHead(type, payload.length);
    this.hash.update(head);
    this.hash.update(payload);
    this.pending.push(head, payload);
    this.pendingBytes += head.length + payload.length;
    this.bytes += head.length + payload.length;
    this.frames++;
    this.largest = Math.max(this.largest, payload.length);
    if (type === 'A' || type === 'B') this.largestPart = Math.max(this.largestPart, payload.length);
    if (this.pendingBytes >= READ_AHEAD) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const parts = this.pending;
    this.pending = [];
    let left = this.pendingBytes;
    this.pendingBytes = 0;
    // writev may write less than asked: continue from where it stopped.
    let buffers = parts;
    while (left > 0) {
      const { bytesWritten } = await this.handle.writev(buffers, this.position);
      this.position += bytesWritten;
      left -= bytesWritten;
      if (left > 0) buffers = [Buffer.concat(buffers).subarray(bytesWritten)];
    }
  }
}

/** A marked array of the data: streamed after the S frame in its own parts. */
type Marked = { kind: 'array'; value: unknown[] } | { kind: 'u32'; value: Uint32Array };

/**
 * Writes the snapshot atomically (temporary file, fsync, rename), so a crash mid-write leaves
 * the previous snapshot or none, never a half file under the real name. Everything is streamed:
 * long arrays go out in parts of at most `chunkBytes` (tests pass a small value to make many).
 */
export async function writeSnapshot<T>(
  dataDir: string,
  key: string,
  content: SnapshotContent<T>,
  options: { chunkBytes?: number } = {},
): Promise<{ path: string; bytes: number; frames: number; largestFrame: number; largestPart: number }> {
  const chunkBytes = Math.max(16, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const dir = snapshotDir(dataDir);
  await mkdir(dir, { recursive: true });
  const file = snapshotPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    const out = new FrameWriter(handle, HEADER_BYTES);
    // The skeleton: long arrays and Uint32Arrays become markers, in the order JSON.stringify meets them.
    const marked: Marked[] = [];
    const skeleton = JSON.stringify({ data: content.data }, (_key, value: unknown) => {
      if (value instanceof Uint32Array) {
        marked.push({ kind: 'u32', value });
        return { [MARK]: 'u32', n: value.length };
      }
      if (Array.isArray(value) && value.length > LONG_ARRAY) {
        marked.push({ kind: 'array', value });
        return { [MARK]: 'array', n: value.length };
      }
      return value;
    });
    await out.frame('S', Buffer.from(skeleton));
    for (const m of marked) {
      if (m.kind === 'u32') {
        const bytes = new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength);
        const step = chunkBytes - (chunkBytes % 4);
        for (let at = 0; at < bytes.length; at += step) await out.frame('B', bytes.subarray(at, at + step));
        continue;
      }
      // Whole elements per part; a UTF-16 unit is at most 3 UTF-8 bytes, so chars × 3 bounds the bytes.
      let parts: string[] = [];
      let chars = 2;
      const flush = async (): Promise<void> => {
        if (parts.length === 0) return;
        await out.frame('A', Buffer.from(`[${parts.join(',')}]`));
        parts = [];
        chars = 2;
      };
      for (const element of m.value) {
        const json = JSON.stringify(element) ?? 'null';
        if (parts.length > 0 && (chars + json.length + 1) * 3 > chunkBytes) await flush();
        parts.push(json);
        chars += json.length + 1;
      }
      await flush();
    }
    let chunks = 0;
    const writeChunk = async (k: string, json: string): Promise<void> => {
      chunks++;
      // Each chunk is already JSON from flexsearch; a chunk that is not makes the snapshot corrupt (caught on read).
      await out.frame('X', Buffer.from(`${JSON.stringify(String(k))}\n${json}`));
    };
    if (Array.isArray(content.index)) for (const [k, json] of content.index) await writeChunk(k, json);
    else await content.index.export(writeChunk);
    await out.frame('E', Buffer.from(JSON.stringify({ arrays: marked.length, chunks })));
    await out.flush();
    const header: Header = {
      magic: MAGIC,
      format: SNAPSHOT_FORMAT,
      key,
      endian: os.endianness(),
      bytes: out.bytes,
      sha256: out.hash.digest('hex'),
      createdAt: new Date().toISOString(),
    };
    const line = Buffer.alloc(HEADER_BYTES, 0x20);
    const json = Buffer.from(JSON.stringify(header));
    if (json.length >= HEADER_BYTES) throw new Error('snapshot header too long');
    json.copy(line);
    line[HEADER_BYTES - 1] = 0x0a;
    await handle.write(line, 0, HEADER_BYTES, 0);
    await handle.sync();
    await handle.close();
    await rename(tmp, file);
    return { path: file, bytes: out.bytes, frames: out.frames, largestFrame: out.largest, largestPart: out.largestPart };
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Why reading stopped: the file ends before a frame does. */
class Truncated extends Error {}

/** Reads frames from a file region, hashing every byte it reads exactly once. */
class FrameReader {
  readonly hash = createHash('sha256');
  private buf = Buffer.alloc(0);
  private at = 0;

  constructor(
    private readonly handle: FileHandle,
    private pos: number,
    private readonly end: number,
  ) {}

  /** Bytes not consumed yet. */
  left(): number {
    return this.end - this.pos + (this.buf.length - this.at);
  }

  /** True when every byte has been consumed. */
  done(): boolean {
    return this.pos >= this.end && this.at >= this.buf.length;
  }

  private async take(n: number): Promise<Buffer> {
    if (this.buf.length - this.at >= n) {
      this.at += n;
      return this.buf.subarray(this.at - n, this.at);
    }
    const rest = this.buf.subarray(this.at);
    const need = n - rest.length;
    if (this.pos + need > this.end) throw new Truncated(`a frame runs past the end of the file`);
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(need, READ_AHEAD), this.end - this.pos));
    await this.fill(chunk);
    this.buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    this.at = n;
    return this.buf.subarray(0, n);
  }

  private async fill(chunk: Buffer): Promise<void> {
    let got = 0;
    while (got < chunk.length) {
      const { bytesRead } = await this.handle.read(chunk, got, chunk.length - got, this.pos + got);
      if (bytesRead === 0) throw new Truncated('the file ended while being read');
      got += bytesRead;
    }
    this.pos += chunk.length;
    this.hash.update(chunk);
  }

  /** The next frame. */
  async next(): Promise<{ type: string; payload: Buffer }> {
    const head = await this.take(5);
    const type = head.toString('latin1', 0, 1);
    return { type, payload: await this.take(head.readUInt32LE(1)) };
  }

  /** Reads (and hashes) whatever is left, so the checksum can be checked after a frame failed to parse. */
  async drain(): Promise<void> {
    this.at = this.buf.length;
    while (this.pos < this.end) await this.fill(Buffer.allocUnsafe(Math.min(READ_AHEAD, this.end - this.pos)));
  }
}

/** A marker of the S frame, with the place its array goes back into. */
interface Slot {
  holder: Record<string, unknown>;
  key: string;
  kind: 'array' | 'u32';
  n: number;
}

/** Reads the body's frames back into the caller's data and the flexsearch chunks; throws on any inconsistency. */
async function readBody(reader: FrameReader): Promise<{ data: unknown; index: Array<[string, unknown]> }> {
  const first = await reader.next();
  if (first.type !== 'S') throw new Error('no data frame first');
  const slots: Slot[] = [];
  // The reviver sees markers in document order (they do not nest), the order the writer streamed them in.
  const root = JSON.parse(first.payload.toString('utf8'), function (this: Record<string, unknown>, key, value: unknown) {
    const v = value as Record<string, unknown> | null;
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v[MARK] === 'string') {
      const n = v.n;
      if ((v[MARK] !== 'array' && v[MARK] !== 'u32') || typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error('bad marker');
      slots.push({ holder: this, key, kind: v[MARK], n });
    }
    return value;
  }) as { data?: unknown };
  for (const slot of slots) {
    if (slot.kind === 'u32') {
      // A corrupt count must not make a huge allocation: the parts have to fit in what is left.
      if (slot.n * 4 > reader.left()) throw new Error('array longer than the file');
      const out = new Uint32Array(slot.n);
      const bytes = new Uint8Array(out.buffer);
      let at = 0;
      while (at < bytes.length) {
        const f = await reader.next();
        if (f.type !== 'B' || at + f.payload.length > bytes.length) throw new Error('bad binary part');
        bytes.set(f.payload, at);
        at += f.payload.length;
      }
      slot.holder[slot.key] = out;
      continue;
    }
    let out: unknown[] = [];
    while (out.length < slot.n) {
      const f = await reader.next();
      if (f.type !== 'A') throw new Error('bad array part');
      const part = JSON.parse(f.payload.toString('utf8')) as unknown;
      if (!Array.isArray(part)) throw new Error('bad array part');
      // The first part is the array itself: no copy for an array written in one part.
      if (out.length === 0) out = part;
      else for (const e of part) out.push(e);
      if (out.length > slot.n) throw new Error('array part too long');
    }
    slot.holder[slot.key] = out;
  }
  const index: Array<[string, unknown]> = [];
  for (;;) {
    const f = await reader.next();
    if (f.type === 'E') {
      const end = JSON.parse(f.payload.toString('utf8')) as { arrays?: unknown; chunks?: unknown };
      if (end.arrays !== slots.length || end.chunks !== index.length) throw new Error('end frame does not match the content');
      break;
    }
    if (f.type !== 'X') throw new Error(`unexpected frame ${JSON.stringify(f.type)}`);
    const nl = f.payload.indexOf(0x0a);
    if (nl < 0) throw new Error('bad index chunk');
    index.push([JSON.parse(f.payload.toString('utf8', 0, nl)) as string, JSON.parse(f.payload.toString('utf8', nl + 1))]);
  }
  if (!reader.done()) throw new Error('bytes after the end frame');
  return { data: root.data, index };
}

/**
 * Reads and checks the snapshot: magic, format version, byte order, key and byte length from the
 * header first (a stale file is told without reading its body), then the frames, streamed, and
 * the body's sha256, then the caller's shape check. Anything wrong is a miss with a reason, never a throw.
 */
export async function readSnapshot<T>(
  dataDir: string,
  key: string,
  isData: (value: unknown) => value is T,
): Promise<SnapshotRead<T>> {
  const file = snapshotPath(dataDir);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: `unreadable: ${(error as Error).message}` };
  }
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEADER_BYTES));
    await handle.read(head, 0, head.length, 0);
    const nl = head.indexOf(0x0a);
    if (nl < 0) return { status: 'corrupt', reason: 'no header line' };
    let header: Partial<Header>;
    try {
      header = JSON.parse(head.subarray(0, nl).toString('utf8')) as Partial<Header>;
    } catch {
      return { status: 'corrupt', reason: 'header is not JSON' };
    }
    if (header === null || typeof header !== 'object' || header.magic !== MAGIC) return { status: 'corrupt', reason: 'not a snapshot file' };
    if (header.format !== SNAPSHOT_FORMAT) return { status: 'stale', reason: `format ${String(header.format)}, expected ${SNAPSHOT_FORMAT}` };
    if (header.endian !== os.endianness()) return { status: 'stale', reason: `written on a ${String(header.endian)} machine` };
    if (header.key !== key) return { status: 'stale', reason: 'corpus, config or code changed since it was written' };
    const start = nl + 1;
    const body = size - start;
    if (body !== header.bytes) return { status: 'corrupt', reason: `truncated: ${body} of ${String(header.bytes)} bytes` };
    const reader = new FrameReader(handle, start, size);
    let content: { data: unknown; index: Array<[string, unknown]> } | undefined;
    let failure = '';
    try {
      content = await readBody(reader);
    } catch (error) {
      failure = error instanceof Truncated ? `truncated: ${error.message}` : `malformed: ${(error as Error).message}`;
      // Read the rest anyway: a wrong checksum is the better reason when the bytes were damaged.
      await reader.drain();
    }
    if (reader.hash.digest('hex') !== header.sha256) return { status: 'corrupt', reason: 'checksum mismatch' };
    if (!content) return { status: 'corrupt', reason: failure };
    if (!isData(content.data)) return { status: 'corrupt', reason: 'content does not have the expected shape' };
    return { status: 'hit', index: content.index, data: content.data, createdAt: header.createdAt ?? '', bytes: body };
  } finally {
    await handle.close();
  }
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
