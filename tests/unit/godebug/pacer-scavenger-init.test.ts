// gcpacertrace, scavenger and inittrace against the real Go 1.26 logs:
// expected figures come from regular expressions over the raw text, a
// different route than the parsers' cursors.

import { describe, expect, it } from 'vitest';
import { fixtureNames, parseText, rank, readFixture } from './streams-load';

const withAll = fixtureNames.filter((f) => readFixture(f).includes('pacer: '));

/** Mark-end lines of either shape, read with regular expressions: utilisation, goal, overshoot, heap goal (old shape only). */
function markEnds(text: string): { util: number; goal: number; over: number; hg: number | null; at: number }[] {
  const out: { util: number; goal: number; over: number; hg: number | null; at: number }[] = [];
  for (const m of text.matchAll(/pacer: (\d+)% CPU \((\d+) exp\.\).*?\(∆goal (-?\d+), cons\/mark/g)) {
    out.push({ util: Number(m[1]), goal: Number(m[2]), over: Number(m[3]), hg: null, at: m.index! });
  }
  for (const m of text.matchAll(/pacer: H_m_prev=.*? H_a=(\d+) .*?H_g=(\d+) u_a=(\S+) u_g=(\S+) /g)) {
    out.push({ util: Number(m[3]) * 100, goal: Number(m[4]) * 100, over: Number(m[1]) - Number(m[2]), hg: Number(m[2]), at: m.index! });
  }
  return out.sort((a, b) => a.at - b.at);
}

describe('gcpacertrace on real logs (Go 1.12–1.26)', () => {
  it('has fixtures of both shapes', () => {
    expect(withAll.length).toBeGreaterThanOrEqual(5);
    expect(withAll.some((f) => readFixture(f).includes('H_m_prev='))).toBe(true);
  });
  for (const name of withAll) {
    it(`${name}: utilisation, assist ratio and heap goal equal the text`, () => {
      const text = readFixture(name);
      const ends = markEnds(text);
      const util = ends.map((e) => e.util);
      const ratios = [...text.matchAll(/pacer: assist ratio=([-+\d.e]+) /g)].map((m) => Number(m[1]));
      const assistGoals = [...text.matchAll(/pacer: assist ratio=\S+ \(scan \d+ MB in \d+->(\d+) MB\)/g)].map((m) => Number(m[1]) * 1048576);
      const old = ends.some((e) => e.hg !== null);
      const goals = old ? ends.map((e) => e.hg!) : assistGoals;
      const sweeps = text.split('pacer: sweep done').length - 1;
      const p = parseText(text).analyses.pacer!;
      expect(p.cycles).toBe(util.length);
      expect(p.assists).toBe(ratios.length);
      expect(p.sweeps).toBe(sweeps);
      expect(p.formatVersions).toBe(old ? '1.5-1.17' : '1.18+');
      expect(p.utilPercent!.p50).toBeCloseTo(rank(util, 0.5), 9);
      expect(p.utilPercent!.p90).toBeCloseTo(rank(util, 0.9), 9);
      expect(p.utilPercent!.max).toBeCloseTo(Math.max(...util), 9);
      expect(p.assistRatio!.p50).toBe(rank(ratios, 0.5));
      expect(p.assistRatio!.max).toBe(Math.max(...ratios));
      expect(p.goalPercent).toBeCloseTo(rank(ends.map((e) => e.goal), 0.5), 9);
      expect(p.overGoalCyclesPercent).toBeCloseTo((100 * ends.filter((e) => e.util > e.goal + 5).length) / ends.length, 2);
      expect(p.overshootCyclesPercent).toBeCloseTo((100 * ends.filter((e) => e.over > 0).length) / ends.length, 2);
      expect(p.maxOvershootBytes).toBe(Math.max(...ends.map((e) => e.over)));
      expect(p.heapGoal!.max).toBe(Math.max(...goals));
      expect(p.heapGoal!.first).toBe(goals[0]);
      // Each cycle is timed by the gc line after its mark-end line.
      const firstGc = /\ngc (\d+) @([\d.]+)s/.exec(text.slice(ends[0].at))!;
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

/** Scavenger lines of every shape, read with regular expressions. */
function scavLines(text: string): { work: number; released: number | null; util: number | null; forced: boolean; bg: number | null; eager: number | null; retained: number | null }[] {
  const out: ReturnType<typeof scavLines> = [];
  const K = 1024;
  const M = 1048576;
  for (const line of text.split('\n')) {
    let m = /scav (\d+) KiB work \(bg\), (\d+) KiB work \(eager\), (\d+) KiB now, (\d+)% util( \(forced\))?/.exec(line);
    if (m) {
      out.push({ work: (Number(m[1]) + Number(m[2])) * K, bg: Number(m[1]) * K, eager: Number(m[2]) * K, released: Number(m[3]) * K, util: Number(m[4]), forced: !!m[5], retained: null });
      continue;
    }
    m = /scav (?:\d+ )?(\d+) KiB work, (\d+) KiB total, (\d+)% util( \(forced\))?/.exec(line);
    if (m) {
      out.push({ work: Number(m[1]) * K, bg: null, eager: null, released: Number(m[2]) * K, util: Number(m[3]), forced: !!m[4], retained: null });
      continue;
    }
    m = /(forced )?scvg(-?\d*): (\d+) (MB|KB) released/.exec(line);
    if (m) {
      out.push({ work: Number(m[3]) * (m[4] === 'MB' ? M : K), bg: null, eager: null, released: null, util: null, forced: !!m[1] || m[2] === '-1', retained: null });
      continue;
    }
    m = /(forced )?scvg(-?\d*): inuse: \d+, idle: \d+, sys: \d+, released: (\d+), consumed: (\d+) \(MB\)/.exec(line);
    if (m) out.push({ work: 0, bg: null, eager: null, released: Number(m[3]) * M, util: null, forced: !!m[1] || m[2] === '-1', retained: Number(m[4]) * M });
  }
  return out;
}

describe('scavenger on real logs (scvg of Go 1.12, scav of 1.14–1.26)', () => {
  const withScav = fixtureNames.filter((f) => /scav |scvg/.test(readFixture(f)));
  it('has every shape', () => {
    const all = withScav.map(readFixture).join('\n');
    expect(all).toMatch(/scvg-1: \d+ MB released/);
    expect(all).toMatch(/scav \d+ \d+ KiB work, /);
    expect(all).toMatch(/scav \d+ KiB work, \d+ KiB total/);
    expect(all).toMatch(/KiB work \(eager\)/);
  });
  for (const name of withScav) {
    it(`${name}: released memory equals the text`, () => {
      const rows = scavLines(readFixture(name));
      const s = parseText(readFixture(name)).analyses.scavenger!;
      const max = (xs: (number | null)[]) => Math.max(...(xs.filter((x) => x !== null) as number[]));
      expect(s.lines).toBe(rows.length);
      expect(s.totalWorkBytes).toBe(rows.reduce((a, r) => a + r.work, 0));
      expect(s.forced).toBe(rows.filter((r) => r.forced).length);
      if (rows.some((r) => r.released !== null)) expect(s.peakReleasedBytes).toBe(max(rows.map((r) => r.released)));
      if (rows.some((r) => r.retained !== null)) expect(s.peakRetainedBytes).toBe(max(rows.map((r) => r.retained)));
      const utils = rows.filter((r) => r.util !== null).map((r) => r.util!);
      if (utils.length) {
        expect(s.minUtilPercent).toBe(Math.min(...utils));
        expect(s.medianUtilPercent).toBe(rank(utils, 0.5));
      }
      if (rows.some((r) => r.bg !== null)) {
        expect(s.bgWorkBytes).toBe(rows.reduce((a, r) => a + (r.bg ?? 0), 0));
        expect(s.eagerUnforcedBytes).toBe(rows.filter((r) => !r.forced).reduce((a, r) => a + (r.eager ?? 0), 0));
      }
    });
  }
});

describe('inittrace on real logs', () => {
  for (const name of withAll) {
    it(`${name}: packages, clock and bytes equal the text`, () => {
      const text = readFixture(name);
      // Global match: one record is glued inside a scheddetail G line in memlimit-all.log.
      const rows = [...text.matchAll(/init (\S+) @([\d.]+) ms, ([\d.]+) ms clock, (\d+) bytes, (\d+) allocs/g)];
      if (rows.length === 0) {
        expect(parseText(text).analyses.init, 'no inittrace before Go 1.16').toBeUndefined();
        return;
      }
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
