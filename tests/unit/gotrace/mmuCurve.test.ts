// MmuCurve.mmu scans only the blocks of candidates whose lower bound is below
// the least window found; it must give exactly what the plain scan of every
// candidate gives (mmuPlain), on the utilization of every trace fixture
// and on generated series with dips, spikes, long flat runs and many points.

import { describe, expect, it } from 'vitest';
import { MmuCurve } from '../../../src/analysis/gotrace/mmuCurve';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { rng } from '../../fuzz/mutate';
import { fixtureTraces, quietCtx, readFixture } from './helpers';

/** The report's windows: 41 from 100 µs to the trace, and some that end between change points. */
function windows(span: number): number[] {
  const out = [1, 1e3, 5e4, 2.5e5, 1e6, 3e6, 1e7, 1e8, 1e9, span, span * 2];
  const lo = Math.min(1e5, span);
  for (let i = 0; i <= 40; i++) out.push(Math.round(lo * Math.pow(span / lo, i / 40)));
  return out;
}

/**
 * Both take a window's integral as the difference of two prefix integrals up
 * to the trace's span, so each carries a rounding error of a few ulps of the
 * span (about 1e-6 ns on a 1 s trace): divided by a 1 ns window that can move
 * the mean in its 8th digit, and then a bound may rightly skip the block whose
 * rounding made the plain scan's minimum. Equal within that.
 */
function check(t: Float64Array, u: Float64Array): void {
  const curve = new MmuCurve(t, u);
  const span = t[t.length - 1] - t[0];
  if (!(span > 0)) {
    for (const w of [1, 1e6]) expect(curve.mmu(w)).toBe(curve.mmuPlain(w));
    return;
  }
  for (const w of windows(span)) {
    const got = curve.mmu(w);
    const want = curve.mmuPlain(w);
    const ulps = (8 * Number.EPSILON * Math.max(span, t[t.length - 1])) / Math.min(w, span);
    expect(Math.abs(got - want), `window ${w} of ${t.length} points: ${got} vs ${want}`).toBeLessThanOrEqual(ulps);
  }
}

describe('MmuCurve.mmu: the plain scan of every candidate, from fewer', () => {
  it.each(fixtureTraces())('%s: both series, every window', (name) => {
    const c = readTraceModel(readFixture(name), quietCtx()).collected;
    for (const s of [c.util.ours, c.util.goTool]) {
      const { t, u } = s.finish(c.lastTime, c.events > 0);
      if (t.length >= 2) check(t, u);
    }
  });

  it('generated series: GOMAXPROCS fractions, dips, flat runs, 1 to 20,000 points', () => {
    let blocksUsed = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = rng(seed);
      const n = seed <= 5 ? seed : Math.floor(rnd() * 20000) + 2;
      const procs = 1 + Math.floor(rnd() * 8);
      const t = new Float64Array(n);
      const u = new Float64Array(n);
      let time = 1000;
      // Half the series never reach 0, so a window's least utilization decides its bound.
      const floor = seed % 2 === 0 ? 1 : 0;
      let level = procs;
      for (let i = 0; i < n; i++) {
        time += 1 + Math.floor(rnd() < 0.05 ? rnd() * 5e6 : rnd() * 2e4);
        t[i] = time;
        // Mostly high, with dips to 0 (stop-the-worlds) and runs in GC.
        const r = rnd();
        if (r < 0.02) level = floor;
        else if (r < 0.3) level = Math.max(floor, Math.min(procs, level + (rnd() < 0.5 ? -1 : 1)));
        else if (r < 0.35) level = procs;
        u[i] = i === n - 1 && floor === 0 ? 0 : level / procs;
      }
      if (n > 2048) blocksUsed++;
      check(t, u);
    }
    // Not vacuous: most series are long enough to be cut in blocks.
    expect(blocksUsed).toBeGreaterThan(40);
  });
});
