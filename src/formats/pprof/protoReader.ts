// A bounds-checked protobuf wire reader over a Uint8Array. Only what
// profile.proto needs: varints (int64 two's complement, exact sign), length-
// delimited fields, and skipping every wire type. Never trusts a length: every
// length is checked against the end of its enclosing message.

import { FormatError } from '../types';

const TWO32 = 4294967296;

export class ProtoReader {
  pos = 0;
  /** Halves of the last varint read by `varint64()`. */
  lo = 0;
  hi = 0;
  constructor(readonly buf: Uint8Array) {}

  fail(what: string): never {
    throw new FormatError(`not a valid pprof profile: ${what} at byte ${this.pos} of ${this.buf.length}`);
  }

  /**
   * An int64/uint64 varint as a JS number: exact up to 2^53, negative int64
   * (10-byte encodings) come out negative. Checks `end`.
   */
  varint(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++];
    if (b < 0x80 && pos <= end) {
      this.pos = pos;
      return b;
    }
    this.pos = pos - 1;
    this.varint64(end);
    const hi = this.hi;
    if (hi & 0x80000000) return -((~hi >>> 0) * TWO32 + (~this.lo >>> 0) + 1);
    return hi * TWO32 + this.lo;
  }

  /** Reads a varint into `lo`/`hi` (exact 64 bits). */
  varint64(end: number): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    let shift = 0;
    // Bytes 0..3 fill bits 0..27.
    for (; shift < 28; shift += 7) {
      if (pos >= end) this.truncated(end);
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    // Byte 4: bits 28..31 of lo, bits 0..2 of hi.
    if (pos >= end) this.truncated(end);
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (shift = 3; ; shift += 7) {
        if (shift > 31) {
          this.pos = pos;
          this.fail('a varint longer than 10 bytes');
        }
        if (pos >= end) this.truncated(end);
        b = buf[pos++];
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  private truncated(end: number): never {
    this.pos = end;
    this.fail('a number runs past the end of its message (truncated or corrupt file)');
  }

  /** Reads a length prefix and returns the end offset of the field, checked against `end`. */
  lenEnd(end: number): number {
    const n = this.varint(end);
    if (n < 0 || n > end - this.pos) {
      this.fail(`a field claims ${n} bytes but only ${end - this.pos} remain in its message`);
    }
    return this.pos + n;
  }

  /** Skips a field of wire type `wt`. */
  skip(wt: number, end: number): void {
    switch (wt) {
      case 0:
        this.varint64(end);
        return;
      case 1:
        if (end - this.pos < 8) this.fail('a fixed64 field runs past the end of its message');
        this.pos += 8;
        return;
      case 2:
        this.pos = this.lenEnd(end);
        return;
      case 5:
        if (end - this.pos < 4) this.fail('a fixed32 field runs past the end of its message');
        this.pos += 4;
        return;
      default:
        this.fail(`unsupported protobuf wire type ${wt}`);
    }
  }
}
