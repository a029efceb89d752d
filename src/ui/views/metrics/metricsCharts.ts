// ECharts options for the metrics view. Pure functions of the analysis and colours.

import type { BucketPercentiles, MetricsAnalysis, PauseRing } from '../../../analysis/metrics/types';
import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { fmtDuration, fmtMs } from '../../format';
import { axis, tooltip } from '../../charts/axes';

const grid = { left: 64, right: 56, top: 34, bottom: 52 };


const tip = (c: ChartColors, trigger: 'axis' | 'item') => tooltip(c, { trigger });

/** A runtime/metrics histogram as bars (one per bucket, upper bound in ms). */
export function bucketOption(h: BucketPercentiles, c: ChartColors): ChartOption {
  const b = h.buckets.filter((x) => x.count > 0 || x.le !== null);
  const labels = b.map((x) => (x.le === null ? `> ${fmtDuration(x.gt * 1000)}` : `≤ ${fmtDuration(x.le * 1000)}`));
  return {
    grid,
    tooltip: { ...tip(c, 'axis'), axisPointer: { type: 'shadow' } },
    xAxis: axis(c, 'bucket upper bound (ns/µs/ms/s)', { type: 'category', data: labels, axisLabel: { color: c.muted, fontSize: 10 } }),
    yAxis: axis(c, 'count', { type: 'value', nameGap: 48 }),
    series: [{ name: 'count', type: 'bar', data: b.map((x) => x.count), itemStyle: { color: c.series[0] } }],
  };
}

/** The PauseNs ring: each of the last ≤256 cycles' pause at its end time. */
export function ringOption(r: PauseRing, c: ChartColors): ChartOption {
  const timed = r.endsSec.length === r.pausesMs.length;
  return {
    grid,
    tooltip: { ...tip(c, 'item'), formatter: (p: { data: [number, number] }) => `${timed ? `${p.data[0]} s` : `#${p.data[0]}`}: ${fmtMs(p.data[1])}` },
    xAxis: axis(c, timed ? 'seconds since the oldest pause in the ring' : 'cycle in the ring', { type: 'value', scale: true }),
    yAxis: axis(c, 'pause (ms)', { type: 'value', nameGap: 48 }),
    series: [
      {
        name: 'pause',
        type: 'scatter',
        symbolSize: 5,
        itemStyle: { color: c.series[0] },
        data: r.pausesMs.map((v, i) => [timed ? Number(r.endsSec[i].toFixed(4)) : r.firstCycle + i, v]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: c.series[1], type: 'dashed' },
          data: [
            { yAxis: r.p50Ms, label: { formatter: 'p50', color: c.text } },
            { yAxis: r.p99Ms, label: { formatter: 'p99', color: c.text } },
          ],
        },
      },
    ],
  };
}

/** GC/s and CPU cores between scrapes. */
export function ratesOption(a: MetricsAnalysis, c: ChartColors): ChartOption {
  const pts = a.rates?.points ?? [];
  const t0 = Math.min(...a.points.map((p) => p.tSec ?? Infinity));
  const x = (t: number) => Number((t - t0).toFixed(2));
  return {
    grid,
    color: c.series,
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tip(c, 'axis'),
    xAxis: axis(c, 'seconds (scrape times)', { type: 'value', scale: true }),
    yAxis: [axis(c, 'GC cycles per second', { type: 'value', nameGap: 48 }), axis(c, 'CPU cores', { type: 'value', nameGap: 36, splitLine: { show: false } })],
    series: [
      { name: 'GC/s', type: 'line', data: pts.map((p) => [x(p.tSec), p.gcPerSec === null ? null : Number(p.gcPerSec.toFixed(2))]) },
      { name: 'CPU cores', type: 'line', yAxisIndex: 1, data: pts.map((p) => [x(p.tSec), p.cpuCores === null ? null : Number(p.cpuCores.toFixed(3))]) },
    ],
  };
}
