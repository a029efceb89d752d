// Plain-English conclusions from the gc analysis, each with its evidence and a
// pointer to the chart point that shows it. Thresholds are stated in the text
// so a reader can judge them.

import type { Finding } from '../finding';
import { formatBytes } from '../../lib/display';
import type { GcAnalysis } from './types';
import { msText, sigText } from '../../lib/numberText';
import { GROWTH_OF_NOTE, stillLoading, windowStart } from './steady';

const ms = msText;
const pct = (x: number) => `${sigText(x)}%`;
/** The implied GOGC said as what it is: how far the goal sits above the live heap (not a configured GOGC). */
const goalAbove = (g: number) => `goal ${g}% above the live heap`;

/** Cycles the program forced (runtime.GC, debug.FreeOSMemory); `evidence` says how they were recognised. */
export function forcedFinding(gc: GcAnalysis, evidence: string): Finding {
  return {
    rule: 'gc.forced',
    severity: 'info',
    title: `${gc.forced} forced GC cycle${gc.forced === 1 ? '' : 's'} (runtime.GC or debug.FreeOSMemory)`,
    detail: 'The program itself triggered these collections. Each one is a full cycle regardless of heap size; check whether the calls are needed.',
    evidence: [evidence],
    anchor: { analysis: 'gc', chart: 'pauses' },
  };
}

export function gcFindings(gc: GcAnalysis): Finding[] {
  const out: Finding[] = [];
  const goalAtLimit = gc.impliedGogcMedian !== undefined && gc.impliedGogcMedian < 50;
  const cpu = gc.gcCpuPercent;
  const peakInterval = gc.gcCpuPercentMaxInterval ?? 0;

  if (cpu >= 25 || (goalAtLimit && peakInterval >= 25)) {
    out.push({
      rule: 'gc.back-to-back',
      severity: cpu >= 25 ? 'critical' : 'warning',
      title: goalAtLimit
        ? `GC CPU ${pct(cpu)} and the heap goal stays at the live heap: the GC runs back to back`
        : `GC CPU ${pct(cpu)}: the garbage collector takes a large share of the CPU`,
      detail: goalAtLimit
        ? 'The heap goal stays close to the live heap instead of growing by GOGC% above it. Either GOMEMLIMIT is below what the program keeps alive (raise it, or reduce the live heap; the GC CPU limiter caps this at about 50%), or GOGC itself is set very low (raise it). The diagnosis above says which, when the session has the settings.'
        : 'The GC is designed to use about 25% of GOMAXPROCS while marking. A larger share means the heap is small for the allocation rate: raise GOGC or GOMEMLIMIT headroom, or allocate less.',
      evidence: [
        `cumulative GC CPU ${pct(cpu)} at the last cycle (the runtime's share of GOMAXPROCS × the time since start)`,
        ...(gc.gcCpuPercentMaxInterval !== undefined ? [`peak GC CPU between two cycles ${pct(gc.gcCpuPercentMaxInterval)}`] : []),
        ...(gc.impliedGogcMedian !== undefined ? [`${goalAbove(gc.impliedGogcMedian)} (GOGC=100: 100%)`] : []),
        // A rate only where the window can support one (gc.window-short says why not).
        ...(gc.gcPerSecond !== undefined && (gc.steady?.judgeable ?? true) ? [`${gc.gcPerSecond.toFixed(1)} GC cycles per second`] : []),
        `peak live heap ${formatBytes(gc.peakLiveBytes ?? gc.peakHeapBytes)}, peak goal ${formatBytes(gc.peakGoalBytes)}`,
      ],
      anchor: { analysis: 'gc', chart: 'cpu' },
    });
  } else if (goalAtLimit) {
    out.push({
      rule: 'gc.goal-capped',
      severity: 'warning',
      title: `The heap goal is capped near the live heap (${goalAbove(gc.impliedGogcMedian!)})`,
      detail: 'Something other than GOGC sets the heap goal, usually GOMEMLIMIT. The GC runs more often than GOGC alone would make it; check the limit leaves headroom above the live heap.',
      evidence: [`${goalAbove(gc.impliedGogcMedian!)} (GOGC=100: 100%)`, `peak live heap ${formatBytes(gc.peakLiveBytes ?? 0)}, peak goal ${formatBytes(gc.peakGoalBytes)}`],
      anchor: { analysis: 'gc', chart: 'heap' },
    });
  }

  const w = gc.worstPauses[0];
  if (w && gc.pauseMs.max >= 10) {
    out.push({
      rule: 'gc.long-pause',
      severity: gc.pauseMs.max >= 100 ? 'critical' : 'warning',
      title: `Stop-the-world pauses up to ${ms(gc.pauseMs.max)} (p99 ${ms(gc.pauseMs.p99)})`,
      detail:
        'GC pauses are normally well under 1 ms. Long ones usually mean the process could not get CPU to stop the world: CPU throttling under a container CPU limit, GOMAXPROCS above the CPUs it may use, or a busy node. The diagnosis at the top compares GOMAXPROCS with the CPU limit and the CPU used, when the session has them.',
      evidence: [
        `worst: cycle ${w.cycle} at ${w.tSec.toFixed(3)} s, ${ms(w.sweepTermMs)} sweep termination + ${ms(w.markTermMs)} mark termination`,
        `GOMAXPROCS ${gc.gomaxprocs.join(', ')}`,
        `pause p50 ${ms(gc.pauseMs.p50)}, p90 ${ms(gc.pauseMs.p90)}, p99 ${ms(gc.pauseMs.p99)}`,
      ],
      anchor: { analysis: 'gc', chart: 'timeline', timeSec: w.tSec },
    });
  }

  // Judged after the warm-up: the first cycles at the 4 MiB minimum heap come many per second by design.
  const st = gc.steady;
  const rate = st ? (st.judgeable ? st.gcPerSecond : null) : (gc.gcPerSecond ?? null);
  if (rate !== null && rate >= 10 && !goalAtLimit) {
    out.push({
      rule: 'gc.frequent',
      severity: 'warning',
      title: `${rate.toFixed(0)} GC cycles per second${st ? ' after the warm-up' : ''}`,
      detail: 'Very frequent cycles mean a small heap goal for the allocation rate. Raising GOGC (memory for CPU) or setting GOMEMLIMIT with GOGC raised lets the heap grow between cycles; cutting allocations helps both.',
      evidence: [
        ...(st ? [`${st.cycles} cycles over ${st.durationSec.toFixed(2)} s after the warm-up`] : []),
        ...(gc.allocBytesPerSec !== undefined ? [`allocation rate ≈ ${formatBytes(gc.allocBytesPerSec)}/s`] : []),
        `peak goal ${formatBytes(gc.peakGoalBytes)}`,
      ],
      anchor: { analysis: 'gc', chart: 'heap', ...(st?.warmupEndSec != null ? { timeSec: st.warmupEndSec } : {}) },
    });
  } else if (st && !st.judgeable && gc.cycles > 1) {
    out.push({
      rule: 'gc.window-short',
      severity: 'info',
      title: `Too short to judge GC frequency or heap growth (${st.cycles} cycle${st.cycles === 1 ? '' : 's'} over ${st.durationSec.toFixed(2)} s ${windowStart(st)})`,
      detail:
        st.startCycle <= 1
          ? 'The first cycles of a process run at the 4 MiB minimum heap and while caches fill; rates and trends only mean something over a few seconds of steady running. Capture a longer log (a minute or more) to judge them.'
          : 'Rates and trends only mean something over a few seconds of steady running, and this log holds only a moment of it. Capture a longer log (a minute or more) to judge them.',
      evidence: [
        `${gc.cycles} cycles in all${gc.durationSec !== undefined ? ` over ${gc.durationSec.toFixed(2)} s` : ''}`,
        ...(st.minimumHeapCycles ? [`${st.minimumHeapCycles} at the start with the minimum heap goal`] : []),
      ],
      anchor: { analysis: 'gc', chart: 'heap' },
    });
  }

  // Start-up cycles at a tiny heap lean on assists by design: judged only with a steady window.
  if (gc.assistPercent !== undefined && gc.assistPercent >= 30 && gc.cycles >= 5 && (st?.judgeable ?? true)) {
    out.push({
      rule: 'gc.assists',
      severity: 'warning',
      title: `Mutator assists do ${pct(gc.assistPercent)} of the marking work`,
      detail: 'When goroutines allocate faster than the background workers mark, the GC makes them help (assist), which shows up as latency in request handlers. More heap headroom (GOGC/GOMEMLIMIT) or fewer allocations reduce it.',
      evidence: [`assist share of mark CPU ${pct(gc.assistPercent)}`],
      anchor: { analysis: 'gc', chart: 'cpu' },
    });
  }

  if (gc.forced > 0) out.push(forcedFinding(gc, `${gc.forced} of ${gc.cycles} cycles marked (forced)`));

  const runCount = gc.runCount ?? gc.runs?.length ?? 1;
  if (gc.runs && runCount > 1) {
    out.push({
      rule: 'gc.restarts',
      severity: 'warning',
      title: `The log holds ${runCount} runs of the process (it restarted ${runCount - 1} time${runCount === 2 ? '' : 's'})`,
      detail: 'The GC cycle number went back, so the process started again. In a container that is often an OOM kill (which leaves no Go output): look at the heap just before each restart.',
      evidence: [
        ...gc.runs.slice(0, 10).map((r) => `run ${r.index + 1}: cycles ${r.firstCycle}–${r.lastCycle}, ${r.startSec}–${r.endSec} s, from line ${r.firstLine}`),
        ...(runCount > 10 ? [`and ${runCount - 10} more runs`] : []),
      ],
      anchor: { analysis: 'gc', chart: 'heap' },
    });
  }

  if (st?.judgeable && st.liveGrowth >= GROWTH_OF_NOTE && st.risingShare >= 0.6 && st.liveEndBytes >= 4 * 1048576) {
    const loading = stillLoading(st);
    out.push({
      rule: 'gc.live-heap-growth',
      // A short log that never levelled off may be a start-up still loading: said, not warned of.
      severity: loading ? 'info' : 'warning',
      title: st.warmupEndCycle === null ? `The live heap grew ${st.liveGrowth.toFixed(1)}× and has not levelled off` : `The live heap grew ${st.liveGrowth.toFixed(1)}× after the warm-up`,
      detail:
        st.warmupEndCycle === null
          ? `The memory still reachable after each GC rose through the whole log without levelling off. A long start-up looks like this too${loading ? `, and ${st.durationSec.toFixed(1)} s is too short to tell them apart: capture a log of a minute or more` : ''}; if it keeps rising it is a leak (maps, slices or goroutines that are never released). A heap profile (inuse_space) shows who holds it.`
          : 'The memory still reachable after each GC kept rising after it had levelled off once: that is how a leak looks (maps, slices or goroutines that are never released). A heap profile (inuse_space) shows who holds it.',
      evidence: [
        `median live heap ${formatBytes(st.liveStartBytes)} ${st.warmupEndSec !== null ? `after the warm-up (${st.warmupEndSec.toFixed(2)} s)` : 'at the start'}, ${formatBytes(st.liveEndBytes)} at the end`,
        `it rose in ${pct(st.risingShare * 100)} of ${st.cycles} cycles over ${st.durationSec.toFixed(1)} s`,
      ],
      anchor: { analysis: 'gc', chart: 'heap', ...(st.warmupEndSec !== null ? { timeSec: st.warmupEndSec } : {}) },
    });
  }
  return out;
}
