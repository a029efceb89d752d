// gcpacertrace model → the `pacer` analysis and its findings. Each mark-end
// line is one cycle; the assist line printed at that cycle's start gives its
// heap goal and assist ratio; gctrace in the same log gives its time.

import { NONE } from '../../formats/godebug/cursor';
import type { PacerTraceModel } from '../../formats/godebug/gcpacertrace';
import type { GodebugModel } from '../../formats/godebug/stream';
import type { Finding } from '../finding';
import { peakIndices } from '../downsample';
import { cycleAfter, gctraceOf } from '../gcCycleTime';
import { nearestRank, sortedCopy } from '../percentiles';
import { pacerFindings } from './findings';
import type { PacerAnalysis, PacerSeries } from './types';

const MAX_POINTS = 2000;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function analyzePacer(m: PacerTraceModel, all?: GodebugModel): { pacer: PacerAnalysis; findings: Finding[] } {
  const gc = gctraceOf(all);
  const C = m.cycles;
  const A = m.assists;
  const n = C.line.length;
  const na = A.line.length;
  // The assist line of cycle i: the last one before its mark-end line and after the previous mark-end line.
  const assistOf: number[] = new Array(n).fill(-1);
  let a = 0;
  for (let i = 0; i < n; i++) {
    const from = i > 0 ? C.line[i - 1] : -1;
    while (a < na && A.line[a] < C.line[i]) {
      if (A.line[a] > from) assistOf[i] = a;
      a++;
    }
  }
  const goalOf = (i: number): number | null => {
    if (C.goalBytes[i] !== NONE) return C.goalBytes[i];
    return assistOf[i] >= 0 ? A.goalBytes[assistOf[i]] : null;
  };

  let over = 0;
  let overshoot = 0;
  let maxOvershoot = -Infinity;
  let sumUtil = 0;
  for (let i = 0; i < n; i++) {
    if (C.utilPercent[i] > C.goalPercent[i] + 5) over++;
    if (C.overGoalBytes[i] > 0) overshoot++;
    maxOvershoot = Math.max(maxOvershoot, C.overGoalBytes[i]);
    sumUtil += C.utilPercent[i];
  }
  const goalPercent = n ? nearestRank(sortedCopy(C.goalPercent), 0.5) : null;

  // Heap goal over cycles (assist lines cover 1.18+; H_g covers old runtimes).
  const goals: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = goalOf(i);
    if (g !== null) goals.push(g);
  }
  if (n === 0) for (const g of A.goalBytes) goals.push(g);
  let changes = 0;
  let gmin = Infinity;
  let gmax = -Infinity;
  for (let i = 0; i < goals.length; i++) {
    if (i > 0 && goals[i] !== goals[i - 1]) changes++;
    gmin = Math.min(gmin, goals[i]);
    gmax = Math.max(gmax, goals[i]);
  }

  const ratios = sortedCopy(A.ratio);
  const us = sortedCopy(C.utilPercent);
  const shapes = new Set(C.shape);

  const idx = peakIndices(n, MAX_POINTS, (i) => C.utilPercent[i]);
  const timeOf = (i: number): [number | null, number | null] => {
    if (!gc) return [null, null];
    const k = cycleAfter(gc, C.line[i]);
    return k < 0 ? [null, null] : [gc.t[k], gc.n[k]];
  };
  const times = idx.map(timeOf);
  const series: PacerSeries = {
    tSec: times.map((t) => t[0]),
    cycle: times.map((t) => t[1]),
    utilPercent: idx.map((i) => C.utilPercent[i]),
    goalPercent: idx.map((i) => C.goalPercent[i]),
    overGoalBytes: idx.map((i) => C.overGoalBytes[i]),
    heapLiveBytes: idx.map((i) => C.heapLiveBytes[i]),
    goalBytes: idx.map(goalOf),
    assistRatio: idx.map((i) => (assistOf[i] >= 0 ? A.ratio[assistOf[i]] : null)),
  };

  const pacer: PacerAnalysis = {
    source: 'gcpacertrace',
    formatVersions: [...shapes].sort().join(', '),
    cycles: n,
    assists: na,
    sweeps: m.sweeps.line.length,
    assistRatio: na ? { p50: nearestRank(ratios, 0.5), p90: nearestRank(ratios, 0.9), max: ratios[na - 1] } : null,
    utilPercent: n ? { p50: nearestRank(us, 0.5), p90: nearestRank(us, 0.9), max: us[n - 1], mean: r3(sumUtil / n) } : null,
    goalPercent,
    overGoalCyclesPercent: n ? r3((100 * over) / n) : null,
    overshootCyclesPercent: n ? r3((100 * overshoot) / n) : null,
    maxOvershootBytes: n ? maxOvershoot : null,
    heapGoal: goals.length ? { first: goals[0], min: gmin, max: gmax, last: goals[goals.length - 1], changes } : null,
    maxDedicatedWorkers: na ? A.dedicatedWorkers.reduce((x, y) => Math.max(x, y), 0) : null,
    series,
    truncated: m.truncated,
  };
  return { pacer, findings: pacerFindings(pacer) };
}
