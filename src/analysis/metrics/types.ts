// The `metrics` analysis of the report: figures from a Prometheus /metrics
// scrape (client_golang Go and process collectors) or an expvar /debug/vars
// snapshot. Units are in the field names. null = the source does not say.

import type { GcCollector } from '../gcCollector';

/** A cumulative histogram re-expressed per bucket, with nearest-rank percentiles. */
export interface BucketPercentiles {
  /** Metric name, e.g. go_sched_pauses_total_gc_seconds. */
  name: string;
  /** What it measures, e.g. "GC stop-the-world pauses (per STW)". */
  what: string;
  count: number;
  sumSec: number | null;
  /** Non-cumulative buckets in seconds; `le` null = +Inf. */
  buckets: { gt: number; le: number | null; count: number }[];
  /**
   * Upper bound (s) of the bucket holding the value at rank ceil(q·count); null
   * when that bucket is +Inf. Histograms only bound a percentile from above.
   */
  p50Sec: number | null;
  p90Sec: number | null;
  p99Sec: number | null;
  maxSec: number | null;
}

export interface PauseQuantiles {
  /** go_gc_duration_seconds: quantiles of the last ≤256 cycles' STW pause (one per cycle). */
  minMs: number | null;
  p25Ms: number | null;
  p50Ms: number | null;
  p75Ms: number | null;
  maxMs: number | null;
  /** _count = number of GC cycles since start. */
  count: number | null;
  /** _sum = total pause time since start. */
  sumSec: number | null;
}

export interface PauseRing {
  /** Pauses in the ring (min(NumGC, 256)). */
  count: number;
  /** GC cycle numbers covered, first..last. */
  firstCycle: number;
  lastCycle: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Seconds between the oldest and newest pause end in the ring. */
  spanSec: number | null;
  /** The ring's pauses in cycle order, ms (≤256 values). */
  pausesMs: number[];
  /** Seconds of each pause end relative to the oldest one in the ring. */
  endsSec: number[];
}

/** Raw counters of one scrape, for rates over several scrapes (or files). */
export interface ScrapePoint {
  /** Seconds since the Unix epoch: the sample timestamp if written, else the last GC time. */
  tSec: number | null;
  gcCycles: number | null;
  allocBytesTotal: number | null;
  cpuSeconds: number | null;
  goroutines: number | null;
  heapAllocBytes: number | null;
  residentBytes: number | null;
}

export interface RatePoint {
  tSec: number;
  gcPerSec: number | null;
  allocBytesPerSec: number | null;
  cpuCores: number | null;
}

export interface MetricsRates {
  /** How scrape times were known. */
  clock: 'sample timestamps' | 'last GC time';
  spanSec: number;
  gcPerSec: number | null;
  allocBytesPerSec: number | null;
  cpuCores: number | null;
  points: RatePoint[];
}

export interface MetricsAnalysis {
  source: 'prometheus' | 'expvar';
  scrapes: number;
  /** go_info{version}. */
  goVersion?: string;
  /** The garbage collector of that Go version (from go_info's version string). */
  gcCollector?: GcCollector;
  /** client_golang generation guessed from names/HELP texts. */
  collector?: string;
  goroutines: number | null;
  /**
   * Goroutines by scheduler state (Go 1.26+ /sched/goroutines/{running,runnable,waiting,not-in-go},
   * Prometheus go_sched_goroutines_*_goroutines); null before Go 1.26 or without the runtime/metrics collector.
   */
  goroutineStates?: { running: number; runnable: number; waiting: number; notInGo: number } | null;
  threads: number | null;
  gomaxprocs: number | null;
  gogcPercent: number | null;
  /** GOMEMLIMIT in bytes; null when not reported. */
  gomemlimitBytes: number | null;
  /** False when GOMEMLIMIT is math.MaxInt64 (no limit). */
  memoryLimitSet: boolean | null;
  heap: {
    allocBytes: number | null;
    sysBytes: number | null;
    heapSysBytes: number | null;
    heapIdleBytes: number | null;
    heapInuseBytes: number | null;
    heapReleasedBytes: number | null;
    heapObjects: number | null;
    nextGcBytes: number | null;
    stackInuseBytes: number | null;
    /** Sys − HeapReleased: what GOMEMLIMIT controls. */
    limitControlledBytes: number | null;
  };
  memoryClasses?: { name: string; bytes: number }[];
  process?: {
    residentBytes: number | null;
    virtualBytes: number | null;
    cpuSeconds: number | null;
    openFds: number | null;
    maxFds: number | null;
    startTimeSec: number | null;
  };
  numGc: number | null;
  numForcedGc: number | null;
  /** GC CPU share since start, %: runtime/metrics CPU classes, go_memstats_gc_cpu_fraction or GCCPUFraction. */
  gcCpuPercent: number | null;
  /** /gc/limiter/last-enabled ≠ 0: the GC CPU limiter engaged at some point. */
  gcLimiterEngaged: boolean | null;
  pauseQuantiles?: PauseQuantiles;
  pauseHistograms: BucketPercentiles[];
  schedLatency?: BucketPercentiles;
  pauseRing?: PauseRing;
  points: ScrapePoint[];
  rates?: MetricsRates;
  /** expvar: other published vars. */
  otherVars?: { name: string; type: string; value: string }[];
  cmdline?: string[];
}
