// gcpacertrace model → the `pacer` analysis and its findings. Each mark-end
// line is one cycle; the assist line printed at that cycle's start gives its
// heap goal and assist ratio; gctrace in the same log gives its time.

import { NONE } from '../../formats/godebug/cursor';
import type { PacerTraceModel } from '../../formats/godebug/gcpacertrace';
import type { GodebugModel } from '../../formats/godebug/stream';
import type { Finding } from '../../report/schema';
import { peakIndices } from '../downsample';
import { cycleAfter, gctraceOf } from '../gcCycleTime';
import { nearestRank, sortedCopy } from '../percentiles';
import { pacerFindings } from './findings';
import type { PacerAnalysis, PacerSeries } from './types';

const MAX_POINTS = 2000;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function analyzePacer(m: PacerTraceModel, all?: GodebugModel): { pacer: PacerAnalysis; findings: Finding[] } {
  const gc = gctraceOf(all);
  const n = m.cycles.length;
  // The assist line of cycle i: the last one before its mark-end line and after the previous mark-end line.
  const assistOf: number[] = new Array(n).fill(-1);
  let a = 0;
  for (let i = 0; i < n; i++) {
    const from = i > 0 ? m.cycles[i - 1].line : -1;
    while (a < m.assists.length && m.assists[a].line < m.cycles[i].line) {
      if (m.assists[a].line > from) assistOf[i] = a;
      a++;
    }
  }
  const goalOf = (i: number): number | null => {
    const c = m.cycles[i];
    if (c.goalBytes !== NONE) return c.goalBytes;
    return assistOf[i] >= 0 ? m.assists[assistOf[i]].goalBytes : null;
  };

  const utils = m.cycles.map((c) => c.utilPercent);
  const goalPercent = n ? nearestRank(sortedCopy(m.cycles.map((c) => c.goalPercent)), 0.5) : null;
  let over = 0;
  let overshoot = 0;
  let maxOvershoot = -Infinity;
  let sumUtil = 0;
  for (const c of m.cycles) {
    if (c.utilPercent > c.goalPercent + 5) over++;
    if (c.overGoalBytes > 0) overshoot++;
    maxOvershoot = Math.max(maxOvershoot, c.overGoalBytes);
    sumUtil += c.utilPercent;
  }

  // Heap goal over cycles (assist lines cover 1.18+; H_g covers old runtimes).
  const goals: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = goalOf(i);
    if (g !== null) goals.push(g);
  }
  if (n === 0) for (const s of m.assists) goals.push(s.goalBytes);
  let changes = 0;
  for (let i = 1; i < goals.length; i++) if (goals[i] !== goals[i - 1]) changes++;

  const ratios = sortedCopy(m.assists.map((s) => s.ratio));
  const us = sortedCopy(utils);
  const shapes = new Set(m.cycles.map((c) => c.shape));

  const idx = peakIndices(n, MAX_POINTS, (i) => m.cycles[i].utilPercent);
  const timeOf = (i: number): [number | null, number | null] => {
    if (!gc) return [null, null];
    const k = cycleAfter(gc, m.cycles[i].line);
    return k < 0 ? [null, null] : [gc.t[k], gc.n[k]];
  };
  const times = idx.map(timeOf);
  const series: PacerSeries = {
    tSec: times.map((t) => t[0]),
    cycle: times.map((t) => t[1]),
    utilPercent: idx.map((i) => m.cycles[i].utilPercent),
    goalPercent: idx.map((i) => m.cycles[i].goalPercent),
    overGoalBytes: idx.map((i) => m.cycles[i].overGoalBytes),
    heapLiveBytes: idx.map((i) => m.cycles[i].heapLiveBytes),
    goalBytes: idx.map(goalOf),
    assistRatio: idx.map((i) => (assistOf[i] >= 0 ? m.assists[assistOf[i]].ratio : null)),
  };

  const pacer: PacerAnalysis = {
    source: 'gcpacertrace',
    formatVersions: [...shapes].sort().join(', '),
    cycles: n,
    assists: m.assists.length,
    sweeps: m.sweeps.length,
    assistRatio: ratios.length
      ? { p50: nearestRank(ratios, 0.5), p90: nearestRank(ratios, 0.9), max: ratios[ratios.length - 1] }
      : null,
    utilPercent: n ? { p50: nearestRank(us, 0.5), p90: nearestRank(us, 0.9), max: us[n - 1], mean: r3(sumUtil / n) } : null,
    goalPercent,
    overGoalCyclesPercent: n ? r3((100 * over) / n) : null,
    overshootCyclesPercent: n ? r3((100 * overshoot) / n) : null,
    maxOvershootBytes: n ? maxOvershoot : null,
    heapGoal: goals.length
      ? { first: goals[0], min: goals.reduce((a, b) => Math.min(a, b)), max: goals.reduce((a, b) => Math.max(a, b)), last: goals[goals.length - 1], changes }
      : null,
    maxDedicatedWorkers: m.assists.length ? m.assists.reduce((a, s) => Math.max(a, s.dedicatedWorkers), 0) : null,
    series,
    truncated: m.truncated,
  };
  return { pacer, findings: pacerFindings(pacer) };
}
