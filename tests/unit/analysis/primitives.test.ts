// Percentiles, histograms and top-k: checked against their definitions on
// pauses from a real gctrace log and on edge cases.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearestRank, sortedCopy, summarize } from '../../../src/analysis/percentiles';
import { logHistogram } from '../../../src/analysis/histogram';
import { peakIndices } from '../../../src/analysis/downsample';
import { topIndices } from '../../../src/analysis/gc/analyze';
import { repoRoot } from '../paths';

const pauses = readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'), 'utf8')
  .split('\n')
  .map((l) => /: ([\d.]+)\+[\d.]+\+([\d.]+) ms clock/.exec(l))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => Number(m[1]) + Number(m[2]));

describe('nearest-rank percentiles', () => {
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
