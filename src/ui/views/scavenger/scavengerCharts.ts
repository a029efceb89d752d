// ECharts option for the scavenger view.

import type { ScavengerAnalysis } from '../../../analysis/scavenger/types';
import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { axis, tooltip } from '../../charts/axes';

const MiB = 1048576;

export function releasedOption(s: ScavengerAnalysis, c: ChartColors): ChartOption {
  const t = s.series.tSec;
  const timed = t.length > 0 && t.every((v) => v !== null);
  const x = timed ? (t as number[]) : t.map((_, i) => i + 1);
  const mib = (v: number | null) => (v === null ? null : +(v / MiB).toFixed(2));
  // Many bars are drawn in ECharts' large mode, which does not stack.
  const bar = (name: string, v: (number | null)[]) => ({
    name,
    type: 'bar',
    stack: v.length > 500 ? undefined : 'work',
    barMaxWidth: 8,
    large: true,
    largeThreshold: 500,
    data: v.map((y, i) => [x[i], mib(y)]),
  });
  const split = s.series.bgBytes.some((v) => v !== null);
  return {
    grid: { left: 64, right: 64, top: 34, bottom: 52 },
    color: c.series,
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: axis(c, timed ? 'seconds since process start (cycle before the line)' : 'scavenger line (order in the log)', { type: 'value', scale: true }),
    yAxis: [axis(c, 'MiB', { type: 'value', nameGap: 44 }), axis(c, 'utilisation (%)', { type: 'value', max: 100, nameGap: 40, splitLine: { show: false } })],
    dataZoom: [{ type: 'inside' }],
    series: [
      ...(split ? [bar('returned (background)', s.series.bgBytes), bar('returned (eager)', s.series.eagerBytes)] : [bar('returned', s.series.workBytes)]),
      { name: 'released in total', type: 'line', step: 'end', sampling: 'lttb', showSymbol: false, data: s.series.releasedBytes.map((v, i) => [x[i], mib(v)]) },
      ...(s.series.retainedBytes.some((v) => v !== null) ? [{ name: 'retained', type: 'line', step: 'end', sampling: 'lttb', showSymbol: false, data: s.series.retainedBytes.map((v, i) => [x[i], mib(v)]) }] : []),
      { name: 'utilisation', type: 'line', yAxisIndex: 1, sampling: 'lttb', showSymbol: false, lineStyle: { type: 'dotted' }, data: s.series.utilPercent.map((v, i) => [x[i], v]) },
    ],
  };
}
