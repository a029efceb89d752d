// ECharts options for the sched view: threads/Ps/spinning over time, the
// per-P run queue heat map, goroutine states. Pure functions of the analysis.

import type { SchedAnalysis } from '../../../analysis/sched/types';
import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { axis, tooltip } from '../../charts/axes';

export const TIME_AXIS = 'seconds since process start';
const grid = { left: 64, right: 24, top: 34, bottom: 52 };

const pts = (t: number[], v: (number | null)[]) => v.map((y, i) => [t[i], y]);

/** A chart of counts over time with a legend. */
function timeChart(c: ChartColors, yName: string, series: unknown[], colors: string[] = c.series): ChartOption {
  return {
    grid,
    color: colors,
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: axis(c, TIME_AXIS, { type: 'value', scale: true }),
    yAxis: axis(c, yName, { type: 'value', minInterval: 1, nameGap: 40 }),
    dataZoom: [{ type: 'inside' }],
    series,
  };
}

export function threadsOption(s: SchedAnalysis, c: ChartColors): ChartOption {
  const t = s.series.tSec;
  const line = (name: string, v: (number | null)[], extra: Record<string, unknown> = {}) => ({ name, type: 'line', showSymbol: t.length < 60, step: 'end', sampling: 'lttb', data: pts(t, v), ...extra });
  return timeChart(c, 'count (threads, Ps)', [
    line('threads', s.series.threads),
    line('idle threads', s.series.idlethreads),
    line('busy Ps', s.series.busyprocs),
    line('idle Ps', s.series.idleprocs),
    line('spinning', s.series.spinning, { lineStyle: { type: 'dashed' } }),
    line('GOMAXPROCS', s.series.gomaxprocs, { lineStyle: { type: 'dotted', color: c.muted }, itemStyle: { color: c.muted } }),
  ]);
}

export function runqueueOption(s: SchedAnalysis, c: ChartColors): ChartOption {
  const t = s.series.tSec;
  return timeChart(
    c,
    'runnable goroutines',
    [
      { name: 'global run queue', type: 'line', step: 'end', sampling: 'lttb', showSymbol: t.length < 60, data: pts(t, s.series.runqueue) },
      { name: 'local run queues (sum)', type: 'line', step: 'end', sampling: 'lttb', showSymbol: t.length < 60, data: pts(t, s.series.localRunq) },
    ],
    [c.series[1], c.series[0]],
  );
}

export function heatmapOption(s: SchedAnalysis, c: ChartColors): ChartOption {
  const h = s.heatmap;
  const cols = h.tSec.map((x) => x.toFixed(2));
  const rows = Array.from({ length: h.rows }, (_, r) =>
    h.procsPerRow === 1 ? `P${r}` : `P${r * h.procsPerRow}–${Math.min((r + 1) * h.procsPerRow, s.perP.length) - 1}`,
  );
  return {
    grid: { left: 64, right: 24, top: 16, bottom: 84 },
    tooltip: {
      ...tooltip(c),
      trigger: 'item',
      formatter: (p: { data: [number, number, number] }) => `${rows[p.data[1]]} at ${cols[p.data[0]]} s: ${p.data[2]} runnable`,
    },
    xAxis: axis(c, TIME_AXIS, { type: 'category', data: cols, splitArea: { show: false }, axisLabel: { color: c.muted, hideOverlap: true } }),
    yAxis: axis(c, h.procsPerRow === 1 ? 'P (processor)' : `P (${h.procsPerRow} per row, max)`, {
      type: 'category',
      data: rows,
      nameGap: 44,
      axisLabel: { color: c.muted, hideOverlap: true },
    }),
    visualMap: {
      min: 0,
      max: Math.max(1, h.max),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: ['more runnable', '0 goroutines queued'],
      textStyle: { color: c.muted },
      // One warm ramp (no blue→orange blend, whose middle turns grey).
      inRange: { color: [c.grid, c.warn, c.bad] },
    },
    series: [{ name: 'local run queue', type: 'heatmap', data: h.cells, progressive: 2000, emphasis: { itemStyle: { borderColor: c.text, borderWidth: 1 } } }],
  };
}

export function goroutinesOption(s: SchedAnalysis, c: ChartColors): ChartOption {
  const t = s.series.tSec;
  const area = (name: string, v: (number | null)[]) => ({ name, type: 'line', stack: 'g', areaStyle: { opacity: 0.35 }, showSymbol: false, step: 'end', sampling: 'lttb', data: pts(t, v) });
  return timeChart(c, 'goroutines', [area('running', s.series.gRunning), area('runnable', s.series.gRunnable), area('syscall', s.series.gSyscall), area('waiting', s.series.gWaiting)]);
}
