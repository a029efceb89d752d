// Plain-English conclusions from the pacer analysis.

import { formatBytes } from '../../lib/display';
import type { Finding } from '../finding';
import type { PacerAnalysis } from './types';

const pct = (x: number) => `${Math.round(x)}%`;

export function pacerFindings(p: PacerAnalysis): Finding[] {
  const out: Finding[] = [];
  if (!p.utilPercent || p.cycles < 3 || p.goalPercent === null) return out;
  if ((p.overGoalCyclesPercent ?? 0) >= 50) {
    out.push({
      rule: 'pacer.cpu-over-goal',
      severity: p.utilPercent.p50 >= 2 * p.goalPercent ? 'warning' : 'info',
      title: `GC marking used more CPU than its ${pct(p.goalPercent)} goal in ${pct(p.overGoalCyclesPercent ?? 0)} of cycles (median ${pct(p.utilPercent.p50)})`,
      detail:
        'The pacer plans each cycle to use about 25% of GOMAXPROCS for marking. Going above it means mutator assists made up the difference: goroutines that allocate are drafted into marking, which shows up as latency. Usually the heap goal is too tight for the allocation rate — a memory limit near the live heap, or a low GOGC.',
      evidence: [
        `GC CPU during mark: p50 ${pct(p.utilPercent.p50)}, p90 ${pct(p.utilPercent.p90)}, max ${pct(p.utilPercent.max)} (goal ${pct(p.goalPercent)})`,
        ...(p.assistRatio ? [`assist ratio p50 ${p.assistRatio.p50.toPrecision(3)}, max ${p.assistRatio.max.toPrecision(3)}`] : []),
        `${p.cycles} cycles`,
      ],
      anchor: { analysis: 'pacer', chart: 'util' },
    });
  }
  if ((p.overshootCyclesPercent ?? 0) >= 50 && (p.maxOvershootBytes ?? 0) > 0) {
    out.push({
      rule: 'pacer.overshoot',
      severity: 'info',
      title: `The heap ended above its goal in ${pct(p.overshootCyclesPercent ?? 0)} of cycles`,
      detail:
        'Marking finished after the heap had passed the goal: the program allocated faster than the GC could mark with its planned CPU. With a memory limit set, this is how a process ends up past the limit; leave more headroom or reduce the allocation rate.',
      evidence: [
        `largest overshoot ${formatBytes(p.maxOvershootBytes ?? 0)}`,
        ...(p.heapGoal ? [`heap goal ${formatBytes(p.heapGoal.min)}–${formatBytes(p.heapGoal.max)}, changed ${p.heapGoal.changes} times`] : []),
      ],
      anchor: { analysis: 'pacer', chart: 'goal' },
    });
  }
  return out;
}
