// One chart, two grids on a shared time axis: GC pauses and heap above,
// Ps/threads/run queues below. gctrace's @S.SSSs and schedtrace's <T>ms both
// count from process start, so the axes line up without shifting. One
// dataZoom drives both x axes, so zooming one zooms the other.

import type { GcAnalysis } from '../../../analysis/gc/types';
import type { SchedAnalysis } from '../../../analysis/sched/types';
import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { axis, tooltip } from '../../charts/axes';

const MiB = 1048576;
// Short enough for a phone-wide chart; the note above the chart says both traces count from process start.
export const TIMELINE_AXIS = 'seconds since process start';

/** Common x range of both series (first run only when the process restarted). */
export function timeRange(gc: GcAnalysis, s: SchedAnalysis): [number, number] {
  const g = gc.series!.tSec.filter((_, i) => gc.series!.run[i] === 0);
  const t = s.series.tSec.filter((_, i) => s.series.run[i] === 0);
  const all = [...g, ...t];
  return [Math.floor(Math.min(...all) * 10) / 10, Math.ceil(Math.max(...all) * 10) / 10];
}

export function timelineOption(gc: GcAnalysis, s: SchedAnalysis, c: ChartColors): ChartOption {
  const gs = gc.series!;
  const [min, max] = timeRange(gc, s);
  const first = (run: number[]) => (i: number) => run[i] === 0;
  const g0 = first(gs.run);
  const s0 = first(s.series.run);
  const gpts = (v: number[], scale = 1) => v.flatMap((y, i) => (g0(i) ? [[gs.tSec[i], +(y / scale).toFixed(3)]] : []));
  const spts = (v: (number | null)[]) => v.flatMap((y, i) => (s0(i) ? [[s.series.tSec[i], y]] : []));
  const xa = (grid: number, name: string) =>
    axis(c, name, { type: 'value', gridIndex: grid, min, max, nameGap: 28, axisLabel: { color: c.muted, formatter: (v: number) => `${v} s` } });
  // lttb: draw about one point per pixel column (2000-point series render ~2× faster).
  const step = { type: 'line', step: 'end', showSymbol: false, sampling: 'lttb', xAxisIndex: 1 };
  return {
    // Screen readers (and the e2e test) get a text description of the series.
    aria: { enabled: true, decal: { show: false }, label: { data: { maxCount: 3 } } },
    color: c.series,
    grid: [
      { left: 64, right: 64, top: 40, height: '33%' },
      { left: 64, right: 64, top: '56%', bottom: 76 },
    ],
    legend: { top: 0, textStyle: { color: c.muted }, type: 'scroll' },
    tooltip: tooltip(c),
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    xAxis: [xa(0, ''), xa(1, TIMELINE_AXIS)],
    yAxis: [
      axis(c, 'GC pause (ms)', { type: 'value', gridIndex: 0, nameGap: 44 }),
      axis(c, 'heap (MiB)', { type: 'value', gridIndex: 0, nameGap: 44, splitLine: { show: false } }),
      axis(c, 'Ps, threads', { type: 'value', gridIndex: 1, minInterval: 1, nameGap: 40 }),
      axis(c, 'run queue (goroutines)', { type: 'value', gridIndex: 1, minInterval: 1, nameGap: 44, splitLine: { show: false } }),
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1], filterMode: 'none' },
      { type: 'slider', xAxisIndex: [0, 1], filterMode: 'none', bottom: 8, height: 18, textStyle: { color: c.muted } },
    ],
    series: [
      { name: 'GC pause', type: 'scatter', symbolSize: 5, large: true, largeThreshold: 1000, xAxisIndex: 0, yAxisIndex: 0, itemStyle: { color: c.bad }, data: gpts(gs.pauseMs) },
      { name: 'heap at mark end', type: 'line', showSymbol: false, sampling: 'lttb', xAxisIndex: 0, yAxisIndex: 1, itemStyle: { color: c.series[0] }, data: gpts(gs.heapEndBytes, MiB) },
      { name: 'heap goal', type: 'line', step: 'end', showSymbol: false, sampling: 'lttb', xAxisIndex: 0, yAxisIndex: 1, lineStyle: { type: 'dashed' }, itemStyle: { color: c.muted }, data: gpts(gs.goalBytes, MiB) },
      { ...step, name: 'busy Ps', yAxisIndex: 2, itemStyle: { color: c.series[2] }, data: spts(s.series.busyprocs) },
      { ...step, name: 'threads', yAxisIndex: 2, itemStyle: { color: c.series[3] }, data: spts(s.series.threads) },
      { ...step, name: 'global run queue', yAxisIndex: 3, itemStyle: { color: c.series[1] }, areaStyle: { opacity: 0.2 }, data: spts(s.series.runqueue) },
      { ...step, name: 'local run queues', yAxisIndex: 3, itemStyle: { color: c.series[4] }, lineStyle: { type: 'dashed' }, data: spts(s.series.localRunq) },
    ],
  };
}
