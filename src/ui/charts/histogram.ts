// Log-bucket duration histograms (GC pauses, stop-the-worlds, scheduling
// latency): bucket labels in the unit that fits each bucket (ns, µs, ms, s),
// and percentile markers whose labels sit inside the plot.

import { fmtDuration } from '../format';
import type { ChartColors } from './palette';

/** "0–56 ns", "56 ns–100 ns", "1 ms–2 ms": each bound in its own unit. */
export function bucketLabel(loMs: number, hiMs: number): string {
  return loMs === 0 ? `0–${fmtDuration(hiMs)}` : `${fmtDuration(loMs)}–${fmtDuration(hiMs)}`;
}

export const BUCKET_AXIS = (what: string) => `${what} (log-scale buckets, ns/µs/ms)`;

interface Bucket {
  lo: number;
  hi: number;
}

/**
 * Dashed lines at the buckets holding each marker (p50, p90, p99, max) and
 * their names as text inside the plot near its top: markers in one bucket
 * share a label ("p99 · max"), so labels never stack above the plot where the
 * chart's edge (and its save button) would cut them off. `yMax` is the highest
 * bar; the axis gets head room above it for the labels.
 */
export function markerLayer(buckets: Bucket[], labels: string[], markers: [string, number][], yMax: number, c: ChartColors) {
  const bucketOf = (v: number) => Math.max(0, buckets.findIndex((x) => (v >= x.lo && v < x.hi) || (x.lo === 0 && v === 0)));
  const byBucket = new Map<number, string[]>();
  for (const [name, v] of markers) {
    if (!Number.isFinite(v)) continue;
    const k = v >= (buckets.at(-1)?.hi ?? Infinity) ? buckets.length - 1 : bucketOf(v);
    byBucket.set(k, [...(byBucket.get(k) ?? []), name]);
  }
  const top = Math.max(1, yMax) * 1.3;
  const groups = [...byBucket.entries()].sort((a, b) => a[0] - b[0]);
  return {
    /** For the value axis: head room above the highest bar, ticks stay round. */
    yAxisBoundaryGap: [0, '40%'] as [number, string],
    markLine: { silent: true, symbol: 'none', lineStyle: { color: c.series[1], type: 'dashed' }, label: { show: false }, data: groups.map(([k]) => ({ xAxis: labels[k] })) },
    markPoint: {
      silent: true,
      symbol: 'rect',
      symbolSize: 1,
      itemStyle: { color: 'transparent' },
      // Neighbouring buckets' labels alternate between two heights so they do not run into each other.
      data: groups.map(([k, names], j) => ({
        coord: [labels[k], top * (j % 2 ? 0.88 : 1)],
        label: { show: true, formatter: names.join(' · '), position: 'bottom', color: c.text, fontSize: 11 },
      })),
    },
  };
}
