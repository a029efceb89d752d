// The `sched` analysis of the report (from GODEBUG=schedtrace[,scheddetail=1]).
// Times are seconds since the first schedtrace call (≈ process start), the
// same origin as gctrace's @S.SSSs, so both share one time axis.

import type { SchedAnomaly } from '../../formats/godebug/schedtrace';

export interface SchedPerP {
  /** P index. */
  p: number;
  runqMax: number;
  runqMean: number;
  /** Samples that listed this P. */
  samples: number;
}

export interface SchedSeries {
  run: number[];
  tSec: number[];
  gomaxprocs: number[];
  idleprocs: (number | null)[];
  /** gomaxprocs − idleprocs. */
  busyprocs: (number | null)[];
  threads: number[];
  idlethreads: (number | null)[];
  spinning: (number | null)[];
  /** Global run queue length. */
  runqueue: (number | null)[];
  /** Sum of the per-P local run queues. */
  localRunq: number[];
  /** scheddetail goroutine counts (null for plain samples). */
  gRunning: (number | null)[];
  gRunnable: (number | null)[];
  gWaiting: (number | null)[];
  gSyscall: (number | null)[];
}

/** Per-P local run queue over time, for a heat map. Zero cells are left out. */
export interface SchedHeatmap {
  /** Column start times (s); a column covers one or more samples (max taken). */
  tSec: number[];
  /** Number of P rows (P index = row, or P range when bucketed). */
  rows: number;
  /** Ps per row (1 unless there are more Ps than rows allowed). */
  procsPerRow: number;
  /** [column, row, run queue length] for non-zero cells. */
  cells: [number, number, number][];
  max: number;
}

export interface SchedGoroutines {
  /** Detailed samples counted. */
  samples: number;
  maxTotal: number;
  maxRunning: number;
  maxRunnable: number;
  maxWaiting: number;
  maxSyscall: number;
  meanRunnable: number;
  /** Wait reasons of waiting goroutines over all detailed samples, most frequent first (top 12). */
  waitReasons: { reason: string; count: number }[];
  /** Max M lines with spinning=true / blocked=true / lockedg set in one sample. */
  maxSpinningMs: number;
  maxBlockedMs: number;
  maxLockedMs: number;
}

export interface SchedAnalysis {
  source: 'schedtrace';
  /** Text features behind the version hint, e.g. "needspinning= (1.20+), schedticks= (1.26+)". */
  formatVersions: string;
  samples: number;
  detailedSamples: number;
  /** Median time between consecutive samples, ms (null with fewer than two samples). */
  intervalMs: number | null;
  durationSec: number;
  runs: number;
  /** Distinct GOMAXPROCS values seen. */
  gomaxprocs: number[];
  maxThreads: number;
  maxIdleThreads: number | null;
  maxIdleProcs: number | null;
  minIdleProcs: number | null;
  meanIdleProcs: number | null;
  maxBusyProcs: number | null;
  meanBusyProcs: number | null;
  /** % of samples with at least one idle P. */
  idleProcsSamplesPercent: number | null;
  maxGlobalRunqueue: number | null;
  meanGlobalRunqueue: number | null;
  /** Largest sum of local run queues in one sample. */
  maxLocalRunqueue: number;
  /** % of samples where every P was busy and runnable goroutines waited (global + local ≥ 1). */
  saturatedSamplesPercent: number;
  maxSpinning: number | null;
  /** % of samples with at least one spinning thread. */
  spinningSamplesPercent: number | null;
  /** Per-P local run queue max and mean (P index order; at most 256 Ps). */
  perP: SchedPerP[];
  goroutines?: SchedGoroutines;
  /** Longest conditions over consecutive scheddetail samples (top 10). */
  anomalies: SchedAnomaly[];
  series: SchedSeries;
  heatmap: SchedHeatmap;
  truncated?: string;
}
