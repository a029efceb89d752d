// The `trace` analysis of the report (from a Go execution trace). Times are
// ns since the first event unless the name says otherwise; every series is
// downsampled to at most 2000 points.

import type { GcCollector } from '../gcCollector';
import type { HistogramBucket } from '../histogram';
import type { ProfileAnalysis } from '../pprof/types';

export interface NsSummary {
  count: number;
  p50Ns: number | null;
  p90Ns: number | null;
  p99Ns: number | null;
  maxNs: number | null;
  totalNs: number;
}

export interface TraceStw {
  startNs: number;
  /** null when the trace ended inside it. */
  durNs: number | null;
  reason: string;
  /** true for the GC's own stops (sweep/mark termination). */
  gc: boolean;
}

export interface ReasonTotal {
  reason: string;
  count: number;
  totalNs: number;
  maxNs: number;
}

export interface TraceAnalysis {
  /** The garbage collector of the trace's Go version (its default: a trace does not record GOEXPERIMENT). */
  gcCollector?: GcCollector;
  /** "1.26" from the "go 1.26 trace" header (the format version, not always the toolchain). */
  goVersion: string;
  /** Go releases that write this header: "Go 1.11–1.18", "Go 1.19–1.20", else "Go 1.N". */
  writtenBy: string;
  durationNs: number;
  events: number;
  generations: number;
  /** Wall-clock start (Unix ms) when the trace carries a clock snapshot (Go 1.25+). */
  startWallMs?: number;
  truncated?: { reason: string; bytesLost: number };
  eventsByKind: Record<string, number>;
  /** Goroutines per generation: seen in it and alive at its end. */
  goroutinesPerGeneration: { seen: number; alive: number }[];
  gcCycles: {
    count: number;
    /** Sum of concurrent mark phases. */
    markNs: number;
    /** Time goroutines ran mark assists (parked time inside an assist excluded). */
    assistNs: number;
    /** Time dedicated and fractional background mark workers ran. */
    workerNs: number;
    /** GC share of GOMAXPROCS × duration: GC stop-the-worlds × Ps + workers + assists, %. */
    cpuPercent: number;
    startNs: number[];
    durNs: (number | null)[];
  };
  stw: {
    count: number;
    pauses: NsSummary;
    byReason: ReasonTotal[];
    /** Log-scale histogram of pause lengths in ms; `byReason` counts per bucket in the order of `reasons`. */
    histogramMs: (HistogramBucket & { byReason: number[] })[];
    reasons: string[];
    worst: TraceStw[];
    /** All stop-the-worlds (downsampled, longest kept). */
    all: TraceStw[];
  };
  heap: {
    peakAllocBytes: number | null;
    peakGoalBytes: number | null;
    samples: number;
    /** HeapAlloc (live heap incl. unswept) over time, peak-preserving downsample. */
    alloc: { tNs: number[]; bytes: number[] };
    goal: { tNs: number[]; bytes: number[] };
  };
  /** Every GOMAXPROCS value reported where it changed. */
  gomaxprocs: { tNs: number; value: number }[];
  goroutines: {
    maxAlive: number;
    bucketNs: number;
    tNs: number[];
    running: number[];
    runnable: number[];
    waiting: number[];
    syscall: number[];
  };
  schedLatency: NsSummary & {
    histogramMs: HistogramBucket[];
    worstGoroutines: { g: number; count: number; maxNs: number; totalNs: number }[];
  };
  blocking: {
    byReason: ReasonTotal[];
    byStack: (ReasonTotal & { stack: string[] })[];
  };
  mmu: {
    /** MMU at the four standard windows (null when the trace is shorter than... never: windows are clamped). */
    at: { '1ms': number; '10ms': number; '100ms': number; '1s': number };
    windowsNs: number[];
    values: number[];
    /** Mean mutator utilization over the whole trace (each mark worker counted once per run). */
    meanUtil: number;
    /**
     * go tool trace's figures for the same trace, only when they differ from ours
     * (it counts a mark worker twice per run, and counts program goroutines
     * the runtime labelled "GC (…)" as workers; `why` says so in one line).
     */
    goToolTrace?: {
      at: { '1ms': number; '10ms': number; '100ms': number; '1s': number };
      meanUtil: number;
      values: number[];
      why: string;
      /** The same, one line a reason (absent in older reports). */
      reasons?: string[];
      /** Program goroutines labelled "GC (dedicated|fractional)" that go tool trace counts as mark workers (absent in older reports). */
      labelledNotWorkers?: number;
      /** go tool trace's MMU page panics on this trace (internal/trace gc.go:226 indexes its Ps with -1); the figures are what it would show otherwise. */
      fails?: boolean;
    };
  };
  cpuSamples: {
    count: number;
    topStacks: { stack: string[]; count: number }[];
    topFunctions: { func: string; self: number }[];
    /** The samples as a pprof profile (one sample type, samples/count), for the profile views; absent without samples. */
    profile?: ProfileAnalysis;
  };
  user: {
    tasks: ReasonTotal[];
    regions: ReasonTotal[];
    logs: { key: string; count: number }[];
    openTasks: number;
  };
}
