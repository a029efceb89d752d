// schedtrace/scheddetail against the real Go 1.26 logs in tests/fixtures/godebug:
// figures recomputed from the raw text with split(), not with the parser.

import { describe, expect, it } from 'vitest';
import { findDetail, parseGLine, parseMLine, parsePLine, parseSchedLine } from '../../../src/formats/godebug/schedtrace';
import { fixtureNames, kv, linesOf, parseText, readFixture } from './streams-load';

interface Sample {
  t: number;
  f: Record<string, string>;
  runq: number[];
  g: Record<string, number>;
  detailed: boolean;
}

/** Independent reading: SCHED lines by words, detail lines by their first word. */
function samplesOf(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of linesOf(text)) {
    if (line.startsWith('SCHED ')) {
      const words = line.split(' ');
      const list = line.includes('[') ? line.slice(line.indexOf('[') + 1, line.indexOf(']')).trim().split(/\s+/).filter(Boolean).map(Number) : [];
      out.push({ t: parseInt(words[1], 10), f: kv(line), runq: list, g: {}, detailed: line.includes('gcwaiting=') });
      continue;
    }
    const s = out[out.length - 1];
    if (!s || !s.detailed) continue;
    const w = line.trim().split(' ');
    if (/^P\d+:$/.test(w[0])) s.runq.push(Number(kv(line).runqsize));
    if (/^G\d+:$/.test(w[0])) {
      const st = String(Number(w[1].slice('status='.length, w[1].indexOf('('))) & 0xfff);
      s.g[st] = (s.g[st] ?? 0) + 1;
    }
  }
  return out;
}

const withSched = fixtureNames.filter((f) => readFixture(f).includes('SCHED '));

describe('schedtrace on real Go 1.26 logs', () => {
  it('has fixtures with schedtrace, detailed and plain', () => {
    expect(withSched.length).toBeGreaterThanOrEqual(4);
    expect(withSched.some((f) => readFixture(f).includes('schedticks=['))).toBe(true);
    expect(withSched.some((f) => readFixture(f).includes('gcwaiting='))).toBe(true);
  });

  for (const name of withSched) {
    it(`${name}: summary figures equal the text`, () => {
      const text = readFixture(name);
      const exp = samplesOf(text);
      const { analyses, model } = parseText(text);
      const s = analyses.sched!;
      expect(s.samples).toBe(exp.length);
      expect(s.detailedSamples).toBe(exp.filter((e) => e.detailed).length);
      expect(s.gomaxprocs).toEqual([...new Set(exp.map((e) => Number(e.f.gomaxprocs)))].sort((a, b) => a - b));
      expect(s.maxThreads).toBe(Math.max(...exp.map((e) => Number(e.f.threads))));
      expect(s.maxIdleProcs).toBe(Math.max(...exp.map((e) => Number(e.f.idleprocs))));
      expect(s.maxGlobalRunqueue).toBe(Math.max(...exp.map((e) => Number(e.f.runqueue))));
      expect(s.maxSpinning).toBe(Math.max(...exp.map((e) => Number(e.f.spinningthreads))));
      const gaps = exp.slice(1).map((e, i) => e.t - exp[i].t);
      const sortedGaps = [...gaps].sort((a, b) => a - b);
      expect(s.intervalMs).toBe(sortedGaps[Math.ceil(0.5 * gaps.length) - 1]);
      // Per-P local run queues: max and mean over samples.
      const procs = Math.max(...exp.map((e) => e.runq.length));
      expect(s.perP.length).toBe(procs);
      for (let p = 0; p < procs; p++) {
        const vals = exp.filter((e) => p < e.runq.length).map((e) => e.runq[p]);
        expect(s.perP[p].runqMax).toBe(Math.max(...vals));
        expect(s.perP[p].runqMean).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / vals.length, 2);
      }
      expect(s.maxLocalRunqueue).toBe(Math.max(...exp.map((e) => e.runq.reduce((a, b) => a + b, 0))));
      // Goroutine states per detailed sample.
      const det = exp.filter((e) => e.detailed);
      if (det.length) {
        const g = s.goroutines!;
        expect(g.samples).toBe(det.length);
        expect(g.maxRunnable).toBe(Math.max(...det.map((e) => e.g['1'] ?? 0)));
        expect(g.maxRunning).toBe(Math.max(...det.map((e) => e.g['2'] ?? 0)));
        expect(g.maxWaiting).toBe(Math.max(...det.map((e) => e.g['4'] ?? 0)));
        expect(g.maxTotal).toBe(Math.max(...det.map((e) => Object.values(e.g).reduce((a, b) => a + b, 0))));
        const series = s.series;
        for (let k = 0; k < series.tSec.length; k++) {
          const e = exp.find((x) => x.t / 1000 === series.tSec[k])!;
          expect(series.gRunnable[k]).toBe(e.g['1'] ?? 0);
        }
      }
      expect(model.streams.schedtrace).toBeDefined();
      // JSON-serialisable: a round trip keeps it equal.
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    });
  }

  it('every schedtrace line of the fixtures is read (SCHED, P, M and G)', () => {
    for (const name of withSched) {
      for (const line of linesOf(readFixture(name))) {
        if (line.startsWith('SCHED ')) expect(parseSchedLine(line, 0), line).toBeDefined();
        const d = /^ {2}[PMG]\d+: /.test(line) ? findDetail(line) : undefined;
        if (/^ {2}[PMG]\d+: /.test(line)) {
          expect(d, line).toBeDefined();
          const [k, at] = d!;
          const r = k === 'P' ? parsePLine(line, at) : k === 'M' ? parseMLine(line, at) : parseGLine(line, at);
          expect(r, line).toBeDefined();
        }
      }
    }
  });

  it('finds the oversized GOMAXPROCS: idle Ps in every sample with its evidence', () => {
    for (const name of ['gomaxprocs-64.log', 'schedtrace-64.log']) {
      const text = readFixture(name);
      const exp = samplesOf(text);
      const { analyses } = parseText(text);
      const f = analyses.findings!.find((x) => x.rule === 'sched.idle-procs');
      expect(f, name).toBeDefined();
      const busy = Math.max(...exp.map((e) => Number(e.f.gomaxprocs) - Number(e.f.idleprocs)));
      expect(f!.title).toContain('GOMAXPROCS=64');
      expect(f!.title).toContain(`at most ${busy} Ps were busy`);
      expect(f!.evidence.join('\n')).toContain(`idleprocs min ${Math.min(...exp.map((e) => Number(e.f.idleprocs)))}`);
    }
  });

  it('finds threads far above GOMAXPROCS in the blocking-syscall run, and not in the others', () => {
    const text = readFixture('schedtrace-threads.log');
    const max = Math.max(...samplesOf(text).map((e) => Number(e.f.threads)));
    const f = parseText(text).analyses.findings!.find((x) => x.rule === 'sched.threads-high');
    expect(f?.title).toContain(`${max} OS threads for GOMAXPROCS=2`);
    expect(parseText(readFixture('interleaved.log')).analyses.findings!.some((x) => x.rule === 'sched.threads-high')).toBe(false);
  });

  it('finds the saturated run queue when every P is busy and goroutines wait', () => {
    const text = readFixture('interleaved.log');
    const exp = samplesOf(text);
    const sat = exp.filter((e) => e.f.idleprocs === '0' && Number(e.f.runqueue) + e.runq.reduce((a, b) => a + b, 0) > 0).length;
    const { analyses } = parseText(text);
    expect(analyses.sched!.saturatedSamplesPercent).toBeCloseTo((100 * sat) / exp.length, 2);
    const f = analyses.findings!.find((x) => x.rule === 'sched.runqueue-high');
    expect(sat / exp.length >= 0.5).toBe(f !== undefined);
  });

  it('heat map cells hold the per-P run queue maxima', () => {
    const text = readFixture('schedtrace-threads.log');
    const exp = samplesOf(text);
    const h = parseText(text).analyses.sched!.heatmap;
    expect(h.rows).toBe(2);
    const total = exp.reduce((a, e) => a + e.runq.filter((v) => v > 0).length, 0);
    expect(h.cells.length).toBe(total); // fewer samples than columns: one column per sample
    expect(h.max).toBe(Math.max(...exp.flatMap((e) => e.runq)));
  });
});
