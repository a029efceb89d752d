// The collector's bounded structures against the exact figures, on the real
// fixture traces: scheduler-latency percentiles from the folded histogram
// against golang.org/x/exp/trace's exact nearest-rank values (goldens), and
// the merged heap series against every HeapAlloc sample the reader delivers.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import { TraceCollector, type CollectorBounds } from '../../../src/analysis/gotrace/collect';
import { CpuSamples } from '../../../src/analysis/gotrace/cpuSamples';
import { SpanStore } from '../../../src/analysis/gotrace/spanStore';
import type { GoTraceModel } from '../../../src/analysis/gotrace/model';
import { BoundedRanks, RANK_ERROR, bucketLow } from '../../../src/analysis/boundedRanks';
import { rankValues } from '../../../src/analysis/percentiles';
import { readGoTrace } from '../../../src/formats/gotrace/parse';
import { Ev } from '../../../src/formats/gotrace/spec';
import { DecimatedSeries } from '../../../src/lib/decimatedSeries';
import { fixtureDir, fixtureTraces, goldenName, quietCtx, readFixture } from './helpers';
import { readChunks } from './chunkHelpers';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { planChunks } from '../../../src/formats/gotrace/split';
import { rng } from '../../fuzz/mutate';

/** Reads a fixture with the given bounds; also returns every HeapAlloc sample, taken from the events directly. */
function read(name: string, bounds: CollectorBounds): { model: GoTraceModel; heap: [number, number][] } {
  const collected = new TraceCollector(undefined, bounds);
  const heap: [number, number][] = [];
  const r = readGoTrace(readFixture(name), quietCtx(), (ev) => {
    collected.event(ev);
    if (ev.type === Ev.HeapAlloc) heap.push([ev.time, ev.a0]);
  });
  collected.finish();
  return { model: { ...r, collected, cpu: new CpuSamples(), spans: new SpanStore() }, heap };
}

const SMALL: CollectorBounds = { latencyExactMax: 16, heapMaxPoints: 64 };

describe.each(fixtureTraces())('%s with small bounds', (name) => {
  const golden = JSON.parse(readFileSync(path.join(fixtureDir, goldenName(name)), 'utf8'));
  const exact = read(name, {});
  const small = read(name, SMALL);
  const a = analyzeGoTrace(exact.model);
  const b = analyzeGoTrace(small.model);

  it('the default bounds keep these fixtures exact', () => {
    expect(exact.model.collected.latencies.exact).toBe(true);
    expect(exact.model.collected.heap.bucketWidth).toBe(0);
    expect(exact.model.collected.heap.length).toBe(exact.heap.length);
  });

  it('scheduler latency from the histogram: count, total and max exact; percentiles at most 0.1% below x/exp/trace', () => {
    const s = b.trace!.schedLatency;
    const g = golden.schedLatency;
    expect(small.model.collected.latencies.exact).toBe(g.count <= 16);
    expect({ count: s.count, total: s.totalNs, max: s.maxNs ?? 0 }).toEqual({ count: g.count, total: g.total, max: g.max });
    for (const [ours, want] of [
      [s.p50Ns ?? 0, g.p50],
      [s.p90Ns ?? 0, g.p90],
      [s.p99Ns ?? 0, g.p99],
    ]) {
      expect(ours).toBeLessThanOrEqual(want);
      expect(want - ours).toBeLessThanOrEqual(want * RANK_ERROR);
    }
    // The chart's buckets hold the same number of waits.
    expect(s.histogramMs.reduce((n, h) => n + h.count, 0)).toBe(g.count);
  });

  it('the merged heap series: at most its bound, only real samples, the same peak and floor', () => {
    const h = small.model.collected.heap;
    const all = small.heap;
    expect(h.count).toBe(all.length);
    expect(h.length).toBeLessThanOrEqual(64);
    if (all.length > 64) expect(h.bucketWidth).toBeGreaterThan(0);
    const real = new Set(all.map(([t, v]) => `${t} ${v}`));
    const kept = h.t.toArray();
    const keptV = h.v.toArray();
    kept.forEach((t, i) => expect(real.has(`${t} ${keptV[i]}`)).toBe(true));
    for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1]);
    if (all.length) {
      // reduce, not Math.max(...): a trace with GC running all the time has more samples than a call takes arguments.
      const vs = all.map((x) => x[1]);
      expect(keptV.reduce((m, v) => Math.max(m, v))).toBe(vs.reduce((m, v) => Math.max(m, v)));
      expect(keptV.reduce((m, v) => Math.min(m, v))).toBe(vs.reduce((m, v) => Math.min(m, v)));
    }
  });

  it('the GC views get the same heap figures whatever the series keeps, and the figures the full series gives', () => {
    expect(b.trace!.heap.peakAllocBytes).toBe(a.trace!.heap.peakAllocBytes);
    expect(b.trace!.heap.samples).toBe(exact.heap.length);
    expect(b.gc!.series).toEqual(a.gc!.series);
    expect(b.gc!.worstPauses).toEqual(a.gc!.worstPauses);
    // Recomputed from every sample: last at or before the cycle's start, largest until its end, first after it.
    const c = exact.model.collected;
    const hs = exact.heap;
    const at = (t: number) => {
      let v = 0;
      for (const [ht, hv] of hs) if (ht <= t) v = hv;
      return v;
    };
    const series = a.gc!.series;
    if (!series || series.cycle.length !== c.gcStart.length) return;
    c.gcStart.forEach((s, i) => {
      const start = s >= 0 ? s : c.firstTime;
      const end = c.gcEnd[i] >= 0 ? c.gcEnd[i] : c.lastTime;
      const inCycle = hs.filter(([t]) => t > start && t <= end).map(([, v]) => v);
      const after = hs.find(([t]) => t > end);
      expect(series.heapStartBytes[i]).toBe(at(start));
      expect(series.heapEndBytes[i]).toBe(Math.max(at(start), ...inCycle));
      expect(series.liveBytes[i]).toBe(after ? after[1] : at(end));
    });
  });
});

describe('BoundedRanks', () => {
  it('folded percentiles stay within the bucket bound of the exact ones over many magnitudes', () => {
    const vals = new Float64Array(20000);
    let x = 12345;
    for (let i = 0; i < vals.length; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      vals[i] = Math.floor(Math.exp((x / 2147483648) * 30));
    }
    const r = new BoundedRanks(100);
    for (const v of vals) r.push(v);
    expect(r.exact).toBe(false);
    const qs = [0.01, 0.5, 0.9, 0.99, 0.999, 1];
    const want = rankValues(vals, qs).at;
    r.ranks(qs).forEach((got, i) => {
      expect(got).toBeLessThanOrEqual(want[i]);
      expect(want[i] - got).toBeLessThanOrEqual(want[i] * RANK_ERROR);
    });
  });
  it('bucket lower edges are exact below 1024 and increase', () => {
    for (let b = 0; b < 1024; b++) expect(bucketLow(b)).toBe(b);
    for (let b = 1; b < 40000; b++) expect(bucketLow(b)).toBeGreaterThan(bucketLow(b - 1));
  });
});

describe('DecimatedSeries', () => {
  it('keeps every bucket’s lowest and highest sample of a sawtooth', () => {
    const s = new DecimatedSeries(64);
    const t: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < 5000; i++) {
      t.push(i * 10);
      v.push((i % 97) * 1000 + (i % 7));
      s.push(i * 10, v[i]);
    }
    expect(s.length).toBeLessThanOrEqual(64);
    const w = s.bucketWidth;
    expect(w).toBeGreaterThan(0);
    // Buckets fully merged (before the samples appended after the last merge).
    const kt = s.t.toArray();
    const kv = s.v.toArray();
    const bucket = (x: number) => Math.floor(x / w);
    const lastMerged = bucket(kt[Math.floor(kt.length / 4)]);
    for (let b = 0; b < lastMerged; b++) {
      const vs = v.filter((_, i) => bucket(t[i]) === b);
      const ks = kv.filter((_, i) => bucket(kt[i]) === b);
      expect(Math.max(...ks)).toBe(Math.max(...vs));
      expect(Math.min(...ks)).toBe(Math.min(...vs));
    }
  });
});

/** What a series keeps, to compare. */
function kept(s: DecimatedSeries) {
  return { t: [...s.t.toArray()], v: [...s.v.toArray()], count: s.count, bucketWidth: s.bucketWidth };
}

describe('DecimatedSeries joined from parts', () => {
  it('split anywhere and appended, it keeps what one series keeps (random walks, sawtooths, ties)', () => {
    let bucketed = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = rng(seed);
      const n = 10 + Math.floor(rnd() * 3000);
      const max = 8 + Math.floor(rnd() * 200);
      const t0 = 1000 + Math.floor(rnd() * 1e6);
      const ts: number[] = [];
      const vs: number[] = [];
      let t = t0;
      let v = 1e6;
      for (let i = 0; i < n; i++) {
        t += 1 + Math.floor(rnd() * (rnd() < 0.1 ? 5000 : 50));
        // Ties on purpose: values from a small set part of the time.
        v = rnd() < 0.3 ? Math.floor(rnd() * 4) * 1000 : v + Math.floor((rnd() - 0.45) * 5000);
        ts.push(t);
        vs.push(v);
      }
      const one = new DecimatedSeries(max);
      one.setOrigin(t0);
      ts.forEach((x, i) => one.push(x, vs[i]));
      if (one.bucketWidth > 0) bucketed++;
      const cuts = [0, ...Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => Math.floor(rnd() * n)).sort((a, b) => a - b), n];
      const parts = cuts.slice(1).map((end, k) => {
        const p = new DecimatedSeries(max);
        p.setOrigin(t0);
        for (let i = cuts[k]; i < end; i++) p.push(ts[i], vs[i]);
        return p;
      });
      const joined = parts[0];
      for (const p of parts.slice(1)) joined.append(p);
      expect(kept(joined), `seed ${seed}, cuts ${cuts}`).toEqual(kept(one));
      // And what it keeps is each bucket's first lowest and first highest sample.
      if (one.bucketWidth > 0) {
        const w = one.bucketWidth;
        const want: [number, number][] = [];
        for (let i = 0; i < n; ) {
          const b = Math.floor((ts[i] - t0) / w);
          let lo = i;
          let hi = i;
          let j = i + 1;
          for (; j < n && Math.floor((ts[j] - t0) / w) === b; j++) {
            if (vs[j] < vs[lo]) lo = j;
            if (vs[j] > vs[hi]) hi = j;
          }
          for (const k of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) want.push([ts[k], vs[k]]);
          i = j;
        }
        expect(kept(one).t).toEqual(want.map((x) => x[0]));
        expect(kept(one).v).toEqual(want.map((x) => x[1]));
        expect(one.length).toBeLessThanOrEqual(max / 2 + 2);
      }
    }
    expect(bucketed).toBeGreaterThan(20);
  });
});

let chunkedBucketed = 0;

describe('the heap series of a trace read in chunks with small bounds', () => {
  const cases = fixtureTraces().filter((f) => {
    const data = readFixture(f);
    return !isV1(checkHeader(data)) && scanGenerations(data, checkHeader(data)).ranges.length > 1;
  });
  it.each(cases)('%s: the sequential read\'s series', (name) => {
    const data = readFixture(name);
    const version = checkHeader(data);
    const seq = new TraceCollector(undefined, SMALL);
    readGoTrace(data, quietCtx(), (ev) => seq.event(ev));
    const chunks = planChunks(scanGenerations(data, version).ranges, 3, data.length);
    const parts = readChunks(data, chunks, () => new TraceCollector(undefined, SMALL)).map((p) => p.c);
    for (const p of parts.slice(1)) parts[0].absorb(p);
    expect(kept(parts[0].heap)).toEqual(kept(seq.heap));
    if (seq.heap.count > 64) expect(seq.heap.bucketWidth).toBeGreaterThan(0);
    if (seq.heap.bucketWidth > 0) chunkedBucketed++;
  });
  it('not vacuous: some fixture keeps buckets', () => expect(chunkedBucketed).toBeGreaterThan(0));
});

