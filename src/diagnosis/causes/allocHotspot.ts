// An allocation hot spot: the GC costs a large share of the CPU used, with the
// default GOGC and room under any limit, and one place allocates most bytes.
// A concentrated allocation profile alone is normal and not a cause.

import { formatBytes } from '../../lib/display';
import { gogcInForce, type Facts } from '../facts';
import { cause, coresText, ev, pct, type CauseRule } from './rule';
import { limitShapesGoal, spreadText } from '../../analysis/gc/goalShape';

export const allocHotspot: CauseRule = {
  id: 'alloc-hotspot',
  evaluate(f: Facts) {
    const s = f.gcShare;
    if (!s || s.value < 0.15) return null;
    const pro = [ev(s, `GC takes ${pct(s.value)} of the CPU used`)];
    const con = [];
    let conf = 0.35 + Math.min(0.3, s.value - 0.15);
    const C = f.coresUsed?.value;
    if (C !== undefined && s.value * C < 0.05) {
      conf -= 0.25;
      con.push(ev(f.coresUsed, `that is only ${coresText(s.value * C)} of GC work: the process is mostly idle`));
    }
    const mp = f.memProfiles.find((x) => x.profile.allocHotspots?.length);
    const hot = mp?.profile.allocHotspots?.[0];
    if (mp && hot && hot.share >= 0.3) {
      conf += 0.2;
      pro.push(ev({ src: mp.src, anchor: { analysis: 'profile' } }, `${hot.name} allocates ${pct(hot.share)} of all bytes (${formatBytes(hot.bytes)})`));
    }
    const gc = f.gctrace?.gc;
    if (gc?.steady?.judgeable && gc.steady.gcPerSecond !== null && gc.steady.gcPerSecond >= 10) {
      conf += 0.1;
      pro.push(ev(f.gctrace, `${gc.steady.gcPerSecond.toFixed(0)} GC cycles per second after the warm-up`, { analysis: 'gc', chart: 'heap' }));
    }
    if (gc?.steady?.judgeable && gc.assistPercent !== undefined && gc.assistPercent >= 30) {
      conf += 0.1;
      pro.push(ev(f.gctrace, `allocating goroutines do ${Math.round(gc.assistPercent)}% of the marking (assists): allocation outpaces the collector`, { analysis: 'gc', chart: 'cpu' }));
    }
    if (f.gogc && f.gogc.value > 0 && f.gogc.value < 50) {
      conf -= 0.5;
      con.push(ev(f.gogc, `GOGC=${f.gogc.value} is low: that explains the GC cost better`));
    } else if (gc?.impliedGogcMedian !== undefined && (gc.impliedGogcMedian < 50 || (gc.impliedGogcMedian < gogcInForce(f) && limitShapesGoal(gc)))) {
      // A goal that wanders from cycle to cycle is a memory limit's (goalShape.ts): raising GOGC would not help there.
      const shaped = limitShapesGoal(gc);
      conf -= gc.impliedGogcMedian < 50 ? 0.5 : 0.3;
      con.push(
        ev(
          f.gctrace,
          shaped
            ? `the heap goal moves ${spreadText(gc)} above the live heap from cycle to cycle: a memory limit sets it, and raising the limit lowers the GC cost where raising GOGC would not`
            : `the heap goal is only ${gc.impliedGogcMedian}% above the live heap: a low GOGC or a memory limit explains the GC cost better`,
          { analysis: 'gc', chart: 'heap' },
        ),
      );
    }
    const live = f.liveHeap ?? f.heapInUse;
    if (f.gomemlimit && live && live.value >= 0.9 * f.gomemlimit.value) {
      conf -= 0.4;
      con.push(ev(f.gomemlimit, 'the live heap is at GOMEMLIMIT: the limit explains the GC cost better'));
    }
    return cause({
      id: 'alloc-hotspot',
      title: `Allocation drives the GC: ${pct(s.value)} of the CPU goes to collecting${hot ? ` (${hot.name} allocates most)` : ''}`,
      confidence: conf,
      // GOGC is named only where the session shows it: a profile alone does not say whether it is the default.
      summary: `The collector takes ${pct(s.value)} of the CPU used${f.gogc ? ` with GOGC=${f.gogc.value}` : f.configs.length ? ' with GOGC at its default (the configuration does not set it)' : ''}; the allocation rate${hot ? `, mostly from ${hot.name},` : ''} keeps it running.`,
      change: `Allocate less in the hot path${hot ? ` (${hot.name}: reuse buffers with sync.Pool, preallocate, avoid fmt for building strings)` : ''}; or trade memory for CPU with a higher GOGC and a GOMEMLIMIT under the container limit.`,
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};
