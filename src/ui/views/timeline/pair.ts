// Which inputs feed the shared timeline: gctrace and schedtrace from the same
// log when one holds both, otherwise the first of each across the session.

import type { InputReport, Report } from '../../../report/schema';

export function timelinePair(report: Report): { gc: InputReport; sched: InputReport } | undefined {
  const ok = report.inputs.filter((i) => !i.error);
  const both = ok.find((i) => i.gc?.series && i.sched);
  if (both) return { gc: both, sched: both };
  const gc = ok.find((i) => i.gc?.series && i.gc.series.tSec.length > 0);
  const sched = ok.find((i) => i.sched && i.sched.samples > 0);
  return gc && sched ? { gc, sched } : undefined;
}
