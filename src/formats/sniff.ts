// Content sniffing: picks a format from the bytes, never from the file name.

import type { FormatDef, SniffSample } from './types';
import { SNIFF_BYTES } from './limits';

/** True when the bytes look like text (few control bytes, valid-ish UTF-8). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  let bad = 0;
  const n = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) bad++;
  }
  return bad / n < 0.01;
}

/** `size`: the whole input's length when `data` is only its first bytes (an input read in pieces). */
export function makeSample(data: Uint8Array, size = data.length): SniffSample {
  const bytes = data.subarray(0, SNIFF_BYTES);
  const text = looksLikeText(bytes) ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : '';
  return { bytes, text, size };
}

/** The best matching of `formats` (the binding table's, src/kinds/table.ts), or undefined. Sniffers that throw count as "no". */
export function sniffFormat(sample: SniffSample, formats: readonly FormatDef<any>[]): FormatDef<any> | undefined {
  let best: FormatDef<any> | undefined;
  let bestScore = 0;
  for (const f of formats) {
    let s = 0;
    try {
      s = f.sniff(sample);
    } catch {
      s = 0;
    }
    if (s > bestScore) {
      best = f;
      bestScore = s;
    }
  }
  return best;
}
