// Our model and analyses laid out like a tools/tracegolden JSON, so one
// toEqual compares every figure with golang.org/x/exp/trace's at once.

import type { GoTraceModel } from '../../../src/analysis/gotrace/model';
import { analyzeGoTrace, mmuCurveOf, MMU_WINDOWS } from '../../../src/analysis/gotrace/analyze';

const HASH_MOD = 2147483647;

/** Figures of a golden that are compared exactly (the MMU is compared to 1e-9 apart). */
export const EXACT_KEYS = [
  'events',
  'byKind',
  'firstTime',
  'lastTime',
  'generations',
  'gcCycles',
  'stw',
  'heapAlloc',
  'heapGoal',
  'gomaxprocs',
  'schedLatency',
  'blockedByReason',
  'cpuSamples',
  'gcCpu',
  'labelledNotWorkers',
  'labelledWorkers',
  'goToolTraceNoProc',
  'regions',
  'utilPoints',
] as const;

/** The HeapAlloc digest of tracegolden, recomputed from the series (independent of the collector's own). */
export function heapDigest(t: ArrayLike<number>, v: ArrayLike<number>, firstTime: number, every: number): { count: number; hash: number; every: number; samples: [number, number][] } {
  let hash = 0;
  const samples: [number, number][] = [];
  for (let i = 0; i < v.length; i++) {
    hash = (hash * 31 + ((t[i] - firstTime) % HASH_MOD)) % HASH_MOD;
    hash = (hash * 31 + (v[i] % HASH_MOD)) % HASH_MOD;
    if (i % every === 0) samples.push([t[i], v[i]]);
  }
  return { count: v.length, hash, every, samples };
}

export function goldenExact(golden: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(EXACT_KEYS.map((k) => [k, golden[k]]));
}

/** Our figures under the golden's keys. `every` is the golden's HeapAlloc sampling step. */
export function ourView(model: GoTraceModel, every: number): Record<string, unknown> {
  const c = model.collected;
  const trace = analyzeGoTrace(model).trace!;
  const s = trace.schedLatency;
  return {
    events: model.events,
    byKind: c.byKindRecord(),
    firstTime: c.firstTime,
    lastTime: c.lastTime,
    generations: c.generations,
    gcCycles: c.gcStart.map((start, i) => ({ start, end: c.gcEnd[i] })),
    stw: c.stwStart.map((start, i) => ({ start, end: c.stwEnd[i], reason: c.stwReason[i] || undefined })),
    heapAlloc: heapDigest(c.heapT.toArray(), c.heapV.toArray(), c.firstTime, every),
    heapGoal: c.goalT.map((t, i) => [t, c.goalV[i]]),
    gomaxprocs: c.procsT.map((t, i) => [t, c.procsV[i]]),
    // Go writes 0 where we report "none" (no latencies at all).
    schedLatency: { count: s.count, p50: s.p50Ns ?? 0, p90: s.p90Ns ?? 0, p99: s.p99Ns ?? 0, max: s.maxNs ?? 0, total: s.totalNs },
    blockedByReason: Object.fromEntries(trace.blocking.byReason.map((r) => [r.reason, r.totalNs])),
    cpuSamples: trace.cpuSamples.count,
    gcCpu: { stwProcs: c.gcStwProcNs, workers: c.workerNs, assists: c.assistNs },
    labelledNotWorkers: c.util.labelledNotWorkers,
    labelledWorkers: c.util.labelledWorkers,
    goToolTraceNoProc: c.util.goTool.noProc,
    regions: regionsBegun(trace.user.regions, c.openRegions()),
    utilPoints: mmuCurveOf(c).t.length,
  };
}

/** Regions by name as tracegolden counts them (every RegionBegin): ended ones plus those still open. */
function regionsBegun(ended: { reason: string; count: number }[], open: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(ended.map((r) => [r.reason, r.count]));
  for (const [name, n] of open) out[name] = (out[name] ?? 0) + n;
  return out;
}

/** |ours − golden| of the MMU at each window tracegolden writes. */
export function mmuDiffs(model: GoTraceModel, golden: { mmu: Record<string, number> }): Record<string, number> {
  const curve = mmuCurveOf(model.collected);
  return Object.fromEntries(Object.entries(MMU_WINDOWS).map(([k, w]) => [k, Math.abs(curve.mmu(w) - golden.mmu[k])]));
}
