// Where each generation of a Go 1.22+ trace lies in the file, from the batch
// headers alone (no event is decoded): the input of a split read
// (reader.ts, `range`). A generation's batches are contiguous in the file, as
// Go's internal/trace generation.go requires: Go 1.26+ ends each generation
// with an EndOfGeneration byte; Go 1.22–1.25 end one where the first batch of
// the next generation appears, and any other generation number there is
// "generations out of order". So generation N+1 never starts before N ends.

import { BatchScanner } from './generation';
import { Ev } from './spec';
import { TraceError } from './varint';
import { TraceWindow } from './window';
import { isByteSource, type ByteSource } from '../byteSource';

/** Bytes a scan of a source holds before it forgets the batches behind it. */
const SCAN_KEEP = 8 << 20;

export interface GenerationRange {
  /** The generation number the batches carry. */
  gen: number;
  /** Byte offsets [start, end) of its batches (the EndOfGeneration byte included). */
  start: number;
  end: number;
}

export interface GenerationScan {
  ranges: GenerationRange[];
  /**
   * Why the scan stopped before the end of the input (a cut or broken trace).
   * The ranges before it are whole; the sequential reader may still read part
   * of the next (Go 1.22–1.25 deliver a generation cut by a bad batch).
   */
  error?: string;
}

/**
 * The generations of a v2 trace (header already checked: `version` ≥ 22).
 * From a source the file is read through once, a few MB held at a time.
 */
export function scanGenerations(data: Uint8Array | ByteSource, version: number): GenerationScan {
  const win = isByteSource(data) ? new TraceWindow(data, 1 << 20) : null;
  const sc = win ? new BatchScanner(win.bytes, 16, (need) => win.grow(need)) : new BatchScanner(data as Uint8Array, 16);
  const base = () => (win ? win.base : 0);
  const ranges: GenerationRange[] = [];
  let start = 16;
  let gen = 0;
  try {
    for (;;) {
      if (win && sc.pos > SCAN_KEEP) {
        sc.pos -= win.drop(sc.pos);
        sc.data = win.bytes;
      }
      const before = base() + sc.pos;
      const r = sc.next();
      const pos = base() + sc.pos;
      if (r.kind === 'eof') {
        // Go 1.26+: a generation without its EndOfGeneration byte is incomplete.
        if (gen !== 0 && version >= 26) return { ranges, error: 'incomplete generation found; trace likely truncated' };
        if (gen !== 0) ranges.push({ gen, start, end: pos });
        return { ranges };
      }
      if (r.kind === 'eog') {
        if (version < 26) return { ranges, error: `expected batch event, got event ${Ev.EndOfGeneration}` };
        if (gen === 0) return { ranges, error: 'empty generation' };
        ranges.push({ gen, start, end: pos });
        start = pos;
        gen = 0;
        continue;
      }
      if (r.gen === 0) return { ranges, error: `invalid generation number ${r.gen}` };
      if (gen === 0) gen = r.gen;
      else if (r.gen !== gen) {
        if (version >= 26 || r.gen !== gen + 1) return { ranges, error: 'generations out of order' };
        ranges.push({ gen, start, end: before });
        start = before;
        gen = r.gen;
      }
    }
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    return { ranges, error: e.message };
  }
}

