// ECharts options for the pacer view: GC CPU during mark against the goal,
// heap goal against the heap at mark end, assist ratio.

import type { PacerAnalysis } from '../../../analysis/pacer/types';
import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { axis, tooltip } from '../../charts/axes';

const MiB = 1048576;
const grid = { left: 64, right: 24, top: 34, bottom: 52 };

/**
 * x values: seconds when gctrace in the same log timed the cycles (a cycle
 * without a following gc line, e.g. at a cut end, gets null and is not drawn),
 * else the cycle's position in the log.
 */
export function pacerX(p: PacerAnalysis): { name: string; x: (number | null)[] } {
  const t = p.series.tSec;
  if (t.some((v) => v !== null)) return { name: 'seconds since process start', x: t };
  return { name: 'GC cycle (order in the log)', x: t.map((_, i) => i + 1) };
}

/** [x, y] points, leaving out those without an x. */
const xy = <T>(x: (number | null)[], ys: T[]) => ys.flatMap((y, i) => (x[i] === null ? [] : [[x[i], y]]));

export function utilOption(p: PacerAnalysis, c: ChartColors): ChartOption {
  const { name, x } = pacerX(p);
  return {
    grid,
    color: [c.series[1]],
    tooltip: tooltip(c),
    xAxis: axis(c, name, { type: 'value', scale: true }),
    yAxis: axis(c, 'GC CPU during mark (%)', { type: 'value', nameGap: 40, max: (v: { max: number }) => Math.max(40, Math.ceil(v.max / 10) * 10) }),
    dataZoom: [{ type: 'inside' }],
    series: [
      {
        name: 'utilisation',
        type: 'line',
        sampling: 'lttb',
        showSymbol: x.length < 80,
        data: xy(x, p.series.utilPercent),
        markLine: { silent: true, symbol: 'none', lineStyle: { color: c.muted, type: 'dotted' }, label: { formatter: `${p.goalPercent ?? 25}% goal`, color: c.muted, position: 'insideEndTop' }, data: [{ yAxis: p.goalPercent ?? 25 }] },
      },
    ],
  };
}

export function goalOption(p: PacerAnalysis, c: ChartColors): ChartOption {
  const { name, x } = pacerX(p);
  const mib = (v: number | null) => (v === null ? null : +(v / MiB).toFixed(2));
  return {
    grid: { ...grid, right: 64 },
    color: c.series,
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: axis(c, name, { type: 'value', scale: true }),
    yAxis: [
      axis(c, 'MiB', { type: 'value', nameGap: 44 }),
      axis(c, 'assist ratio (log)', { type: 'log', nameGap: 44, splitLine: { show: false } }),
    ],
    dataZoom: [{ type: 'inside' }],
    series: [
      { name: 'heap goal', type: 'line', step: 'end', sampling: 'lttb', showSymbol: false, lineStyle: { type: 'dashed' }, data: xy(x, p.series.goalBytes.map(mib)) },
      { name: 'heap at mark end', type: 'line', sampling: 'lttb', showSymbol: false, data: xy(x, p.series.heapLiveBytes.map(mib)) },
      {
        name: 'assist ratio',
        type: 'scatter',
        large: true,
        largeThreshold: 1000,
        yAxisIndex: 1,
        symbolSize: 4,
        data: xy(x, p.series.assistRatio.map((v) => (v !== null && v > 0 ? v : null))),
      },
    ],
  };
}
