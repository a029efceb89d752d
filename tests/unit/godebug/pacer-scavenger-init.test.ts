// gcpacertrace, scavenger and inittrace against the real Go 1.26 logs:
// expected figures come from regular expressions over the raw text, a
// different route than the parsers' cursors.

import { describe, expect, it } from 'vitest';
import { fixtureNames, parseText, rank, readFixture } from './streams-load';

const withAll = fixtureNames.filter((f) => readFixture(f).includes('pacer: '));

describe('gcpacertrace on real Go 1.26 logs', () => {
  it('has fixtures', () => expect(withAll.length).toBeGreaterThanOrEqual(3));
  for (const name of withAll) {
    it(`${name}: utilisation, assist ratio and heap goal equal the text`, () => {
      const text = readFixture(name);
      const util = [...text.matchAll(/pacer: (\d+)% CPU \((\d+) exp\.\)/g)].map((m) => Number(m[1]));
      const ratios = [...text.matchAll(/pacer: assist ratio=([-+\d.e]+) /g)].map((m) => Number(m[1]));
      const goals = [...text.matchAll(/pacer: assist ratio=\S+ \(scan \d+ MB in \d+->(\d+) MB\)/g)].map((m) => Number(m[1]) * 1048576);
      const over = [...text.matchAll(/\(∆goal (-?\d+), cons\/mark/g)].map((m) => Number(m[1]));
      const sweeps = text.split('pacer: sweep done').length - 1;
      const p = parseText(text).analyses.pacer!;
      expect(p.cycles).toBe(util.length);
      expect(p.assists).toBe(ratios.length);
      expect(p.sweeps).toBe(sweeps);
      expect(p.utilPercent!.p50).toBe(rank(util, 0.5));
      expect(p.utilPercent!.p90).toBe(rank(util, 0.9));
      expect(p.utilPercent!.max).toBe(Math.max(...util));
      expect(p.assistRatio!.p50).toBe(rank(ratios, 0.5));
      expect(p.assistRatio!.max).toBe(Math.max(...ratios));
      expect(p.goalPercent).toBe(25);
      expect(p.overGoalCyclesPercent).toBeCloseTo((100 * util.filter((u) => u > 30).length) / util.length, 2);
      expect(p.overshootCyclesPercent).toBeCloseTo((100 * over.filter((o) => o > 0).length) / over.length, 2);
      expect(p.maxOvershootBytes).toBe(Math.max(...over));
      expect(p.heapGoal!.max).toBe(Math.max(...goals));
      expect(p.heapGoal!.first).toBe(goals[0]);
      // Each cycle is timed by the gc line after it (pacer lines precede it).
      const firstGc = /\ngc (\d+) @([\d.]+)s/.exec(text.slice(text.indexOf('% CPU (')))!;
      expect(p.series.tSec[0]).toBe(Number(firstGc[2]));
      expect(p.series.cycle[0]).toBe(Number(firstGc[1]));
      expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    });
  }

  it('reports the pacer fighting the memory limit (memlimit-all.log)', () => {
    const { analyses } = parseText(readFixture('memlimit-all.log'));
    const f = analyses.findings!.find((x) => x.rule === 'pacer.cpu-over-goal');
    expect(f).toBeDefined();
    expect(f!.evidence[0]).toContain(`p50 ${analyses.pacer!.utilPercent!.p50}%`);
  });
});

describe('scavenger (scavtrace) on real Go 1.26 logs', () => {
  for (const name of withAll) {
    it(`${name}: released memory equals the text`, () => {
      const text = readFixture(name);
      const rows = [...text.matchAll(/scav (\d+) KiB work \(bg\), (\d+) KiB work \(eager\), (\d+) KiB now, (\d+)% util( \(forced\))?/g)];
      const s = parseText(text).analyses.scavenger!;
      expect(s.lines).toBe(rows.length);
      expect(s.totalWorkBytes).toBe(rows.reduce((a, m) => a + (Number(m[1]) + Number(m[2])) * 1024, 0));
      expect(s.bgWorkBytes).toBe(rows.reduce((a, m) => a + Number(m[1]) * 1024, 0));
      expect(s.eagerUnforcedBytes).toBe(rows.filter((m) => !m[5]).reduce((a, m) => a + Number(m[2]) * 1024, 0));
      expect(s.peakReleasedBytes).toBe(Math.max(...rows.map((m) => Number(m[3]) * 1024)));
      expect(s.lastReleasedBytes).toBe(Number(rows[rows.length - 1][3]) * 1024);
      expect(s.forced).toBe(rows.filter((m) => m[5]).length);
      expect(s.minUtilPercent).toBe(Math.min(...rows.map((m) => Number(m[4]))));
      expect(s.medianUtilPercent).toBe(rank(rows.map((m) => Number(m[4])), 0.5));
    });
  }
});

describe('inittrace on real Go 1.26 logs', () => {
  for (const name of withAll) {
    it(`${name}: packages, clock and bytes equal the text`, () => {
      const text = readFixture(name);
      // Global match: one record is glued inside a scheddetail G line in memlimit-all.log.
      const rows = [...text.matchAll(/init (\S+) @([\d.]+) ms, ([\d.]+) ms clock, (\d+) bytes, (\d+) allocs/g)];
      const a = parseText(text).analyses.init!;
      expect(a.packages).toBe(rows.length);
      expect(a.totalClockMs).toBeCloseTo(rows.reduce((s, m) => s + Number(m[3]), 0), 3);
      expect(a.totalBytes).toBe(rows.reduce((s, m) => s + Number(m[4]), 0));
      expect(a.totalAllocs).toBe(rows.reduce((s, m) => s + Number(m[5]), 0));
      const byClock = Math.max(...rows.map((m) => Number(m[3])));
      expect(a.slowest[0].clockMs).toBe(byClock);
      const byBytes = rows.reduce((b, m) => (Number(m[4]) > Number(b[4]) ? m : b));
      expect(a.largest[0].pkg).toBe(byBytes[1]);
      expect(a.rows.map((r) => r.pkg)).toEqual(rows.map((m) => m[1]));
    });
  }
});
