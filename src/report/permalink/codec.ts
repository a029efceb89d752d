// Bytes ⇄ link text: deflate-raw (fflate, with an optional preset dictionary) and base64url. Inflation is capped:
// the compressed bytes are fed in 1 KiB pieces (at most ~1 MiB of output each,
// deflate's ratio is ≤ 1032:1) and inflation stops once the output passes the cap.

import { Inflate, deflateSync } from 'fflate';
import { concatBytes } from '../../lib/concatBytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Decoded bytes, or undefined when the text is not base64url (no padding). */
export function fromBase64url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c] : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out.subarray(0, o);
}

/** Level 6: on report JSON, level 9 is 3–7× slower in fflate for < 0.1% smaller output. */
export function deflateRaw(data: Uint8Array, dictionary?: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 6, mem: 8, ...(dictionary ? { dictionary } : {}) });
}

export class InflateLimitError extends Error {}

/** Inflate deflate-raw data; throws InflateLimitError past `max` bytes, Error when the data is damaged or cut. */
export function inflateRawCapped(data: Uint8Array, max: number, dictionary?: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inf = new Inflate(dictionary ? { dictionary } : {}, (chunk, final) => {
    total += chunk.length;
    if (total > max) throw new InflateLimitError(`inflates to more than ${max} bytes`);
    parts.push(chunk);
    if (final) ended = true;
  });
  const STEP = 1024;
  for (let i = 0; i < data.length; i += STEP) {
    const end = Math.min(data.length, i + STEP);
    inf.push(data.subarray(i, end), end === data.length);
  }
  if (data.length === 0) inf.push(new Uint8Array(0), true);
  if (!ended) throw new Error('the compressed data ends early');
  return concatBytes(parts, total);
}
