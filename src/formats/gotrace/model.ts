// What parsing a Go execution trace yields: header facts plus the one-pass
// collection the analyses read (the events themselves are not kept).

import type { TraceCollector } from '../../analysis/gotrace/collect';
import type { CpuSamples } from '../../analysis/gotrace/cpuProfile';

export interface GoTraceModel {
  /** N of the "go 1.N trace" header. */
  version: number;
  bytes: number;
  /** Events delivered by the reader, Sync markers and CPU samples included. */
  events: number;
  /** Complete generations read. */
  generations: number;
  /** Set when reading stopped early: the reason, and how many bytes were left unread. */
  truncated?: { reason: string; bytesLost: number };
  collected: TraceCollector;
  /** CPU samples of the complete generations with their full stacks (the CPU profile view). */
  cpu: CpuSamples;
}
