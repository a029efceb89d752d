// Unsigned LEB128 as Go's encoding/binary writes it. Values above 2^53 lose
// precision (IDs and timestamps stay far below); the all-ones uint64 that the
// runtime writes for "no thread" / "no proc" decodes to -1.

export class TraceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceError';
  }
}

/** Reading stopped at one of gotune's limits (src/formats/limits.ts), not at a fault in the trace. */
export class TraceLimitError extends TraceError {}

/** 2^64 as a double: what ten 0xff..0x01 bytes add up to. */
const ALL_ONES = 18446744073709551616;

/** Position after the last value read by uvarint(). */
export let vnext = 0;

/**
 * Reads one uvarint from buf[p..end). Throws TraceError(`what`) when the bytes
 * run out or the value overflows 64 bits (binary.Uvarint's n <= 0).
 */
export function uvarint(buf: Uint8Array, p: number, end: number, what: string): number {
  if (p < end) {
    const b = buf[p];
    if (b < 0x80) {
      vnext = p + 1;
      return b;
    }
  }
  // The first four bytes (28 bits) in integer arithmetic, the rest in doubles.
  let x = 0;
  for (let s = 0; s < 28; s += 7) {
    if (p >= end) throw new TraceError(what);
    const b = buf[p++];
    if (b < 0x80) {
      vnext = p;
      return x | (b << s);
    }
    x |= (b & 0x7f) << s;
  }
  let mul = 0x10000000;
  for (let i = 4; i < 10; i++) {
    if (p >= end) throw new TraceError(what);
    const b = buf[p++];
    if (b < 0x80) {
      if (i === 9 && b > 1) throw new TraceError(what);
      x += b * mul;
      vnext = p;
      return x === ALL_ONES ? -1 : x;
    }
    x += (b & 0x7f) * mul;
    mul *= 128;
  }
  throw new TraceError(what);
}
