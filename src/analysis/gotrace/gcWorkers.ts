// The goroutines go tool trace counts as background mark workers where a
// chunk of a trace begins, for the chunk's mutator utilization (./mmu.ts
// Utilization.startChunk): every goroutine labelled "GC (…)", other than
// "GC (idle)", in a generation before the chunk, once GOMAXPROCS was known
// (internal/trace gc.go MutatorUtilizationV2 skips every event before the
// first GOMAXPROCS metric, and never forgets a labelled goroutine). The
// runtime labels whatever goroutine starts on a P left in mark worker mode,
// so application goroutines get labelled too (gc10.trace: 13 of the 17), and
// they run unlabelled for the rest of the trace: without this set a chunk
// would have to log every run of every goroutine older than it.
//
// Found by the reader's scan of those generations (labels and GOMAXPROCS
// changes, M by M, no ordering, the arguments it needs alone decoded): about
// a ninth of the time a read of them takes (on a 373 MB trace, 517 ms for the
// first 190 MB against 4.35 s to read them into a chunk).

import { readTrace } from '../../formats/gotrace/reader';
import type { ByteSource } from '../../formats/byteSource';
import type { ChunkRange } from '../../formats/gotrace/split';

/**
 * What a scan of some generations found: each GC-labelled goroutine's latest
 * label time, the first GOMAXPROCS change's time, and whether any set 0.
 * Scans of adjacent byte ranges join (joinLabelScans) into the scan of both,
 * so the chunks after the first can each scan their own generations in
 * parallel and be handed what came before them.
 */
export interface LabelScanSummary {
  last: Map<number, number>;
  procsT: number;
  noProcs: boolean;
}

/** Scans the whole generations in the bytes [start, end) for labels and GOMAXPROCS changes. */
export function scanLabels(data: Uint8Array | ByteSource, version: number, start: number, end: number): LabelScanSummary {
  const out: LabelScanSummary = { last: new Map(), procsT: Infinity, noProcs: false };
  if (end <= start) return out;
  readTrace(data, version, () => {}, {
    range: { start, end, emitFrom: start, syncsBefore: 0, last: false },
    scan: {
      label(g, label, t) {
        if (label.startsWith('GC ') && label !== 'GC (idle)' && !(t <= (out.last.get(g) ?? -Infinity))) out.last.set(g, t);
      },
      procs(n, t) {
        if (t < out.procsT) out.procsT = t;
        if (n <= 0) out.noProcs = true;
      },
    },
  });
  return out;
}

/** The scan of two ranges from theirs (in any order). */
export function joinLabelScans(a: LabelScanSummary, b: LabelScanSummary): LabelScanSummary {
  const last = new Map(a.last);
  for (const [g, t] of b.last) if (!(t <= (last.get(g) ?? -Infinity))) last.set(g, t);
  return { last, procsT: Math.min(a.procsT, b.procsT), noProcs: a.noProcs || b.noProcs };
}

/** The mark workers a scan of every generation before a chunk found. Throws where a scan cannot tell what the sequential pass counts. */
export function gcWorkersOf(scan: LabelScanSummary): number[] {
  // With no Ps the sequential pass skips labels; and the scan's times do not order a label against the first GOMAXPROCS.
  if (scan.noProcs) throw new Error('GOMAXPROCS 0 in the trace: mark workers are found in one pass');
  const out: number[] = [];
  for (const [g, t] of scan.last) {
    if (!(t > scan.procsT)) throw new Error(`goroutine ${g} labelled as a mark worker before the first GOMAXPROCS: mark workers are found in one pass`);
    out.push(g);
  }
  return out;
}

/** The mark workers before `range` (a chunk that does not begin the trace). Throws where a scan cannot tell what the sequential pass counts. */
export function gcWorkersBefore(data: Uint8Array | ByteSource, version: number, range: ChunkRange): number[] {
  return gcWorkersOf(scanLabels(data, version, 16, range.emitFrom));
}
