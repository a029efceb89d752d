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

/** The generations of a v2 trace (header already checked: `version` ≥ 22). */
export function scanGenerations(data: Uint8Array, version: number): GenerationScan {
  const sc = new BatchScanner(data, 16);
  const ranges: GenerationRange[] = [];
  let start = 16;
  let gen = 0;
  try {
    for (;;) {
      const before = sc.pos;
      const r = sc.next();
      if (r.kind === 'eof') {
        // Go 1.26+: a generation without its EndOfGeneration byte is incomplete.
        if (gen !== 0 && version >= 26) return { ranges, error: 'incomplete generation found; trace likely truncated' };
        if (gen !== 0) ranges.push({ gen, start, end: sc.pos });
        return { ranges };
      }
      if (r.kind === 'eog') {
        if (version < 26) return { ranges, error: `expected batch event, got event ${Ev.EndOfGeneration}` };
        if (gen === 0) return { ranges, error: 'empty generation' };
        ranges.push({ gen, start, end: sc.pos });
        start = sc.pos;
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

