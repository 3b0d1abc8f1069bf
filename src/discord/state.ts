/** Small bounded in-memory state behind buttons: an LRU map and short keys for texts too long for a custom_id. */
import { createHash } from 'node:crypto';

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
}

/** A short, stable, custom_id-safe key for a text (12 base64url characters of its sha256). */
export function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 12);
}

/** Texts (questions, topics, long passage ids) remembered by short key for the buttons that refer to them. */
export class TextRefs {
  private readonly texts: LruMap<string, string>;

  constructor(max = 2000) {
    this.texts = new LruMap(max);
  }

  /** Remembers a text and returns its key. */
  remember(text: string): string {
    const key = keyOf(text);
    this.texts.set(key, text);
    return key;
  }

  /** The text for a key, or undefined once forgotten (evicted or after a restart). */
  recall(key: string): string | undefined {
    return this.texts.get(key);
  }
}
