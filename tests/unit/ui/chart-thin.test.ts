// Series thinned to the chart's pixels (charts/thin.ts), on the heap and
// goroutine charts of a real Go 1.26 trace (tests/fixtures/gotrace/go126-gens):
// per pixel column the thinned heap line keeps the lowest and highest point of
// the original (so the global maximum), the stacked goroutine areas keep the
// same x for every series and each column's highest stack, the stop-the-world
// points one per pixel cell, and GC cycles closer than a pixel merge into one
// shaded range covering them all. Expected values are computed here from the
// original series, not written down.

import { describe, expect, it } from 'vitest';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import { goroutinesOption, heapTimelineOption } from '../../../src/ui/views/trace/traceCharts';
import { chartColors } from '../../../src/ui/charts/palette';
import { columnOf, thinnedToPixels } from '../../../src/ui/charts/thin';
import { quietCtx, readFixture } from '../gotrace/helpers';

type Pt = [number, number, ...unknown[]];
type Series = { name: string; type: string; data: Pt[]; stack?: string };
const seriesOf = (o: unknown) => (o as { series: Series[] }).series;
const byName = (o: unknown, name: string) => seriesOf(o).find((s) => s.name === name)!;
const xRange = (o: unknown) => {
  const x = (o as { xAxis: { min: number; max: number } }).xAxis;
  return [x.min, x.max] as const;
};

/** Per column: the lowest and highest y of the points in it. */
function extremes(pts: Pt[], col: (x: number) => number): Map<number, [number, number]> {
  const m = new Map<number, [number, number]>();
  for (const [x, y] of pts) {
    const e = m.get(col(x));
    m.set(col(x), e ? [Math.min(e[0], y), Math.max(e[1], y)] : [y, y]);
  }
  return m;
}

describe('series thinned to the pixels of a real trace chart', () => {
  const t = analyzeGoTrace(readTraceModel(readFixture('go126-gens.trace.gz'), quietCtx())).trace!;
  const c = chartColors(false);
  const WIDTH = 300;
  const HEIGHT = 190;

  it('the heap line keeps each pixel column’s lowest and highest point and the global max, at most two per column', () => {
    const opt = heapTimelineOption(t, c);
    const before = byName(opt, 'heap in use').data;
    expect(before.length).toBeGreaterThan(2 * WIDTH); // else nothing would be thinned
    const after = byName(thinnedToPixels(opt, WIDTH, HEIGHT), 'heap in use').data;
    const col = columnOf(...xRange(opt), WIDTH);
    expect(after.length).toBeLessThanOrEqual(2 * WIDTH);
    expect(after.length).toBeLessThan(before.length);
    expect(extremes(after, col)).toEqual(extremes(before, col));
    expect(Math.max(...after.map((p) => p[1]))).toBe(Math.max(...before.map((p) => p[1])));
    expect(Math.min(...after.map((p) => p[1]))).toBe(Math.min(...before.map((p) => p[1])));
    // Kept points are original points, in time order.
    for (const p of after) expect(before).toContain(p);
    expect(after.every((p, i) => i === 0 || after[i - 1][0] <= p[0])).toBe(true);
  });

  it('a chart wide enough for every point leaves the line as it is', () => {
    const opt = heapTimelineOption(t, c);
    const n = byName(opt, 'heap in use').data.length;
    const out = thinnedToPixels(opt, n, HEIGHT);
    expect('series' in out ? byName(out, 'heap in use').data : 'unchanged').toEqual('series' in out ? byName(opt, 'heap in use').data : 'unchanged');
  });

  it('a zoomed window is thinned from the whole series: its own columns keep their extremes', () => {
    const opt = heapTimelineOption(t, c);
    const before = byName(opt, 'heap in use').data;
    const [x0, x1] = xRange(opt);
    const w: [number, number] = [x0 + (x1 - x0) * 0.25, x0 + (x1 - x0) * 0.5];
    const after = byName(thinnedToPixels(opt, WIDTH, HEIGHT, w), 'heap in use').data;
    const inside = (p: Pt) => p[0] >= w[0] && p[0] <= w[1];
    const col = columnOf(w[0], w[1], WIDTH);
    expect(extremes(after.filter(inside), col)).toEqual(extremes(before.filter(inside), col));
    // One point either side of the window, no more.
    expect(after.filter((p) => !inside(p)).length).toBeLessThanOrEqual(2);
  });

  it('the stacked goroutine areas keep one x grid and each column’s highest stack; the waiting line its extremes', () => {
    const opt = goroutinesOption(t, c);
    const before = seriesOf(opt);
    expect(before[0].data.length).toBeGreaterThan(2 * WIDTH);
    const after = seriesOf(thinnedToPixels(opt, WIDTH, HEIGHT));
    const col = columnOf(...xRange(opt), WIDTH);
    const stacked = after.filter((s) => s.stack);
    expect(stacked.length).toBeGreaterThan(1);
    const xs = stacked[0].data.map((p) => p[0]);
    for (const s of stacked) expect(s.data.map((p) => p[0])).toEqual(xs);
    // Stepped areas on a grid with a point in every column: each column's lowest and highest stack.
    expect(xs.length).toBeLessThanOrEqual(2 * WIDTH);
    expect(xs.length).toBeLessThan(before[0].data.length);
    const tops = (ss: Series[]) =>
      ss[0].data.map((p, i) => [p[0], ss.filter((s) => s.stack).reduce((sum, s) => sum + s.data[i][1], 0)] as Pt);
    expect(extremes(tops(after), col)).toEqual(extremes(tops(before), col));
    const waiting = (ss: Series[]) => ss.find((s) => s.name === 'waiting')!.data;
    expect(extremes(waiting(after), col)).toEqual(extremes(waiting(before), col));
  });

  it('stop-the-world points: one per cell of half a symbol, every cell kept, the longest pause kept', () => {
    const opt = heapTimelineOption(t, c);
    const before = byName(opt, 'stop-the-world').data;
    // This trace has fewer pauses than a 300 px plot has columns: a narrow plot makes cells shared.
    const narrow = 40;
    const after = byName(thinnedToPixels(opt, narrow, 30), 'stop-the-world').data;
    expect(after.length).toBeLessThan(before.length);
    const size = (seriesOf(opt).find((s) => s.name === 'stop-the-world') as unknown as { symbolSize: number }).symbolSize;
    const col = columnOf(...xRange(opt), Math.round(narrow / (size / 2)));
    const y1 = Math.max(...before.map((p) => p[1]));
    const row = columnOf(0, y1, Math.round(30 / (size / 2)));
    const cells = (pts: Pt[]) => new Set(pts.map((p) => `${col(p[0])}/${row(p[1])}`));
    expect(cells(after)).toEqual(cells(before));
    expect(after.length).toBe(cells(before).size);
    expect(Math.max(...after.map((p) => p[1]))).toBe(y1);
  });

  it('a step line (the heap goal) keeps each column’s extremes and the value it holds across an empty column', () => {
    const opt = heapTimelineOption(t, c);
    const gcLine = byName(opt, 'GC cycle').data;
    /** Columns with points followed by a column without (the last column excluded): a step line holds its value across. */
    const gaps = (pts: Pt[], col: (x: number) => number) => {
      const cols = new Set(pts.map((p) => col(p[0])));
      return [...cols].filter((k) => !cols.has(k + 1) && k < Math.max(...cols));
    };
    // This trace has 16 GC cycles: a plot a few pixels wide puts several in a column, and leaves some columns empty.
    const narrow = [...Array(14).keys()].map((k) => k + 3).find((w) => gcLine.length > 2 * w && gaps(gcLine, columnOf(...xRange(opt), w)).length > 0)!;
    expect(narrow).toBeDefined();
    const col = columnOf(...xRange(opt), narrow);
    const out = thinnedToPixels(opt, narrow, HEIGHT);
    /** Per gap column: the value held across it (the column's last point). */
    const held = (pts: Pt[]) => new Map(gaps(pts, col).map((k) => [k, pts.filter((p) => col(p[0]) === k).pop()![1]]));
    /** Columns where a 0/1 step line is 1 for some time. */
    const on = (pts: Pt[]) => {
      const cols = new Set<number>();
      pts.forEach((p, i) => {
        if (p[1] !== 1) return;
        const end = i + 1 < pts.length ? col(pts[i + 1][0]) : narrow - 1;
        for (let k = col(p[0]); k <= end; k++) cols.add(k);
      });
      return cols;
    };
    // The goal line (17 points) is thinned only when the plot is narrow enough.
    for (const name of ['heap goal'].filter((n) => byName(opt, n).data.length > 2 * narrow)) {
      const before = byName(opt, name).data;
      const after = byName(out, name).data;
      expect(after.length).toBeLessThan(before.length);
      expect(extremes(after, col)).toEqual(extremes(before, col));
      expect(held(after)).toEqual(held(before));
    }
    expect(held(gcLine).size).toBeGreaterThan(0);
    // The GC line's columns: the test below.
    expect(on(gcLine).size).toBeGreaterThan(0);
  });

  it('the GC line becomes whole pixel columns: every column a cycle touches is 1 from its left edge to its right, the others 0', () => {
    const opt = heapTimelineOption(t, c);
    const gcLine = byName(opt, 'GC cycle').data;
    const [x0, x1] = xRange(opt);
    const col = columnOf(x0, x1, WIDTH);
    const after = byName(thinnedToPixels(opt, WIDTH, HEIGHT), 'GC cycle').data;
    /** The value a step line holds at x. */
    const at = (pts: Pt[], x: number) => [...pts].reverse().find((p) => p[0] <= x)?.[1] ?? 0;
    const touched = new Set<number>();
    gcLine.forEach((p, i) => {
      if (p[1] !== 1) return;
      for (let k = col(p[0]); k <= (i + 1 < gcLine.length ? col(gcLine[i + 1][0]) : WIDTH - 1); k++) touched.add(k);
    });
    // Most cycles of this trace are shorter than a pixel: drawn as they are, they would not show.
    const px = (x1 - x0) / WIDTH;
    expect(t.gcCycles.durNs.filter((d) => d !== null && d / 1e9 < px).length).toBeGreaterThan(t.gcCycles.durNs.length / 2);
    expect(touched.size).toBeGreaterThan(0);
    for (let k = 0; k < WIDTH; k++) {
      const want = touched.has(k) ? 1 : 0;
      expect(at(after, x0 + (k + 0.01) * px), `column ${k} at its left`).toBe(want);
      expect(at(after, x0 + (k + 0.99) * px), `column ${k} at its right`).toBe(want);
    }
  });

  it('every GC cycle of the analysis is shaded: the GC line is 1 from each start to its end', () => {
    const gc = byName(heapTimelineOption(t, c), 'GC cycle').data;
    const at = (x: number) => [...gc].reverse().find((p) => p[0] <= x)?.[1] ?? 0;
    expect(t.gcCycles.startNs.length).toBeGreaterThan(1);
    t.gcCycles.startNs.forEach((s, i) => {
      const end = s + (t.gcCycles.durNs[i] ?? t.durationNs - s);
      expect(at(+(s / 1e9).toFixed(6))).toBe(1);
      expect(at(+(((s + end) / 2) / 1e9).toFixed(6))).toBe(1);
    });
  });

  it('charts of several grids or a category axis are left alone', () => {
    expect(thinnedToPixels({ grid: [{}, {}], xAxis: [{ type: 'value' }], series: [] }, WIDTH, HEIGHT)).toEqual({});
    expect(thinnedToPixels({ xAxis: { type: 'category', data: ['a'] }, series: [{ type: 'bar', data: [1] }] }, WIDTH, HEIGHT)).toEqual({});
  });
});
