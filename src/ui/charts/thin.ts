// Series thinned to the chart's pixels before ECharts sees them: a chart
// cannot show more than a few points per pixel column, and ECharts' cost
// (data processing, paths, the inside zoom's filtering) grows with the points
// it is given, not with the pixels. Per pixel column of the plot a line keeps
// the points where it is lowest and highest (so every spike and dip stays, and
// the global maximum), a scatter keeps one point per cell of half its symbol, stacked lines
// keep the points where the stack's top is lowest and highest (the same x for
// every series of the stack, so the stack stays whole); a step line also keeps
// each column's last point, the value it holds into the next column, and a 0/1
// step line (GC running) becomes whole columns, so a cycle shorter than a pixel
// still shows. Only for
// charts with one grid and one value x axis; other options come back unchanged.

import type { ChartOption } from './echarts';

type Pt = [number, number, ...unknown[]];
type Series = Record<string, unknown> & { type?: string; data?: unknown; stack?: unknown; step?: unknown; symbolSize?: unknown };

const isPt = (p: unknown): p is Pt => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number';
const pointsOf = (s: Series): Pt[] | null => (Array.isArray(s.data) && s.data.length > 0 && s.data.every(isPt) ? (s.data as Pt[]) : null);

/** A plot's x range split into `columns` pixel columns: the column of an x (clamped). */
export function columnOf(x0: number, x1: number, columns: number): (x: number) => number {
  const per = columns / (x1 - x0 || 1);
  return (x) => Math.min(columns - 1, Math.max(0, Math.floor((x - x0) * per)));
}

/**
 * Indices of the points kept from ys (x-sorted, columns `col(i)` non-decreasing):
 * per column the index of its lowest and of its highest value, in order, and
 * with `last` its last point too when the next point is beyond the next column (a step
 * line holds that value across the gap; into the adjacent column only for part of a pixel).
 */
export function minMaxPerColumn(n: number, col: (i: number) => number, y: (i: number) => number, last = false): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < n) {
    const c = col(i);
    let lo = i;
    let hi = i;
    let j = i + 1;
    for (; j < n && col(j) === c; j++) {
      if (y(j) < y(lo)) lo = j;
      if (y(j) > y(hi)) hi = j;
    }
    for (const k of [...new Set([Math.min(lo, hi), Math.max(lo, hi), last && (j === n || col(j) > c + 1) ? j - 1 : hi])].sort((a, b) => a - b)) out.push(k);
    i = j;
  }
  return out;
}

/**
 * A 0/1 step line (the heap chart's "GC running") as whole pixel columns over [x0, x1]: a column
 * is 1 when the line is 1 at any time in it, so a GC cycle shorter than a pixel (most are, on a
 * trace of seconds) still shades one pixel column instead of a sliver too thin to see. Points at
 * the left edges of the columns where the value changes, and one at x1.
 */
export function indicatorColumns(pts: Pt[], x0: number, x1: number, columns: number): Pt[] {
  const col = columnOf(x0, x1, columns);
  const on = new Uint8Array(columns);
  pts.forEach((p, i) => {
    if (p[1] !== 1) return;
    const end = i + 1 < pts.length ? col(pts[i + 1][0]) : columns - 1;
    for (let k = col(p[0]); k <= end; k++) on[k] = 1;
  });
  const out: Pt[] = [];
  for (let k = 0; k < columns; k++) if (k === 0 || on[k] !== on[k - 1]) out.push([x0 + (k * (x1 - x0)) / columns, on[k]]);
  out.push([x1, on[columns - 1]]);
  return out;
}

/** One point per pixel cell (columns × rows over the data's y range): the first point of each cell, in order. */
export function onePerCell(pts: Pt[], col: (x: number) => number, rows: number): Pt[] {
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const p of pts) {
    if (p[1] < y0) y0 = p[1];
    if (p[1] > y1) y1 = p[1];
  }
  const row = columnOf(Math.min(0, y0), y1, rows);
  const seen = new Set<number>();
  return pts.filter((p) => {
    const cell = col(p[0]) * rows + row(p[1]);
    if (seen.has(cell)) return false;
    seen.add(cell);
    return true;
  });
}

/** The x range of the plot: the axis' numeric min and max, else the data's. */
function xRange(axis: Record<string, unknown>, series: Series[]): [number, number] | null {
  let x0 = typeof axis.min === 'number' ? axis.min : Infinity;
  let x1 = typeof axis.max === 'number' ? axis.max : -Infinity;
  if (typeof axis.min !== 'number' || typeof axis.max !== 'number')
    for (const s of series)
      for (const p of pointsOf(s) ?? []) {
        if (typeof axis.min !== 'number') x0 = Math.min(x0, p[0]);
        if (typeof axis.max !== 'number') x1 = Math.max(x1, p[0]);
      }
  return x0 < x1 ? [x0, x1] : null;
}

const sorted = (pts: Pt[]) => pts.every((p, i) => i === 0 || pts[i - 1][0] <= p[0]);

/**
 * The option's `series` thinned to a plot `plotWidth` pixels wide (`plotHeight`
 * high, for scatters), over the x range [x0, x1] when given (a zoomed window), else the axis'.
 * {} when nothing is thinned.
 */
export function thinnedToPixels(opt: ChartOption, plotWidth: number, plotHeight: number, window?: [number, number]): ChartOption {
  const o = opt as { series?: unknown; xAxis?: unknown; grid?: unknown };
  if (!Array.isArray(o.series) || Array.isArray(o.grid) || !o.xAxis || Array.isArray(o.xAxis)) return {};
  const axis = o.xAxis as Record<string, unknown>;
  if (axis.type !== 'value' && axis.type !== 'time') return {};
  const series = o.series as Series[];
  const range = window ?? xRange(axis, series);
  const columns = Math.max(1, Math.round(plotWidth));
  if (!range || !(columns > 0)) return {};
  const [x0, x1] = range;
  const col = columnOf(x0, x1, columns);
  // A zoomed window keeps one point either side of it, so the line enters and leaves the plot.
  const inWindow = (pts: Pt[]): Pt[] => {
    if (!window) return pts;
    let a = 0;
    while (a < pts.length && pts[a][0] < x0) a++;
    let b = pts.length;
    while (b > a && pts[b - 1][0] > x1) b--;
    return pts.slice(Math.max(0, a - 1), Math.min(pts.length, b + 1));
  };
  const pick = (pts: Pt[], idx: number[]) => idx.map((i) => pts[i]);
  let changed = false;
  const out: Series[] = series.map((s) => ({ ...s }));

  // Stacked lines: the same indices for every series of a stack, where its top is lowest and highest.
  const stacks = new Map<unknown, number[]>();
  series.forEach((s, k) => {
    if (s.type === 'line' && s.stack !== undefined) stacks.set(s.stack, [...(stacks.get(s.stack) ?? []), k]);
  });
  for (const members of stacks.values()) {
    const all = members.map((k) => pointsOf(series[k]));
    const first = all[0];
    if (!first || !sorted(first) || !all.every((p) => p && p.length === first.length && p.every((q, i) => q[0] === first[i][0]))) continue;
    const win = all.map((p) => inWindow(p!));
    if (win[0].length <= 2 * columns) {
      if (window) members.forEach((k, m) => (out[k].data = win[m]));
      changed ||= !!window;
      continue;
    }
    const top = (i: number) => win.reduce((sum, p) => sum + p[i][1], 0);
    const idx = minMaxPerColumn(win[0].length, (i) => col(win[0][i][0]), top, members.some((k) => !!series[k].step));
    members.forEach((k, m) => (out[k].data = pick(win[m], idx)));
    changed = true;
  }

  series.forEach((s, k) => {
    const pts = pointsOf(s);
    if (pts && s.type === 'line' && s.step && s.stack === undefined && sorted(pts) && pts.every((p) => p[1] === 0 || p[1] === 1)) {
      out[k].data = indicatorColumns(inWindow(pts), x0, x1, columns);
      changed = true;
    } else if (pts && s.type === 'line' && s.stack === undefined && sorted(pts)) {
      const win = inWindow(pts);
      if (win.length > 2 * columns) out[k].data = pick(win, minMaxPerColumn(win.length, (i) => col(win[i][0]), (i) => win[i][1], !!s.step));
      else out[k].data = win;
      changed ||= out[k].data !== pts;
    } else if (pts && s.type === 'scatter') {
      // Cells of half a symbol: points closer than that overlap on the screen.
      const cell = typeof s.symbolSize === 'number' ? Math.max(1, s.symbolSize / 2) : 1;
      const across = Math.max(1, Math.round(columns / cell));
      if (pts.length <= across) return;
      const win = window ? pts.filter((p) => p[0] >= x0 && p[0] <= x1) : pts;
      out[k].data = onePerCell(win, columnOf(x0, x1, across), Math.max(1, Math.round(plotHeight / cell)));
      changed = true;
    }
  });
  return changed ? { series: out } : {};
}
