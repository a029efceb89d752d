// A growable series of doubles kept in fixed 512 KiB chunks: appending never
// copies what is already stored and wastes at most one chunk, where a
// doubling array holds up to twice the data (and three times while it grows).
// A 218 MB trace keeps about 28 M heap samples and waits this way; doubling
// arrays made them 402 MB, chunks make them 224 MB. Columns that end as one
// exact-size array (parsers) use the doubling Vec of ./columns.ts instead.

const BITS = 16;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

export class F64Series {
  private parts: Float64Array[] = [];
  private cur: Float64Array = new Float64Array(0);
  private pos = 0;
  /**
   * Chunks truncate() dropped, reused before new ones are made: a series that
   * merges itself (./decimatedSeries.ts) refills them, and writing memory the
   * process already has costs far less than touching new pages.
   */
  private spare: Float64Array[] = [];
  /** Number of values. */
  length = 0;

  push(v: number): void {
    if (this.pos === this.cur.length) this.grow();
    this.cur[this.pos++] = v;
    this.length++;
  }

  private grow(): void {
    if (this.cur.length > 0 && this.cur.length < SIZE) {
      // Still the first chunk: it starts small (most series are short) and doubles up to a full chunk.
      const big = new Float64Array(this.cur.length * 2);
      big.set(this.cur);
      this.parts[0] = this.cur = big;
      return;
    }
    this.cur = this.parts.length ? (this.spare.pop() ?? new Float64Array(SIZE)) : new Float64Array(1024);
    this.parts.push(this.cur);
    this.pos = 0;
  }

  get(i: number): number {
    return this.parts[i >>> BITS][i & MASK];
  }

  /** Overwrites value i (i < length). */
  set(i: number, v: number): void {
    this.parts[i >>> BITS][i & MASK] = v;
  }

  /** Keeps the first n values and frees the chunks after them. */
  truncate(n: number): void {
    if (n >= this.length) return;
    this.length = n;
    if (this.parts.length > 1) {
      const keep = Math.max(1, Math.ceil(n / SIZE));
      for (let i = keep; i < this.parts.length; i++) this.spare.push(this.parts[i]);
      this.parts.length = keep;
      this.cur = this.parts[keep - 1];
    }
    this.pos = n - (this.parts.length - 1) * SIZE;
  }

  /** The stored values as views, in order (no copy). */
  chunks(): Float64Array[] {
    const out: Float64Array[] = [];
    let left = this.length;
    for (const p of this.parts) {
      if (left <= 0) break;
      out.push(left >= p.length ? p : p.subarray(0, left));
      left -= p.length;
    }
    return out;
  }

  /** One contiguous copy (tests and small series). */
  toArray(): Float64Array {
    const out = new Float64Array(this.length);
    let at = 0;
    for (const c of this.chunks()) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
