// Where an input's bytes come from when it is not held whole: a file read in
// windows (the CLI: readSync on a descriptor; the worker: slices of the
// dropped File). Parsers that can read piece by piece (execution traces,
// src/formats/gotrace/window.ts) take one; the others get the whole bytes
// (wholeBytes). No Node or DOM type here: cli/ and worker/ implement it.

/** An input read in pieces. */
export interface ByteSource {
  /** Its length in bytes, as measured when it was opened. */
  readonly size: number;
  /**
   * Copies the bytes from `position` into `dst` and returns how many were
   * copied: `dst.length`, or fewer only at the end of the input (a file that
   * shrank meanwhile ends early; a caller never trusts `size` alone).
   */
  readInto(dst: Uint8Array, position: number): number;
}

export function isByteSource(x: Uint8Array | ByteSource): x is ByteSource {
  return !(x instanceof Uint8Array);
}

/** A ByteSource over bytes already in memory (tests, and callers that have them). */
export function bytesSource(data: Uint8Array): ByteSource {
  return {
    size: data.length,
    readInto(dst, position) {
      const part = data.subarray(Math.min(position, data.length), Math.min(position + dst.length, data.length));
      dst.set(part);
      return part.length;
    },
  };
}

/** Up to `n` bytes from the start of the source (what sniffing needs). */
export function headBytes(src: Uint8Array | ByteSource, n: number): Uint8Array {
  if (!isByteSource(src)) return src.subarray(0, n);
  const buf = new Uint8Array(Math.min(n, src.size));
  return buf.subarray(0, src.readInto(buf, 0));
}

/**
 * The whole input in one array (parsers that need it whole). Reads up to
 * `size` bytes; a source that ends early gives what it had.
 */
export function wholeBytes(src: Uint8Array | ByteSource): Uint8Array {
  if (!isByteSource(src)) return src;
  const buf = new Uint8Array(src.size);
  let n = 0;
  while (n < buf.length) {
    const got = src.readInto(buf.subarray(n), n);
    if (got <= 0) break;
    n += got;
  }
  return n === buf.length ? buf : buf.slice(0, n);
}
