// ECharts options for the gc view. Pure functions of the analysis and colours.

import type { GcAnalysis } from '../../../analysis/gc/types';
import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { fmtMs } from '../../format';
import { axis, tooltip } from '../../charts/axes';
import { BUCKET_AXIS, bucketLabel, markerLayer } from '../../charts/histogram';

const MiB = 1048576;


const grid = { left: 64, right: 20, top: 30, bottom: 52 };


/** Time offset per run so runs of a restarted process sit end to end on one axis. */
export function runOffsets(gc: GcAnalysis): Map<number, number> {
  const m = new Map<number, number>();
  let prevEnd: number | null = null;
  for (const r of gc.runs ?? []) {
    const off: number = prevEnd === null ? 0 : prevEnd + 1 - r.startSec;
    m.set(r.index, off);
    prevEnd = r.endSec + off;
  }
  return m;
}

function xOf(gc: GcAnalysis, offsets: Map<number, number>, i: number): number {
  const s = gc.series!;
  return Number((s.tSec[i] + (offsets.get(s.run[i]) ?? 0)).toFixed(3));
}

function restartLines(gc: GcAnalysis, offsets: Map<number, number>, c: ChartColors) {
  const runs = gc.runs ?? [];
  if (runs.length < 2) return undefined;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: c.bad, type: 'dashed' },
    label: { formatter: 'restart', color: c.bad },
    data: runs.slice(1).map((r) => ({ xAxis: Number((r.startSec + (offsets.get(r.index) ?? 0)).toFixed(3)) })),
  };
}

const timeAxisName = (gc: GcAnalysis) =>
  gc.source === 'trace'
    ? 'seconds since the trace started'
    : (gc.runs?.length ?? 0) > 1
      ? 'seconds since process start (runs end to end)'
      : 'seconds since process start';

export function pauseHistogramOption(gc: GcAnalysis, c: ChartColors): ChartOption {
  const b = gc.pauseHistogramMs;
  const labels = b.map((x) => bucketLabel(x.lo, x.hi));
  const m = markerLayer(b, labels, [['p50', gc.pauseMs.p50], ['p90', gc.pauseMs.p90], ['p99', gc.pauseMs.p99], ['max', gc.pauseMs.max]], Math.max(0, ...b.map((x) => x.count)), c);
  return {
    grid,
    tooltip: tooltip(c, { axisPointer: { type: 'shadow' } }),
    xAxis: axis(c, BUCKET_AXIS('pause'), { type: 'category', data: labels, axisLabel: { color: c.muted, rotate: labels.length > 8 ? 30 : 0, fontSize: 10 } }),
    yAxis: axis(c, 'cycles', { type: 'value', minInterval: 1, nameGap: 44, boundaryGap: m.yAxisBoundaryGap }),
    series: [
      {
        name: 'cycles',
        type: 'bar',
        data: b.map((x) => x.count),
        itemStyle: { color: c.series[0] },
        markLine: m.markLine,
        markPoint: m.markPoint,
      },
    ],
  };
}

export function heapOption(gc: GcAnalysis, offsets: Map<number, number>, c: ChartColors): ChartOption {
  const s = gc.series!;
  const pts = (arr: number[]) => arr.map((v, i) => [xOf(gc, offsets, i), +(v / MiB).toFixed(3)]);
  return {
    grid,
    color: c.series,
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: axis(c, timeAxisName(gc), { type: 'value', scale: true }),
    yAxis: axis(c, 'MiB', { type: 'value', nameGap: 44 }),
    dataZoom: [{ type: 'inside' }],
    series: [
      { name: 'heap at mark end', type: 'line', showSymbol: false, data: pts(s.heapEndBytes), markLine: restartLines(gc, offsets, c) },
      { name: 'live heap', type: 'line', showSymbol: false, data: pts(s.liveBytes) },
      { name: 'goal', type: 'line', step: 'end', showSymbol: false, lineStyle: { type: 'dashed' }, data: pts(s.goalBytes) },
    ],
  };
}

export function cpuOption(gc: GcAnalysis, offsets: Map<number, number>, c: ChartColors): ChartOption {
  const s = gc.series!;
  return {
    grid,
    color: [c.series[1], c.series[0]],
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: axis(c, timeAxisName(gc), { type: 'value', scale: true }),
    yAxis: axis(c, '% of GOMAXPROCS', { type: 'value', nameGap: 40, max: (v: { max: number }) => Math.max(30, Math.ceil(v.max / 10) * 10) }),
    dataZoom: [{ type: 'inside' }],
    series: [
      {
        name: 'per interval',
        type: 'line',
        showSymbol: false,
        connectNulls: false,
        data: s.cpuPercentInterval.map((v, i) => [xOf(gc, offsets, i), v === null ? null : +v.toFixed(2)]),
        markLine: { silent: true, symbol: 'none', lineStyle: { color: c.muted, type: 'dotted' }, label: { formatter: '25% goal', color: c.muted, position: 'insideEndTop' }, data: [{ yAxis: 25 }] },
      },
      { name: 'cumulative (as printed)', type: 'line', showSymbol: false, step: 'end', data: s.cpuPercentCumulative.map((v, i) => [xOf(gc, offsets, i), v]) },
    ],
  };
}

export function pausesOverTimeOption(gc: GcAnalysis, offsets: Map<number, number>, c: ChartColors): ChartOption {
  const s = gc.series!;
  return {
    grid,
    tooltip: { ...tooltip(c), trigger: 'item', formatter: (p: { data: [number, number, number] }) => `cycle ${p.data[2]} at ${p.data[0]} s: ${fmtMs(p.data[1])}` },
    xAxis: axis(c, timeAxisName(gc), { type: 'value', scale: true }),
    yAxis: axis(c, 'pause (ms)', { type: 'value', nameGap: 44 }),
    dataZoom: [{ type: 'inside' }],
    series: [
      {
        name: 'pause',
        type: 'scatter',
        symbolSize: 5,
        itemStyle: { color: c.series[0] },
        data: s.pauseMs.map((v, i) => [xOf(gc, offsets, i), v, s.cycle[i]]),
        markLine: restartLines(gc, offsets, c),
      },
    ],
  };
}
