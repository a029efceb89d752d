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
// changes, M by M, no ordering): 40% of the time a read of them takes.

import { readTrace } from '../../formats/gotrace/reader';
import type { ByteSource } from '../../formats/byteSource';
import type { ChunkRange } from '../../formats/gotrace/split';

/** The mark workers before `range` (a chunk that does not begin the trace). Throws where a scan cannot tell what the sequential pass counts. */
export function gcWorkersBefore(data: Uint8Array | ByteSource, version: number, range: ChunkRange): number[] {
  /** Each GC-labelled goroutine's latest label time. */
  const last = new Map<number, number>();
  let procsT = Infinity;
  let noProcs = false;
  readTrace(data, version, () => {}, {
    range: { start: 16, end: range.emitFrom, emitFrom: 16, syncsBefore: 0, last: false },
    scan: {
      label(g, label, t) {
        if (label.startsWith('GC ') && label !== 'GC (idle)' && !(t <= (last.get(g) ?? -Infinity))) last.set(g, t);
      },
      procs(n, t) {
        if (t < procsT) procsT = t;
        if (n <= 0) noProcs = true;
      },
    },
  });
  // With no Ps the sequential pass skips labels; and the scan's times do not order a label against the first GOMAXPROCS.
  if (noProcs) throw new Error('GOMAXPROCS 0 in the trace: mark workers are found in one pass');
  const out: number[] = [];
  for (const [g, t] of last) {
    if (!(t > procsT)) throw new Error(`goroutine ${g} labelled as a mark worker before the first GOMAXPROCS: mark workers are found in one pass`);
    out.push(g);
  }
  return out;
}
