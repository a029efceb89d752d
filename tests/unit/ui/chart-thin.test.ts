// Long line series are thinned to about a point per pixel (charts/thin.ts):
// on the heap and goroutine charts of a real Go 1.26 trace, the plain heap
// line is sampled exactly when it has more than THIN_FROM points, the stepped
// goal line and the stacked goroutine areas never are, and the data is not
// changed (ECharts samples at draw time).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import { goroutinesOption, heapTimelineOption } from '../../../src/ui/views/trace/traceCharts';
import { chartColors } from '../../../src/ui/charts/palette';
import { THIN_FROM, thinned } from '../../../src/ui/charts/thin';
import { fixtureDir, quietCtx } from '../gotrace/helpers';

type Series = { name: string; type: string; data: unknown[]; sampling?: string; step?: unknown; stack?: unknown };
const seriesOf = (o: unknown) => (o as { series: Series[] }).series;

describe('thinned line series on a real trace', () => {
  const t = analyzeGoTrace(readTraceModel(new Uint8Array(readFileSync(`${fixtureDir}/go126-mixed.trace`)), quietCtx())).trace!;
  const c = chartColors(false);

  it('samples the heap line iff it is longer than THIN_FROM; never the step goal line; data unchanged', () => {
    const opt = heapTimelineOption(t, c);
    const heap = seriesOf(opt).find((s) => s.name === 'heap in use')!;
    expect(heap.data.length).toBeGreaterThan(0);
    const out = thinned(opt);
    if (heap.data.length <= THIN_FROM) {
      expect(out).toEqual({});
    } else {
      const after = seriesOf(out);
      expect(after.find((s) => s.name === 'heap in use')!.sampling).toBe('lttb');
      expect(after.find((s) => s.name === 'heap goal')!.sampling).toBeUndefined();
      expect(after.map((s) => s.data)).toEqual(seriesOf(opt).map((s) => s.data));
    }
  });

  it('a heap line made longer than THIN_FROM (the trace repeated over time) is sampled; stepped and stacked lines are not', () => {
    const opt = heapTimelineOption(t, c);
    const heap = seriesOf(opt).find((s) => s.name === 'heap in use')!;
    const span = t.durationNs / 1e9;
    const copies = Math.ceil((THIN_FROM + 1) / heap.data.length);
    const long = Array.from({ length: copies }, (_, k) => (heap.data as [number, number][]).map(([x, y]) => [x + k * span, y])).flat();
    const withLong = { ...opt, series: seriesOf(opt).map((s) => (s === heap ? { ...s, data: long } : { ...s, data: s.step ? long : s.data })) };
    const after = seriesOf(thinned(withLong));
    expect(after.find((s) => s.name === 'heap in use')!.sampling).toBe('lttb');
    expect(after.find((s) => s.name === 'heap goal')!.sampling).toBeUndefined();
    const g = goroutinesOption(t, c);
    const longG = { ...g, series: seriesOf(g).map((s) => ({ ...s, data: long })) };
    // Stacked areas and the stepped waiting line stay whole: nothing to change.
    expect(seriesOf(longG).every((s) => s.data.length > THIN_FROM)).toBe(true);
    expect(thinned(longG)).toEqual({});
  });
});
