// The pprof part of the report (InputAnalyses.profile). JSON-safe: plain
// numbers in each sample type's own unit (no display rounding), null for unknown.

export interface ProfileTopRow {
  name: string;
  flat: number;
  cum: number;
}

export interface ProfileGoroutineGroup {
  count: number;
  /** Function names, leaf first. */
  stack: string[];
  labels: Record<string, string>;
}

export interface ProfileAnalysis {
  /** 'proto' or which legacy text form it came from. */
  source: string;
  sampleTypes: { type: string; unit: string }[];
  /** The type shown by default: default_sample_type, else the last one (as pprof). */
  defaultSampleType: string;
  defaultSampleIndex: number;
  durationNanos: number | null;
  period: number;
  periodType: { type: string; unit: string } | null;
  timeNanos: number | null;
  comments: string[];
  dropFrames: string;
  docUrl: string;
  numSamples: number;
  numLocations: number;
  numFunctions: number;
  /** pprof's total per sample type (Σ|value|; base only for -diff_base profiles). */
  totals: number[];
  /** First 20 rows of `go tool pprof -top` for the default sample type (function names, no inline marks). */
  top: ProfileTopRow[];
  /** Label keys with their most common values (string labels) or units (numeric). */
  labels: { key: string; unit: string | null; values: { value: string; count: number }[] }[];
  /** CPU profiles: samples × period ÷ duration, in cores. */
  cpuCores: number | null;
  /** Goroutine profiles: goroutines grouped by stack and labels, largest first (≤ 50). */
  goroutines: ProfileGoroutineGroup[] | null;
  /** A Go program's profile (a function in Go's runtime or package main, or in a .go file); false: another language's; null: no function names; absent in reports saved before it was added. */
  goProgram?: boolean | null;
  /** CPU profiles of Go programs: shares (0..1) of the samples whose stack holds GC work / runtime.mallocgc. */
  cpuShares?: { gcShare: number; mallocShare: number };
  /** Memory profiles: the three functions allocating the most bytes (alloc_space when present), share 0..1. */
  allocHotspots?: { name: string; bytes: number; share: number }[];
}
