// The GC CPU limiter (runtime/mgclimit.go, the same in Go 1.21–1.26): a leaky
// bucket GOMAXPROCS × 1 s deep (capacityPerProc) that fills with GC time and
// drains with mutator time (gcCPULimiterState.accumulate: change = gcTime −
// mutatorTime, never below empty); full, the limiter is on and assists stop.
// What counts (updateLocked): assist time; a flat 25% of all CPU while marking
// (gcBackgroundUtilization, not what the mark workers really used); GOMAXPROCS
// × every stop-the-world pause (finishGCTransition). Idle Ps and idle mark
// workers count as neither and leave the total (windowTotalTime −= idleTime).
// Here: the verdict for a predicted steady share, and a replay of the bucket
// over a gctrace log (what the limiter did in a measured run).

import type { GcTraceModel } from '../formats/godebug/gctrace';
import type { LimiterVerdict, WhatifCalibration } from './types';

/** The bucket fills above this share of busy CPU: a 50% cap. */
export const LIMITER_SHARE = 0.5;
/** mgclimit.go capacityPerProc: 1 CPU-second per P. */
const CAPACITY_SEC_PER_P = 1;
/** mgcpacer.go gcBackgroundUtilization: what the limiter counts for background marking. */
const BACKGROUND_UTILIZATION = 0.25;

/**
 * How much the GC's share of the CPU moves between runs at the same settings, relative: the least uncertainty
 * a verdict takes, whatever one run's cycles say. tests/fixtures/whatif (runs of 2026-12-04, each setting near
 * 50% run three times, nothing else on the machine): Go 1.25.5 GOMEMLIMIT 2× 46.4–52.1% (one run of three did
 * not engage the limiter), 1.5× 47.8–52.4%; Go 1.26.8 GOGC=50 37.2–46.4%, GOGC=off with GOMEMLIMIT 2×
 * 38.8–48.1%: up to ±10% of the share around the middle of its range. One run cannot show this spread, so
 * predict says 'uncertain' for any share within it of 50%, while its figures follow the calibrated verdict.
 */
export const RUN_TO_RUN_GC_CPU = 0.1;

/**
 * The verdict for a predicted GC share of busy CPU (GC ÷ (GC + mutator): the
 * limiter's own denominator when Ps are busy). Above 50% the bucket fills at
 * GOMAXPROCS × (2 × share − 1) per second, so from empty it is full after
 * 1 s ÷ (2 × share − 1); below it drains and stays empty. Where share ± the
 * calibration's uncertainty over the bucket's time scale straddles 50%, the
 * verdict is 'uncertain' (and predict widens that to RUN_TO_RUN_GC_CPU). Not modelled: one mark phase long enough to fill the
 * bucket on its own (seconds of assists above 25% of the CPU).
 */
export function limiterBucket(
  share: number,
  cal: WhatifCalibration,
): { verdict: LimiterVerdict; share: number; seconds: number | null; secondsRange: [number | null, number | null] } {
  const u = cal.fit.gcCpuMean ?? cal.fit.gcCpu;
  const fill = (f: number) => (f > LIMITER_SHARE ? CAPACITY_SEC_PER_P / (2 * f - 1) : null);
  const verdict: LimiterVerdict = share * (1 - u) > LIMITER_SHARE ? 'yes' : share * (1 + u) < LIMITER_SHARE ? 'no' : 'uncertain';
  // The fill time at share ± its uncertainty: soonest first; null = the bucket never fills at that end.
  return { verdict, share, seconds: fill(share), secondsRange: [fill(share * (1 + u)), fill(share * (1 - u))] };
}

/** GC time of cycle i as the limiter counts it, CPU ms: pauses × GOMAXPROCS, assists, 25% of the CPU while marking. */
export function limiterGcMs(m: GcTraceModel, i: number, procs: number): number {
  return procs * (m.sweepTermMs[i] + m.markTermMs[i]) + m.cpuAssistMs[i] + BACKGROUND_UTILIZATION * procs * m.concurrentMs[i];
}

export interface LimiterReplay {
  /** Fullest the bucket got after cycle `fromCycle` (index), as a fraction of its capacity. */
  maxFill: number;
  /** Seconds since process start when the bucket first filled after `fromCycle`; null = never. */
  engagedAtSec: number | null;
}

/**
 * Replays the bucket over the log from the process start, in 10 ms steps
 * (gcCPULimiterUpdatePeriod): each cycle is its sweep-termination pause (all
 * Ps GC), its concurrent mark (25% of the Ps plus its assists spread evenly;
 * its idle marking leaves the total), its mark-termination pause; the time
 * between cycles is mutator time (a busy program: gctrace does not show idle
 * Ps, which would make the limiter engage sooner).
 */
/**
 * What gctrace does not show and runtime/metrics can add, as mean rates over the replayed stretch
 * (CPU-seconds per second): scavenge assists, which the limiter counts as GC time
 * (mgclimit.go updateLocked: limiterEventScavengeAssist joins assistTime; /cpu/classes/scavenge/assist),
 * and idle Ps, which leave its total (/cpu/classes/idle).
 */
export interface ReplayExtras {
  scavengeAssistPerSec: number;
  idlePerSec: number;
}

export function replayLimiter(m: GcTraceModel, fromIndex: number, extras: ReplayExtras = { scavengeAssistPerSec: 0, idlePerSec: 0 }): LimiterReplay {
  const step = 10;
  let fill = 0;
  let maxFill = 0;
  let engagedAtSec: number | null = null;
  for (let i = 0; i < m.count; i++) {
    if (i > 0 && m.run[i] !== m.run[i - 1]) fill = 0;
    const procs = m.procs[i] > 0 ? m.procs[i] : 1;
    const cap = procs * CAPACITY_SEC_PER_P * 1000;
    const start = m.t[i] * 1000;
    const next = i + 1 < m.count && m.run[i + 1] === m.run[i] ? m.t[i + 1] * 1000 : start + m.sweepTermMs[i] + m.concurrentMs[i] + m.markTermMs[i];
    const markMs = Math.max(m.concurrentMs[i], 1e-3);
    // [duration ms, GC Ps, idle Ps] of each phase, then the mutator until the next cycle
    const phases: [number, number, number][] = [
      [m.sweepTermMs[i], procs, 0],
      [m.concurrentMs[i], BACKGROUND_UTILIZATION * procs + m.cpuAssistMs[i] / markMs, m.cpuIdleMs[i] / markMs],
      [m.markTermMs[i], procs, 0],
    ];
    const used = phases.reduce((a, p) => a + p[0], 0);
    phases.push([Math.max(0, next - start - used), 0, 0]);
    let t = start;
    for (const [dur, gc, idle] of phases) {
      if (dur > 0) {
        // The rates are constant within a phase, so the 10 ms updates are summed in closed form:
        // a step loop took dur / 10 ms turns, and a log whose clock jumps (hours between cycles,
        // or a damaged time) made that billions of turns.
        // scavenge assists and idle Ps come from the mutator's time (they are what the mutator's goroutines or Ps did instead)
        const idleAll = Math.min(procs, idle + extras.idlePerSec);
        const g = Math.min(gc + extras.scavengeAssistPerSec, procs - idleAll);
        const rate = g - (procs - idleAll - g);
        const first = Math.min(step, dur);
        if (i >= fromIndex) {
          // The fullest after any update: after the last one when filling, after the first when draining.
          const peak = rate > 0 ? fill + rate * dur : fill + rate * first;
          maxFill = Math.max(maxFill, Math.min(cap, Math.max(0, peak)) / cap);
          if (engagedAtSec === null && rate >= 0 && fill + rate * dur >= cap) {
            // The first update whose end reaches the capacity (at least one update).
            const steps = rate > 0 ? Math.max(1, Math.ceil((cap - fill) / rate / step)) : 1;
            engagedAtSec = (t + Math.min(steps * step, dur)) / 1000;
          }
        }
        fill = Math.min(cap, Math.max(0, fill + rate * dur));
      }
      t += dur;
    }
  }
  return { maxFill, engagedAtSec };
}
