// From expvar /debug/vars to the `metrics` analysis. The pause percentiles come
// from the PauseNs ring: the last min(NumGC, 256) pauses, most recent at
// (NumGC+255)%256.

import type { ExpvarModel, MemStats } from '../../formats/expvar/model';
import { summarize } from '../percentiles';
import type { MetricsAnalysis, PauseRing } from './types';

const RING = 256;

/** The ring's pauses in cycle order (oldest first), ns, with their end times. */
export function unwrapPauseRing(m: MemStats): { cycle: number; pauseNs: number; endNs: number }[] {
  const n = m.NumGC ?? 0;
  const ring = m.PauseNs;
  if (!ring || n <= 0) return [];
  const k = Math.min(n, RING, ring.length);
  const out: { cycle: number; pauseNs: number; endNs: number }[] = [];
  for (let j = k - 1; j >= 0; j--) {
    const cycle = n - j; // 1-based cycle number
    const idx = (cycle - 1) % RING;
    out.push({ cycle, pauseNs: ring[idx] ?? 0, endNs: m.PauseEnd?.[idx] ?? 0 });
  }
  return out;
}

export function pauseRing(m: MemStats): PauseRing | undefined {
  const entries = unwrapPauseRing(m);
  if (entries.length === 0) return undefined;
  const ms = entries.map((e) => e.pauseNs / 1e6);
  const s = summarize(ms);
  const ends = entries.map((e) => e.endNs);
  const hasEnds = ends.every((e) => e > 0);
  return {
    count: entries.length,
    firstCycle: entries[0].cycle,
    lastCycle: entries[entries.length - 1].cycle,
    p50Ms: s.p50,
    p90Ms: s.p90,
    p99Ms: s.p99,
    maxMs: s.max,
    meanMs: s.mean,
    spanSec: hasEnds ? (ends[ends.length - 1] - ends[0]) / 1e9 : null,
    pausesMs: ms,
    endsSec: hasEnds ? ends.map((e) => (e - ends[0]) / 1e9) : [],
  };
}

const num = (v: number | undefined) => (v === undefined ? null : v);

export function analyzeExpvar(model: ExpvarModel): MetricsAnalysis {
  const m = model.memstats ?? {};
  const sys = num(m.Sys);
  const released = num(m.HeapReleased);
  const a: MetricsAnalysis = {
    source: 'expvar',
    scrapes: 1,
    goroutines: null,
    threads: null,
    gomaxprocs: null,
    gogcPercent: null,
    gomemlimitBytes: null,
    memoryLimitSet: null,
    heap: {
      allocBytes: num(m.HeapAlloc ?? m.Alloc),
      sysBytes: sys,
      heapSysBytes: num(m.HeapSys),
      heapIdleBytes: num(m.HeapIdle),
      heapInuseBytes: num(m.HeapInuse),
      heapReleasedBytes: released,
      heapObjects: num(m.HeapObjects),
      nextGcBytes: num(m.NextGC),
      stackInuseBytes: num(m.StackInuse),
      limitControlledBytes: sys !== null && released !== null ? sys - released : null,
    },
    numGc: num(m.NumGC),
    numForcedGc: num(m.NumForcedGC),
    gcCpuPercent: m.GCCPUFraction === undefined ? null : m.GCCPUFraction * 100,
    gcLimiterEngaged: null,
    pauseHistograms: [],
    points: [
      {
        tSec: m.LastGC ? m.LastGC / 1e9 : null,
        gcCycles: num(m.NumGC),
        allocBytesTotal: num(m.TotalAlloc),
        cpuSeconds: null,
        goroutines: null,
        heapAllocBytes: num(m.HeapAlloc),
        residentBytes: null,
      },
    ],
    otherVars: model.vars,
  };
  if (model.cmdline) a.cmdline = model.cmdline;
  const ring = pauseRing(m);
  if (ring) a.pauseRing = ring;
  return a;
}
