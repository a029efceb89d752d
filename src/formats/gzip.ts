// Gzip unwrapping with a hard cap on the decompressed size (fflate streaming
// inflate, so a gzip bomb stops at the cap instead of exhausting memory).

import { Gunzip } from 'fflate';
import { FormatError } from './types';
import { concatBytes } from '../lib/concatBytes';
import { MAX_DECOMPRESSED_BYTES } from './limits';
import { formatBytes } from '../lib/display';

export function isGzip(data: Uint8Array): boolean {
  return data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

const CHUNK = 1 << 20;

/** The error for output past `cap` (both unwrappers, so the message is the same wherever the cap is hit). */
export function gzipTooLarge(cap: number): FormatError {
  return new FormatError(`decompressed size exceeds the ${formatBytes(cap)} limit; decompress it yourself and drop a smaller part`, 'too-large');
}

/**
 * Decompress `data`. Throws FormatError when the output would exceed `cap`
 * or the stream is corrupt. `onProgress` gets compressed bytes consumed.
 */
export function gunzipCapped(
  data: Uint8Array,
  cap: number = MAX_DECOMPRESSED_BYTES,
  onProgress?: (done: number, total: number) => void,
): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const gz = new Gunzip((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw gzipTooLarge(cap);
    parts.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let off = 0; off < data.length; off += CHUNK) {
      const end = Math.min(off + CHUNK, data.length);
      gz.push(data.subarray(off, end), end === data.length);
      onProgress?.(end, data.length);
    }
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(`the gzip stream is corrupt (${(e as Error).message})`, 'bad-gzip');
  }
  if (!ended) throw new FormatError('the gzip stream is truncated (the file was cut short)', 'truncated');
  return concatBytes(parts, total);
}
