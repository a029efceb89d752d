// A lane's slices while the trace is read: appended to chunks that are never
// copied (the first small, then doubling up to a fixed size), and copied once
// into exact-size columns when the lane is done. Growing one array by
// doubling writes every slice about three times (the copies and the final
// trim) into memory the process has just been given; on this kind of machine
// first-touching fresh pages costs more than the copying, so it is the
// number of fresh pages written that is cut here.

/** Bytes a slice costs in a lane's columns (start, end: f64; kind, endState: u8; g, endStack, endReason, m: i32). */
export const SLICE_BYTES = 8 * 2 + 2 + 4 * 4;

/** Slices in the first chunk, and the most in one chunk. */
const FIRST = 256;
const MAX = 1 << 15;

class Chunk {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly g: Int32Array;
  readonly kind: Uint8Array;
  readonly endState: Uint8Array;
  readonly endStack: Int32Array;
  readonly endReason: Int32Array;
  readonly m: Int32Array;
  constructor(readonly cap: number) {
    this.start = new Float64Array(cap);
    this.end = new Float64Array(cap);
    this.g = new Int32Array(cap);
    this.kind = new Uint8Array(cap);
    this.endState = new Uint8Array(cap);
    this.endStack = new Int32Array(cap);
    this.endReason = new Int32Array(cap);
    this.m = new Int32Array(cap);
  }
}

/** The eight columns of a lane (spanStore.ts Lane), exact size. */
export interface SliceColumns {
  start: Float64Array;
  end: Float64Array;
  g: Int32Array;
  kind: Uint8Array;
  endState: Uint8Array;
  endStack: Int32Array;
  endReason: Int32Array;
  m: Int32Array;
}

export type ColumnName = keyof SliceColumns;
const NAMES: readonly ColumnName[] = ['start', 'end', 'g', 'kind', 'endState', 'endStack', 'endReason', 'm'];

export class SliceChunks {
  private chunks: Chunk[] = [];
  private cur: Chunk | null = null;
  /** Slices in `cur`. */
  private k = 0;
  /** Slices in all chunks. */
  length = 0;

  append(start: number, end: number, g: number, kind: number, endState: number, endStack: number, endReason: number, m: number): void {
    let c = this.cur;
    let i = this.k;
    if (c === null || i === c.cap) {
      c = this.cur = new Chunk(c === null ? FIRST : Math.min(MAX, c.cap * 2));
      this.chunks.push(c);
      i = 0;
    }
    c.start[i] = start;
    c.end[i] = end;
    c.g[i] = g;
    c.kind[i] = kind;
    c.endState[i] = endState;
    c.endStack[i] = endStack;
    c.endReason[i] = endReason;
    c.m[i] = m;
    this.k = i + 1;
    this.length++;
  }

  /** Bytes the chunks hold. */
  bytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.cap * SLICE_BYTES;
    return n;
  }

  /** `before` (exact-size columns, possibly empty) followed by every chunked slice, as new exact-size columns; empties the chunks. */
  joinAfter(before: SliceColumns): SliceColumns {
    const n0 = before.start.length;
    const n = n0 + this.length;
    const out = {} as Record<ColumnName, Float64Array | Int32Array | Uint8Array>;
    for (const name of NAMES) {
      const b = before[name];
      const a = new (b.constructor as { new (n: number): typeof b })(n);
      a.set(b);
      let at = n0;
      for (const c of this.chunks) {
        const len = c === this.cur ? this.k : c.cap;
        a.set(c[name].subarray(0, len), at);
        at += len;
      }
      out[name] = a;
    }
    this.chunks = [];
    this.cur = null;
    this.k = 0;
    this.length = 0;
    return out as unknown as SliceColumns;
  }
}
