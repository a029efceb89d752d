// Calibration of the GC model (predict.ts) on one steady window of a gctrace
// log: the live heap, the roots, the allocation rate, the GC CPU per byte
// scanned, the settings the run had and the regime that drove its heap goal.
// Pure: a GcTraceModel (and optional facts from other inputs) in, JSON out.

import type { GcTraceModel } from '../formats/godebug/gctrace';
import { limiterGcMs, replayLimiter } from './limiter';
import { GiB, gogcGoal, markingShare, MOSTLY_MARKING, predict } from './predict';
import { runtimeMetricsFacts, type RuntimeMetricsSample } from './runtimeMetrics';
import { median, quantile, slope } from './stats';
import { spreadShapesLimit } from '../analysis/gc/goalShape';
import type { SettingSource, WhatifCalibration } from './types';

/** Facts other inputs of the session can add (runtime metrics, config). */
export interface CalibrationHints {
  /** GOGC set in the environment or code (null = off); undefined = unknown. */
  gogc?: number | null;
  /** GOMEMLIMIT in bytes (null = none); undefined = unknown. */
  memoryLimitBytes?: number | null;
  /** Peak memory mapped by the runtime (runtime/metrics /memory/classes/total − heap/released). */
  peakTotalBytes?: number;
  /**
   * runtime/metrics readings of the same run (memory and CPU classes, runtime/metrics names), in time order.
   * With `metricsOnGctraceClock` their tSec is seconds since process start, as gctrace's @S.SSSs, and only
   * the samples inside the calibrated window are used; otherwise all of them.
   */
  runtimeMetrics?: readonly RuntimeMetricsSample[];
  metricsOnGctraceClock?: boolean;
}

/**
 * The peak heap is the heap at mark termination that 1 cycle in 20 reaches (95th percentile), not the
 * largest: the largest of n cycles grows with n (the runs of tests/fixtures/whatif have 40–800 cycles)
 * and one slow cycle sets it (Go 1.25, GOGC=100: largest 159 MB where 19 cycles in 20 end under 105).
 */
export const PEAK_QUANTILE = 0.95;

/**
 * A goal within 10% of the heap marked live is read as pinned there: the runs of tests/fixtures/whatif at
 * GOMEMLIMIT = 1.2 × that heap end with goals 5–7% above it (Go 1.26: 45 against 43 MB; Go 1.25: 47
 * against 44), the heap past its goal in most cycles and the mapped memory never down to the limit.
 */
const NEAR_PINNED = 1.1;

/** Fewer steady cycles than this and the window says too little. */
export const MIN_CYCLES = 6;
/** Cycles at a run's start while the heap grows from the 4 MiB minimum. */
const RAMP = 3;

/** Half the interquartile range over the median: a robust relative spread (a two-valued series shows its full jump). */
const relSpread = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = median(s);
  if (!(m > 0) || s.length < 2) return 0;
  const q = (f: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(f * (s.length - 1))))];
  return (q(0.75) - q(0.25)) / 2 / m;
};

/** Indices of the steady window: the last run, after its last forced cycle (or its ramp), without a low-heap start. */
function steadyWindow(m: GcTraceModel): number[] {
  const n = m.count;
  const run = m.run[n - 1];
  let first = n - 1;
  while (first > 0 && m.run[first - 1] === run) first--;
  let start = first + RAMP;
  for (let i = n - 1; i >= first; i--) {
    if (m.forced[i] && n - 1 - i >= MIN_CYCLES) {
      start = i + 1;
      break;
    }
  }
  const idx: number[] = [];
  for (let i = Math.max(start, first + 1); i < n; i++) if (!m.forced[i] && !m.forced[i - 1]) idx.push(i);
  const mid = median(idx.map((i) => m.heapLive[i]));
  while (idx.length && m.heapLive[idx[0]] < 0.7 * mid) idx.shift();
  return idx;
}

export type Calibrated = { calibration: WhatifCalibration } | { refused: string };

export function calibrate(m: GcTraceModel, hints: CalibrationHints = {}): Calibrated {
  if (m.count < MIN_CYCLES + 1) return { refused: `only ${m.count} GC cycles in the log; the model needs at least ${MIN_CYCLES + 1} in one steady stretch` };
  const idx = steadyWindow(m);
  if (idx.length < MIN_CYCLES) {
    return { refused: `only ${idx.length} steady GC cycles after the start-up ramp and forced collections; the model needs at least ${MIN_CYCLES}` };
  }
  const procs = m.procs[idx[idx.length - 1]];
  if (!(procs > 0)) return { refused: 'the GC lines do not say GOMAXPROCS' };
  const live = idx.map((i) => m.heapLive[i]);
  const M = median(live);
  const spread = relSpread(live);
  if (spread > 0.25) {
    return { refused: `the live heap after marking varies by ±${Math.round(spread * 100)}% from cycle to cycle (median ${Math.round(M / 1048576)} MB); the model needs a steadier stretch` };
  }
  const stacks = Math.max(0, median(idx.map((i) => m.stacks[i])));
  const globals = Math.max(0, median(idx.map((i) => m.globals[i])));
  const roots = stacks + globals;
  const growth = idx.map((i) => Math.max(0, m.heapEnd[i] - m.heapLive[i - 1]));
  const allocTotal = growth.reduce((a, b) => a + b, 0);
  if (!(allocTotal > 0)) return { refused: 'the heap does not grow between cycles: nothing is allocated in the window' };
  const markAlloc = median(idx.map((i) => Math.max(0, m.heapEnd[i] - m.heapStart[i])));
  // Scan work of a cycle: the marked heap minus what was allocated black while marking (never scanned), plus roots.
  const scanOf = (i: number) => Math.max(m.heapLive[i] - Math.max(0, m.heapEnd[i] - m.heapStart[i]), m.heapLive[i] / 2) + roots;
  // mgcpacer.go endCycle: currentConsMark = (heapLive − trigger) × (u + idle u) / (scan work × (1 − u)),
  // u = background + assist utilization; consMark = max of it over the last 4 cycles.
  const cons = idx.map((i) => {
    const dur = m.concurrentMs[i] * procs;
    if (!(dur > 0)) return 0;
    const u = Math.min(0.95, (m.cpuBackgroundMs[i] + m.cpuAssistMs[i]) / dur);
    const iu = m.cpuIdleMs[i] / dur;
    // Objects allocated during marking are allocated black and not scanned: scan work ≈ marked − allocated + roots.
    const a = Math.max(0, m.heapEnd[i] - m.heapStart[i]);
    return (a * (u + iu)) / scanOf(i) / (1 - u);
  });
  const consMax = cons.map((_, k) => Math.max(...cons.slice(Math.max(0, k - 3), k + 1)));
  const cpuMs = idx.map((i) => m.cpuSweepTermMs[i] + m.cpuAssistMs[i] + m.cpuBackgroundMs[i] + m.cpuMarkTermMs[i]);
  const cpuTotalMs = cpuMs.reduce((a, b) => a + b, 0);
  // GC CPU per byte of heap at mark termination + roots: the runtime's scan-work accounting counts
  // objects allocated while marking as scanned (mgcpacer.go revise), and per-cycle work on spans grows
  // with the heap, not only with what is live.
  const heapOf = (i: number) => m.heapEnd[i] + roots;
  const scanTotal = idx.reduce((a, i) => a + heapOf(i), 0);
  // GC CPU per byte of heap marked live + roots: across GOGC 50–400 a cycle's GC CPU follows the heap it
  // marked (tests/fixtures/whatif, runs of 2026-12-04: Go 1.25.5 1.2–1.7 ms per MB marked from 64 to 237 ms a
  // cycle, Go 1.26.8 0.6–0.9), where per MB at mark termination it fell fourfold (0.94 → 0.25, 0.40 → 0.20).
  const markedTotal = idx.reduce((a, i) => a + m.heapLive[i] + roots, 0);
  const t0 = m.t[idx[0] - 1];
  const t1 = m.t[idx[idx.length - 1]];
  const wallSec = t1 - t0;
  if (!(wallSec > 0)) return { refused: 'the steady cycles span no measurable time' };
  const capacityMs = procs * wallSec * 1000;
  const gcShare = Math.min(0.99, cpuTotalMs / capacityMs);
  const inWindow = (hints.runtimeMetrics ?? []).filter((x) => !hints.metricsOnGctraceClock || (x.tSec >= t0 && x.tSec <= t1));
  const facts = runtimeMetricsFacts(inWindow);
  // Mutator CPU per GiB allocated. gctrace alone: every P-second not spent on GC (idle Ps included).
  // With /cpu/classes: user time only. The limiter leaves idle time out of its total (mgclimit.go
  // updateLocked: windowTotalTime −= idleTime) and counts scavenge assists as GC time
  // (limiterEventScavengeAssist), so neither belongs to the mutator's side of its bucket.
  const cpuFacts = facts?.cpu && facts.cpu.allocBytes !== null && facts.cpu.allocBytes > 0 && facts.cpu.user > 0 ? facts.cpu : null;
  const mutatorCpuSecPerGiB = cpuFacts ? (cpuFacts.user / (cpuFacts.allocBytes as number)) * GiB : ((capacityMs - cpuTotalMs) / 1000 / allocTotal) * GiB;
  const goals = idx.map((i) => m.heapGoal[i]);
  const goalMedian = median(goals);
  const peakHeap = quantile(idx.map((i) => m.heapEnd[i]), PEAK_QUANTILE);
  const largestHeap = Math.max(...idx.map((i) => m.heapEnd[i]));
  const medianHeapEnd = median(idx.map((i) => m.heapEnd[i]));
  const peakSpread = markAlloc > 0 ? (peakHeap - medianHeapEnd) / markAlloc : undefined;
  const notes: string[] = [];

  // GOGC: declared, else inferred from goal ÷ live (mgcpacer.go commit), else the default.
  const impliedEach = idx.map((i) => (100 * (m.heapGoal[i] - m.heapLive[i - 1])) / (m.heapLive[i - 1] + roots));
  const implied = median(impliedEach);
  // Under GOGC the goal follows the live heap and goal ÷ live stays put; under a memory limit the goal
  // stays put and goal ÷ live moves with the live heap.
  // (With a live heap too steady to move either, the simpler reading, GOGC, is kept.)
  const ratioSpread = relSpread(impliedEach);
  const goalSteadierThanRatio = ratioSpread > 0.05 && 2 * relSpread(idx.map((i) => m.heapGoal[i])) < ratioSpread;
  let gogc: number | null;
  let gogcSource: SettingSource;
  if (hints.gogc !== undefined) {
    gogc = hints.gogc;
    gogcSource = 'declared';
  } else if (implied >= 25 && Math.abs(implied / 100 - 1) > 0.15 && !goalSteadierThanRatio) {
    gogc = Math.round(implied / 5) * 5;
    gogcSource = 'inferred';
    notes.push(`GOGC inferred as ${gogc} from heap goal ÷ live heap (it was not given): a memory limit can also make the goal this low.`);
  } else if (implied >= 2 && implied < 25 && gogcShaped(impliedEach, idx.map((i) => m.heapLive[i - 1] + roots))) {
    // A low GOGC, not a memory limit: the goal holds its share above the live heap from cycle to cycle
    // (goalShape.ts). The GOGC=5 scenario was once read as "a memory limit of at most 70 MiB".
    gogc = Math.max(1, Math.round(implied));
    gogcSource = 'inferred';
    notes.push(`GOGC inferred as ${gogc} from heap goal ÷ live heap (it was not given): the goal holds that share above the live heap every cycle, as GOGC makes it, where a memory limit would make it wander.`);
  } else {
    gogc = 100;
    gogcSource = Math.abs(implied / 100 - 1) <= 0.15 ? 'inferred' : 'assumed';
    if (gogcSource === 'assumed') notes.push('GOGC assumed to be the default (100): the goal sits far below what GOGC would give, so a memory limit drove it.');
  }
  const expectedGoal = gogcGoal(M, roots, gogc);
  const overshoot = Math.max(0, peakHeap - goalMedian);
  // The memory the limit goal subtracts (mgcpacer.go memoryLimitHeapGoal, term 1): mappedReady − heapFree −
  // heapAlloc. With runtime/metrics samples it is read as the runtime computes it, median over the window;
  // it holds the free slots of in-use spans (heap/unused) as well as metadata and stacks. Else peak mapped −
  // peak heap when the peak mapped memory is known, else a guess.
  const nonHeapSource: WhatifCalibration['nonHeapSource'] = facts
    ? 'runtime-metrics'
    : hints.peakTotalBytes !== undefined && hints.peakTotalBytes > peakHeap
      ? 'metrics'
      : 'assumed';
  // Size classes round objects up by at most 12.5%, and spans, metadata and stacks add to that.
  const nonHeap =
    nonHeapSource === 'runtime-metrics'
      ? (facts as NonNullable<typeof facts>).nonHeapBytes
      : nonHeapSource === 'metrics'
        ? (hints.peakTotalBytes as number) - peakHeap
        : Math.round(0.1 * peakHeap + stacks);
  if (nonHeapSource === 'assumed') notes.push('Memory beside heap objects assumed to be 10% of the peak heap plus stacks (add runtime metrics to measure it).');
  if (!facts) notes.push('No runtime/metrics memory and CPU classes for this run: non-heap memory and the mutator CPU come from gctrace alone, and the growth of non-heap memory (fragmentation) is not seen.');
  else {
    const mib = (x: number) => Math.round(x / 1048576);
    notes.push(
      `Memory beside heap objects, as the memory-limit goal counts it: ${mib(nonHeap)} MiB ±${mib(facts.nonHeapSpreadBytes)} MiB (${mib(facts.unusedBytes)} MiB of it free slots in in-use spans)` +
        (Math.abs(facts.nonHeapGrowthBytesPerSec) * Math.max(1, facts.spanSec) > facts.nonHeapSpreadBytes
          ? `, growing by ${(facts.nonHeapGrowthBytesPerSec / 1048576).toFixed(1)} MiB/s over the window: under a memory limit the heap goal falls by as much.`
          : '.'),
    );
  }
  if (facts && !cpuFacts) notes.push('The runtime metrics have no CPU classes: the mutator CPU comes from gctrace (idle Ps counted as mutator).');
  const limited = goalMedian < 0.9 * expectedGoal || (gogcSource === 'assumed' && goalSteadierThanRatio);
  let memoryLimitBytes: number | null = null;
  let memoryLimitSource: SettingSource | null = null;
  let memoryLimitAtMost: number | undefined;
  if (hints.memoryLimitBytes !== undefined) {
    memoryLimitBytes = hints.memoryLimitBytes;
    memoryLimitSource = 'declared';
  } else if (limited) {
    // Invert memoryLimitHeapGoal. With runtime/metrics: the goal keeps mapped-ready memory at the limit less
    // its 3% headroom (mapped ≈ 0.97 × limit + 0.03 × non-heap), so the median mapped-ready memory over the
    // window gives the limit (within 2–7% on the tests/fixtures/whatif runs). From gctrace alone:
    // goal ≈ limit − non-heap − overshoot (see predict.ts memoryLimitGoal).
    memoryLimitBytes = facts
      ? Math.round((facts.mappedReadyBytes - 0.03 * nonHeap) / 0.97)
      : Math.round(goalMedian + nonHeap + overshoot);
    memoryLimitSource = 'inferred';
    if (goalMedian <= M * NEAR_PINNED) {
      // Pinned (or within gctrace's cycle-to-cycle noise of it): mgcpacer.go memoryLimitHeapGoal returns
      // heapMarked whenever limit − non-heap − overage − headroom ≤ heapMarked, so every limit up to
      // heapMarked + the non-heap term (at its high end) + 3% headroom gives the same log. The model
      // takes the largest limit that pins its own goal (predict.ts pins at the live heap).
      const nonHeapHigh = nonHeap + (facts?.nonHeapSpreadBytes ?? 0);
      memoryLimitAtMost = Math.round((M + nonHeapHigh) / 0.97);
      memoryLimitBytes = Math.min(Math.round(M - markAlloc + nonHeap), memoryLimitAtMost);
      notes.push(`GOMEMLIMIT is at most about ${Math.round(memoryLimitAtMost / 1048576)} MiB: the heap goal is pinned at the heap marked live, so the log cannot tell how far below that the limit is.`);
    } else notes.push('GOMEMLIMIT inferred from the heap goal, which stays below the GOGC goal.');
  }
  // Growth counts only when it moves the live heap by more than 10% over the window (else it is noise).
  const rawGrowth = slope(idx.map((i) => m.t[i]), live);
  const liveGrowth = Math.abs(rawGrowth * wallSec) > 0.1 * M ? Math.round(rawGrowth) : 0;
  if (liveGrowth > 0) notes.push(`The live heap grows by about ${Math.round(liveGrowth / 1024)} KiB/s over the window; predictions give the time until limits are reached.`);
  const gcCpuPercent = gcShare * 100;
  const cyclesPerGiB = (idx.length / allocTotal) * GiB;
  const intervalShares = idx.map((i, k) => cpuMs[k] / (procs * Math.max(1, (m.t[i] - m.t[i - 1]) * 1000)));
  const pinned = goalMedian <= M * NEAR_PINNED;
  const regime = pinned && median(intervalShares) >= 0.4 ? 'limiter' : limited ? 'memory-limit' : 'gogc';
  // The mutator pays more per byte while the GC marks, and the limiter holds assists back (predict.ts likelyLow).
  const markShare = markingShare({ markAllocBytes: markAlloc, cyclesPerGiB });
  if (markShare > MOSTLY_MARKING)
    notes.push(
      `The GC was marking while ${Math.min(100, Math.round(markShare * 100))}% of this run's memory was allocated${regime === 'limiter' ? ' (back to back)' : ''}: the program's CPU per byte and the GC's cost per cycle were read while the GC marked most of the time, so at settings that leave more room between cycles the predicted GC CPU is likely low.`,
    );

  const liveBytes = Math.max(M - markAlloc, M / 2);
  const calibration: WhatifCalibration = {
    source: 'gctrace',
    window: { run: m.run[idx[0]], firstCycle: m.n[idx[0]], lastCycle: m.n[idx[idx.length - 1]], cycles: idx.length, startSec: t0, endSec: t1 },
    gomaxprocs: procs,
    liveAfterMarkBytes: M,
    markAllocBytes: markAlloc,
    consMark: round3(median(consMax)),
    consMarkMedian: round3(median(cons)),
    // at least 0.1: gctrace rounds to MB, so a small heap's mark can print no growth at all
    markRunwayShare: Math.max(0.1, round3(median(idx.map((i) => (m.heapGoal[i] > m.heapStart[i] ? Math.min(1, Math.max(0, m.heapEnd[i] - m.heapStart[i]) / (m.heapGoal[i] - m.heapStart[i])) : 1))))),
    liveBytes,
    liveGrowthBytesPerSec: liveGrowth,
    stacksBytes: stacks,
    globalsBytes: globals,
    allocBytesPerSec: Math.round(allocTotal / wallSec),
    cyclesPerGiB,
    gcCpuPercent,
    gcCpuMsPerCycle: median(cpuMs),
    gcCpuNsPerScanByte: (cpuTotalMs * 1e6) / scanTotal,
    gcCpuNsPerMarkedByte: (cpuTotalMs * 1e6) / markedTotal,
    mutatorCpuSecPerGiB,
    overshootBytes: overshoot,
    peakHeapBytes: peakHeap,
    largestHeapBytes: largestHeap,
    medianHeapEndBytes: medianHeapEnd,
    ...(peakSpread !== undefined ? { peakSpreadPerMarkAlloc: round3(peakSpread) } : {}),
    nonHeapBytes: nonHeap,
    nonHeapSource,
    ...(facts
      ? {
          nonHeap: {
            outsideHeapBytes: facts.outsideHeapBytes,
            unusedBytes: facts.unusedBytes,
            spreadBytes: facts.nonHeapSpreadBytes,
            growthBytesPerSec: facts.nonHeapGrowthBytesPerSec,
            samples: facts.samples,
            ...optionalUnusedPerGarbage(facts.unusedBytes, goalMedian, liveBytes),
            footprintSpreadBytes: facts.footprintSpreadBytes,
          },
        }
      : {}),
    mutatorSource: cpuFacts ? 'runtime-metrics' : 'gctrace',
    gogc,
    gogcSource,
    impliedGogc: Math.round(implied),
    memoryLimitBytes,
    memoryLimitSource,
    ...(memoryLimitAtMost !== undefined ? { memoryLimitAtMostBytes: memoryLimitAtMost } : {}),
    regime,
    // with /cpu/classes: scavenge assists (GC time to the limiter) and idle Ps (out of its total), spread over the window
    limiter: replayLimiter(
      m,
      idx[0],
      facts?.cpu && facts.spanSec > 0 ? { scavengeAssistPerSec: facts.cpu.scavengeAssist / facts.spanSec, idlePerSec: facts.cpu.idle / facts.spanSec } : undefined,
    ),
    fit: { cyclesPerGiB: 0, gcCpu: 0, peakHeap: 0 },
    notes,
  };
  // Uncertainty: the model replays the window at its own settings; the error,
  // or the cycle-to-cycle spread when larger, is the ± on each prediction.
  const self = predict(calibration, { gogc, memoryLimitBytes, containerLimitBytes: null });
  const rel = (p: number | null, x: number) => (p === null || !(x > 0) ? 1 : Math.abs(p - x) / x);
  // The limiter judges GC CPU over its bucket (GOMAXPROCS × 1 s, so about 2 s of wall time to fill at
  // 75%): the cycle-to-cycle spread shrinks with √(cycles in 2 s). It counts assists, GOMAXPROCS × the
  // pauses and a flat 25% while marking (mgclimit.go updateLocked), not the workers' real CPU: the gap
  // between the two, measured on this window, adds to the ±.
  const cpuSpread = relSpread(cpuMs.map((c, k) => c / heapOf(idx[k])));
  const cyclesPerBucket = Math.max(1, (idx.length / wallSec) * 2);
  const limiterMs = idx.reduce((a, i) => a + limiterGcMs(m, i, procs), 0);
  const accountingGap = cpuTotalMs > 0 ? Math.abs(limiterMs - cpuTotalMs) / cpuTotalMs : 0;
  const selfCpu = rel(self.gcCpuPercent, gcCpuPercent);
  calibration.fit = {
    cyclesPerGiB: round3(Math.max(rel(self.cyclesPerGiB, cyclesPerGiB), relSpread(growth))),
    gcCpu: round3(Math.max(selfCpu, cpuSpread)),
    peakHeap: round3(Math.max(rel(self.peakHeapBytes, peakHeap), relSpread(idx.map((i) => m.heapEnd[i])))),
    gcCpuMean: round3(Math.max(selfCpu, cpuSpread / Math.sqrt(cyclesPerBucket)) + accountingGap),
  };
  return { calibration };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Free slots of in-use spans per byte of garbage a cycle leaves (heap goal − live heap), read from the
 * calibrated run (see predict.ts nonHeapAt); absent when the run leaves next to no garbage (under 1 MiB).
 */
export function optionalUnusedPerGarbage(unusedBytes: number, goalBytes: number, liveBytes: number): { unusedPerGarbage?: number } {
  const garbage = goalBytes - liveBytes;
  return garbage >= 1048576 ? { unusedPerGarbage: round3(Math.min(10, unusedBytes / garbage)) } : {};
}

/** The per-cycle implied GOGC holds within gctrace's MB rounding (8 cycles or more): GOGC sets the goal, not a limit. */
function gogcShaped(impliedEach: number[], denominators: number[]): boolean {
  if (impliedEach.length < 8) return false;
  const rounding = (100 * 1048576) / median(denominators);
  return !spreadShapesLimit(quantile(impliedEach, 0.25), quantile(impliedEach, 0.75), rounding);
}
