// The report's `gc` block (same keys as the gctrace analysis) from metrics,
// where the data allows: pause percentiles need a pause histogram (Prometheus
// runtime/metrics) or the PauseNs ring (expvar), and a GC CPU figure.

import type { GcAnalysis } from '../gc/types';
import type { HistogramBucket } from '../histogram';
import { logHistogram } from '../histogram';
import type { MetricsAnalysis } from './types';

export function gcFromMetrics(a: MetricsAnalysis): GcAnalysis | undefined {
  if (a.gcCpuPercent === null || a.numGc === null) return undefined;
  const peakHeap = Math.max(0, ...a.points.map((p) => p.heapAllocBytes ?? 0), a.heap.allocBytes ?? 0);
  const base = {
    cycles: a.numGc,
    forced: a.numForcedGc ?? 0,
    peakHeapBytes: peakHeap,
    peakGoalBytes: a.heap.nextGcBytes ?? 0,
    gomaxprocs: a.gomaxprocs !== null ? [a.gomaxprocs] : [],
    gcCpuPercent: a.gcCpuPercent,
    worstPauses: [],
  };
  if (a.pauseRing) {
    const r = a.pauseRing;
    const total = r.pausesMs.reduce((s, x) => s + x, 0);
    const gc: GcAnalysis = {
      source: 'expvar (memstats PauseNs ring: last 256 cycles, one STW sum per cycle)',
      ...base,
      pauseMs: { p50: r.p50Ms, p90: r.p90Ms, p99: r.p99Ms, max: r.maxMs, total },
      pauseHistogramMs: logHistogram(r.pausesMs),
    };
    if (r.spanSec) {
      gc.durationSec = r.spanSec;
      gc.gcPerSecond = (r.count - 1) / r.spanSec;
    }
    return gc;
  }
  const h = a.pauseHistograms[0];
  if (!h || h.p50Sec === null || h.p90Sec === null || h.p99Sec === null || h.maxSec === null) return undefined;
  const hist: HistogramBucket[] = h.buckets.filter((b) => b.le !== null).map((b) => ({ lo: b.gt * 1000, hi: b.le! * 1000, count: b.count }));
  const gc: GcAnalysis = {
    source: `prometheus ${h.name} (per STW; percentiles are bucket upper bounds)`,
    ...base,
    pauseMs: { p50: h.p50Sec * 1000, p90: h.p90Sec * 1000, p99: h.p99Sec * 1000, max: h.maxSec * 1000, total: (h.sumSec ?? 0) * 1000 },
    pauseHistogramMs: hist,
  };
  if (a.rates?.gcPerSec != null) {
    gc.gcPerSecond = a.rates.gcPerSec;
    gc.durationSec = a.rates.spanSec;
  }
  if (a.rates?.allocBytesPerSec != null) gc.allocBytesPerSec = a.rates.allocBytesPerSec;
  return gc;
}
