// Predictions of the GC model for any GOGC × GOMEMLIMIT × container limit,
// from a calibration (calibrate.ts). Each rule follows the Go runtime source
// (runtime/mgcpacer.go, runtime/mgclimit.go, Go 1.21–1.27 alike); the function
// named in each comment is where the rule lives.

import { LIMITER_SHARE, limiterBucket } from './limiter';
import type { GoalRegime, WhatifCalibration, WhatifPrediction, WhatifSettings } from './types';

export const GiB = 1 << 30;
const MiB = 1 << 20;

/** mgcpacer.go defaultHeapMinimum: 4 MiB at GOGC=100, scaled by GOGC/100 (gcControllerState.setGCPercent). */
export const HEAP_MINIMUM = 4 * MiB;
/** mgcpacer.go memoryLimitHeapGoalHeadroomPercent and memoryLimitMinHeapGoalHeadroom. */
const LIMIT_HEADROOM_PERCENT = 3;
const LIMIT_MIN_HEADROOM = MiB;
/** mgcpacer.go minTriggerRatioNum / maxTriggerRatioNum over triggerRatioDen (64): the trigger lies between 0.7 and 0.95 of the runway. */
const MIN_TRIGGER = 45 / 64;
const MAX_TRIGGER = 61 / 64;
/** mgcpacer.go heapGoalInternal keeps at least minRunway (64 KiB) between trigger and goal; also the least a mark is taken to allocate. */
const MIN_RUNWAY = 64 << 10;
/** mgcpacer.go revise: past the goal, assists aim at goal × maxOvershoot (1.1). */
const MAX_OVERSHOOT = 1.1;

/** The GOGC heap goal (mgcpacer.go gcControllerState.commit): heapMarked + (heapMarked + stacks + globals) × GOGC/100, at least heapMinimum. */
export function gogcGoal(marked: number, roots: number, gogc: number | null): number {
  if (gogc === null) return Infinity;
  const g = marked + ((marked + roots) * gogc) / 100;
  return Math.max(g, (HEAP_MINIMUM * gogc) / 100);
}

/**
 * The memory-limit heap goal (mgcpacer.go gcControllerState.memoryLimitHeapGoal):
 * limit − non-heap memory − overage, minus 3% headroom (at least 1 MiB), never
 * below the live heap. In a steady state the overage term keeps peak mapped
 * memory (peak heap + non-heap) at the limit, so the goal also stays at or
 * below limit − non-heap − the heap's overshoot above its goal.
 */
export function memoryLimitGoal(limit: number | null, nonHeap: number, overshoot: number): number {
  if (limit === null) return Infinity;
  const base = limit - nonHeap;
  if (base <= 0) return 0;
  const headroom = Math.max((base / 100) * LIMIT_HEADROOM_PERCENT, LIMIT_MIN_HEADROOM);
  const goal = base - headroom < headroom ? headroom : base - headroom;
  return Math.min(goal, base - overshoot);
}

/** The trigger for a goal (mgcpacer.go trigger): goal − runway, held between 0.7 and max(0.95 of the distance, goal − 4 MiB) above heapMarked. */
export function triggerFor(marked: number, goal: number, runway: number): number {
  const d = Math.max(0, goal - marked);
  const lo = marked + MIN_TRIGGER * d;
  const hi = Math.max(marked + MAX_TRIGGER * d, goal - HEAP_MINIMUM);
  return Math.min(Math.max(goal - runway, lo), hi);
}

function sharesFromCost(gcCpuSecPerGiB: number, mutatorCpuSecPerGiB: number): number {
  const t = gcCpuSecPerGiB + mutatorCpuSecPerGiB;
  return t > 0 ? gcCpuSecPerGiB / t : 0;
}

/** Smallest t ≥ 0 (to 0.1% or 1 s) where `holds(t)`, assuming it stays true once true; null when not within ~30 years. */
function firstTime(holds: (t: number) => boolean): number | null {
  if (holds(0)) return 0;
  let hi = 1;
  while (!holds(hi)) {
    hi *= 2;
    if (hi > 1e9) return null;
  }
  let lo = hi / 2;
  while (hi - lo > Math.max(1, lo * 1e-3)) {
    const mid = (lo + hi) / 2;
    if (holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** `steadyOnly`: skip the growth times (used inside them). */
export function predict(cal: WhatifCalibration, s: WhatifSettings, steadyOnly = false): WhatifPrediction {
  const roots = cal.stacksBytes + cal.globalsBytes;
  const L = cal.liveBytes;
  // The heap passes its goal by about what is allocated while the last marking
  // finishes, so the overshoot (the calibrated run's largest heap at mark end
  // over its median goal) scales with the allocation during marking, both ways:
  // a longer mark at a larger GOGC varies more.
  const overshootFor = (marked: number) =>
    cal.markAllocBytes > 0 ? cal.overshootBytes * (Math.max(0, marked - L) / Math.max(cal.markAllocBytes, MIN_RUNWAY)) : cal.overshootBytes;
  let overshoot = cal.overshootBytes;
  let limGoal = memoryLimitGoal(s.memoryLimitBytes, cal.nonHeapBytes, overshoot);
  // heapMarked and the goal depend on each other (allocation during marking is
  // marked live); a few fixed-point steps settle them.
  let marked = cal.liveAfterMarkBytes;
  // mgcpacer.go commit: runway = consMark × (1 − 0.25)/0.25 × (heap scan + stacks + globals), where
  // consMark is the largest of the last 4 cycles; objects allocated while marking are black, so the
  // scan work is the live heap. What a mark really lets the mutator allocate is the typical cycle's
  // (median) cons/mark at the same scale; assists stop it at the goal.
  const runway = cal.consMark * 3 * (L + roots);
  const allocWhileMarking = cal.consMarkMedian * 3 * (L + roots);
  // What a mark allocates between its trigger and its end: the share of the runway (goal − trigger) the
  // calibrated run's marks used before their work was done (assists pace a mark to end by the goal at the
  // latest; a faster collector ends earlier), at most what a mark at the typical cons/mark allows.
  const runwayShare = cal.markRunwayShare ?? 1;
  const markAlloc = (g: number, trig: number) => Math.min(allocWhileMarking, runwayShare * Math.max(0, g - trig));
  let goal = marked;
  let regime: GoalRegime = 'gogc';
  for (let k = 0; k < 60; k++) {
    const gg = gogcGoal(marked, roots, s.gogc);
    // mgcpacer.go heapGoalInternal: the smaller of the GOGC goal and the memory-limit goal;
    // memoryLimitHeapGoal: "Don't let us go below the live heap."
    goal = Math.max(Math.min(gg, limGoal), L);
    const next = L + markAlloc(goal, triggerFor(marked, goal, runway));
    const done = Math.abs(next - marked) < 1;
    marked = (marked + next) / 2; // damped: the runway shrinks as marked grows
    overshoot = overshootFor(marked);
    limGoal = memoryLimitGoal(s.memoryLimitBytes, cal.nonHeapBytes, overshoot);
    if (done) break;
  }
  {
    const gg = gogcGoal(marked, roots, s.gogc);
    regime = limGoal < gg ? 'memory-limit' : 'gogc';
    goal = Math.min(gg, limGoal);
    // memoryLimitHeapGoal: a goal at or under the live heap becomes heapMarked: GC back to back.
    // Every cycle then starts at once and runs past the goal up to mgcpacer.go revise's
    // maxOvershoot (1.1 × goal), allocating black meanwhile: heapMarked = L + 0.1 × heapMarked.
    if (goal <= L + 1) {
      regime = 'limiter';
      marked = L / (2 - MAX_OVERSHOOT);
      goal = marked;
      overshoot = overshootFor(marked);
    }
  }
  if (!Number.isFinite(goal)) {
    // GOGC=off without a memory limit: no GC cycles at all.
    return {
      ...s,
      regime: 'gogc',
      limiterEngaged: false,
      limiter: 'no',
      limiterGcCpuPercent: 0,
      secondsUntilLimiter: null,
      heapGoalBytes: null,
      liveAfterMarkBytes: L,
      cyclesPerGiB: 0,
      cyclesPerSec: 0,
      gcCpuPercent: 0,
      peakHeapBytes: null,
      peakTotalBytes: null,
      fitsContainer: s.containerLimitBytes === null ? null : false,
      secondsUntilGoalAtLimit: null,
      secondsUntilContainerLimit: cal.liveGrowthBytesPerSec > 0 ? 0 : null,
      uncertainty: { ...cal.fit },
    };
  }
  // GC CPU per cycle scales with the heap at mark termination plus roots (as calibrated).
  const trig = triggerFor(marked, goal, runway);
  const markEnd = regime === 'limiter' ? goal * MAX_OVERSHOOT : Math.min(goal, trig + markAlloc(goal, trig));
  const scan = markEnd + roots;
  const costPerCycleSec = (cal.gcCpuNsPerScanByte * scan) / 1e9;
  const mut = cal.mutatorCpuSecPerGiB;
  let cyclesPerGiB = GiB / Math.max(markEnd - marked, MIN_RUNWAY);
  let share = sharesFromCost(cyclesPerGiB * costPerCycleSec, mut);
  const limiter = limiterBucket(share, cal);
  const limiterEngaged = limiter.verdict === 'yes';
  // Engaged, the limiter stops assists (mgcmark.go gcAssistAlloc checks gcCPULimiter.limiting()) and
  // the heap overshoots its goal instead: GC CPU stays near the 50% the bucket allows. The mutator
  // then allocates during each mark for as long as the mark takes, so the cycles per GiB are those
  // whose GC CPU equals that share of the mutator's: mut × share/(1 − share) ÷ cost per cycle.
  if (limiterEngaged) {
    share = LIMITER_SHARE;
    if (costPerCycleSec > 0) cyclesPerGiB = Math.min(cyclesPerGiB, (mut * LIMITER_SHARE) / (1 - LIMITER_SHARE) / costPerCycleSec);
  }
  const perCycle = GiB / cyclesPerGiB;
  // The peak heap (the heap at mark termination that 1 cycle in 20 reaches): the typical heap at mark
  // termination plus the calibrated spread per byte a mark allocates. Engaged, the limiter runs cycles
  // back to back, so a cycle allocates its whole share while marking: the heap ends at heapMarked + that.
  // Without the spread (reports made before it was measured): the goal + the calibrated overshoot.
  // (tests/fixtures/whatif under an engaged limiter: heapMarked = live + one cycle's allocation, 43 MB
  // against 35 + 8 on Go 1.26 and 45 against 35 + 10 on Go 1.25, then the heap ends one cycle's
  // allocation above it.)
  const typicalEnd = limiterEngaged ? Math.max(goal, L + 2 * perCycle) : markEnd;
  const markAllocated = limiterEngaged ? perCycle : Math.max(0, markEnd - trig);
  const peakHeap =
    cal.peakSpreadPerMarkAlloc !== undefined
      ? typicalEnd + cal.peakSpreadPerMarkAlloc * markAllocated
      : limiterEngaged
        ? Math.max(goal, marked + perCycle) + overshoot
        : goal + overshoot;
  const peakTotal = peakHeap + cal.nonHeapBytes;
  // A CPU-bound program's allocation rate scales with the CPU left to the mutator.
  const calShare = cal.gcCpuPercent / 100;
  const allocRate = cal.allocBytesPerSec * (calShare < 1 ? (1 - share) / (1 - calShare) : 1);
  const g = cal.liveGrowthBytesPerSec;
  let untilGoal: number | null = null;
  let untilContainer: number | null = null;
  if (g > 0 && !steadyOnly) {
    // The same model with the live heap grown for t seconds; the first t where the condition holds.
    const later = (t: number) => predict({ ...cal, liveBytes: L + g * t, liveAfterMarkBytes: cal.liveAfterMarkBytes + g * t }, s, true);
    if (Number.isFinite(limGoal)) untilGoal = firstTime((t) => later(t).regime !== 'gogc');
    if (s.containerLimitBytes !== null) untilContainer = firstTime((t) => later(t).fitsContainer === false);
  }
  // The memory-limit goal moves with the non-heap term from one reading to the next (mgcpacer.go
  // memoryLimitHeapGoal recomputes it from mappedReady − heapFree − heapAlloc at every call, and the free
  // slots of in-use spans in it rise after each sweep and fall as they are refilled). With runtime/metrics,
  // the model is run again at that term ± its spread over the calibrated window: the differences widen the
  // ± of each figure, and a limiter verdict that changes within them becomes 'uncertain'.
  const uncertainty = { ...cal.fit };
  let verdict = limiter.verdict;
  const spread = cal.nonHeap?.spreadBytes ?? 0;
  if (!steadyOnly && s.memoryLimitBytes !== null && spread > 0) {
    for (const nh of [cal.nonHeapBytes - spread, cal.nonHeapBytes + spread]) {
      const q = predict({ ...cal, nonHeapBytes: Math.max(0, nh), nonHeap: undefined }, s, true);
      const rel = (a: number | null, b: number) => (a === null || !(b > 0) ? 0 : Math.abs(a - b) / b);
      uncertainty.cyclesPerGiB = Math.max(uncertainty.cyclesPerGiB, rel(q.cyclesPerGiB, cyclesPerGiB));
      uncertainty.gcCpu = Math.max(uncertainty.gcCpu, rel(q.gcCpuPercent, share * 100));
      uncertainty.peakHeap = Math.max(uncertainty.peakHeap, rel(q.peakHeapBytes, peakHeap));
      if (q.limiter !== verdict) verdict = 'uncertain';
    }
  }
  return {
    ...s,
    regime,
    limiterEngaged: verdict === 'yes',
    limiter: verdict,
    limiterGcCpuPercent: limiter.share * 100,
    secondsUntilLimiter: limiter.seconds,
    secondsUntilLimiterRange: limiter.secondsRange,
    heapGoalBytes: goal,
    liveAfterMarkBytes: marked,
    cyclesPerGiB,
    cyclesPerSec: (cyclesPerGiB * allocRate) / GiB,
    gcCpuPercent: share * 100,
    peakHeapBytes: peakHeap,
    peakTotalBytes: peakTotal,
    fitsContainer: s.containerLimitBytes === null ? null : peakTotal <= s.containerLimitBytes,
    secondsUntilGoalAtLimit: untilGoal,
    secondsUntilContainerLimit: untilContainer,
    uncertainty,
  };
}
