// Compare two reports (before/after) built from real fixtures: each figure and
// its direction recomputed here from the reports themselves; a report against
// its own permalink is "same" everywhere the link keeps full precision.

import { describe, expect, it } from 'vitest';
import { compareReports, row } from '../../../src/report/compare';
import { decodeShareLink, makeShareLink } from '../../../src/report/permalink/share';
import { NO_REDACTION } from '../../../src/report/permalink/types';
import { sessionReport, TYPICAL } from './sessions';

const dir = (a: number, b: number) => (Math.abs(b - a) <= 0.02 * Math.max(Math.abs(a), Math.abs(b)) ? 'same' : b < a ? 'better' : 'worse');

describe('compare reports', () => {
  it('row(): delta, ratio and direction, lower or higher being better', () => {
    expect(row('x', 'ms', 10, 5)).toMatchObject({ delta: -5, ratio: 0.5, direction: 'better' });
    expect(row('x', 'ms', 10, 5, 'higher')).toMatchObject({ direction: 'worse' });
    expect(row('x', 'count', 10, 5, 'none')).toMatchObject({ direction: 'changed' });
    expect(row('x', 'count', 10, 10, 'none')).toMatchObject({ direction: 'same' });
    expect(row('x', 'ms', 10, 10.1)).toMatchObject({ direction: 'same' });
    expect(row('x', 'ms', 0, 3)).toMatchObject({ ratio: null, direction: 'worse' });
    expect(row('x', 'ms', null, 3)).toMatchObject({ delta: null, direction: 'n/a' });
  });

  it('gctrace before/after: pause percentiles, GC CPU and heap peak with their directions', () => {
    const a = sessionReport(['godebug/gctrace-basic.log']);
    const b = sessionReport(['godebug/gctrace-limit.log']);
    const c = compareReports(a, b);
    const ga = a.inputs[0].gc!;
    const gb = b.inputs[0].gc!;
    const get = (l: string) => c.metrics.find((m) => m.label === l)!;
    for (const [label, x, y] of [
      ['GC pause p50', ga.pauseMs.p50, gb.pauseMs.p50],
      ['GC pause p99', ga.pauseMs.p99, gb.pauseMs.p99],
      ['GC pause max', ga.pauseMs.max, gb.pauseMs.max],
      ['GC CPU', ga.gcCpuPercent, gb.gcCpuPercent],
      ['Heap peak', ga.peakHeapBytes, gb.peakHeapBytes],
    ] as const) {
      const r = get(label);
      expect(r.a, label).toBe(x);
      expect(r.b, label).toBe(y);
      expect(r.delta, label).toBeCloseTo(y - x, 9);
      expect(r.direction, label).toBe(dir(x, y));
    }
    // The memory-limit run's back-to-back finding is new in B.
    expect(c.findings.added.some((t) => /back to back/.test(t))).toBe(true);
  });

  it('two CPU profiles: top functions as shares of each total, matched by name', () => {
    const a = sessionReport(['pprof/cpu.pb.gz']);
    const b = sessionReport(['pprof/cpu_b.pb.gz']);
    const c = compareReports(a, b);
    expect(c.functions?.sampleType).toBe('cpu');
    const pa = a.inputs[0].profile!;
    const pb = b.inputs[0].profile!;
    for (const r of c.functions!.rows) {
      const ra = pa.top.find((t) => t.name === r.label);
      const rb = pb.top.find((t) => t.name === r.label);
      expect(r.a).toBe(ra ? (100 * ra.flat) / pa.totals[pa.defaultSampleIndex] : null);
      expect(r.b).toBe(rb ? (100 * rb.flat) / pb.totals[pb.defaultSampleIndex] : null);
    }
    expect(c.functions!.rows.length).toBeGreaterThan(5);
  });

  it('two goroutine dumps: groups matched by stack, largest changes first', () => {
    const a = sessionReport(['goroutines/leak-1.debug2.txt']);
    const b = sessionReport(['goroutines/leak-2.debug2.txt']);
    const c = compareReports(a, b);
    const g = c.metrics.find((m) => m.label === 'Goroutines')!;
    expect(g.a).toBe(a.inputs[0].goroutines!.total);
    expect(g.b).toBe(b.inputs[0].goroutines!.total);
    const rows = c.goroutines!.rows;
    const deltas = rows.map((r) => Math.abs(r.delta ?? 0));
    for (let i = 1; i < deltas.length; i++) expect(deltas[i]).toBeLessThanOrEqual(deltas[i - 1]);
    // The leaking group grows between the two dumps.
    const top = rows[0];
    const sum = (r: typeof a, fn: string) => r.inputs[0].goroutines!.groups.filter((x) => `${x.function} (${x.state})` === fn).reduce((s, x) => s + x.count, 0);
    expect(top.a).toBe(sum(a, top.label));
    expect(top.b).toBe(sum(b, top.label));
    expect(top.direction).toBe('worse');
  });

  it('a session against its own permalink: the same headline figures', () => {
    const a = sessionReport(TYPICAL);
    const link = decodeShareLink(makeShareLink({ report: a, name: 't', redact: NO_REDACTION }).payload);
    if (!link.ok) throw new Error(link.error.message);
    const c = compareReports(a, link.shared.report);
    for (const m of c.metrics) expect(m.direction, m.label).toBe('same');
    for (const f of c.functions!.rows.filter((r) => r.a !== null && r.b !== null)) expect(f.direction, f.label).toBe('same');
    expect(c.findings.added).toEqual([]);
    expect(c.findings.gone).toEqual([]);
  });
});
