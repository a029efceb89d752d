// The `gc` analysis of the report: the same keys whatever the source
// (gctrace, execution trace, metrics), with optional parts where a source
// cannot give them. Units are in the field names: Ms, Sec, Bytes, Percent.

import type { HistogramBucket } from '../histogram';
import type { GcSteadyState } from './steady';

export interface PauseSummaryMs {
  /** Nearest-rank percentiles of per-cycle STW pause (sweep termination + mark termination), ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
}

export interface GcPause {
  /** Cycle number as printed. */
  cycle: number;
  run: number;
  /** Seconds since process start at the start of the cycle. */
  tSec: number;
  pauseMs: number;
  sweepTermMs: number;
  markTermMs: number;
  heapBytes: number;
  goalBytes: number;
  forced: boolean;
  /** 1-based line in the input. */
  line: number;
}

/** Chart series (downsampled to ≤ 2000 points; index i is one cycle). */
export interface GcSeries {
  run: number[];
  cycle: number[];
  tSec: number[];
  pauseMs: number[];
  heapStartBytes: number[];
  heapEndBytes: number[];
  liveBytes: number[];
  goalBytes: number[];
  /** GC CPU % over the interval since the previous cycle (null for a run's first cycle). */
  cpuPercentInterval: (number | null)[];
  /** The cumulative GC CPU % printed on the line. */
  cpuPercentCumulative: number[];
}

export interface GcRun {
  index: number;
  cycles: number;
  firstCycle: number;
  lastCycle: number;
  startSec: number;
  endSec: number;
  firstLine: number;
}

export interface GcAnalysis {
  /** Where the figures come from: "gctrace", "trace", "prometheus", "expvar". */
  source: string;
  /** Go versions the line shapes are consistent with, e.g. "1.18+". */
  formatVersions?: string;
  cycles: number;
  forced: number;
  /** Process runs (a cycle number going back starts a new run); the first 200. */
  runs?: GcRun[];
  /** How many runs there were in all. */
  runCount?: number;
  pauseMs: PauseSummaryMs;
  /** Longest single stop-the-world phase, ms. */
  maxStwMs?: number;
  /** Peak heap in use at mark termination, bytes. */
  peakHeapBytes: number;
  /** Peak live heap after marking, bytes. */
  peakLiveBytes?: number;
  peakGoalBytes: number;
  /** Distinct GOMAXPROCS values seen. */
  gomaxprocs: number[];
  /** GC CPU share of the whole run, % (the runtime's cumulative figure at the last cycle). */
  gcCpuPercent: number;
  /** Highest GC CPU % over an interval between two cycles (idle marking excluded). */
  gcCpuPercentMaxInterval?: number;
  /** Cycles per second over the span of the log. */
  gcPerSecond?: number;
  /** Seconds covered by the cycles (first to last cycle start, summed over runs). */
  durationSec?: number;
  /** Bytes allocated per second, estimated from heap growth between cycles. */
  allocBytesPerSec?: number;
  /** Share of mark CPU spent in mutator assists, %. */
  assistPercent?: number;
  /** Median GOGC implied by goal vs. previous live heap (+ stacks and globals); low values mean a memory limit drives the goal. */
  impliedGogcMedian?: number;
  /**
   * How much that implied GOGC moves from cycle to cycle (8 cycles or more): its quartiles, and the
   * points gctrace's whole-MB rounding alone can move it. GOGC sets the goal a fixed share above the
   * live heap, so under GOGC alone q1 and q3 sit within the rounding; a memory limit that binds sets
   * the goal from the limit instead, and the share wanders (tests/fixtures/whatif: GOGC=50 runs 50–51,
   * GOMEMLIMIT at 1.5× the live heap 2–28, at 2× 45–72).
   */
  impliedGogcSpread?: { q1: number; q3: number; roundingPoints: number; cycles: number };
  peakStacksBytes?: number;
  peakGlobalsBytes?: number;
  /** Log-scale histogram of pauses, ms. */
  pauseHistogramMs: HistogramBucket[];
  /** The worst pauses, longest first (at most 20). */
  worstPauses: GcPause[];
  series?: GcSeries;
  /** gctrace: where the warm-up ends and the figures after it (last process run). */
  steady?: GcSteadyState;
}
