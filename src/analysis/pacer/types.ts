// The `pacer` analysis (from GODEBUG=gcpacertrace=1): how each GC cycle went
// against the pacer's plan — assist ratio, GC CPU utilisation against its goal
// (25% since Go 1.18), the heap goal and how far the heap ended past it.

export interface PacerSeries {
  /** Seconds since process start of the GC cycle the line belongs to (null without gctrace in the same log). */
  tSec: (number | null)[];
  /** GC cycle number from gctrace (null without it). */
  cycle: (number | null)[];
  utilPercent: number[];
  goalPercent: number[];
  /** Heap at mark end minus the goal, bytes. */
  overGoalBytes: number[];
  heapLiveBytes: number[];
  /** Heap goal of the cycle, bytes (null when no assist line precedes it). */
  goalBytes: (number | null)[];
  /** Assist ratio at GC start (null when absent). */
  assistRatio: (number | null)[];
}

export interface PacerAnalysis {
  source: 'gcpacertrace';
  /** "1.18+", "1.5-1.17" or both. */
  formatVersions: string;
  /** Mark-end lines (one per GC cycle). */
  cycles: number;
  /** GC-start lines. */
  assists: number;
  sweeps: number;
  assistRatio: { p50: number; p90: number; max: number } | null;
  /** GC CPU utilisation during mark, % (nearest-rank percentiles over cycles). */
  utilPercent: { p50: number; p90: number; max: number; mean: number } | null;
  /** The pacer's utilisation goal, % (25 from Go 1.18). */
  goalPercent: number | null;
  /** % of cycles whose utilisation exceeded the goal by more than 5 points. */
  overGoalCyclesPercent: number | null;
  /** % of cycles whose heap ended above the goal. */
  overshootCyclesPercent: number | null;
  maxOvershootBytes: number | null;
  /** Heap goal: first, min, max (bytes) and how many times it changed between consecutive cycles. */
  heapGoal: { first: number; min: number; max: number; last: number; changes: number } | null;
  /** Cycles where a dedicated-worker count / fractional goal was printed: max dedicated workers. */
  maxDedicatedWorkers: number | null;
  series: PacerSeries;
  truncated?: string;
}
