// gctrace model → the `gc` analysis (summary, histogram, worst pauses, series)
// and its findings. Definitions follow docs/report-schema.md:
// pause = sweep termination + mark termination wall clock (what MemStats.PauseNs
// records per cycle); percentiles are nearest-rank.

import type { GcTraceModel } from '../../formats/godebug/gctrace';
import type { Finding } from '../finding';
import { peakIndices } from '../downsample';
import { logHistogram } from '../histogram';
import { rankValues } from '../percentiles';
import { gcFindings } from './findings';
import { steadyState } from './steady';
import type { GcAnalysis, GcPause, GcRun, GcSeries } from './types';

const MAX_POINTS = 2000;
const WORST = 20;
/** Runs listed in the report (a log with more restarts is summarised). */
const MAX_RUNS = 200;

/** Round away binary noise from sums of decimal ms values. */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function pauseMsOf(m: GcTraceModel, i: number): number {
  return r6(m.sweepTermMs[i] + m.markTermMs[i]);
}

/** GC CPU % of GOMAXPROCS between the starts of cycle i-1 and i (idle marking excluded); null at a run's start. */
export function intervalCpuPercent(m: GcTraceModel, i: number): number | null {
  const v = intervalCpuPercentRaw(m, i);
  return Number.isNaN(v) ? null : v;
}

function intervalCpuPercentRaw(m: GcTraceModel, i: number): number {
  if (i === 0 || m.run[i] !== m.run[i - 1]) return NaN;
  // The cycle's CPU was spent within its own wall clock, so the interval is at
  // least that long (start times are printed truncated to 1 ms).
  const wallMs = m.sweepTermMs[i] + m.concurrentMs[i] + m.markTermMs[i];
  const dtMs = Math.max((m.t[i] - m.t[i - 1]) * 1000, wallMs);
  if (!(dtMs > 0) || !(m.procs[i] > 0)) return NaN;
  const cpu = m.cpuSweepTermMs[i] + m.cpuAssistMs[i] + m.cpuBackgroundMs[i] + m.cpuMarkTermMs[i];
  return r6((100 * cpu) / (m.procs[i] * dtMs));
}

function formatVersions(m: GcTraceModel): string {
  const has5 = m.phases.includes(5);
  const hasStacks = m.stacks.some((s) => s >= 0);
  const hasOld = m.stacks.some((s) => s < 0) && m.phases.includes(3);
  const parts: string[] = [];
  if (has5) parts.push('1.5');
  if (hasOld) parts.push('1.6–1.17');
  if (hasStacks) parts.push('1.18+');
  return parts.join(', ');
}

export function analyzeGc(m: GcTraceModel): { gc: GcAnalysis; findings: Finding[] } {
  const n = m.count;
  const pauses = new Float64Array(n);
  let forced = 0;
  let maxStw = 0;
  let peakHeap = 0;
  let peakLive = 0;
  let peakGoal = 0;
  let peakStacks = -1;
  let peakGlobals = -1;
  let assist = 0;
  let markCpu = 0;
  let maxInterval = -1;
  const procs = new Set<number>();
  const runs: GcRun[] = [];
  let allocBytes = 0;
  const implied = new Float64Array(n);
  const impliedRoots = new Float64Array(n);
  let nImplied = 0;

  for (let i = 0; i < n; i++) {
    pauses[i] = pauseMsOf(m, i);
    if (m.forced[i]) forced++;
    maxStw = Math.max(maxStw, m.sweepTermMs[i], m.markTermMs[i]);
    peakHeap = Math.max(peakHeap, m.heapEnd[i], m.heapStart[i]);
    peakLive = Math.max(peakLive, m.heapLive[i]);
    peakGoal = Math.max(peakGoal, m.heapGoal[i]);
    peakStacks = Math.max(peakStacks, m.stacks[i]);
    peakGlobals = Math.max(peakGlobals, m.globals[i]);
    procs.add(m.procs[i]);
    assist += m.cpuAssistMs[i];
    markCpu += m.cpuAssistMs[i] + m.cpuBackgroundMs[i] + m.cpuIdleMs[i];
    const iv = intervalCpuPercentRaw(m, i);
    if (iv > maxInterval) maxInterval = iv;
    const sameRun = i > 0 && m.run[i] === m.run[i - 1];
    if (!sameRun) {
      runs.push({ index: m.run[i], cycles: 0, firstCycle: m.n[i], lastCycle: m.n[i], startSec: m.t[i], endSec: m.t[i], firstLine: m.lineNo[i] });
    } else {
      allocBytes += Math.max(0, m.heapEnd[i] - m.heapLive[i - 1]);
      const prevLive = m.heapLive[i - 1];
      if (prevLive >= 16 * 1048576) {
        const roots = prevLive + Math.max(0, m.stacks[i]) + Math.max(0, m.globals[i]);
        impliedRoots[nImplied] = roots;
        implied[nImplied++] = (100 * (m.heapGoal[i] - prevLive)) / roots;
      }
    }
    const run = runs[runs.length - 1];
    run.cycles++;
    run.lastCycle = m.n[i];
    run.endSec = m.t[i];
  }

  // Exact nearest-rank values without sorting a million pauses (src/analysis/percentiles.ts).
  const ranks = rankValues(pauses, [0.5, 0.9, 0.99]);
  let total = 0;
  for (let i = 0; i < n; i++) total += pauses[i];
  const durationSec = r6(runs.reduce((s, r) => s + (r.endSec - r.startSec), 0));

  const worstPauses: GcPause[] = topIndices(pauses, WORST).map((i) => ({
    cycle: m.n[i],
    run: m.run[i],
    tSec: m.t[i],
    pauseMs: pauses[i],
    sweepTermMs: m.sweepTermMs[i],
    markTermMs: m.markTermMs[i],
    heapBytes: m.heapEnd[i],
    goalBytes: m.heapGoal[i],
    forced: m.forced[i] === 1,
    line: m.lineNo[i],
  }));

  const idx = peakIndices(n, MAX_POINTS, (i) => pauses[i]);
  const series: GcSeries = {
    run: idx.map((i) => m.run[i]),
    cycle: idx.map((i) => m.n[i]),
    tSec: idx.map((i) => m.t[i]),
    pauseMs: idx.map((i) => pauses[i]),
    heapStartBytes: idx.map((i) => m.heapStart[i]),
    heapEndBytes: idx.map((i) => m.heapEnd[i]),
    liveBytes: idx.map((i) => m.heapLive[i]),
    goalBytes: idx.map((i) => m.heapGoal[i]),
    cpuPercentInterval: idx.map((i) => intervalCpuPercent(m, i)),
    cpuPercentCumulative: idx.map((i) => m.cumCpuPct[i]),
  };

  const [impliedQ1, impliedMedian, impliedQ3] = nImplied ? rankValues(implied.subarray(0, nImplied), [0.25, 0.5, 0.75]).at : [NaN, NaN, NaN];
  // gctrace prints whole MB: the goal less the live heap can be off by 1 MB, which moves the implied GOGC by this much.
  const impliedRounding = nImplied ? (100 * 1048576) / rankValues(impliedRoots.subarray(0, nImplied), [0.5]).at[0] : NaN;
  const gc: GcAnalysis = {
    source: 'gctrace',
    formatVersions: formatVersions(m),
    cycles: n,
    forced,
    runCount: runs.length,
    runs: runs.slice(0, MAX_RUNS),
    pauseMs: {
      p50: ranks.at[0],
      p90: ranks.at[1],
      p99: ranks.at[2],
      max: ranks.max,
      total: r6(total),
    },
    maxStwMs: maxStw,
    peakHeapBytes: peakHeap,
    peakLiveBytes: peakLive,
    peakGoalBytes: peakGoal,
    gomaxprocs: [...procs].sort((a, b) => a - b),
    gcCpuPercent: m.cumCpuPct[n - 1],
    gcCpuPercentMaxInterval: maxInterval >= 0 ? maxInterval : undefined,
    gcPerSecond: durationSec > 0 ? r6((n - runs.length) / durationSec) : undefined,
    durationSec,
    allocBytesPerSec: durationSec > 0 ? Math.round(allocBytes / durationSec) : undefined,
    assistPercent: markCpu > 0 ? r6((100 * assist) / markCpu) : undefined,
    impliedGogcMedian: nImplied ? Math.round(impliedMedian) : undefined,
    ...(nImplied >= 8 ? { impliedGogcSpread: { q1: r6(impliedQ1), q3: r6(impliedQ3), roundingPoints: r6(impliedRounding), cycles: nImplied } } : {}),
    peakStacksBytes: peakStacks >= 0 ? peakStacks : undefined,
    peakGlobalsBytes: peakGlobals >= 0 ? peakGlobals : undefined,
    pauseHistogramMs: logHistogram(pauses),
    worstPauses,
    series,
  };
  if (n > 0) {
    // The last process run, at full resolution.
    let start = n - 1;
    while (start > 0 && m.run[start - 1] === m.run[n - 1]) start--;
    const steady = steadyState({
      tSec: m.t.subarray(start, n),
      liveBytes: m.heapLive.subarray(start, n),
      goalBytes: m.heapGoal.subarray(start, n),
      cumCpuPercent: m.cumCpuPct.subarray(start, n),
      cycle: m.n.subarray(start, n),
    });
    if (steady) gc.steady = steady;
  }
  return { gc, findings: gcFindings(gc) };
}

/** Indices of the k largest values, largest first (earlier index first on ties), in one pass. */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (top.length === k && v <= values[top[k - 1]]) continue;
    let j = top.length < k ? top.length : k - 1;
    while (j > 0 && values[top[j - 1]] < v) {
      if (j < k) top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
    if (top.length > k) top.length = k;
  }
  return top;
}
