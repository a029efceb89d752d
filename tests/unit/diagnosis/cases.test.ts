// The three cases the issue names: GOMAXPROCS=8 on a 1-CPU quota, GOMEMLIMIT
// below the live heap, and a gctrace pasted from a process's first 0.06 s.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { assembleReport } from '../../../src/report/assemble';
import { repoRoot } from '../paths';
import { scenarioReport } from '../../../scripts/scenarios';

describe('diagnosis cases', () => {
  it('GOMAXPROCS=8 with one CPU: names GOMAXPROCS, sets it to the limit, reads GC as a share of the CPU used', () => {
    const d = scenarioReport('gomaxprocs-high').diagnosis!;
    const c = d.causes[0];
    expect(c.id).toBe('gomaxprocs-above-cpu');
    expect(c.change).toContain('GOMAXPROCS=1');
    expect(d.settings.find((s) => s.name === 'GOMAXPROCS')).toMatchObject({ value: '8', how: 'seen' });
    expect(d.settings.find((s) => s.name === 'CPU limit')).toMatchObject({ value: '1', how: 'declared' });
    const cores = d.resources.find((r) => r.name === 'cores used')!;
    expect(cores.value).toBeLessThan(1.05);
    expect(d.resources.find((r) => r.name === 'busy Ps')!.value).toBeGreaterThan(2 * cores.value);
  });

  it('GOMEMLIMIT below the live heap: raise it above the live heap', () => {
    const d = scenarioReport('memlimit-below-live').diagnosis!;
    const c = d.causes[0];
    expect(c.id).toBe('memlimit-below-live');
    const lim = d.settings.find((s) => s.name === 'GOMEMLIMIT')!;
    const live = d.resources.find((r) => r.name === 'live heap')!;
    expect(lim.numeric).toBe(100 * 1048576);
    expect(live.value).toBeGreaterThan(lim.numeric!);
    const proposed = /Raise GOMEMLIMIT to about ([0-9.]+) MiB/.exec(c.change);
    expect(proposed).not.toBeNull();
    expect(Number(proposed![1]) * 1048576).toBeGreaterThan(live.value);
  });

  it('a start-up-only gctrace paste: no rate or growth finding, the diagnosis says it is too short', () => {
    const full = readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'), 'utf8');
    const head = full.split('\n').slice(0, 5).join('\n') + '\n';
    expect(head).toContain('gc 5 @0.060s');
    const r = assembleReport([analyzeInput('in1', 'pasted.txt', new TextEncoder().encode(head)).report]);
    expect(r.findings.map((f) => f.rule)).not.toContain('gc.frequent');
    expect(r.findings.map((f) => f.rule)).not.toContain('gc.live-heap-growth');
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const d = r.diagnosis!;
    expect(d.verdict).toBe('insufficient');
    expect(d.causes).toEqual([]);
    expect(d.story).toMatch(/too short to judge/);
  });
});

// A live heap that never levelled off in a short log is a start-up still loading as much as a leak.
describe('a heap that has not levelled off yet', () => {
  it('healthy-loading (a 400 MB data set loaded for the whole 5 s run): too early to call healthy, the leak named only as possible, no warning', () => {
    const r = scenarioReport('healthy-loading');
    const d = r.diagnosis!;
    expect(d.verdict).toBe('insufficient');
    const leak = d.causes.find((c) => c.id === 'heap-leak')!;
    expect(leak.confidence).toBeLessThan(0.5);
    expect(leak.title).toMatch(/has not levelled off/);
    expect(leak.evidenceAgainst.map((e) => e.text).join(' ')).toMatch(/start-up still loading/);
    expect(d.story).toMatch(/had not levelled off when the [\d.]+ s GC log ended/);
    expect(d.story).not.toMatch(/holds steady|Healthy/);
    const growth = r.findings.find((f) => f.rule === 'gc.live-heap-growth')!;
    expect(growth.severity).toBe('info');
    expect(growth.title).not.toMatch(/after the warm-up/);
  });

  it('heap-leak (the cache grows after the heap had levelled off): still a problem, told as a leak', () => {
    const d = scenarioReport('heap-leak').diagnosis!;
    expect(d.verdict).toBe('problem');
    expect(d.causes[0].id).toBe('heap-leak');
    expect(d.causes[0].confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.causes[0].title).toMatch(/after the warm-up/);
  });

  it('the what-if GOGC=400 run (a fixed live set whose heap marked live drifts up for 28 s): no leak verdict', () => {
    const name = 'go1.26.8/gogc400.gctrace.gz';
    const bytes = new Uint8Array(readFileSync(resolve(repoRoot, 'tests/fixtures/whatif', name)));
    const d = assembleReport([analyzeInput('in1', name, bytes).report]).diagnosis!;
    expect(d.verdict).not.toBe('problem');
    expect(d.causes.find((c) => c.id === 'heap-leak')?.confidence ?? 0).toBeLessThan(0.5);
  });
});

describe('a story with no cause does not call warnings nothing', () => {
  it('the what-if GOGC=200 run: healthy, and the story points at its one warning', () => {
    const name = 'go1.26.8/gogc200.gctrace.gz';
    const bytes = new Uint8Array(readFileSync(resolve(repoRoot, 'tests/fixtures/whatif', name)));
    const r = assembleReport([analyzeInput('in1', name, bytes).report]);
    const warnings = r.findings.filter((f) => f.severity !== 'info');
    expect(warnings.length).toBe(1);
    expect(r.diagnosis!.verdict).toBe('healthy');
    expect(r.diagnosis!.story).toContain(`one finding below is a warning (${warnings[0].title})`);
    expect(r.diagnosis!.story).not.toMatch(/information, not problems/);
  });

  it('a gctrace cut from the middle of a run: the shortness said from where it starts, not "after the start-up"', () => {
    const full = readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'), 'utf8');
    const lines = full.split('\n').filter((l) => l.startsWith('gc '));
    const mid = lines.slice(10, 13).join('\n') + '\n';
    const first = /^gc (\d+) @([\d.]+)s/.exec(lines[10])!;
    const r = assembleReport([analyzeInput('in1', 'pasted.txt', new TextEncoder().encode(mid)).report]);
    const short = r.findings.find((f) => f.rule === 'gc.window-short')!;
    expect(short.title).toContain(`from cycle ${first[1]}, ${Number(first[2]).toFixed(1)} s into the run`);
    expect(short.title).not.toMatch(/start-up/);
    expect(r.diagnosis!.story).toContain(`from cycle ${first[1]}`);
  });
});

// A heap that swings by more than the warm-up test allows never "levels off" by it, though it does not grow.
describe('how the healthy story tells the live heap', () => {
  const story = (file: string) => {
    const bytes = new Uint8Array(readFileSync(resolve(repoRoot, 'tests/fixtures/godebug', file)));
    const r = assembleReport([analyzeInput('in1', file, bytes).report]);
    return { st: r.inputs[0].gc!.steady!, d: r.diagnosis! };
  };

  it('schedtrace-64.log (the heap ends below where it began, no warm-up found): "did not grow", not "has not levelled off"', () => {
    const { st, d } = story('schedtrace-64.log');
    expect(st.warmupEndCycle).toBeNull();
    expect(st.liveGrowth).toBeLessThan(1);
    expect(d.verdict).toBe('healthy');
    expect(d.story).toMatch(/a live heap of \d+ MiB that did not grow over this [\d.]+ s log/);
    expect(d.story).not.toMatch(/levelled off/);
  });

  it('gomaxprocs-64.log (1.2× from start to end): the growth said with its size, under that of a leak', () => {
    const { st, d } = story('gomaxprocs-64.log');
    expect(st.warmupEndCycle).toBeNull();
    expect(st.liveGrowth).toBeGreaterThan(1.1);
    expect(d.story).toContain(`that grew only ${st.liveGrowth.toFixed(2)}× over this`);
    expect(d.story).not.toMatch(/levelled off/);
  });

  it('a log of one cycle: says so, with no window of "0.00 s"', () => {
    const full = readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'), 'utf8');
    const one = full.split('\n').find((l) => l.startsWith('gc 1 '))! + '\n';
    const d = assembleReport([analyzeInput('in1', 'pasted.txt', new TextEncoder().encode(one)).report]).diagnosis!;
    expect(d.verdict).toBe('insufficient');
    expect(d.story).toContain('The GC log has just one cycle: too short to judge');
    expect(d.story).not.toMatch(/over 0\.00 s/);
  });
});

// gogc-too-low's session once read "GC CPU 51%", "GC uses 51.9% of the process's CPU" and "Garbage collection took
// 75.5% of the sampled CPU time" side by side. The first two are the runtime's share of GOMAXPROCS × uptime, the third a
// share of the CPU used: each now says which.
describe('the GC shares of one run each say what they are a share of', () => {
  it('gogc-too-low: the CPU profile\'s share is larger, and both name their basis', () => {
    const r = scenarioReport('gogc-too-low');
    const rule = (id: string) => r.findings.find((f) => f.rule === id)!;
    const prof = rule('pprof.gc-cpu-share');
    const metrics = rule('metrics.gc-cpu');
    const log = rule('gc.back-to-back');
    const num = (s: string) => Number(/([\d.]+)%/.exec(s)![1]);
    expect(num(prof.title)).toBeGreaterThan(num(metrics.title) + 10);
    expect(metrics.title).toMatch(/of the CPU time GOMAXPROCS allows$/);
    expect(metrics.title).not.toMatch(/process's CPU/);
    expect(prof.detail).toContain('a share of the CPU the process used');
    expect(log.evidence!.join(' ')).toContain('share of GOMAXPROCS × the time since start');
  });
});

// "Healthy … Still, findings below are critical" read as a contradiction: a trace alone shows GC harm (the program
// ran 0% of its worst 10 ms window) but not its cause.
describe('a critical finding no cause explains', () => {
  it('memlimit-below-live from its execution trace alone: not healthy; the story says the session shows the harm, not why', () => {
    const r = scenarioReport('memlimit-below-live', (f) => f === 'trace.out.gz');
    const critical = r.findings.filter((f) => f.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    const d = r.diagnosis!;
    expect(d.causes.filter((c) => c.confidence >= 0.5)).toEqual([]);
    expect(d.verdict).toBe('insufficient');
    expect(d.story).toMatch(/^No known cause stands out, but .*critical.*: this session shows the harm but not why/);
    expect(d.story).not.toMatch(/Healthy/);
  });
  it('healthy-pool from its execution trace alone: still healthy (no critical finding)', () => {
    const r = scenarioReport('healthy-pool', (f) => f === 'trace.out.gz');
    expect(r.findings.filter((f) => f.severity === 'critical')).toEqual([]);
    expect(r.diagnosis!.verdict).toBe('healthy');
  });
});
