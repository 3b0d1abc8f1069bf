/** Small bounded state behind buttons: an LRU map and short keys for texts too long for a custom_id. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';

/** A Map that keeps at most `max` entries, dropping the least recently used. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {}

  /** The value for a key (and marks it recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Stores a value, evicting the oldest entry when full. */
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  /** How many entries are held. */
  get size(): number {
    return this.map.size;
  }

  /** The entries, least recently used first (does not change the order). */
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
}

/** A short, stable, custom_id-safe key for a text (12 base64url characters of its sha256). */
export function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 12);
}

/** Where TextRefs keeps its texts across restarts, and whom it tells when a write fails. */
export interface TextLog {
  /** A JSON Lines file, one `{"k": key, "t": text}` per line. */
  file: string;
  onError(error: unknown): void;
}

/**
 * Texts (questions, topics, long passage ids) remembered by short key for the buttons that refer
 * to them. With a log file, each new text is appended to it and the file is read back at start,
 * so the buttons of answers sent before a restart keep working.
 */
export class TextRefs {
  private readonly texts: LruMap<string, string>;
  private pending: Promise<void> = Promise.resolve();
  /** Lines in the log file; past twice `max` it is rewritten with the texts kept. */
  private lines = 0;
  /** Lines remembered and not yet being written: the batch of the queued append (one fsync for many answers). */
  private batch: string[] | null = null;

  constructor(
    private readonly max = 2000,
    private readonly log?: TextLog,
  ) {
    this.texts = new LruMap(max);
    if (log) this.load(log);
  }

  /** Remembers a text and returns its key. */
  remember(text: string): string {
    const key = keyOf(text);
    const known = this.texts.get(key) !== undefined;
    this.texts.set(key, text);
    if (!known && this.log) {
      this.lines++;
      if (!this.batch) {
        const batch: string[] = (this.batch = []);
        // Appended in order, one write at a time, fsync'd: a reply waits for it (settled) so its buttons survive a
        // crash. Lines remembered until the write starts join it. A failed write costs the button after a restart only.
        this.enqueue(async (file) => {
          if (this.batch === batch) this.batch = null;
          await writeDurably(file, batch.join(''), 'a');
        });
      }
      this.batch.push(JSON.stringify({ k: key, t: text }) + '\n');
      if (this.lines > 2 * this.max) this.compact();
    }
    return key;
  }

  /** The text for a key, or undefined once forgotten (evicted, or never written to the log). */
  recall(key: string): string | undefined {
    return this.texts.get(key);
  }

  /** Resolves when every text remembered so far is in the log file and fsync'd (or its write failed and was reported). */
  settled(): Promise<void> {
    return this.pending;
  }

  /** Runs a write on the log file after the ones before it; a failure is reported, not thrown. */
  private enqueue(write: (file: string) => Promise<void>): void {
    const log = this.log;
    if (!log) return;
    this.pending = this.pending.then(() => write(log.file)).catch((error: unknown) => log.onError(error));
  }

  /** Rewrites the log with the texts kept now (tmp file, then rename), so it stays bounded while the bot runs. */
  private compact(): void {
    const kept = [...this.texts.entries()].map(([k, t]) => JSON.stringify({ k, t }) + '\n').join('');
    this.lines = this.texts.size;
    // Texts remembered from now on go to a new batch written after the rewrite (the rewrite holds the older ones).
    this.batch = null;
    this.enqueue(async (file) => {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeDurably(tmp, kept, 'w');
      await rename(tmp, file);
    });
  }

  /** Reads the log (skipping torn lines); compacts it when it has grown past twice `max`. */
  private load(log: TextLog): void {
    try {
      mkdirSync(path.dirname(log.file), { recursive: true });
      if (!existsSync(log.file)) return;
      for (const line of readFileSync(log.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        this.lines++;
        try {
          const entry = JSON.parse(line) as { k?: unknown; t?: unknown };
          // Only entries whose key matches their text: a hand-edited or foreign line is ignored.
          if (typeof entry.t === 'string' && entry.k === keyOf(entry.t)) this.texts.set(entry.k, entry.t);
        } catch {
          // A torn line (crash mid-write) is skipped, not fatal.
        }
      }
      if (this.lines > 2 * this.max) this.compact();
    } catch (error) {
      log.onError(error);
    }
  }
}

/** Writes (flag `w`) or appends (`a`) text and fsyncs it before resolving. */
async function writeDurably(file: string, text: string, flag: 'a' | 'w'): Promise<void> {
  const handle = await open(file, flag);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
