// What the trace analyses read: the reader's facts about the trace plus the
// one-pass collection fed by its events (the events themselves are not kept).
// The binding (src/kinds/gotrace.ts) builds it while the reader runs.

import type { GoTraceRead } from '../../formats/gotrace/parse';
import type { TraceCollector } from './collect';
import type { CpuSamples } from './cpuSamples';
import type { SpanStore } from './spanStore';

export interface GoTraceModel extends GoTraceRead {
  collected: TraceCollector;
  /** CPU samples of the complete generations with their full stacks (the CPU profile view). */
  cpu: CpuSamples;
  /** The timeline's running slices per P and goroutine count (./spanStore.ts); kept in the worker, never in the report. */
  spans: SpanStore;
}
