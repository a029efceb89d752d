// scheddetail streaks recomputed from the text of the real logs, and the
// pairing of gctrace and schedtrace for the shared timeline.

import { describe, expect, it } from 'vitest';
import { timeRange } from '../../../src/ui/views/timeline/timelineCharts';
import { timelinePair } from '../../../src/ui/views/timeline/pair';
import type { InputReport, Report } from '../../../src/report/schema';
import { linesOf, parseText, readFixture } from './streams-load';

/** Per detailed sample, goroutine id → state (status without the scan bit), by splitting lines. */
function gStates(text: string): Map<number, number>[] {
  const out: Map<number, number>[] = [];
  for (const line of linesOf(text)) {
    if (line.startsWith('SCHED ')) {
      out.push(new Map());
      continue;
    }
    const w = line.trim().split(' ');
    if (out.length && /^G\d+:$/.test(w[0])) {
      out[out.length - 1].set(Number(w[0].slice(1, -1)), Number(w[1].slice(7, w[1].indexOf('('))) & 0xfff);
    }
  }
  return out;
}

/** Longest run of consecutive samples with the goroutine in `state`, over all goroutines. */
function longest(samples: Map<number, number>[], state: number): number {
  let best = 0;
  const run = new Map<number, number>();
  for (const s of samples) {
    const next = new Map<number, number>();
    for (const [g, st] of s) if (st === state) next.set(g, (run.get(g) ?? 0) + 1);
    for (const v of next.values()) best = Math.max(best, v);
    run.clear();
    for (const [g, v] of next) run.set(g, v);
  }
  return best;
}

describe('scheddetail streaks on real logs', () => {
  for (const name of ['interleaved.log', 'gomaxprocs-64.log', 'memlimit-all.log']) {
    it(`${name}: longest runnable and syscall streaks equal the text`, () => {
      const text = readFixture(name);
      const samples = gStates(text);
      const { analyses, model } = parseText(text);
      const all = (model.streams.schedtrace as { anomalies: { kind: string; samples: number }[] }).anomalies;
      for (const [kind, state] of [['g-runnable', 1], ['g-syscall', 3]] as const) {
        const exp = longest(samples, state);
        const got = all.filter((a) => a.kind === kind).reduce((m, a) => Math.max(m, a.samples), 0);
        expect(got, kind).toBe(exp >= 2 ? exp : 0); // streaks of one sample are not kept
      }
      expect(analyses.sched!.anomalies.length).toBeLessThanOrEqual(10);
    });
  }
});

describe('shared timeline', () => {
  const interleaved = parseText(readFixture('interleaved.log')).analyses;
  const gcOnly = parseText(readFixture('gctrace-basic.log')).analyses;
  const schedOnly = parseText(readFixture('schedtrace-threads.log')).analyses;
  const input = (id: string, a: object): InputReport => ({ id, name: `${id}.log`, kind: 'godebug', bytes: 1, ...a });
  const report = (...inputs: InputReport[]): Report => ({ schema: 'gotune.report/1', generator: 't', createdAt: '', inputs, findings: [] });

  it('prefers one log holding both streams, else pairs two files, else none', () => {
    const both = input('in1', interleaved);
    const g = input('in2', gcOnly);
    const s = input('in3', schedOnly);
    expect(timelinePair(report(g, both))).toEqual({ gc: both, sched: both });
    expect(timelinePair(report(g, s))).toEqual({ gc: g, sched: s });
    expect(timelinePair(report(g))).toBeUndefined();
    expect(timelinePair(report(s, input('in4', { error: 'bad', ...gcOnly })))).toBeUndefined();
  });

  it('the time range covers both streams from the text (seconds since process start)', () => {
    const text = readFixture('interleaved.log');
    const gcT = [...text.matchAll(/^gc \d+ @([\d.]+)s/gm)].map((m) => Number(m[1]));
    const schedT = [...text.matchAll(/^SCHED (\d+)ms:/gm)].map((m) => Number(m[1]) / 1000);
    const [lo, hi] = timeRange(interleaved.gc!, interleaved.sched!);
    const all = [...gcT, ...schedT];
    expect(lo).toBeLessThanOrEqual(Math.min(...all));
    expect(hi).toBeGreaterThanOrEqual(Math.max(...all));
    expect(hi - Math.max(...all)).toBeLessThan(0.1);
  });
});
