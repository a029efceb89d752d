// Recognises profile.proto by its wire shape: every top-level field in the
// first bytes must be a Profile field (1–15) with the wire type profile.proto
// gives it, and length-delimited fields must fit in the file. Text files fail
// on their first byte or two (e.g. 'g' = field 12 with wire type 7).

import type { SniffSample } from '../types';

const MESSAGE_FIELDS = new Set([1, 2, 3, 4, 5, 6, 11]);
const VARINT_FIELDS = new Set([7, 8, 9, 10, 12, 14, 15]);

/** Confidence 0..1 that the sample is an (uncompressed) profile.proto message. */
export function sniffPprofProto(sample: SniffSample): number {
  const b = sample.bytes;
  const n = b.length;
  if (n < 2) return 0;
  let pos = 0;
  let fields = 0;
  let sawCore = false;
  const varint = (): number => {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= n) return -1;
      const x = b[pos++];
      v += (x & 0x7f) * mul;
      if (x < 0x80) return v;
      mul *= 128;
    }
    return -2;
  };
  while (pos < n) {
    const tag = varint();
    if (tag === -1) break; // the sample ends mid-field
    if (tag < 0) return 0;
    const f = Math.floor(tag / 8);
    const wt = tag & 7;
    if (f < 1 || f > 15) return 0;
    if (wt === 2) {
      if (!MESSAGE_FIELDS.has(f) && f !== 13) return 0;
      const len = varint();
      if (len === -1) break;
      if (len < 0 || pos + len > sample.size) return 0;
      pos += len;
      if (f <= 5) sawCore = true;
    } else if (wt === 0) {
      if (!VARINT_FIELDS.has(f) && f !== 13) return 0;
      const v = varint();
      if (v === -1) break;
      if (v < 0) return 0;
    } else return 0;
    fields++;
  }
  if (fields === 0 || !sawCore) return 0;
  if (sample.text !== '') return 0.3;
  return fields >= 2 ? 0.85 : 0.5;
}
