// Permalinks from every fixture session: encode → decode gives back exactly the
// reduced report, the typical session fits the 8 KB URL budget, and anything
// left out to fit is listed in the link.

import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShared, linkScoped, makeShareLink, urlLength } from '../../../src/report/permalink/share';
import { redactReport } from '../../../src/report/permalink/redact';
import { LEVELS, reduceReport } from '../../../src/report/permalink/reduce';
import { NO_REDACTION, URL_BUDGET, type RedactOptions } from '../../../src/report/permalink/types';
import { fixtureSessions, sessionReport, TYPICAL } from './sessions';

const BASE = 'https://gotune.example/';
const ALL: RedactOptions = { names: true, labels: true, files: true, cmdline: true };

describe('permalink round trip', () => {
  for (const [name, files] of fixtureSessions()) {
    it(`${name}: decode(encode) equals the reduced report, plain and redacted`, () => {
      const report = sessionReport(files);
      for (const redact of [NO_REDACTION, ALL]) {
        const link = makeShareLink({ report, name, redact }, BASE);
        const back = decodeShareLink(`${BASE}#/p/${link.payload}`);
        expect(back.ok, back.ok ? '' : back.error.message).toBe(true);
        if (!back.ok) continue;
        expect(back.shared).toEqual(JSON.parse(JSON.stringify(link.shared)));
        // The same inputs, in order, with their analyses.
        expect(back.shared.report.inputs.map((i) => i.kind)).toEqual(report.inputs.map((i) => i.kind));
        for (const [k, inp] of report.inputs.entries()) {
          const keys = Object.keys(inp).filter((x) => x !== 'parseMs').sort();
          expect(Object.keys(back.shared.report.inputs[k]).sort()).toEqual(keys);
        }
        expect(back.shared.report.findings.length).toBe(report.findings.length);
        // Under budget, or it says it is not.
        if (link.fits) expect(urlLength(BASE, link.payload)).toBeLessThanOrEqual(URL_BUDGET);
        else expect(link.shared.dropped.join('\n')).toMatch(/over the \d+-character budget/);
        // A reduced level always says what it dropped, and the level above it did not fit.
        if (link.level > 0) {
          expect(link.shared.dropped.length).toBeGreaterThan(0);
          const above = reduceReport(redactReport(report, redact), LEVELS[link.level - 1]);
          const { payload } = encodeShared({ ...link.shared, report: above.report, dropped: above.dropped });
          expect(urlLength(BASE, payload)).toBeGreaterThan(URL_BUDGET);
        }
      }
    });
  }

  it('the typical session (gctrace + CPU profile + goroutine dump) fits in 8 KB of URL with its headline figures intact', () => {
    const report = sessionReport(TYPICAL);
    const link = makeShareLink({ report, name: 'typical', redact: NO_REDACTION }, BASE);
    expect(link.fits).toBe(true);
    expect(urlLength(BASE, link.payload)).toBeLessThanOrEqual(8192);
    const back = decodeShareLink(link.payload);
    if (!back.ok) throw new Error(back.error.message);
    const [gc, cpu, dump] = back.shared.report.inputs;
    expect(gc.gc!.pauseMs.p99).toBeCloseTo(report.inputs[0].gc!.pauseMs.p99, 9);
    expect(gc.gc!.gcCpuPercent).toBe(report.inputs[0].gc!.gcCpuPercent);
    expect(gc.gc!.pauseHistogramMs).toEqual(report.inputs[0].gc!.pauseHistogramMs);
    expect(cpu.profile!.top[0]).toEqual(report.inputs[1].profile!.top[0]);
    expect(dump.goroutines!.total).toBe(report.inputs[2].goroutines!.total);
    expect(dump.goroutines!.leakSuspects.map((s) => s.function)).toEqual(report.inputs[2].goroutines!.leakSuspects.map((s) => s.function));
  });

  it('a report too large for the budget drops detail level by level and lists each cut', () => {
    const report = sessionReport(['gotrace/go126-mixed.trace']);
    const full = reduceReport(report, LEVELS[0]);
    const link = makeShareLink({ report, name: 'trace', redact: NO_REDACTION }, BASE);
    expect(link.level).toBeGreaterThan(0);
    expect(link.jsonBytes).toBeLessThan(JSON.stringify(full.report).length);
    expect(link.shared.dropped.length).toBeGreaterThan(0);
    for (const d of link.shared.dropped) expect(d).toMatch(/^go126-mixed\.trace: |^session: /);
    // In words, not JSON paths ("execution trace › …", not "trace.schedLatency[]").
    const wheres = link.shared.dropped.map((d) => d.slice(d.indexOf(': ') + 2, d.indexOf(' — ')));
    for (const w of wheres) expect(w).not.toMatch(/\[\]|\.|[a-z][A-Z]/);
    expect(wheres.some((w) => w.startsWith('execution trace › '))).toBe(true);
    // Each level keeps less than the one before.
    const sizes = LEVELS.map((l) => JSON.stringify(reduceReport(report, l).report).length);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]);
  });

  it('index references survive cuts: every leak suspect still points at a kept group', () => {
    for (const f of ['goroutines/leak-1.debug2.txt', 'goroutines/sigquit.txt', 'goroutines/ci-test-timeout.txt']) {
      const report = sessionReport([f]);
      const r = reduceReport(report, LEVELS[LEVELS.length - 1]).report.inputs[0].goroutines!;
      for (const s of r.leakSuspects) expect(r.groups[s.group]?.function, f).toBe(s.function);
      if (r.crash?.group !== undefined) expect(r.groups[r.crash.group], f).toBeDefined();
    }
  });

  it('series keep their peak: the worst pause is still in the downsampled gc series', () => {
    const report = sessionReport(['godebug/gctrace-basic.log']);
    const s = reduceReport(report, { points: 10, items: 5, frames: 2, text: 400 }).report.inputs[0].gc!.series!;
    expect(s.pauseMs.length).toBeLessThanOrEqual(10);
    expect(s.tSec.length).toBe(s.pauseMs.length);
    expect(Math.max(...s.pauseMs)).toBeCloseTo(Math.max(...report.inputs[0].gc!.series!.pauseMs), 2);
  });
});

describe('link-scoped input ids', () => {
  it('prefixes every input id and every finding reference, and nothing else', () => {
    const r = sessionReport(TYPICAL);
    const s = linkScoped(r);
    expect(s.inputs.map((i) => i.id)).toEqual(r.inputs.map((i) => `link-${i.id}`));
    expect(s.findings.map((f) => f.input)).toEqual(r.findings.map((f) => `link-${f.input}`));
    const ids = new Set(s.inputs.map((i) => i.id));
    for (const f of s.findings) expect(ids.has(f.input!)).toBe(true);
    expect(s.inputs.map((i) => i.gc ?? i.profile ?? i.goroutines)).toEqual(r.inputs.map((i) => i.gc ?? i.profile ?? i.goroutines));
  });
});
