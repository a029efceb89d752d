// Where a gctrace's warm-up ends, and what the collector did after it. Rates and
// trends judged over a start-up ramp are noise: a service filling its caches
// "grows" its live heap, and the first cycles at the 4 MiB minimum heap come
// many per second. Pure, over the per-cycle columns of one process run.

export interface SteadyInput {
  tSec: ArrayLike<number>;
  liveBytes: ArrayLike<number>;
  goalBytes: ArrayLike<number>;
  /** The cumulative GC CPU % the runtime printed (since process start). */
  cumCpuPercent: ArrayLike<number>;
  /** Cycle numbers as printed. */
  cycle: ArrayLike<number>;
}

/** A log that never levelled off and is shorter than this cannot tell a leak from a start-up still loading. */
export const SHORT_LOG_SEC = 60;
/** Live-heap growth over the window (end ÷ start) that the leak finding and cause look at; below it the heap holds. */
export const GROWTH_OF_NOTE = 1.5;

export interface GcSteadyState {
  /** The run's first cycle as printed (1: the log starts with the process) and its time (s since the process started). */
  startCycle: number;
  startSec: number;
  /** Cycle (as printed) at which the live heap first levels off; null when it never does. */
  warmupEndCycle: number | null;
  /** Seconds since process start of that cycle. */
  warmupEndSec: number | null;
  /** Cycles at the start whose goal was the minimum heap (≤ 4.5 MiB). */
  minimumHeapCycles: number;
  /** Cycles and seconds after the warm-up (the whole run after the minimum-heap cycles when it never levels off). */
  cycles: number;
  durationSec: number;
  /** At least 5 cycles over at least 1 s after the warm-up: enough to judge a rate or a trend. */
  judgeable: boolean;
  gcPerSecond: number | null;
  /** Median live heap of the first and of the last few cycles after the warm-up. */
  liveStartBytes: number;
  liveEndBytes: number;
  /** liveEnd ÷ liveStart. */
  liveGrowth: number;
  /** Share (0..1) of consecutive cycles after the warm-up where the live heap rose. */
  risingShare: number;
  /** GC CPU % of GOMAXPROCS over the steady window, from the cumulative figures. */
  gcCpuPercent: number | null;
}

const MIN_HEAP = 4.5 * 1048576;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.ceil(s.length / 2) - 1] : 0;
}

export function steadyState(d: SteadyInput): GcSteadyState | undefined {
  const n = d.tSec.length;
  if (n === 0) return undefined;
  let first = 0;
  while (first < n - 1 && d.goalBytes[first] <= MIN_HEAP) first++;
  const minimumHeapCycles = first;
  const w = Math.max(3, Math.ceil((n - first) / 4));
  // The first cycle from which the next w cycles (a quarter of the run) stay within −20%…+25% of it.
  let warm = -1;
  for (let k = first; k + w < n; k++) {
    const base = d.liveBytes[k];
    let ok = base > 0;
    for (let j = k + 1; ok && j <= k + w; j++) ok = d.liveBytes[j] >= 0.8 * base && d.liveBytes[j] <= 1.25 * base;
    if (ok) {
      warm = k;
      break;
    }
  }
  const s = warm >= 0 ? warm : first;
  const cycles = n - s;
  const durationSec = d.tSec[n - 1] - d.tSec[s];
  const q = Math.max(1, Math.min(w, Math.floor(cycles / 4)));
  const lives = Array.from({ length: cycles }, (_, i) => d.liveBytes[s + i]);
  const liveStartBytes = median(lives.slice(0, q));
  const liveEndBytes = median(lives.slice(-q));
  let rising = 0;
  for (let i = s + 1; i < n; i++) if (d.liveBytes[i] > d.liveBytes[i - 1]) rising++;
  const t0 = d.tSec[s];
  const t1 = d.tSec[n - 1];
  const cpu = t1 > t0 && t0 > 0 ? (d.cumCpuPercent[n - 1] * t1 - d.cumCpuPercent[s] * t0) / (t1 - t0) : t1 > 0 ? d.cumCpuPercent[n - 1] : null;
  return {
    startCycle: d.cycle[0],
    startSec: d.tSec[0],
    warmupEndCycle: warm >= 0 ? d.cycle[warm] : null,
    warmupEndSec: warm >= 0 ? d.tSec[warm] : null,
    minimumHeapCycles,
    cycles,
    durationSec,
    judgeable: cycles >= 5 && durationSec >= 1,
    gcPerSecond: durationSec > 0 ? (cycles - 1) / durationSec : null,
    liveStartBytes,
    liveEndBytes,
    liveGrowth: liveStartBytes > 0 ? liveEndBytes / liveStartBytes : 1,
    risingShare: cycles > 1 ? rising / (cycles - 1) : 0,
    gcCpuPercent: cpu === null ? null : Math.max(0, Math.min(100, cpu)),
  };
}

/** The live heap never levelled off in a log too short to tell a leak from a start-up still loading data. */
export function stillLoading(st: GcSteadyState): boolean {
  return st.warmupEndCycle === null && st.durationSec < SHORT_LOG_SEC;
}

/** Where the window starts, for a sentence: after the start-up, or the cycle and time a log cut from a run's middle begins at. */
export function windowStart(st: GcSteadyState): string {
  return st.startCycle <= 1 ? 'after the start-up' : `from cycle ${st.startCycle}, ${st.startSec.toFixed(1)} s into the run`;
}
