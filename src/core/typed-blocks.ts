/** Typed arrays grown in fixed blocks: the index's token ids and the figure table are built this way. */

/** A typed sequence grown in fixed blocks (no copy of what is there, no JS array's slack), joined once at the end. */
export class TypedBlocks<T extends Uint32Array | Float64Array> {
  private readonly full: T[] = [];
  private current: T;
  private used = 0;
  length = 0;

  constructor(private readonly make: (n: number) => T, private readonly size = 1 << 20) {
    this.current = make(size);
  }

  push(value: number): void {
    if (this.used === this.size) {
      this.full.push(this.current);
      this.current = this.make(this.size);
      this.used = 0;
    }
    this.current[this.used++] = value;
    this.length++;
  }

  /** One array of exactly `length` values; the blocks are dropped. */
  finish(): T {
    const out = this.make(this.length);
    let at = 0;
    for (const b of this.full) {
      out.set(b, at);
      at += b.length;
    }
    out.set(this.current.subarray(0, this.used), at);
    this.full.length = 0;
    this.current = this.make(0);
    return out;
  }
}
