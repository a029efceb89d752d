// Reading one CLI input with a running byte cap, whatever the path is: a
// regular file, a pipe (/dev/stdin), a named pipe (FIFO) or a device
// (/dev/zero). The size from stat is 0 for all but regular files, so the cap
// is checked on the bytes actually read; a read that passes it stops with a
// message naming the limit. A FIFO is opened non-blocking: with no program
// writing to it, open() would wait for ever; here the read waits up to
// `fifoWaitMs` for the first byte, then says so.

import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_DECOMPRESSED_BYTES } from '../formats/limits';
import { formatBytes } from '../lib/display';
import { concatBytes } from '../lib/concatBytes';
import type { ByteSource } from '../formats/byteSource';

export interface ReadOptions {
  /** Bytes read at most (the app's 1 GiB gzip cap). */
  cap?: number;
  /** How long a FIFO may stay without a writer before giving up. */
  fifoWaitMs?: number;
}

const CHUNK = 1 << 20;
const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);
const POLL_MS = 10;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

/** The file's bytes, or an Error whose message says why not (the caller names the file). */
export function readInputCapped(path: string, opts: ReadOptions = {}): Uint8Array {
  const cap = opts.cap ?? MAX_DECOMPRESSED_BYTES;
  const fifoWaitMs = opts.fifoWaitMs ?? 10_000;
  // Standard input is read from the open descriptor: when it is a socket (a parent process's
  // pipe in Node and others) the path cannot be opened again (ENXIO).
  const stdin = STDIN_PATHS.has(path);
  const st = stdin ? fstatSync(0) : statSync(path);
  if (st.isDirectory()) throw new Error('it is a directory');
  if (st.isFile() && st.size > cap) throw new Error(`it is ${formatBytes(st.size)}, over the ${formatBytes(cap)} limit`);
  const fifo = st.isFIFO() && !stdin;
  const fd = stdin ? 0 : openSync(path, constants.O_RDONLY | (fifo ? constants.O_NONBLOCK : 0));
  try {
    const parts: Uint8Array[] = [];
    let total = 0;
    const started = Date.now();
    // A regular file is read into one buffer of its size (+1 to see that it grew); others in 1 MiB chunks.
    let buf = new Uint8Array(st.isFile() ? Math.min(st.size + 1, cap + 1) : CHUNK);
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        parts.push(buf);
        buf = new Uint8Array(CHUNK);
        used = 0;
      }
      let n: number;
      try {
        n = readSync(fd, buf, used, buf.length - used, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        sleep(POLL_MS); // a writer is there but has nothing yet
        continue;
      }
      if (n === 0) {
        // On a non-blocking FIFO, 0 before any byte means no writer has opened it yet.
        if (fifo && total === 0) {
          if (Date.now() - started >= fifoWaitMs) throw new Error(`it is a named pipe (FIFO) and no program wrote to it within ${fifoWaitMs / 1000} s`);
          sleep(POLL_MS);
          continue;
        }
        break;
      }
      used += n;
      total += n;
      if (total > cap) {
        throw new Error(`it is over the ${formatBytes(cap)} limit (more than ${formatBytes(cap)} read without reaching its end; pipes and devices are read only up to the limit)`);
      }
    }
    parts.push(buf.subarray(0, used));
    return concatBytes(parts, total);
  } finally {
    if (!stdin) closeSync(fd);
  }
}

/** An input opened for reading: its bytes, or a source read in windows; `close` when done. */
export interface OpenInput {
  input: Uint8Array | ByteSource;
  close(): void;
}

/**
 * A regular file is not read into memory: it is read in windows as the
 * parser asks (an execution trace a generation at a time), from an open
 * descriptor, up to the size it had when opened (the cap is checked on
 * that size). Pipes, FIFOs and devices are read whole (readInputCapped).
 */
export function openInputCapped(path: string, opts: ReadOptions = {}): OpenInput {
  const cap = opts.cap ?? MAX_DECOMPRESSED_BYTES;
  const st = STDIN_PATHS.has(path) ? fstatSync(0) : statSync(path);
  if (!st.isFile() || STDIN_PATHS.has(path)) return { input: readInputCapped(path, opts), close() {} };
  if (st.size > cap) throw new Error(`it is ${formatBytes(st.size)}, over the ${formatBytes(cap)} limit`);
  const fd = openSync(path, constants.O_RDONLY);
  return { input: fdSource(fd, st.size), close: () => closeSync(fd) };
}

/** A ByteSource over an open file descriptor, `size` bytes long (as measured when opened). */
export function fdSource(fd: number, size: number): ByteSource {
  return {
    size,
    readInto(dst, position) {
      let n = 0;
      while (n < dst.length) {
        const got = readSync(fd, dst, n, dst.length - n, position + n);
        if (got <= 0) break;
        n += got;
      }
      return n;
    },
  };
}
