// A heap leak: the live heap keeps rising after the warm-up, cycle after cycle.
// Judged only over a window long enough to mean something (gc/steady.ts). A
// heap that never levelled off in a log shorter than a minute is a start-up
// still loading as much as a leak (the scenario healthy-loading: a cache
// filled for the whole 5 s run), so it stays below the verdict's threshold.

import { formatBytes } from '../../lib/display';
import type { Facts } from '../facts';
import { cause, ev, pct, type CauseRule } from './rule';
import { PROBLEM_THRESHOLD } from '../threshold';
import { GROWTH_OF_NOTE, stillLoading } from '../../analysis/gc/steady';

export const heapLeak: CauseRule = {
  id: 'heap-leak',
  evaluate(f: Facts) {
    const gc = f.gctrace?.gc;
    const st = gc?.steady;
    if (!gc || !st?.judgeable || st.liveGrowth < GROWTH_OF_NOTE || st.risingShare < 0.5) return null;
    const anchor = { analysis: 'gc', chart: 'heap', ...(st.warmupEndSec !== null ? { timeSec: st.warmupEndSec } : {}) };
    const levelled = st.warmupEndCycle !== null;
    const since = levelled ? 'after the warm-up' : 'without levelling off';
    const pro = [
      ev(f.gctrace, `live heap ${formatBytes(st.liveStartBytes)} → ${formatBytes(st.liveEndBytes)} (${st.liveGrowth.toFixed(1)}×) over ${st.durationSec.toFixed(1)} s ${since}`, anchor),
      ev(f.gctrace, `it rose in ${pct(st.risingShare)} of ${st.cycles} cycles`, anchor),
    ];
    const con = [];
    let conf = levelled ? 0.55 : 0.35;
    conf += Math.min(0.2, (st.liveGrowth - GROWTH_OF_NOTE) / 10);
    const early = stillLoading(st);
    if (early) con.push(ev(f.gctrace, `the live heap never levelled off in a ${st.durationSec.toFixed(1)} s log: a start-up still loading data looks the same (a log of a minute or more tells them apart)`, anchor));
    else if (!levelled) con.push(ev(f.gctrace, 'the live heap never levelled off: a long start-up looks the same', anchor));
    const hp = f.memProfiles.find((x) => x.profile.defaultSampleType === 'inuse_space');
    const holder = hp?.profile.top.find((r) => r.flat > 0);
    if (hp && holder) {
      conf += 0.1;
      const i = hp.profile.sampleTypes.findIndex((t) => t.type === 'inuse_space');
      pro.push(ev({ src: hp.src, anchor: { analysis: 'profile' } }, `${holder.name} holds ${formatBytes(holder.flat)} of ${formatBytes(hp.profile.totals[i])} in use`));
    }
    const lim = f.gomemlimit;
    let into = '';
    if (lim && st.liveEndBytes >= 0.7 * lim.value) {
      into = ` It is running into GOMEMLIMIT (${formatBytes(lim.value)}): the GC will soon run back to back, then the pod is OOM-killed.`;
      pro.push(ev(lim, `GOMEMLIMIT ${formatBytes(lim.value)} is close`));
    } else if (f.gogc?.value === -1) into = ' With GOGC=off nothing collects it before the memory limit.';
    // Not past the verdict's threshold: a heap profile names who holds the memory, a loader's cache as much as a leak's map.
    if (early) conf = Math.min(conf, PROBLEM_THRESHOLD - 0.05);
    return cause({
      id: 'heap-leak',
      title: levelled ? `The live heap keeps growing after the warm-up (${st.liveGrowth.toFixed(1)}×)` : `The live heap grew ${st.liveGrowth.toFixed(1)}× and has not levelled off`,
      confidence: conf,
      summary: levelled
        ? `After the warm-up the memory still reachable after each GC rose from ${formatBytes(st.liveStartBytes)} to ${formatBytes(st.liveEndBytes)} and did not level off: something keeps references it never releases.${into}`
        : `The memory still reachable after each GC rose from ${formatBytes(st.liveStartBytes)} to ${formatBytes(st.liveEndBytes)} over ${st.durationSec.toFixed(1)} s and never levelled off: a leak${early ? ', or a start-up still loading data (a longer log tells them apart)' : ''}.${into}`,
      change: `Find what holds it: the heap profile's inuse_space top${holder ? ` (now ${holder.name})` : ''}, and two heap profiles minutes apart compared with -diff_base; bound the cache or map that grows, or release what is no longer used.`,
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};
