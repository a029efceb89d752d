// The bytes of a v2 trace the reader is at: one generation (and, before Go
// 1.26, the first batch of the next), read from a ByteSource as the batch
// scanner asks for them, and dropped once their generation's events are
// delivered. So a trace is never held whole: memory is the largest
// generation (a few MB in real traces), not the file. Over bytes already in
// memory it is a plain view (no copy, nothing dropped).
//
// Offsets the reader sees are relative to `base`, the absolute offset of the
// window's first byte; `drop` moves it forward and says by how much.

import type { ByteSource } from '../byteSource';

export class TraceWindow {
  /** The bytes held: absolute offsets [base, base + bytes.length). */
  bytes: Uint8Array;
  base = 0;
  private buf: Uint8Array;
  private len = 0;
  private ended = false;
  private readonly src: ByteSource | null;

  /** `minRead`: bytes read from a source at least per refill (fewer only at its end); `start`: the source's first offset to read (a range of it). */
  constructor(
    input: Uint8Array | ByteSource,
    private readonly minRead = 4 << 20,
    start = 0,
  ) {
    if (input instanceof Uint8Array) {
      this.src = null;
      this.buf = this.bytes = input;
      this.len = input.length;
      this.ended = true;
    } else {
      this.src = input;
      this.buf = this.bytes = new Uint8Array(0);
      this.base = start;
    }
  }

  /** Length of the whole input (as the source measured it). */
  get size(): number {
    return this.src ? this.src.size : this.buf.length;
  }

  /**
   * Makes the window hold the relative offsets [0, need), or everything up to
   * the end of the input when it is shorter. Returns the held bytes (also
   * `this.bytes`); earlier offsets stay valid.
   */
  grow(need: number): Uint8Array {
    if (need <= this.len || this.ended || !this.src) return this.bytes;
    // Never past the size measured when the input was opened (a file that grows is read as it was).
    if (this.base + this.len >= this.src.size) {
      this.ended = true;
      return this.bytes;
    }
    const want = Math.max(need, this.len + Math.max(1, this.minRead));
    if (want > this.buf.length) {
      // Never more than what is left of the input (by its measured size; a read past it just ends).
      const cap = Math.min(Math.max(need, want + (want >> 1)), this.src.size - this.base);
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    const dst = this.buf.subarray(this.len);
    const got = dst.length > 0 ? this.src.readInto(dst, this.base + this.len) : 0;
    if (got < dst.length) this.ended = true;
    this.len += Math.max(0, Math.min(got, dst.length));
    this.bytes = this.buf.subarray(0, this.len);
    return this.bytes;
  }

  /** Drops the bytes before relative offset `from`; returns the shift (0 over bytes in memory). */
  drop(from: number): number {
    if (!this.src || from <= 0) return 0;
    const shift = Math.min(from, this.len);
    this.buf.copyWithin(0, shift, this.len);
    this.len -= shift;
    this.base += shift;
    this.bytes = this.buf.subarray(0, this.len);
    return shift;
  }
}
