// A growable series of numbers kept in fixed chunks of 64 K values: appending never
// copies what is already stored and wastes at most one chunk, where a
// doubling array holds up to twice the data (and three times while it grows).
// A 218 MB trace keeps about 28 M heap samples and waits this way; doubling
// arrays made them 402 MB, chunks make them 224 MB. Columns that end as one
// exact-size array (parsers) use the doubling Vec of ./columns.ts instead.

const BITS = 16;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

type Typed = Float64Array | Int32Array | Uint32Array;
type TypedCtor<T> = { new (n: number): T };

/** The series of one typed-array type (F64Series, I32Series, U32Series below). */
class ChunkedSeries<T extends Typed> {
  private parts: T[] = [];
  /** The chunk being filled; its constructor makes the next (no function is kept in a field, so a series can be sent to another thread). */
  private cur: T;
  private pos = 0;
  /**
   * Chunks truncate() dropped, reused before new ones are made: a series that
   * merges itself (./decimatedSeries.ts) refills them, and writing memory the
   * process already has costs far less than touching new pages.
   */
  private spare: T[] = [];
  /** Number of values. */
  length = 0;

  constructor(ctor: TypedCtor<T>) {
    this.cur = new ctor(0);
  }

  push(v: number): void {
    if (this.pos === this.cur.length) this.grow();
    this.cur[this.pos++] = v;
    this.length++;
  }

  /** Appends every value of `a`, a chunk's worth at a time (a stored series read back). */
  pushAll(a: T): void {
    let at = 0;
    while (at < a.length) {
      if (this.pos === this.cur.length) this.grow();
      const n = Math.min(a.length - at, this.cur.length - this.pos);
      this.cur.set(a.subarray(at, at + n), this.pos);
      this.pos += n;
      this.length += n;
      at += n;
    }
  }

  private grow(): void {
    if (this.cur.length > 0 && this.cur.length < SIZE) {
      // Still the first chunk: it starts small (most series are short) and doubles up to a full chunk.
      const big = this.make(this.cur.length * 2);
      big.set(this.cur);
      this.parts[0] = this.cur = big;
      return;
    }
    this.cur = this.parts.length ? (this.spare.pop() ?? this.make(SIZE)) : this.make(1024);
    this.parts.push(this.cur);
    this.pos = 0;
  }

  private make(n: number): T {
    return new (this.cur.constructor as TypedCtor<T>)(n);
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
  chunks(): T[] {
    const out: T[] = [];
    let left = this.length;
    for (const p of this.parts) {
      if (left <= 0) break;
      out.push(left >= p.length ? p : (p.subarray(0, left) as T));
      left -= p.length;
    }
    return out;
  }

  /** One contiguous copy (tests and small series). */
  toArray(): T {
    const out = this.make(this.length);
    let at = 0;
    for (const c of this.chunks()) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export class F64Series extends ChunkedSeries<Float64Array> {
  constructor() {
    super(Float64Array);
  }
}

export class I32Series extends ChunkedSeries<Int32Array> {
  constructor() {
    super(Int32Array);
  }
}

export class U32Series extends ChunkedSeries<Uint32Array> {
  constructor() {
    super(Uint32Array);
  }
}
