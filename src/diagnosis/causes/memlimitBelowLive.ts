// GOMEMLIMIT at or below the live heap: the goal cannot rise above the limit, so
// the GC runs back to back (up to the 50% CPU limiter) without freeing anything.

import { formatBytes } from '../../lib/display';
import { gogcInForce, type Facts } from '../facts';
import { cause, ev, pct, type CauseRule } from './rule';
import { limitShapesGoal, spreadText } from '../../analysis/gc/goalShape';

/** A GOMEMLIMIT with room: live heap × 1.25 plus what the runtime holds outside the heap, rounded up to 16 MiB. */
export function proposedGomemlimit(liveBytes: number, nonHeapBytes: number): number {
  const step = 16 * 1048576;
  return Math.ceil((liveBytes * 1.25 + nonHeapBytes) / step) * step;
}

export const memlimitBelowLive: CauseRule = {
  id: 'memlimit-below-live',
  evaluate(f: Facts) {
    const m = f.gomemlimit;
    const live = f.liveHeap ?? f.heapInUse;
    if (!m && live) return inferredFromGctrace(f) ?? limitBinds(f);
    if (!m || !live) return null;
    const ratio = live.value / m.value;
    if (ratio < 0.9) {
      // The GOMEMLIMIT seen may belong to another process than the gctrace (inputs from several runs).
      const c = inferredFromGctrace(f);
      if (c) c.evidenceAgainst.push(ev(m, `GOMEMLIMIT ${formatBytes(m.value)} is above the live heap: if both come from the same process, the limit that binds is elsewhere (a container-sized default, a debug.SetMemoryLimit call)`));
      return c ?? limitBinds(f);
    }
    const pro = [ev(m, `GOMEMLIMIT ${formatBytes(m.value)} (${m.how})`), ev(live, `live heap ${formatBytes(live.value)} = ${pct(ratio)} of it`)];
    const con = [];
    let conf = 0.5;
    const gc = f.gctrace?.gc;
    if (gc?.impliedGogcMedian !== undefined && gc.impliedGogcMedian < 50) {
      conf += 0.2;
      pro.push(ev(f.gctrace, `the heap goal sits on the live heap (effective GOGC ≈ ${gc.impliedGogcMedian}, not ${f.gogc?.value ?? 100})`, { analysis: 'gc', chart: 'heap' }));
    }
    if (f.gcShare && f.gcShare.value >= 0.25) {
      conf += 0.2;
      pro.push(ev(f.gcShare, `GC takes ${pct(f.gcShare.value)} of the CPU used`));
    } else if (f.gcShare && f.gcShare.value < 0.05) {
      conf -= 0.2;
      con.push(ev(f.gcShare, `GC takes only ${pct(f.gcShare.value)} of the CPU used`));
    }
    if (f.metrics.some((x) => x.m.gcLimiterEngaged)) {
      conf += 0.1;
      const lm = f.metrics.find((x) => x.m.gcLimiterEngaged)!;
      pro.push(ev({ src: lm.src, anchor: { analysis: 'metrics' } }, 'the GC CPU limiter engaged'));
    }
    const nonHeap = Math.max(32 * 1048576, (f.rss?.value ?? 0) - (f.heapInUse?.value ?? 0));
    const proposal = proposedGomemlimit(live.value, nonHeap);
    const memLimit = f.memLimit?.value;
    const container = Math.ceil((proposal * 1.1) / (64 * 1048576)) * 64 * 1048576;
    return cause({
      id: 'memlimit-below-live',
      title: `GOMEMLIMIT (${formatBytes(m.value)}) is below the live heap (${formatBytes(live.value)})`,
      confidence: conf,
      summary: `The program keeps ${formatBytes(live.value)} alive but GOMEMLIMIT is ${formatBytes(m.value)}, so the heap goal is pinned at the limit and the collector runs back to back without freeing memory.`,
      change: `Raise GOMEMLIMIT to about ${formatBytes(proposal)} (live heap × 1.25 plus ${formatBytes(nonHeap)} outside the heap)${memLimit !== undefined && memLimit < container ? ` and the container memory limit to at least ${formatBytes(container)}` : ''}, or shrink what the program keeps alive.`,
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};

/**
 * No GOMEMLIMIT in the session, but a gctrace whose heap goal sits on the live
 * heap (effective GOGC ≈ 0) while the GC runs hard: only a memory limit below the
 * live heap does that (a low GOGC keeps the goal GOGC% above it).
 */
function inferredFromGctrace(f: Facts) {
  const gc = f.gctrace?.gc;
  const live = f.liveHeap;
  if (!gc || !live || gc.impliedGogcMedian === undefined || gc.impliedGogcMedian > 2) return null;
  if (f.gogc && f.gogc.value > 0 && f.gogc.value < 10) return null;
  const pro = [ev(f.gctrace, `the heap goal sits on the live heap (effective GOGC ≈ ${gc.impliedGogcMedian}): a memory limit sets it, and it is below what the program keeps alive`, { analysis: 'gc', chart: 'heap' })];
  let conf = 0.4;
  // The same log's GC CPU (a share of GOMAXPROCS, so at most the share of the CPU used).
  const cpu = ((gc.steady?.judgeable ? gc.steady.gcCpuPercent : null) ?? gc.gcCpuPercent) / 100;
  if (cpu >= 0.2) {
    conf += 0.25;
    pro.push(ev(f.gctrace, `GC CPU ${pct(cpu)} of GOMAXPROCS in the same log`, { analysis: 'gc', chart: 'cpu' }));
  }
  const nonHeap = Math.max(32 * 1048576, (f.rss?.value ?? 0) - (f.heapInUse?.value ?? 0));
  const proposal = proposedGomemlimit(live.value, nonHeap);
  return cause({
    id: 'memlimit-below-live',
    title: `A memory limit (GOMEMLIMIT) is below the live heap (${formatBytes(live.value)})`,
    confidence: conf,
    summary: `The heap goal never rises above the ${formatBytes(live.value)} live heap, which only a memory limit below it causes, so the collector runs back to back without freeing memory. The session does not show the limit itself (no /metrics or Deployment).`,
    change: `Raise GOMEMLIMIT to about ${formatBytes(proposal)} (live heap × 1.25 plus ${formatBytes(nonHeap)} outside the heap) and the container memory limit above it, or shrink what the program keeps alive.`,
    evidenceFor: pro,
    evidenceAgainst: [ev(undefined, 'GOMEMLIMIT itself is not in the session: inferred from the heap goal')],
  });
}

/**
 * A memory limit above the live heap that still binds: the heap goal wanders from
 * cycle to cycle, below where GOGC would put it (limitShapesGoal). The limit is
 * too close to the live heap plus what the runtime holds outside it, and the GC
 * runs more often than GOGC asks. Our GOMEMLIMIT = 1.5× live runs were told
 * "GOGC=18 is too low, raise it to 100" though GOGC was 100: raising it changes
 * nothing while the limit binds.
 */
function limitBinds(f: Facts) {
  const gc = f.gctrace?.gc;
  const live = f.liveHeap;
  if (!gc || !live || gc.impliedGogcMedian === undefined || !limitShapesGoal(gc)) return null;
  const gogc = gogcInForce(f);
  if (gc.impliedGogcMedian >= gogc) return null;
  const m = f.gomemlimit;
  const pro = [
    ...(m ? [ev(m, `GOMEMLIMIT ${formatBytes(m.value)} (${m.how})`)] : []),
    ev(f.gctrace, `the heap goal moves ${spreadText(gc)} above the live heap from cycle to cycle (half the cycles in that range; median ${gc.impliedGogcMedian}%), where GOGC=${gogc} would hold it at ${gogc}%: a memory limit sets it`, { analysis: 'gc', chart: 'heap' }),
  ];
  let conf = 0.35;
  const cpu = ((gc.steady?.judgeable ? gc.steady.gcCpuPercent : null) ?? gc.gcCpuPercent) / 100;
  if (cpu >= 0.2) {
    conf += 0.25;
    pro.push(ev(f.gctrace, `GC CPU ${pct(cpu)} of GOMAXPROCS in the same log`, { analysis: 'gc', chart: 'cpu' }));
  } else if (cpu < 0.05) {
    conf -= 0.2;
  }
  const nonHeap = Math.max(32 * 1048576, (f.rss?.value ?? 0) - (f.heapInUse?.value ?? 0));
  // Room for the goal GOGC asks for, plus what the runtime holds outside the heap.
  const step = 16 * 1048576;
  const proposal = Math.ceil((live.value * (1 + gogc / 100) + nonHeap) / step) * step;
  // A seen limit already above that: the runtime holds more outside the heap than the session shows. Never propose a lower one.
  const above = m && proposal <= m.value ? Math.ceil((m.value * 1.5) / step) * step : undefined;
  const limitText = m ? `GOMEMLIMIT (${formatBytes(m.value)})` : 'A memory limit (GOMEMLIMIT)';
  return cause({
    id: 'memlimit-below-live',
    title: `${limitText} holds the heap goal below what GOGC=${gogc} sets`,
    confidence: conf,
    summary: `The program keeps ${formatBytes(live.value)} alive, and the heap goal stays ${spreadText(gc)} above it instead of ${gogc}%: the memory limit, less what the runtime holds outside the heap, leaves that little room, so the collector runs more often than GOGC asks${gc.steady?.judgeable && gc.steady.gcPerSecond !== null ? ` (${gc.steady.gcPerSecond.toFixed(0)} cycles per second after the warm-up)` : ''}.${m ? '' : ' The session does not show the limit itself (no /metrics or Deployment).'} Raising GOGC changes nothing while the limit binds.`,
    change:
      above !== undefined
        ? `Raise GOMEMLIMIT above ${formatBytes(m!.value)}, to about ${formatBytes(above)}, and check the GC CPU again: the runtime holds more outside the heap than this session shows (a /metrics scrape with runtime/metrics shows how much). Raise the container memory limit above it, or shrink what the program keeps alive.`
        : `Raise GOMEMLIMIT to about ${formatBytes(proposal)} (the live heap × ${(1 + gogc / 100).toFixed(1)} for GOGC=${gogc}, plus ${formatBytes(nonHeap)} outside the heap) and the container memory limit above it, or shrink what the program keeps alive.`,
    evidenceFor: pro,
    evidenceAgainst: m ? [] : [ev(undefined, 'GOMEMLIMIT itself is not in the session: inferred from how the heap goal moves')],
  });
}
