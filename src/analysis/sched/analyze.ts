// schedtrace model → the `sched` analysis: P/thread/run-queue summary, per-P
// run queues, a heat map, downsampled series, goroutine states from
// scheddetail, and findings (sched/findings.ts).

import type { SchedTraceModel } from '../../formats/godebug/schedtrace';
import type { GodebugModel } from '../../formats/godebug/stream';
import type { Finding } from '../finding';
import { NONE } from '../../formats/godebug/cursor';
import { peakIndices } from '../downsample';
import { nearestRank, sortedCopy } from '../percentiles';
import { schedFindings } from './findings';
import type { SchedAnalysis, SchedGoroutines, SchedHeatmap, SchedPerP, SchedSeries } from './types';

const MAX_POINTS = 2000;
const HEAT_COLS = 240;
const HEAT_ROWS = 64;
const MAX_PERP = 256;

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const orNull = (v: number) => (v === NONE ? null : v);

/** Sum of the per-P local run queues of sample i. */
export function localRunqOf(m: SchedTraceModel, i: number): number {
  let s = 0;
  const a = m.pStart[i];
  for (let j = 0; j < m.pCount[i]; j++) s += m.pRunq[a + j];
  return s;
}

function versionHint(m: SchedTraceModel): string {
  const f = m.features;
  const parts: string[] = [];
  if (f.helpgc) parts.push('helpgc= (≤1.11)');
  if (f.timerslen) parts.push('timerslen= (1.14+)');
  if (f.minusOneIds) parts.push('-1 ids (≤1.19)');
  if (f.nilIds) parts.push('nil ids (1.20+)');
  if (f.needspinning) parts.push('needspinning= (1.20+)');
  if (f.schedticks) parts.push('schedticks= (1.26+)');
  return parts.join(', ');
}

function heatmap(m: SchedTraceModel): SchedHeatmap {
  const n = m.tMs.length;
  let procs = 0;
  for (let i = 0; i < n; i++) procs = Math.max(procs, m.pCount[i]);
  const cols = Math.min(n, HEAT_COLS);
  const procsPerRow = Math.max(1, Math.ceil(procs / HEAT_ROWS));
  const rows = Math.ceil(procs / procsPerRow);
  const grid = new Map<number, number>();
  const tSec: number[] = [];
  let max = 0;
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * n) / cols);
    const hi = Math.floor(((c + 1) * n) / cols);
    tSec.push(m.tMs[lo] / 1000);
    for (let i = lo; i < hi; i++) {
      const a = m.pStart[i];
      for (let j = 0; j < m.pCount[i]; j++) {
        const v = m.pRunq[a + j];
        if (v <= 0) continue;
        const key = c * rows + Math.floor(j / procsPerRow);
        if (v > (grid.get(key) ?? 0)) grid.set(key, v);
        if (v > max) max = v;
      }
    }
  }
  const cells: [number, number, number][] = [];
  for (const [key, v] of grid) cells.push([Math.floor(key / rows), key % rows, v]);
  cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { tSec, rows, procsPerRow, cells, max };
}

function goroutines(m: SchedTraceModel): SchedGoroutines | undefined {
  const n = m.tMs.length;
  const g: SchedGoroutines = {
    samples: 0, maxTotal: 0, maxRunning: 0, maxRunnable: 0, maxWaiting: 0, maxSyscall: 0, meanRunnable: 0,
    waitReasons: [], maxSpinningMs: 0, maxBlockedMs: 0, maxLockedMs: 0,
  };
  let runnable = 0;
  for (let i = 0; i < n; i++) {
    if (!m.detailed[i]) continue;
    g.samples++;
    g.maxTotal = Math.max(g.maxTotal, m.gTotal[i]);
    g.maxRunning = Math.max(g.maxRunning, m.gRunning[i]);
    g.maxRunnable = Math.max(g.maxRunnable, m.gRunnable[i]);
    g.maxWaiting = Math.max(g.maxWaiting, m.gWaiting[i]);
    g.maxSyscall = Math.max(g.maxSyscall, m.gSyscall[i]);
    g.maxSpinningMs = Math.max(g.maxSpinningMs, m.mSpinning[i]);
    g.maxBlockedMs = Math.max(g.maxBlockedMs, m.mBlocked[i]);
    g.maxLockedMs = Math.max(g.maxLockedMs, m.mLocked[i]);
    runnable += m.gRunnable[i];
  }
  if (g.samples === 0) return undefined;
  g.meanRunnable = r3(runnable / g.samples);
  g.waitReasons = Object.entries(m.waitReasons)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, 12);
  return g;
}

export function analyzeSched(m: SchedTraceModel, _all?: GodebugModel): { sched: SchedAnalysis; findings: Finding[] } {
  const n = m.tMs.length;
  const procs = new Set<number>();
  let maxThreads = 0;
  let maxIdleThreads = NONE;
  let maxIdle = NONE;
  let minIdle = Infinity;
  let sumIdle = 0;
  let idleN = 0;
  let idlePos = 0;
  let maxBusy = NONE;
  let maxGlobal = NONE;
  let sumGlobal = 0;
  let globalN = 0;
  let maxLocal = 0;
  let saturated = 0;
  let maxSpin = NONE;
  let spinPos = 0;
  let spinN = 0;
  const gaps: number[] = [];
  const localTotals: number[] = new Array(n);
  let runs = n ? 1 : 0;
  for (let i = 0; i < n; i++) {
    procs.add(m.gomaxprocs[i]);
    maxThreads = Math.max(maxThreads, m.threads[i]);
    if (m.idlethreads[i] !== NONE) maxIdleThreads = Math.max(maxIdleThreads, m.idlethreads[i]);
    const idle = m.idleprocs[i];
    if (idle !== NONE) {
      maxIdle = Math.max(maxIdle, idle);
      minIdle = Math.min(minIdle, idle);
      sumIdle += idle;
      idleN++;
      if (idle > 0) idlePos++;
      maxBusy = Math.max(maxBusy, m.gomaxprocs[i] - idle);
    }
    const g = m.runqueue[i];
    if (g !== NONE) {
      maxGlobal = Math.max(maxGlobal, g);
      sumGlobal += g;
      globalN++;
    }
    const local = localRunqOf(m, i);
    localTotals[i] = local;
    maxLocal = Math.max(maxLocal, local);
    if (idle === 0 && Math.max(0, g) + local >= 1) saturated++;
    const s = m.spinning[i];
    if (s !== NONE) {
      spinN++;
      maxSpin = Math.max(maxSpin, s);
      if (s > 0) spinPos++;
    }
    if (i > 0) {
      if (m.run[i] === m.run[i - 1]) gaps.push(m.tMs[i] - m.tMs[i - 1]);
      else runs++;
    }
  }

  let durationSec = 0;
  for (let i = 1; i < n; i++) if (m.run[i] === m.run[i - 1]) durationSec += (m.tMs[i] - m.tMs[i - 1]) / 1000;

  // Per-P local run queues.
  const perPMax: number[] = [];
  const perPSum: number[] = [];
  const perPN: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = m.pStart[i];
    for (let j = 0; j < Math.min(m.pCount[i], MAX_PERP); j++) {
      const v = m.pRunq[a + j];
      perPMax[j] = Math.max(perPMax[j] ?? 0, v);
      perPSum[j] = (perPSum[j] ?? 0) + v;
      perPN[j] = (perPN[j] ?? 0) + 1;
    }
  }
  const perP: SchedPerP[] = perPMax.map((mx, p) => ({ p, runqMax: mx, runqMean: r3(perPSum[p] / perPN[p]), samples: perPN[p] }));

  const idx = peakIndices(n, MAX_POINTS, (i) => Math.max(0, m.runqueue[i]) + localTotals[i] + m.threads[i]);
  const series: SchedSeries = {
    run: idx.map((i) => m.run[i]),
    tSec: idx.map((i) => m.tMs[i] / 1000),
    gomaxprocs: idx.map((i) => m.gomaxprocs[i]),
    idleprocs: idx.map((i) => orNull(m.idleprocs[i])),
    busyprocs: idx.map((i) => (m.idleprocs[i] === NONE ? null : m.gomaxprocs[i] - m.idleprocs[i])),
    threads: idx.map((i) => m.threads[i]),
    idlethreads: idx.map((i) => orNull(m.idlethreads[i])),
    spinning: idx.map((i) => orNull(m.spinning[i])),
    runqueue: idx.map((i) => orNull(m.runqueue[i])),
    localRunq: idx.map((i) => localTotals[i]),
    gRunning: idx.map((i) => orNull(m.gRunning[i])),
    gRunnable: idx.map((i) => orNull(m.gRunnable[i])),
    gWaiting: idx.map((i) => orNull(m.gWaiting[i])),
    gSyscall: idx.map((i) => orNull(m.gSyscall[i])),
  };

  const detailedSamples = m.detailed.reduce((s, d) => s + (d ? 1 : 0), 0);
  const sched: SchedAnalysis = {
    source: 'schedtrace',
    formatVersions: versionHint(m),
    samples: n,
    detailedSamples,
    intervalMs: gaps.length ? nearestRank(sortedCopy(gaps), 0.5) : null,
    durationSec: r3(durationSec),
    runs,
    gomaxprocs: [...procs].sort((a, b) => a - b),
    maxThreads,
    maxIdleThreads: orNull(maxIdleThreads),
    maxIdleProcs: orNull(maxIdle),
    minIdleProcs: idleN ? minIdle : null,
    meanIdleProcs: idleN ? r3(sumIdle / idleN) : null,
    maxBusyProcs: orNull(maxBusy),
    meanBusyProcs: idleN ? r3(m.gomaxprocs.reduce((s, p, i) => s + (m.idleprocs[i] === NONE ? 0 : p - m.idleprocs[i]), 0) / idleN) : null,
    idleProcsSamplesPercent: idleN ? r3((100 * idlePos) / idleN) : null,
    maxGlobalRunqueue: orNull(maxGlobal),
    meanGlobalRunqueue: globalN ? r3(sumGlobal / globalN) : null,
    maxLocalRunqueue: maxLocal,
    saturatedSamplesPercent: n ? r3((100 * saturated) / n) : 0,
    maxSpinning: orNull(maxSpin),
    spinningSamplesPercent: spinN ? r3((100 * spinPos) / spinN) : null,
    perP,
    goroutines: goroutines(m),
    anomalies: m.anomalies.slice(0, 10),
    series,
    heatmap: heatmap(m),
    truncated: m.truncated,
  };
  return { sched, findings: schedFindings(sched, m) };
}
