// The what-if curve: GC CPU % and peak memory against GOGC, current point marked.

import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { axis, tooltip } from '../../charts/axes';
import type { WhatifPrediction } from '../../../whatif/types';

const MiB = 1048576;

export function whatifCurveOption(curve: WhatifPrediction[], current: WhatifPrediction, c: ChartColors): ChartOption {
  const mem = (p: WhatifPrediction) => (p.peakTotalBytes === null ? null : +(p.peakTotalBytes / MiB).toFixed(1));
  const cur = current.gogc;
  return {
    grid: { left: 64, right: 72, top: 36, bottom: 52 },
    color: [c.series[1], c.series[0]],
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: axis(c, 'GOGC (log scale)', { type: 'log', logBase: 2, min: 25, max: 800 }),
    yAxis: [
      axis(c, 'GC CPU (% of CPU used)', { type: 'value', nameGap: 40, min: 0, max: 60 }),
      axis(c, 'peak memory (MiB)', { type: 'value', nameGap: 52, position: 'right', splitLine: { show: false } }),
    ],
    series: [
      {
        name: 'GC CPU %',
        type: 'line',
        data: curve.map((p) => [p.gogc, +p.gcCpuPercent.toFixed(2)]),
        markLine:
          cur === null
            ? undefined
            : { silent: true, symbol: 'none', lineStyle: { color: c.muted, type: 'dashed' }, label: { formatter: `GOGC=${cur}`, color: c.muted }, data: [{ xAxis: cur }] },
        markPoint: undefined,
      },
      { name: 'peak memory MiB', type: 'line', yAxisIndex: 1, data: curve.map((p) => [p.gogc, mem(p)]) },
      ...(cur === null
        ? []
        : [
            {
              name: 'this setting',
              type: 'scatter',
              symbolSize: 12,
              itemStyle: { color: c.bad },
              data: [[cur, +current.gcCpuPercent.toFixed(2)]],
            },
          ]),
    ],
  };
}
