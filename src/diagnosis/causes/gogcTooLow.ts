// GOGC set low while memory is plentiful: the GC runs far more often than the
// memory available requires, and CPU goes to collecting.

import { formatBytes } from '../../lib/display';
import type { Facts } from '../facts';
import { cause, ev, pct, type CauseRule } from './rule';
import { limitShapesGoal } from '../../analysis/gc/goalShape';

export const gogcTooLow: CauseRule = {
  id: 'gogc-too-low',
  evaluate(f: Facts) {
    const g = f.gogc;
    const gc = f.gctrace?.gc;
    const limitBound = f.gomemlimit && (f.liveHeap ?? f.heapInUse) && (f.liveHeap ?? f.heapInUse)!.value >= 0.9 * f.gomemlimit.value;
    let value: number | undefined;
    const pro = [];
    const con = [];
    let conf = 0;
    if (g && g.value > 0 && g.value < 50) {
      value = g.value;
      conf += 0.3;
      pro.push(ev(g, `GOGC=${g.value}, ${g.how} in ${g.what}`));
    } else if (!g && !f.gomemlimit && gc?.impliedGogcMedian !== undefined && gc.impliedGogcMedian > 0 && gc.impliedGogcMedian < 50 && !limitShapesGoal(gc)) {
      // A goal that wanders from cycle to cycle is a memory limit's, not GOGC's (memlimitBelowLive's limitBinds).
      value = gc.impliedGogcMedian;
      conf += 0.2;
      pro.push(ev(f.gctrace, `the heap goal is ${gc.impliedGogcMedian}% above the live heap (effective GOGC ≈ ${gc.impliedGogcMedian}; no GOMEMLIMIT seen)`, { analysis: 'gc', chart: 'heap' }));
    }
    if (value === undefined || limitBound) return null;
    const s = f.gcShare;
    if (s && s.value >= 0.15) {
      conf += 0.4;
      pro.push(ev(s, `GC takes ${pct(s.value)} of the CPU used`));
    } else if (s && s.value < 0.05) {
      conf -= 0.3;
      con.push(ev(s, `GC takes only ${pct(s.value)} of the CPU used: the low GOGC costs little here`));
    }
    const live = f.liveHeap?.value;
    const lim = f.memLimit;
    const goal100 = live !== undefined ? live * 2 : undefined;
    if (lim && goal100 !== undefined && goal100 < 0.7 * lim.value) {
      conf += 0.2;
      pro.push(ev(lim, `memory limit ${formatBytes(lim.value)}: room for the ${formatBytes(goal100)} heap GOGC=100 would use`));
    } else if (!lim && live !== undefined) {
      conf += 0.1;
    } else if (lim && goal100 !== undefined) {
      con.push(ev(lim, `memory limit ${formatBytes(lim.value)} leaves little room above the live heap`));
    }
    if (gc?.steady?.judgeable && gc.steady.gcPerSecond !== null) pro.push(ev(f.gctrace, `${gc.steady.gcPerSecond.toFixed(0)} GC cycles per second after the warm-up`, { analysis: 'gc', chart: 'heap' }));
    return cause({
      id: 'gogc-too-low',
      title: `GOGC=${value} makes the collector run far more often than the memory needs`,
      confidence: conf,
      summary: `With GOGC=${value} the heap may grow only ${value}% above the live heap before the next cycle, so the GC runs constantly${s ? ` (${pct(s.value)} of the CPU used)` : ''} while the container has memory to spare.`,
      change: `Raise GOGC to 100 (the default)${live !== undefined ? `: the heap would peak near ${formatBytes(live * 2)}` : ''}; set GOMEMLIMIT${lim ? ` to about 90% of the ${formatBytes(lim.value)} memory limit` : ''} as the ceiling instead of a low GOGC.`,
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};
