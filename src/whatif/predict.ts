// Predictions of the GC model for any GOGC × GOMEMLIMIT × container limit,
// from a calibration (calibrate.ts). Each rule follows the Go runtime source
// (runtime/mgcpacer.go, runtime/mgclimit.go, Go 1.21–1.27 alike); the function
// named in each comment is where the rule lives.

import { LIMITER_SHARE, limiterBucket, RUN_TO_RUN_GC_CPU } from './limiter';
import type { GoalRegime, WhatifCalibration, WhatifPrediction, WhatifSettings } from './types';

export const GiB = 1 << 30;
/** A calibrated run whose GC was marking during more than this share of what it allocated ran mostly marking (predict likelyLow). */
export const MOSTLY_MARKING = 0.5;
/** The share of a run's allocation made while its GC was marking: the median mark's allocation × cycles per byte. */
export const markingShare = (c: Pick<WhatifCalibration, 'markAllocBytes' | 'cyclesPerGiB'>) => (c.markAllocBytes * c.cyclesPerGiB) / GiB;
const MiB = 1 << 20;

/** mgcpacer.go defaultHeapMinimum: 4 MiB at GOGC=100, scaled by GOGC/100 (gcControllerState.setGCPercent). */
export const HEAP_MINIMUM = 4 * MiB;
/** mgcpacer.go memoryLimitHeapGoalHeadroomPercent and memoryLimitMinHeapGoalHeadroom. */
const LIMIT_HEADROOM_PERCENT = 3;
const LIMIT_MIN_HEADROOM = MiB;
/** What of limit − non-heap the goal keeps past the 3% headroom. */
const LIMIT_KEEP = 1 - LIMIT_HEADROOM_PERCENT / 100;
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

/**
 * The memory-limit goal's non-heap term where the goal is `goal`: memory outside heap spans, plus the free
 * slots of in-use spans, which grow with the garbage a cycle leaves (goal − live heap): what the last sweep
 * freed in spans that still hold live objects. This is the term at mark termination, where gctrace prints the
 * goal; at the trigger it is larger by what the mark then allocates (predict: pace). Without the measured
 * ratio (gctrace alone, old links), the calibrated term as it is.
 */
export function nonHeapAt(cal: WhatifCalibration, goal: number): number {
  const nh = cal.nonHeap;
  if (nh?.unusedPerGarbage === undefined) return cal.nonHeapBytes;
  return nh.outsideHeapBytes + nh.unusedPerGarbage * Math.max(0, goal - cal.liveBytes);
}

/**
 * memoryLimitGoal where the non-heap term depends on the goal it sets (nonHeapAt): the goal G solves
 * G = limit − nonHeapAt(G) − headroom. Each headroom branch (3%, or 1 MiB) is linear in G, so each has its
 * fixed point in closed form, and the goal is the lesser (a minimum of decreasing functions crosses the
 * identity where the lower one does). This is the goal as gctrace prints it (at mark termination); the
 * runs of tests/fixtures/whatif under GOMEMLIMIT 1.2×, 1.5× and 2× the heap marked live printed 45–75 MB
 * goals, within 3.2% of it on Go 1.25.5 and 5–7% on Go 1.26.8 (runs of 2026-12-04), from their GOGC=100 run's calibration. The
 * overshoot bound of memoryLimitGoal is left out here: it stood in for the free slots this term now holds.
 * Without the measured ratio (gctrace alone, old links), memoryLimitGoal with the constant term.
 */
export function memoryLimitGoalFor(cal: WhatifCalibration, limit: number | null, overshoot: number): number {
  if (limit === null) return Infinity;
  const u = cal.nonHeap?.unusedPerGarbage;
  if (u === undefined) return memoryLimitGoal(limit, nonHeapAt(cal, 0), overshoot);
  const L = cal.liveBytes;
  // At or under the live heap the garbage is nil: the goal pins there if the term outside spans already pins it.
  const atLive = memoryLimitGoal(limit, nonHeapAt(cal, L), 0);
  if (atLive <= L) return atLive;
  const k = limit - nonHeapAt(cal, L) + u * L;
  return Math.min((LIMIT_KEEP * k) / (1 + LIMIT_KEEP * u), (k - LIMIT_MIN_HEADROOM) / (1 + u));
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
  // Under the memory limit the goal keeps its distance R ahead of the heap while a mark runs (it rises as the
  // heap does, above), so assists (mgcpacer.go revise: scan work remaining ÷ (goal − heap) per byte allocated)
  // do not ease as the heap nears the goal. With the background workers finishing the work W in what the
  // mutator allocates meanwhile (A0, allocWhileMarking) and assists taking W_left / R per byte, the work left
  // falls as dW/dA = −W/R − W0/A0, and reaches 0 after A = R ln(1 + A0/R) bytes.
  const markAllocUnderLimit = (R: number) => {
    const r = Math.max(R, MIN_RUNWAY);
    return allocWhileMarking > 0 ? Math.min(allocWhileMarking, r * Math.log1p(allocWhileMarking / r)) : r;
  };
  // Where a cycle starts and ends for a goal. Under the memory limit the goal the runtime triggers on is not
  // the one gctrace prints: memoryLimitHeapGoal subtracts mappedReady − heapFree − heapAlloc, and while the
  // heap grows inside spans already in use (from the trigger to mark termination) that term falls by as much
  // as the heap grows, so the goal rises by 97% of it (its 3% headroom). gctrace prints the goal at mark
  // termination (mgcpacer.go endCycle: lastHeapGoal), so the goal at the trigger is that goal less 0.97 × the
  // mark's allocation. (tests/fixtures/whatif at GOMEMLIMIT 1.5× and 2×, both Go versions: the trigger so
  // computed is within 3 MB of the heap at each cycle's start.)
  // `floor`: the least a mark allocates under the memory limit (set once the GC CPU limiter is found to
  // engage, below). Under GOGC the runway shrinks as the heap nears the goal and markAlloc already holds.
  const pace = (marked: number, goal: number, limitDrives: boolean, floor: number) => {
    let trigGoal = goal;
    let trig = triggerFor(marked, goal, runway);
    let end = Math.min(goal, trig + markAlloc(goal, trig));
    if (!limitDrives) return { trigGoal, trig, end };
    for (let k = 0; k < 30; k++) {
      const next = Math.max(marked, goal - LIMIT_KEEP * (end - trig));
      const done = Math.abs(next - trigGoal) < 1;
      trigGoal = (trigGoal + next) / 2;
      trig = triggerFor(marked, trigGoal, runway);
      end = trig + Math.max(floor, markAllocUnderLimit(trigGoal - trig));
      if (done) break;
    }
    return { trigGoal, trig, end };
  };
  // The steady cycle for the settings: heapMarked and the goal depend on each other (allocation during
  // marking is marked live); a few damped fixed-point steps settle them.
  const steady = (floor: number) => {
    let overshoot = cal.overshootBytes;
    let limGoal = memoryLimitGoalFor(cal, s.memoryLimitBytes, overshoot);
    let marked = cal.liveAfterMarkBytes;
    for (let k = 0; k < 60; k++) {
      const gg = gogcGoal(marked, roots, s.gogc);
      // mgcpacer.go heapGoalInternal: the smaller of the GOGC goal and the memory-limit goal;
      // memoryLimitHeapGoal: "Don't let us go below the live heap."
      const goal = Math.max(Math.min(gg, limGoal), L);
      const c = pace(marked, goal, limGoal < gg, floor);
      const next = L + (c.end - c.trig);
      const done = Math.abs(next - marked) < 1;
      marked = (marked + next) / 2; // damped: the runway shrinks as marked grows
      overshoot = overshootFor(marked);
      limGoal = memoryLimitGoalFor(cal, s.memoryLimitBytes, overshoot);
      if (done) break;
    }
    const gg = gogcGoal(marked, roots, s.gogc);
    let regime: GoalRegime = limGoal < gg ? 'memory-limit' : 'gogc';
    let goal = Math.min(gg, limGoal);
    let c = Number.isFinite(goal) ? pace(marked, goal, regime === 'memory-limit', floor) : { trigGoal: goal, trig: goal, end: goal };
    // memoryLimitHeapGoal: a goal at or under the live heap becomes heapMarked, and mgcpacer.go trigger()
    // puts the trigger at the goal once heapMarked ≥ goal: GC back to back. Every cycle then starts at once
    // and runs past the goal up to mgcpacer.go revise's maxOvershoot (1.1 × goal), allocating black
    // meanwhile: heapMarked = L + 0.1 × heapMarked.
    // The goal gctrace would print: the rule's, never under heapMarked.
    const rule = goal;
    if (goal <= L + 1 || (regime === 'memory-limit' && c.trigGoal <= marked + 1)) {
      regime = 'limiter';
      marked = L / (2 - MAX_OVERSHOOT);
      goal = marked;
      overshoot = overshootFor(marked);
      c = { trigGoal: goal, trig: goal, end: goal * MAX_OVERSHOOT };
    }
    return { regime, goal, marked, overshoot, limGoal, trig: c.trig, end: c.end, printed: Math.max(rule, marked) };
  };
  let st = steady(0);
  if (!Number.isFinite(st.goal)) {
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
      likelyLow: null,
    };
  }
  const mut = cal.mutatorCpuSecPerGiB;
  // What a cycle costs. Without the CPU limiter, GC CPU per cycle follows the heap marked live plus roots
  // (calibrate.ts: across GOGC 50–400 within ±20% on both versions, where the heap at mark termination was off
  // fourfold at GOGC=400, and the model put GOGC=400 at 31% GC CPU against 12% measured on Go 1.25.5).
  // Engaged, the limiter skips assists (mgcmark.go gcAssistAlloc), and the calibrated run's assists are most
  // of its GC CPU (63% on Go 1.25.5, 64% on Go 1.26.8, runtime/metrics): its cycles then cost less than the
  // marked heap says (Go 1.25.5 back to back: 29–31 ms a cycle measured, 65 ms by the marked heap, 35 ms by
  // the heap at mark termination, the rule kept there). Reports without the marked rate cost every cycle by
  // the heap at mark termination, as before.
  const costOf = (markEnd: number) => (cal.gcCpuNsPerScanByte * (markEnd + roots)) / 1e9;
  const freeCost = (x: { marked: number; end: number }) =>
    cal.gcCpuNsPerMarkedByte !== undefined ? (cal.gcCpuNsPerMarkedByte * (x.marked + roots)) / 1e9 : costOf(x.end);
  const cyclesOf = (x: typeof st) => GiB / Math.max(x.end - x.marked, MIN_RUNWAY);
  let costPerCycleSec = freeCost(st);
  let cyclesPerGiB = cyclesOf(st);
  let share = sharesFromCost(cyclesPerGiB * costPerCycleSec, mut);
  let limiter = limiterBucket(share, cal);
  // Engaged, the limiter stops assists (mgcmark.go gcAssistAlloc checks gcCPULimiter.limiting()) and
  // GC CPU stays near the 50% the bucket allows, so a mark takes at least as much of the mutator's CPU
  // as of the GC's: it allocates at least cost per cycle ÷ mutator CPU per byte, however close the goal.
  // Not yet back to back, the steady cycle is solved again with that floor (under a memory limit a mark
  // that allocates more lowers the goal at the next trigger, and the GC may then run back to back), and
  // the GC's demand there, before the limiter caps it, decides again. An 'uncertain' verdict above 50%
  // is tried the same way: the bucket fills at that share, and if the cycle it then runs needs surely
  // more than 50%, the limiter stays on.
  let unlimitedKept = false;
  if (mut > 0 && (limiter.verdict === 'yes' || (limiter.verdict === 'uncertain' && share > LIMITER_SHARE))) {
    // engaged, assists are skipped: the cycle is costed by the heap at mark termination (above)
    const engagedCost = costOf(st.end);
    let engaged = { st, cost: engagedCost, cycles: cyclesPerGiB, limiter };
    if (st.regime !== 'limiter') {
      const st2 = steady((engagedCost / mut) * GiB);
      const cost = costOf(st2.end);
      const cycles = cyclesOf(st2);
      const demand = sharesFromCost(cycles * cost, mut);
      engaged = { st: st2, cost, cycles, limiter: demand > share ? limiterBucket(demand, cal) : limiter };
      // The limiter never starts a cycle sooner: mgcpacer.go trigger() and heapGoalInternal take no input
      // from it, and all it does is skip assists (mgcmark.go gcAssistAlloc returns at once while
      // gcCPULimiter.limiting(), and gcDrainN's loop stops on it), which leaves the mark's work to the 25%
      // background worker (mgclimit.go accumulate: on only while the bucket is full): a mark lasts
      // longer and allocates more, never less. So engaged, the cycles per GiB are at most the unlimited
      // cycle's. Where the cycle solved with the floor would still run more often after the 50/50 cap below
      // (under a memory limit the floor pulls the trigger-time goal down to heapMarked, and a back-to-back
      // GC costs less per cycle), that cycle is out of the limiter's reach: lengthening marks cannot bring
      // the GC to 50% there, the limiter stays engaged on and off, and the cycle is the unlimited one at
      // its own GC CPU. The verdict is decided as before; its share and fill time are the unlimited cycle's
      // when that cycle fills the bucket by itself. (tests/fixtures/whatif Go 1.25.5 at GOMEMLIMIT 2× and
      // GOGC=off: 45 and 49 cycles/GiB before the limiter first engaged, 43 and 45 after, the heap at each
      // cycle's start 8–9 MB over heapMarked before and after, GC 54% of the busy CPU before and after.)
      const capped = cost > 0 ? Math.min(cycles, (mut * LIMITER_SHARE) / (1 - LIMITER_SHARE) / cost) : cycles;
      if (engaged.limiter.verdict === 'yes' && capped > cyclesPerGiB) {
        unlimitedKept = true;
        if (limiter.verdict !== 'yes') limiter = engaged.limiter;
      }
    }
    if (!unlimitedKept && engaged.limiter.verdict === 'yes') ({ st, cost: costPerCycleSec, cycles: cyclesPerGiB, limiter } = engaged);
  }
  const limiterEngaged = limiter.verdict === 'yes';
  // Engaged, the GC's share is the limiter's. Its cap reaches the cycles per GiB where the cycle's length follows
  // the mark: back to back, where the trigger is the goal is heapMarked (mgcpacer.go trigger(), go1.25.5 line
  // 1131, and memoryLimitHeapGoal, line 989), so a cycle lasts as long as its mark; and under GOGC, where the goal
  // is heapMarked × (1 + GOGC/100) (commit): with assists skipped (mgcmark.go gcAssistAlloc line 476, gcDrainN
  // line 1331; go1.26.8 lines 534 and 1413) the mark runs longer on the 25% background worker, allocates more,
  // all of it marked live (allocated black), and the next goal rises with it. Either way what a cycle lets the
  // mutator allocate is what the CPU split leaves it: mut × share/(1 − share) ÷ cost per cycle. Under a memory
  // limit with a runway (a goal above heapMarked), the goal is the limit's, which the limiter does not move
  // (trigger() and heapGoalInternal, line 943, take no input from it): the runway sets the cycle and what gives
  // way is the GC's CPU per cycle, which is not a fixed cost of its scan work. So there the pacing's cycle is kept.
  // (tests/fixtures/whatif, runs of 2026-12-04, cycles per GiB before the limiter first engaged and after it, from
  // their runtime/metrics: Go 1.25.5 GOGC=50, three runs, 49.6–49.8 before (49.8 unlimited), 36.5–37.6 after;
  // GOMEMLIMIT 2× with GOGC=off, three runs, 46.2–47.3 before, 46.4–48.9 after. An earlier GOGC=50 run of 8 s,
  // which barely engaged, had put the GOGC regime with the memory limit's.)
  if (limiterEngaged) share = Math.min(share, LIMITER_SHARE);
  // Back to back, the cap is the whole answer, and it takes the mutator's CPU per GiB from the calibrated run.
  // While the GC marks all the time the mutator pays more per byte (the write barrier is always on, every
  // allocation is marked black), which a run that marks part of the time cannot show: in the runs of
  // tests/fixtures/whatif back to back (GOMEMLIMIT 0.8× and 1.2× on Go 1.25.5, 1.26.8 and 1.27.3) it was 1.1–1.8×
  // the GOGC=100 run's (tests/unit/whatif/back-to-back.test.ts). Their cycles per GiB were 38–48% above the model's in
  // 4 of the 6, equal in one, and 8% under in one (Go 1.26.8 at 1.2×, whose cycles also cost 29% more CPU than the
  // model's). The figure is kept and flagged as likely low (likelyLow 'cycles'): one run cannot say by how much.
  // The other way round, a calibrated run whose GC was marking during most of what it allocated read a dearer
  // mutator and a cheaper GC cycle (its assists held back by the limiter): predicted with room between cycles, the
  // GC's share of the CPU comes out low (likelyLow 'gcCpu'). Calibrated on each version's runs at 0.8×, 1.2× and
  // 1.5× the live heap, where 65–107% of the allocation happened while marking (and Go 1.25.5's 2×, 52%), the GC CPU
  // at GOGC 50–400 came out 11–65% low, every one of them low; from the runs that marked during 26–44% of it, within
  // −43…+33% either way (bench/whatif/RESULTS.md, stop 35). Not flagged at a share of 50% or more: there the
  // limiter holds the share near 50% whatever the mutator costs.
  const calMarkedMostly = markingShare(cal) > MOSTLY_MARKING;
  let likelyLow: WhatifPrediction['likelyLow'] = null;
  if (limiterEngaged && !unlimitedKept) {
    const cap = costPerCycleSec > 0 ? (mut * LIMITER_SHARE) / (1 - LIMITER_SHARE) / costPerCycleSec : Infinity;
    if (st.regime !== 'memory-limit' && cap < cyclesPerGiB) {
      cyclesPerGiB = cap;
      if (st.regime === 'limiter' && !calMarkedMostly) likelyLow = 'cycles';
    }
  }
  if (calMarkedMostly && st.regime !== 'limiter' && !limiterEngaged && share < LIMITER_SHARE) likelyLow = 'gcCpu';
  const { regime, goal, marked, overshoot, limGoal, trig, end: markEnd, printed } = st;
  const perCycle = GiB / cyclesPerGiB;
  // The peak heap (the heap at mark termination that 1 cycle in 20 reaches): the typical heap at mark
  // termination plus the calibrated spread per byte a mark allocates. Engaged and back to back, the limiter
  // leaves a cycle its whole share to allocate while marking: the heap ends at heapMarked + that.
  // Without the spread (reports made before it was measured): the goal + the calibrated overshoot.
  // (tests/fixtures/whatif under an engaged limiter: heapMarked = live + one cycle's allocation, 43 MB
  // against 35 + 8 on Go 1.26 and 45 against 35 + 10 on Go 1.25, then the heap ends one cycle's
  // allocation above it.) Engaged under GOGC, where the cap sets the cycle too, the lengthened mark takes up
  // most of the cycle, and the heap ends the same way (Go 1.25.5 GOGC=50 after the limiter engaged: a cycle
  // allocates 27–28 MB, the heap at mark termination 1 cycle in 20 reaches 83 MB over a 35 MB live heap).
  const capped = limiterEngaged && !unlimitedKept && regime !== 'memory-limit';
  const typicalEnd = capped ? Math.max(goal, L + 2 * perCycle) : markEnd;
  const markAllocated = capped ? perCycle : Math.max(0, markEnd - trig);
  const peakHeap =
    cal.peakSpreadPerMarkAlloc !== undefined
      ? typicalEnd + cal.peakSpreadPerMarkAlloc * markAllocated
      : limiterEngaged
        ? Math.max(goal, marked + perCycle) + overshoot
        : goal + overshoot;
  const peakTotal = peakHeap + nonHeapAt(cal, goal);
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
  // A share within the run-to-run spread of 50% may engage the limiter in one run and not the next.
  const nearHalf = limiter.share * (1 - RUN_TO_RUN_GC_CPU) <= LIMITER_SHARE && limiter.share * (1 + RUN_TO_RUN_GC_CPU) >= LIMITER_SHARE;
  let verdict = nearHalf ? 'uncertain' : limiter.verdict;
  // The term's whole spread is kept as the width, though the model now places the goal's rise within a
  // cycle (nonHeapAt, pace): with only the footprint's spread (footprintSpreadBytes, about 1 MiB on the
  // runs of tests/fixtures/whatif) the verdict at GOMEMLIMIT = 1.5 × the live heap on Go 1.26 reads 'no'
  // at a predicted 46.5% GC CPU where the run measured 53.9% and engaged: the mutator's CPU per GiB there
  // (4.1 s) is not the calibrated run's (5.8 s), which no single run shows.
  const nh = cal.nonHeap;
  const spread = nh?.spreadBytes ?? 0;
  if (!steadyOnly && s.memoryLimitBytes !== null && spread > 0) {
    for (const d of [-spread, spread]) {
      const shifted = { ...cal, nonHeapBytes: Math.max(0, cal.nonHeapBytes + d) };
      if (nh) shifted.nonHeap = { ...nh, outsideHeapBytes: Math.max(0, nh.outsideHeapBytes + d), spreadBytes: 0, footprintSpreadBytes: 0 };
      const q = predict(shifted, s, true);
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
    heapGoalBytes: printed,
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
    likelyLow,
  };
}
