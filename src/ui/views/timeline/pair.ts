// Which inputs feed the shared timeline: gctrace and schedtrace from the same
// log when one holds both, otherwise the first of each across the session.

import type { Report } from '../../../report/schema';
import { hasAnalysis, type WithAnalysis } from '../withAnalysis';

export function timelinePair(report: Report): { gc: WithAnalysis<'gc'>; sched: WithAnalysis<'sched'> } | undefined {
  const ok = report.inputs.filter((i) => !i.error);
  const both = ok.filter(hasAnalysis('gc')).filter(hasAnalysis('sched')).find((i) => i.gc.series);
  if (both) return { gc: both, sched: both };
  const gc = ok.filter(hasAnalysis('gc')).find((i) => i.gc.series && i.gc.series.tSec.length > 0);
  const sched = ok.filter(hasAnalysis('sched')).find((i) => i.sched.samples > 0);
  return gc && sched ? { gc, sched } : undefined;
}
