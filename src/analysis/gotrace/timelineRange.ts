// What a range selected on the timeline holds: the CPU time each goroutine
// ran in it (the parts of its slices inside the range; the top N), the CPU
// time of GC mark workers, the time inside GC cycles, and the stop-the-worlds
// overlapping it. Same figures as tools/traceslices computes with x/exp/trace
// for its windows. Pure: reads the span store and the collector.

import type { TimelineCounters } from './timelineCounters';
import { SliceKind, type SpanStore } from './spanStore';
import { firstAbove } from './timelineQuery';

export interface RangeStats {
  t0: number;
  t1: number;
  /** Running time of all goroutines inside the range (summed over Ps). */
  cpuNs: number;
  /** Of which GC mark workers. */
  gcWorkerNs: number;
  /** Time of the range inside a GC cycle. */
  gcNs: number;
  /** Goroutines that ran in the range. */
  goroutines: number;
  /** The goroutines that ran longest in it, longest first (ties: lower id first). */
  topByCpu: { g: number; ns: number }[];
  /** Stop-the-worlds overlapping the range: how many, their time inside it, and the first few. */
  stws: number;
  stwNs: number;
  stwList: { start: number; end: number; reason: string }[];
  /** The trace's Ps (for CPU share: cpuNs ÷ (procs × range)). */
  procs: number;
  /** Set when the range reaches where the timeline keeps only blocks: from then its CPU time is
   *  estimated from the blocks (each block's running time × its share inside the range) and counts for no goroutine. */
  coarseFrom: number | null;
}

const overlap = (s: number, e: number, t0: number, t1: number): number => Math.max(0, Math.min(e, t1) - Math.max(s, t0));

/** Statistics of [t0, t1); `top` goroutines listed at most. */
export function rangeStats(spans: SpanStore, c: TimelineCounters, t0: number, t1: number, top = 10): RangeStats {
  const cpu = new Map<number, number>();
  let cpuNs = 0;
  let gcWorkerNs = 0;
  for (const lane of spans.lanes.values()) {
    const s = lane.start.a;
    const e = lane.end.a;
    const g = lane.g.a;
    const k = lane.kind.a;
    for (let i = firstAbove(lane.maxEnd ?? e, lane.length, t0); i < lane.length && s[i] < t1; i++) {
      if (e[i] <= t0) continue;
      const ns = overlap(s[i], e[i], t0, t1);
      cpu.set(g[i], (cpu.get(g[i]) ?? 0) + ns);
      cpuNs += ns;
      if (k[i] === SliceKind.Gc) gcWorkerNs += ns;
    }
    const cl = lane.coarse;
    if (!cl) continue;
    for (let i = firstAbove(cl.maxEnd, cl.length, t0); i < cl.length && cl.start.a[i] < t1; i++) {
      const span = cl.end.a[i] - cl.start.a[i];
      const f = span > 0 ? overlap(cl.start.a[i], cl.end.a[i], t0, t1) / span : 0;
      cpuNs += Math.round(cl.busy.a[i] * f);
      gcWorkerNs += Math.round(cl.gcBusy.a[i] * f);
    }
  }
  const topByCpu = [...cpu].map(([g, ns]) => ({ g, ns })).sort((a, b) => b.ns - a.ns || a.g - b.g).slice(0, top);
  let gcNs = 0;
  for (let i = 0; i < c.gcStart.length; i++) {
    const s = c.gcStart[i] < 0 ? c.firstTime : c.gcStart[i];
    const e = c.gcEnd[i] < 0 ? c.lastTime : c.gcEnd[i];
    gcNs += overlap(s, e, t0, t1);
  }
  let stws = 0;
  let stwNs = 0;
  const stwList: RangeStats['stwList'] = [];
  for (let i = 0; i < c.stwStart.length; i++) {
    const s = c.stwStart[i];
    const e = c.stwEnd[i] < 0 ? c.lastTime : c.stwEnd[i];
    if (!(s < t1 && e > t0)) continue;
    stws++;
    stwNs += overlap(s, e, t0, t1);
    if (stwList.length < 8) stwList.push({ start: s, end: e, reason: c.stwReason[i] ?? '' });
  }
  return { t0, t1, cpuNs, gcWorkerNs, gcNs, goroutines: cpu.size, topByCpu, stws, stwNs, stwList, procs: spans.procs().filter((p) => p >= 0).length, coarseFrom: spans.coarseFrom !== null && spans.coarseFrom < t1 ? spans.coarseFrom : null };
}
