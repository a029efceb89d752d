// The `scavenger` analysis (GODEBUG=scavtrace=1, or scvg lines of gctrace in
// Go ≤1.14): memory returned to the OS over time.

export interface ScavengerSeries {
  /** Seconds since process start of the GC cycle before the line (null without gctrace in the same log). */
  tSec: (number | null)[];
  /** Bytes returned to the OS by this line's work (null when the line does not say). */
  workBytes: (number | null)[];
  bgBytes: (number | null)[];
  eagerBytes: (number | null)[];
  /** Memory released to the OS at that point (HeapReleased), bytes. */
  releasedBytes: (number | null)[];
  /** Retained (HeapSys − HeapReleased), bytes — only old scvg summary lines print it. */
  retainedBytes: (number | null)[];
  /** In-use / retained heap, %. */
  utilPercent: (number | null)[];
  forced: boolean[];
}

export interface ScavengerAnalysis {
  source: 'scavtrace' | 'scvg';
  lines: number;
  forced: number;
  controllerResets: number;
  /** Sum of the work printed (bytes returned to the OS), and its split where printed (1.21+). */
  totalWorkBytes: number;
  bgWorkBytes: number | null;
  eagerWorkBytes: number | null;
  /** Eager work outside forced scavenges (memory limit or heap growth), bytes. */
  eagerUnforcedBytes: number | null;
  peakReleasedBytes: number | null;
  lastReleasedBytes: number | null;
  peakRetainedBytes: number | null;
  minUtilPercent: number | null;
  medianUtilPercent: number | null;
  series: ScavengerSeries;
  truncated?: string;
}
