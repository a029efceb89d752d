// Percentiles, histograms and top-k: checked against their definitions on
// pauses from a real gctrace log and on edge cases.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearestRank, rankValues, sortedCopy, summarize } from '../../../src/analysis/percentiles';
import { logHistogram } from '../../../src/analysis/histogram';
import { F64Series } from '../../../src/lib/series';
import { peakIndices } from '../../../src/analysis/downsample';
import { topIndices } from '../../../src/analysis/gc/analyze';
import { repoRoot } from '../paths';

const pauses = readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'), 'utf8')
  .split('\n')
  .map((l) => /: ([\d.]+)\+[\d.]+\+([\d.]+) ms clock/.exec(l))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => Number(m[1]) + Number(m[2]));

describe('nearest-rank percentiles', () => {
  it('rankValues (counting select) gives the sorted array\'s values on long series of every shape', () => {
    // A seeded generator, so a failure is repeatable.
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    // The real pauses repeated with jitter, heavy ties, zeros, subnormals, huge values and Infinity.
    const shapes: Record<string, () => number> = {
      'real pauses × jitter': () => pauses[Math.floor(rnd() * pauses.length)] * (1 + rnd() * 1e-3),
      'integer ns, heavy ties': () => Math.floor(rnd() * 50) * 1000,
      'half zeros': () => (rnd() < 0.5 ? 0 : rnd() * 1e9),
      'log-uniform 1e-320..1e300': () => 10 ** (rnd() * 620 - 320),
      'one bucket only': () => 1024 + Math.floor(rnd() * 4),
      'with Infinity': () => (rnd() < 0.01 ? Infinity : rnd()),
    };
    const qs = [0.0001, 0.01, 0.5, 0.9, 0.99, 0.999, 1];
    for (const [name, gen] of Object.entries(shapes)) {
      for (const n of [4095, 4096, 50_001]) {
        const a = Float64Array.from({ length: n }, gen);
        const copy = a.slice();
        const s = sortedCopy(a);
        const r = rankValues(a, qs);
        expect(r.at, name).toEqual(qs.map((q) => nearestRank(s, q)));
        expect(r.max, name).toBe(s[n - 1]);
        expect(a, `${name}: input untouched`).toEqual(copy);
      }
    }
    // Negative values, -0, -Infinity and mixed signs are placed by the same counting pass.
    // (-0 and +0 are equal values, so the rank may give either: compare them as numbers.)
    const z = (xs: number[]) => xs.map((x) => (x === 0 ? 0 : x));
    const signed: Record<string, () => number> = {
      'uniform -1..1': () => rnd() * 2 - 1,
      'all negative, log-uniform': () => -(10 ** (rnd() * 40 - 20)),
      'zeros of both signs and ties': () => [0, -0, -1, 1, -2][Math.floor(rnd() * 5)],
      'with -Infinity': () => (rnd() < 0.01 ? -Infinity : rnd() - 0.5),
    };
    for (const [name, gen] of Object.entries(signed)) {
      const a = Float64Array.from({ length: 20_000 }, gen);
      const s = sortedCopy(a);
      const r = rankValues(a, qs);
      expect(z(r.at), name).toEqual(z(qs.map((q) => nearestRank(s, q))));
      expect(r.max, name).toBe(s[s.length - 1]);
    }
    expect(Number.isNaN(rankValues(new Float64Array(0), [0.5]).at[0])).toBe(true);
  });
  it('every percentile is a value that occurred, at rank ceil(q·n)', () => {
    const s = [...pauses].sort((a, b) => a - b);
    for (const q of [0.01, 0.5, 0.9, 0.99, 1]) {
      const v = nearestRank(sortedCopy(pauses), q);
      expect(pauses).toContain(v);
      expect(v).toBe(s[Math.ceil(q * s.length) - 1]);
    }
  });
  it('small samples: p99 of 10 values is the maximum, p50 of 4 is the 2nd', () => {
    expect(nearestRank(sortedCopy([5, 1, 3, 2, 4, 9, 8, 7, 6, 10]), 0.99)).toBe(10);
    expect(nearestRank(sortedCopy([4, 1, 3, 2]), 0.5)).toBe(2);
    expect(Number.isNaN(nearestRank([], 0.5))).toBe(true);
  });
  it('summary totals', () => {
    const s = summarize(pauses);
    expect(s.count).toBe(pauses.length);
    expect(s.total).toBeCloseTo(pauses.reduce((a, b) => a + b, 0), 9);
    expect(s.max).toBe(Math.max(...pauses));
  });
});

describe('log histogram', () => {
  it('holds every value in the bucket whose bounds contain it', () => {
    const h = logHistogram(pauses);
    expect(h.reduce((a, b) => a + b.count, 0)).toBe(pauses.length);
    for (const v of pauses) {
      const b = h.find((x) => v >= x.lo && v < x.hi);
      expect(b, `value ${v}`).toBeDefined();
    }
    for (let i = 1; i < h.length; i++) expect(h[i].lo).toBe(h[i - 1].hi);
  });
  it('zeros get their own bucket; exact powers of ten land at a lower bound', () => {
    const h = logHistogram([0, 0, 1, 10, 100]);
    expect(h[0]).toEqual({ lo: 0, hi: 1, count: 2 });
    expect(h.find((b) => b.lo === 10)!.count).toBe(1);
    expect(h.find((b) => b.lo === 100)!.count).toBe(1);
  });
});

describe('top-k and downsampling', () => {
  it('topIndices equals a full sort', () => {
    const order = pauses.map((_, i) => i).sort((a, b) => pauses[b] - pauses[a] || a - b);
    expect(topIndices(pauses, 20)).toEqual(order.slice(0, 20));
    expect(topIndices([3, 1, 2], 5)).toEqual([0, 2, 1]);
  });
  it('peakIndices keeps the maximum of each bucket, so the worst point survives', () => {
    const idx = peakIndices(pauses.length, 10, (i) => pauses[i]);
    expect(idx.length).toBe(10);
    const max = Math.max(...pauses);
    expect(idx.some((i) => pauses[i] === max)).toBe(true);
  });
});

describe('F64Series (chunked growable doubles)', () => {
  it('pushAll keeps what push keeps, in pieces of any size and after pushes', () => {
    for (const n of [0, 1, 1023, 65_536, 65_537, 200_001]) {
      const values = Float64Array.from({ length: n }, (_, i) => i * 2.5 - 7);
      const one = new F64Series();
      for (const v of values) one.push(v);
      const bulk = new F64Series();
      bulk.push(-1);
      bulk.pushAll(values.subarray(0, n >> 1));
      bulk.pushAll(values.subarray(n >> 1));
      expect(bulk.length).toBe(n + 1);
      expect(bulk.toArray().subarray(1)).toEqual(one.toArray());
      if (n) expect(bulk.get(n)).toBe(values[n - 1]);
    }
  });

  it('keeps every value in order across the small first chunk and full chunks', () => {
    for (const n of [0, 1, 1024, 1025, 65_536, 65_537, 200_001]) {
      const s = new F64Series();
      for (let i = 0; i < n; i++) s.push(i * 1.5);
      expect(s.length).toBe(n);
      const all = s.toArray();
      expect(all.length).toBe(n);
      for (const i of [0, 1023, 1024, 65_535, 65_536, 131_072, n - 1]) if (i >= 0 && i < n) {
        expect(s.get(i)).toBe(i * 1.5);
        expect(all[i]).toBe(i * 1.5);
      }
      expect(s.chunks().reduce((a, c) => a + c.length, 0)).toBe(n);
    }
  });
  it('histograms and ranks over chunks equal those over one array', () => {
    const s = new F64Series();
    for (let i = 0; i < 150_000; i++) s.push(((i * 7919) % 100_003) * 37);
    const flat = s.toArray();
    expect(logHistogram(s.chunks(), 4, 1e3)).toEqual(logHistogram(Array.from(flat, (v) => v / 1e3), 4));
    const sorted = sortedCopy(flat);
    expect(rankValues(s.chunks(), [0.5, 0.99]).at).toEqual([nearestRank(sorted, 0.5), nearestRank(sorted, 0.99)]);
  });
});
