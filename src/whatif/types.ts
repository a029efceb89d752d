// The what-if model of the Go GC: a calibration read from the user's own run
// (gctrace cycles of one steady window) and predictions for other GOGC /
// GOMEMLIMIT / container-limit settings. Units are in the field names:
// Bytes, Sec, Ms, Percent, PerGiB. Everything here is plain JSON (it travels
// in the report and in permalinks).

/** Where a setting the run had comes from. */
export type SettingSource = 'declared' | 'inferred' | 'assumed';

/** What drove the heap goal in the calibrated window. */
export type GoalRegime =
  /** goal = live + (live + stacks + globals) × GOGC/100 */
  | 'gogc'
  /** goal pinned below the GOGC goal by GOMEMLIMIT */
  | 'memory-limit'
  /** goal at (or below) the live heap: the GC runs back to back (the 50% CPU limiter may or may not engage: see WhatifPrediction.limiter) */
  | 'limiter';

export interface WhatifCalibration {
  source: 'gctrace';
  /** The steady window: cycle numbers as printed, seconds since process start. */
  window: { run: number; firstCycle: number; lastCycle: number; cycles: number; startSec: number; endSec: number };
  gomaxprocs: number;
  /** Median heap marked live at the end of a cycle (gctrace's third heap figure). */
  liveAfterMarkBytes: number;
  /** Median bytes allocated while marking (heap at mark termination − heap at start); marked live because new objects are allocated black. */
  markAllocBytes: number;
  /**
   * The pacer's cons/mark ratio (mgcpacer.go gcControllerState.endCycle): bytes
   * allocated per byte scanned, scaled by the GC's CPU share; the runtime takes
   * the largest of the last 4 cycles. Runway = consMark × 3 × scan work.
   */
  consMark: number;
  /**
   * Median share of the runway (heap goal − heap at the trigger) that a mark allocated before it ended:
   * 1 when marks run to the goal. Absent in calibrations made before it was measured (read as 1).
   */
  markRunwayShare?: number;
  /** The median cons/mark of single cycles (what a typical mark allocates, at the same scale). */
  consMarkMedian: number;
  /** liveAfterMarkBytes − markAllocBytes: the heap that is really reachable. */
  liveBytes: number;
  /** Live heap growth over the window, bytes per second (least squares; 0 when it moves the heap by under 10% over the window). */
  liveGrowthBytesPerSec: number;
  /** Stack and globals scan work as printed on the goal line (Go ≥ 1.18; 0 before). */
  stacksBytes: number;
  globalsBytes: number;
  /** Bytes allocated per second between cycles (heap at mark termination − previous live heap, over time). */
  allocBytesPerSec: number;
  /** Measured in the window: GC cycles per GiB allocated. */
  cyclesPerGiB: number;
  /** Measured in the window: GC CPU (idle marking excluded) as % of GOMAXPROCS × wall time. */
  gcCpuPercent: number;
  /** Median GC CPU of one cycle (STW phases + assists + background marking), ms. */
  gcCpuMsPerCycle: number;
  /** GC CPU per byte of heap at mark termination + stacks + globals, ns (the runtime counts objects allocated while marking as scan work). */
  gcCpuNsPerScanByte: number;
  /**
   * GC CPU per byte of heap marked live + stacks + globals, ns: what a cycle costs without the CPU limiter
   * (predict.ts). Absent in reports made before it was measured: the model then costs every cycle by the heap
   * at mark termination.
   */
  gcCpuNsPerMarkedByte?: number;
  /** Mutator CPU per GiB allocated, seconds (GOMAXPROCS × wall − GC CPU, over bytes allocated: assumes busy Ps). */
  mutatorCpuSecPerGiB: number;
  /** Peak heap above the median goal (pacing error and allocation during the last mark), bytes. */
  overshootBytes: number;
  /** Peak heap in the window: the heap at mark termination that 1 cycle in 20 reaches (95th percentile), bytes. */
  peakHeapBytes: number;
  /**
   * How far the peak heap (95th percentile at mark termination) sits above the median heap at mark
   * termination, per byte of the median mark's allocation: the cycle-to-cycle spread of the heap comes
   * from marks that allocate more or less than the typical one (and through heapMarked, the next goal).
   * Absent in reports made before it was measured (the peak is then goal + overshoot).
   */
  peakSpreadPerMarkAlloc?: number;
  /** The median heap at mark termination in the window, bytes (absent in reports made before it was added). */
  medianHeapEndBytes?: number;
  /** The largest heap at mark termination in the window, bytes (absent in reports made before it was added). */
  largestHeapBytes?: number;
  /**
   * Memory the runtime maps beside heap objects, as the memory-limit goal subtracts it (mgcpacer.go
   * memoryLimitHeapGoal: mappedReady − heapFree − heapAlloc): free slots in in-use spans, metadata, stacks.
   */
  nonHeapBytes: number;
  /** runtime-metrics: that term read from /memory/classes samples; metrics: peak mapped − peak heap; assumed: a guess. */
  nonHeapSource: 'runtime-metrics' | 'metrics' | 'assumed';
  /**
   * With runtime/metrics: the term's parts (medians) and its least-squares growth over the window. Absent in old links.
   * unusedPerGarbage: the free slots of in-use spans per byte of garbage a cycle leaves (median heap goal − live heap):
   * the garbage a sweep frees stays as free slots in spans that still hold live objects, so a lower goal (a tighter
   * limit, a smaller GOGC) leaves fewer of them. Absent in links made before it was measured (the term is then constant).
   */
  nonHeap?: {
    outsideHeapBytes: number;
    unusedBytes: number;
    spreadBytes: number;
    growthBytesPerSec: number;
    samples: number;
    unusedPerGarbage?: number;
    /** Half the interquartile range of mappedReady − heapFree over the window (see runtimeMetrics.ts); absent in old links. */
    footprintSpreadBytes?: number;
  };
  /** Where mutatorCpuSecPerGiB comes from: /cpu/classes/user, or GOMAXPROCS × wall − GC CPU of gctrace. Absent in old links (gctrace). */
  mutatorSource?: 'runtime-metrics' | 'gctrace';
  /** GOGC the run had (null = off). */
  gogc: number | null;
  gogcSource: SettingSource;
  /** Median of 100 × (goal − previous live) ÷ (previous live + stacks + globals). */
  impliedGogc: number;
  /** GOMEMLIMIT the run had, bytes (null = none seen). */
  memoryLimitBytes: number | null;
  memoryLimitSource: SettingSource | null;
  /**
   * When the goal sits at (within 10% of) the heap marked live, any limit up to this gives the same log
   * (mgcpacer.go memoryLimitHeapGoal pins the goal once limit − non-heap − headroom ≤ heapMarked):
   * heapMarked + the non-heap term at its high end, over 0.97. memoryLimitBytes is then the limit the model
   * itself pins at. Absent otherwise.
   */
  memoryLimitAtMostBytes?: number;
  regime: GoalRegime;
  /** The GC CPU limiter's bucket replayed over the log (limiter.ts replayLimiter): its fullest in the window, and when it filled. Absent in old links. */
  limiter?: { maxFill: number; engagedAtSec: number | null };
  /**
   * How well the model reproduces the window's own cycles: relative error of its prediction at the run's own settings, and per-cycle spread.
   * gcCpuMean: the ± of GC CPU averaged over the limiter bucket's time scale (about 2 s: per-cycle spread ÷ √cycles, at least the
   * replay error) plus the gap between the GC CPU the workers used and what the limiter counts (25% while marking); absent in old links.
   */
  fit: { cyclesPerGiB: number; gcCpu: number; peakHeap: number; gcCpuMean?: number };
  /** Plain-words notes on assumptions made. */
  notes: string[];
}

export interface WhatifSettings {
  /** null = GOGC=off. */
  gogc: number | null;
  /** GOMEMLIMIT in bytes; null = none. */
  memoryLimitBytes: number | null;
  /** Container memory limit in bytes; null = none. */
  containerLimitBytes: number | null;
}

/** Whether the GC CPU limiter's bucket (mgclimit.go) fills; 'uncertain' where the predicted share is within its uncertainty of 50%. */
export type LimiterVerdict = 'yes' | 'no' | 'uncertain';

export interface WhatifPrediction extends WhatifSettings {
  /** 'limiter' here means the goal is pinned at the live heap (GC back to back); whether the limiter engages is `limiter`. */
  regime: GoalRegime;
  /** limiter === 'yes'. */
  limiterEngaged: boolean;
  limiter: LimiterVerdict;
  /** GC CPU as the limiter counts it, % of the CPU the program used (busy Ps assumed). */
  limiterGcCpuPercent: number;
  /** From an empty bucket, seconds until the limiter engages (GOMAXPROCS × 1 s of capacity filled at GOMAXPROCS × (2 × share − 1) per second); null below 50%. */
  secondsUntilLimiter: number | null;
  /** secondsUntilLimiter at the share ± its uncertainty: soonest, latest (null: never fills at that end). Absent in old links. */
  secondsUntilLimiterRange?: [number | null, number | null];
  /** null: unbounded (GOGC=off and no GOMEMLIMIT: the heap grows until the process dies). */
  heapGoalBytes: number | null;
  liveAfterMarkBytes: number;
  cyclesPerGiB: number;
  cyclesPerSec: number;
  gcCpuPercent: number;
  peakHeapBytes: number | null;
  peakTotalBytes: number | null;
  /** peakTotalBytes ≤ container limit (null without one). */
  fitsContainer: boolean | null;
  /** With a growing live heap: seconds until the heap goal pins to GOMEMLIMIT (0 = already), and until total memory reaches the container limit. */
  secondsUntilGoalAtLimit: number | null;
  secondsUntilContainerLimit: number | null;
  /** ± relative uncertainty of cyclesPerGiB, gcCpuPercent, peakHeapBytes (from calibration fit). */
  uncertainty: { cyclesPerGiB: number; gcCpu: number; peakHeap: number };
  /**
   * A figure likely low because the mutator's CPU per GiB was read in another GC regime than the predicted one:
   * it pays more per byte while the GC marks all the time (back to back). 'cycles': predicted back to back under
   * the limiter from a run with room between cycles (its 50/50 split takes the cheaper mutator); 'gcCpu':
   * predicted with room between cycles from a run whose GC was marking during most of what it allocated
   * (predict.ts MOSTLY_MARKING: a dearer mutator and cheaper cycles make the GC's share look smaller). By how
   * much, one run cannot show. null: neither.
   */
  likelyLow: 'cycles' | 'gcCpu' | null;
}

export type WhatifResult =
  | { calibration: WhatifCalibration; grid: WhatifPrediction[]; refused?: undefined }
  | { refused: string; calibration?: undefined; grid?: undefined };
