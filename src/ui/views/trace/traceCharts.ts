// ECharts options for the execution-trace view. Pure functions of the
// `trace` analysis and the chart colours; every axis names its unit.

import type { TraceAnalysis } from '../../../analysis/gotrace/types';
import type { ChartOption } from '../../charts/echarts';
import type { ChartColors } from '../../charts/palette';
import { fmtMs } from '../../format';
import { axis, tooltip } from '../../charts/axes';
import { BUCKET_AXIS, bucketLabel } from '../../charts/histogram';
import { escapeHtml } from '../../escape';

const MiB = 1048576;
const grid = { left: 64, right: 56, top: 34, bottom: 52 };
const sec = (ns: number) => +(ns / 1e9).toFixed(6);

/** Stop-the-world pauses by length, one stacked bar per reason. */
export function stwHistogramOption(t: TraceAnalysis, c: ChartColors): ChartOption {
  const h = t.stw.histogramMs;
  const labels = h.map((b) => bucketLabel(b.lo, b.hi));
  return {
    grid: { ...grid, top: 56 },
    color: c.series,
    legend: { top: 0, left: 8, right: 36, textStyle: { color: c.muted }, type: 'scroll' },
    tooltip: tooltip(c, { axisPointer: { type: 'shadow' } }),
    xAxis: axis(c, BUCKET_AXIS('pause'), { type: 'category', data: labels, axisLabel: { color: c.muted, rotate: labels.length > 8 ? 30 : 0, fontSize: 10 } }),
    yAxis: axis(c, 'stop-the-worlds', { type: 'value', minInterval: 1, nameGap: 40 }),
    series: t.stw.reasons.map((r, k) => ({ name: r, type: 'bar', stack: 'stw', data: h.map((b) => b.byReason[k]) })),
  };
}

/**
 * Seconds since the trace start, up to its end. The end itself is not labelled: "4.558654"
 * ran into the tick before it on a narrow chart (the duration is a headline figure).
 */
function timeAxis(t: TraceAnalysis, c: ChartColors) {
  return axis(c, 'seconds since trace start', { type: 'value', min: 0, max: sec(t.durationNs), axisLabel: { color: c.muted, showMaxLabel: false } });
}

/**
 * GC cycles as a 0/1 step line: 1 from each cycle's start to its end. Drawn as one shaded
 * area instead of one mark area per cycle (hundreds of mark areas made the chart's one
 * long main-thread task), so every cycle is shaded, not only the longest.
 */
function gcRunning(t: TraceAnalysis): [number, number][] {
  const out: [number, number][] = [];
  const { startNs, durNs } = t.gcCycles;
  const order = startNs.map((_, i) => i).sort((a, b) => startNs[a] - startNs[b]);
  for (const i of order) {
    const end = startNs[i] + (durNs[i] ?? t.durationNs - startNs[i]);
    const last = out[out.length - 1];
    // Overlapping or touching cycles (a downsampled list may hold both): one run.
    if (last && last[1] === 0 && last[0] >= sec(startNs[i])) last[0] = Math.max(last[0], sec(end));
    else out.push([sec(startNs[i]), 1], [sec(end), 0]);
  }
  return out;
}

/** Heap in use and goal over time, GC cycles shaded, stop-the-worlds as points (right axis). */
export function heapTimelineOption(t: TraceAnalysis, c: ChartColors): ChartOption {
  return {
    grid,
    color: [c.series[0], c.series[1], c.bad, c.series[2]],
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: timeAxis(t, c),
    yAxis: [
      axis(c, 'MiB', { type: 'value', nameGap: 44 }),
      axis(c, 'stop-the-world (ms)', { type: 'value', nameGap: 36, splitLine: { show: false } }),
      // The GC cycles' 0/1 line fills the plot's height; no axis drawn.
      { type: 'value', min: 0, max: 1, show: false },
    ],
    dataZoom: [{ type: 'inside' }],
    series: [
      { name: 'heap in use', type: 'line', showSymbol: false, data: t.heap.alloc.tNs.map((x, i) => [sec(x), +(t.heap.alloc.bytes[i] / MiB).toFixed(3)]) },
      { name: 'heap goal', type: 'line', step: 'end', showSymbol: false, lineStyle: { type: 'dashed' }, data: t.heap.goal.tNs.map((x, i) => [sec(x), +(t.heap.goal.bytes[i] / MiB).toFixed(3)]) },
      {
        name: 'stop-the-world',
        type: 'scatter',
        yAxisIndex: 1,
        symbolSize: 5,
        // Drawn as one path instead of one element per point: a third of this chart's main-thread time at 2000 stops.
        large: true,
        largeThreshold: 400,
        data: t.stw.all.filter((s) => s.durNs !== null).map((s) => [sec(s.startNs), +(s.durNs! / 1e6).toFixed(4), s.reason]),
        tooltip: { trigger: 'item', formatter: (p: { data: [number, number, string] }) => `${escapeHtml(p.data[2])} at ${p.data[0].toFixed(3)} s: ${fmtMs(p.data[1])}` },
      },
      {
        name: 'GC cycle',
        type: 'line',
        step: 'end',
        yAxisIndex: 2,
        z: 0,
        silent: true,
        showSymbol: false,
        lineStyle: { width: 0 },
        areaStyle: { color: c.series[2], opacity: 0.35 },
        // Not in the axis tooltip: its 0/1 is not a figure.
        tooltip: { show: false },
        data: gcRunning(t),
      },
    ],
  };
}

/** Goroutines by state over time (stacked areas). */
export function goroutinesOption(t: TraceAnalysis, c: ChartColors): ChartOption {
  const g = t.goroutines;
  const x = g.tNs.map(sec);
  const s = (name: string, data: number[], stacked = true) => ({
    name,
    type: 'line',
    ...(stacked ? { stack: 'g', areaStyle: { opacity: 0.55 } } : { lineStyle: { type: 'dashed' } }),
    showSymbol: false,
    step: 'end',
    data: data.map((v, i) => [x[i], v]),
  });
  return {
    grid,
    color: [c.series[2], c.series[0], c.series[1], c.series[3]],
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: tooltip(c),
    xAxis: timeAxis(t, c),
    yAxis: axis(c, 'goroutines', { type: 'value', nameGap: 44, minInterval: 1 }),
    dataZoom: [{ type: 'inside' }],
    // Waiting goroutines usually outnumber the rest by far: a line, not part of the stack.
    // Steady states at the bottom of the stack, the bursty runnable count on top.
    series: [s('in syscall', g.syscall), s('running', g.running), s('runnable', g.runnable), s('waiting', g.waiting, false)],
  };
}

/** Runnable → running delays, log buckets. */
export function schedLatencyOption(t: TraceAnalysis, c: ChartColors): ChartOption {
  const h = t.schedLatency.histogramMs;
  const labels = h.map((b) => bucketLabel(b.lo, b.hi));
  return {
    grid,
    tooltip: tooltip(c, { axisPointer: { type: 'shadow' } }),
    xAxis: axis(c, BUCKET_AXIS('wait for a P'), { type: 'category', data: labels, axisLabel: { color: c.muted, rotate: labels.length > 8 ? 30 : 0, fontSize: 10 } }),
    yAxis: axis(c, 'goroutine starts', { type: 'log', nameGap: 48, min: 1 }),
    series: [{ name: 'starts', type: 'bar', data: h.map((b) => Math.max(b.count, 0) || null), itemStyle: { color: c.series[0] } }],
  };
}

/** Minimum mutator utilization over window sizes (log x axis). */
export function mmuOption(t: TraceAnalysis, c: ChartColors): ChartOption {
  const at = t.mmu.at;
  return {
    grid,
    tooltip: { ...tooltip(c), formatter: (p: { seriesName: string; data: [number, number] }[]) => `window ${fmtMs(p[0].data[0])}: ` + p.map((x) => `${x.seriesName} ${(x.data[1] * 100).toFixed(1)}%`).join(', ') },
    ...(t.mmu.goToolTrace ? { legend: { top: 0, textStyle: { color: c.muted } } } : {}),
    xAxis: axis(c, 'window (ms, log scale)', { type: 'log', min: (v: { min: number }) => v.min, max: (v: { max: number }) => v.max }),
    yAxis: axis(c, 'minimum mutator utilization (0–1)', { type: 'value', min: 0, max: 1, nameGap: 40 }),
    series: [
      {
        name: 'MMU',
        type: 'line',
        showSymbol: false,
        data: t.mmu.windowsNs.map((w, i) => [w / 1e6, +t.mmu.values[i].toFixed(6)]),
        itemStyle: { color: c.series[0] },
        markPoint: {
          symbolSize: 8,
          symbol: 'circle',
          label: { show: true, position: 'top', color: c.text, fontSize: 10, formatter: (p: { name: string }) => p.name },
          itemStyle: { color: c.series[1] },
          data: (['1ms', '10ms', '100ms', '1s'] as const)
            .filter((k) => ({ '1ms': 1, '10ms': 10, '100ms': 100, '1s': 1000 })[k] <= t.durationNs / 1e6)
            .map((k) => ({ name: `${k}: ${(at[k] * 100).toFixed(1)}%`, coord: [{ '1ms': 1, '10ms': 10, '100ms': 100, '1s': 1000 }[k], at[k]] })),
        },
      },
      ...(t.mmu.goToolTrace
        ? [
            {
              name: 'go tool trace (see below)',
              type: 'line' as const,
              showSymbol: false,
              lineStyle: { type: 'dashed' as const },
              data: t.mmu.windowsNs.map((w, i) => [w / 1e6, +t.mmu.goToolTrace!.values[i].toFixed(6)]),
              itemStyle: { color: c.series[2] },
            },
          ]
        : []),
    ],
  };
}
