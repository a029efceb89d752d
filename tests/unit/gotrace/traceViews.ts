// What the page shows of a read trace, as plain data to compare two reads of
// the same trace (split.test.ts, pieces.test.ts): the report, timeline queries
// over the whole trace, a zoomed window, a range and a click, the CPU samples.

import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import { timelineInfo, timelineTile, sliceAt } from '../../../src/analysis/gotrace/timelineQuery';
import { rangeStats } from '../../../src/analysis/gotrace/timelineRange';
import type { GoTraceModel } from '../../../src/analysis/gotrace/model';

/** What the page shows of a read trace: the report and timeline queries over the whole trace, a zoomed window and a click. */
export function views(m: GoTraceModel) {
  const c = m.collected;
  const info = timelineInfo(m.spans, c);
  const t0 = info.firstTime;
  const t1 = info.lastTime;
  const mid = (t0 + t1) / 2;
  const procs = m.spans.procs();
  return {
    report: JSON.parse(JSON.stringify(analyzeGoTrace(m))),
    info,
    whole: timelineTile(m.spans, c, t0, t1, 800),
    zoomed: timelineTile(m.spans, c, mid - (t1 - t0) / 20, mid + (t1 - t0) / 20, 800),
    range: rangeStats(m.spans, c, t0 + (t1 - t0) / 3, t1 - (t1 - t0) / 3),
    click: procs.length ? sliceAt(m.spans, procs[0], mid, (t1 - t0) / 100) : null,
    cpu: { count: m.cpu.count, counts: m.cpu.counts, stacks: m.cpu.stacks },
    read: { events: m.events, generations: m.generations, truncated: m.truncated },
  };
}
