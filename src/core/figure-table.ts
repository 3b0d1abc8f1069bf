/**
 * Every passage's figures in a few typed arrays and one table of distinct strings, instead of one object per
 * figure: a Figure object with its strings costs ~480 bytes on the recombined news corpus (1.4M figures at 1M
 * passages: ~0.65 GB of heap), a row here 36 bytes plus its share of the strings, which repeat. A passage's
 * Figure objects are made when asked (the few passages an answer shows), equal to what extractFigures gave.
 */
import type { Figure, Passage } from './types.js';
import { TypedBlocks as Blocks } from './typed-blocks.js';

/** The kinds in a fixed order: a kind is stored as its position. */
export const FIGURE_KINDS: ReadonlyArray<Figure['kind']> = ['amount', 'percent', 'ordinal', 'share', 'date'];
const KIND_NUMBER = new Map(FIGURE_KINDS.map((k, i) => [k, i]));

/** u32 fields per figure: kind, text, unit, qualifier, measure, date + 1, end + 1 (0: the figure has no such key). */
const FIELDS = 7;

/** A FigureTable as plain data (snapshots, the build worker's hand-over); arrays may come back from JSON as number[]. */
export interface FigureData {
  /** The distinct strings the figures use. */
  strings: string[];
  /** Per figure, its FIELDS u32s. */
  fields: Uint32Array | number[];
  /** Per figure, its value as a float64's two u32 halves (in this machine's byte order, like the snapshot's other arrays). */
  values: Uint32Array | number[];
  /** Where passage i's figures start; the last entry is the number of figures. */
  starts: Uint32Array | number[];
}

/** Appends the figures of each passage in corpus order. */
export class FigureTableBuilder {
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly fields = new Blocks((n) => new Uint32Array(n));
  private readonly values = new Blocks((n) => new Float64Array(n), 1 << 17);
  private readonly starts = new Blocks((n) => new Uint32Array(n), 1 << 17);

  constructor() {
    this.starts.push(0);
  }

  private id(s: string): number {
    let n = this.ids.get(s);
    if (n === undefined) this.ids.set(s, (n = this.strings.push(s) - 1));
    return n;
  }

  /** Adds the next passage's figures (as extractFigures made them). */
  add(figures: readonly Figure[]): void {
    for (const f of figures) {
      const kind = KIND_NUMBER.get(f.kind);
      if (kind === undefined) throw new Error(`figure kind ${String(f.kind)}`);
      const x = this.fields;
      x.push(kind);
      x.push(this.id(f.text));
      x.push(this.id(f.unit));
      x.push(this.id(f.qualifier));
      x.push(this.id(f.measure));
      x.push('date' in f ? this.id(f.date!) + 1 : 0);
      x.push('end' in f ? this.id(f.end!) + 1 : 0);
      this.values.push(f.value);
    }
    this.starts.push(this.values.length);
  }

  /** The table; the builder must not be used after. */
  finish(): FigureTable {
    const values = this.values.finish();
    this.ids.clear();
    return new FigureTable({ strings: this.strings, fields: this.fields.finish(), values: new Uint32Array(values.buffer), starts: this.starts.finish() });
  }
}

/** Shared by every passage that states no figure, as extractFigures shares its own. */
const NO_FIGURES: Figure[] = [];

/** How many passages' Figure objects are kept made (an answer reads a few; its figures keep their identity meanwhile). */
const KEPT = 4096;

export class FigureTable {
  private readonly strings: string[];
  private readonly fields: Uint32Array;
  private readonly valueWords: Uint32Array;
  private readonly values: Float64Array;
  private readonly starts: Uint32Array;
  /** Passage number → its Figure objects, oldest first: the same passage asked twice gives the same objects. */
  private readonly made = new Map<number, Figure[]>();

  constructor(data: FigureData) {
    const u32 = (a: Uint32Array | number[]): Uint32Array => (a instanceof Uint32Array ? a : Uint32Array.from(a));
    this.strings = data.strings;
    this.fields = u32(data.fields);
    this.valueWords = u32(data.values);
    // A fresh Uint32Array (the snapshot reader's, Uint32Array.from) starts at offset 0: aligned for a Float64Array.
    const words = this.valueWords.byteOffset % 8 === 0 ? this.valueWords : this.valueWords.slice();
    this.values = new Float64Array(words.buffer, words.byteOffset, words.length / 2);
    this.starts = u32(data.starts);
    if (this.fields.length !== this.values.length * FIELDS || this.starts[this.starts.length - 1] !== this.values.length) throw new Error('figure table: inconsistent arrays');
  }

  static builder(): FigureTableBuilder {
    return new FigureTableBuilder();
  }

  /** How many passages the table holds. */
  get passages(): number {
    return this.starts.length - 1;
  }

  /** How many figures in all. */
  get total(): number {
    return this.values.length;
  }

  /** How many figures passage i states. */
  count(i: number): number {
    return this.starts[i + 1]! - this.starts[i]!;
  }

  /** The kinds of figure passage i states, distinct and sorted by name (as createEngine groups them). */
  kinds(i: number): Array<Figure['kind']> {
    const out = new Set<Figure['kind']>();
    for (let f = this.starts[i]!; f < this.starts[i + 1]!; f++) out.add(FIGURE_KINDS[this.fields[f * FIELDS]!]!);
    return [...out].sort();
  }

  /** Passage i's figures, as extractFigures gave them (same keys in the same order), cited to `passage` of `doc`. */
  figuresOf(i: number, passage: string, doc: string): Figure[] {
    if (this.starts[i] === this.starts[i + 1]) return NO_FIGURES;
    const kept = this.made.get(i);
    if (kept) return kept;
    const out: Figure[] = [];
    const s = this.strings;
    for (let f = this.starts[i]!; f < this.starts[i + 1]!; f++) {
      const at = f * FIELDS;
      const x = this.fields;
      const date = x[at + 5]!;
      const end = x[at + 6]!;
      const figure = { text: s[x[at + 1]!]!, value: this.values[f]!, unit: s[x[at + 2]!]!, qualifier: s[x[at + 3]!]!, kind: FIGURE_KINDS[x[at]!]! } as Figure;
      if (date) figure.date = s[date - 1]!;
      if (end) figure.end = s[end - 1]!;
      figure.measure = s[x[at + 4]!]!;
      figure.passage = passage;
      figure.doc = doc;
      out.push(figure);
    }
    if (this.made.size >= KEPT) this.made.delete(this.made.keys().next().value!);
    this.made.set(i, out);
    return out;
  }

  /** The table as plain data (its own arrays, not copies); its JSON has plain arrays. */
  toData(): FigureData {
    const data: FigureData = { strings: this.strings, fields: this.fields, values: this.valueWords, starts: this.starts };
    Object.defineProperty(data, 'toJSON', {
      enumerable: false,
      value: () => ({ strings: this.strings, fields: Array.from(this.fields), values: Array.from(this.valueWords), starts: Array.from(this.starts) }),
    });
    return data;
  }
}

/** A passage as stored: its figures live in the engine's FigureTable (Passage.figures reads them from there). */
export type StoredPassage = Omit<Passage, 'figures'>;

/**
 * Gives the passages (stored in corpus order, `order` = position) a prototype whose `figures` reads the table: no
 * own field, so JSON and structured clones carry none; a passage given its own `figures` array keeps it.
 */
export function attachFigures(passages: readonly StoredPassage[], table: FigureTable): Passage[] {
  const proto = {
    get figures(): Figure[] {
      const p = this as unknown as StoredPassage;
      return table.figuresOf(p.order, p.id, p.doc);
    },
  };
  for (const p of passages) if (Object.getPrototypeOf(p) !== proto) Object.setPrototypeOf(p, proto);
  return passages as Passage[];
}
