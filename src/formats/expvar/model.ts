// expvar `/debug/vars`: a JSON object with `cmdline`, `memstats` (runtime.MemStats
// with Go field names) and whatever the program published.

/** The runtime.MemStats fields gotune reads (all optional: old or trimmed dumps). */
export interface MemStats {
  Alloc?: number;
  TotalAlloc?: number;
  Sys?: number;
  Mallocs?: number;
  Frees?: number;
  HeapAlloc?: number;
  HeapSys?: number;
  HeapIdle?: number;
  HeapInuse?: number;
  HeapReleased?: number;
  HeapObjects?: number;
  StackInuse?: number;
  StackSys?: number;
  MSpanInuse?: number;
  MSpanSys?: number;
  MCacheInuse?: number;
  MCacheSys?: number;
  BuckHashSys?: number;
  GCSys?: number;
  OtherSys?: number;
  NextGC?: number;
  /** Unix ns. */
  LastGC?: number;
  PauseTotalNs?: number;
  /** Circular buffer of the last 256 GC pauses, ns; most recent at (NumGC+255)%256. */
  PauseNs?: number[];
  /** Unix ns of each pause end, same indexing. */
  PauseEnd?: number[];
  NumGC?: number;
  NumForcedGC?: number;
  GCCPUFraction?: number;
  EnableGC?: boolean;
}

export interface ExpvarVar {
  name: string;
  /** JSON type: number, string, boolean, object, array, null. */
  type: string;
  /** Short text of the value (numbers and strings as is; objects summarised). */
  value: string;
}

export interface ExpvarModel {
  cmdline?: string[];
  memstats?: MemStats;
  /** Every other published var. */
  vars: ExpvarVar[];
}
