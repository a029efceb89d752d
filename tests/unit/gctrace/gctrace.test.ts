// gctrace against real runtime output. Expected figures are recomputed here
// from the raw text with a plain regular expression (the grammar in
// ../shared/docs/go-runtime-formats.md §1.1), not with the parser's scanner.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import type { GcAnalysis } from '../../../src/analysis/gc/types';
import { repoRoot, sharedDir } from '../paths';

const GC_RE =
  /gc (\d+) @(\d+(?:\.\d+)?)s (\d+)%[^:]*: ([\d.]+(?:\+[\d.]+){2,4}) ms clock, ([\d.+/]+) ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal,(?: (\d+) MB stacks, (\d+) MB globals,)? (\d+) P( \(forced\))?/;

interface Expected {
  cycles: number;
  forced: number;
  pauses: number[];
  peakHeap: number;
  peakGoal: number;
  procs: number[];
  lastCum: number;
  runs: number;
}

/** Independent extraction: regex per line, pause = first + last clock term. */
function expectedFrom(text: string): Expected {
  const e: Expected = { cycles: 0, forced: 0, pauses: [], peakHeap: 0, peakGoal: 0, procs: [], lastCum: 0, runs: 0 };
  let lastN = -1;
  for (const line of text.split('\n')) {
    const m = GC_RE.exec(line);
    if (!m) continue;
    const clock = m[4].split('+').map(Number);
    e.cycles++;
    if (m[13]) e.forced++;
    e.pauses.push(clock[0] + clock[clock.length - 1]);
    e.peakHeap = Math.max(e.peakHeap, Number(m[6]) * 1048576, Number(m[7]) * 1048576);
    e.peakGoal = Math.max(e.peakGoal, Number(m[9]) * 1048576);
    if (!e.procs.includes(Number(m[12]))) e.procs.push(Number(m[12]));
    e.lastCum = Number(m[3]);
    if (Number(m[1]) <= lastN || lastN < 0) e.runs++;
    lastN = Number(m[1]);
  }
  e.procs.sort((a, b) => a - b);
  return e;
}

function rank(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(q * s.length) - 1];
}

function analyse(name: string, bytes: Uint8Array) {
  const r = analyzeInput('t', name, bytes).report;
  expect(r.error, `${name}: ${r.error}`).toBeUndefined();
  return r;
}

function checkAgainstText(name: string, text: string, gc: GcAnalysis) {
  const e = expectedFrom(text);
  expect(e.cycles, `${name} has gc lines`).toBeGreaterThan(0);
  expect(gc.cycles).toBe(e.cycles);
  expect(gc.forced).toBe(e.forced);
  expect(gc.runCount ?? 1).toBe(e.runs);
  expect(gc.pauseMs.p50).toBeCloseTo(rank(e.pauses, 0.5), 9);
  expect(gc.pauseMs.p90).toBeCloseTo(rank(e.pauses, 0.9), 9);
  expect(gc.pauseMs.p99).toBeCloseTo(rank(e.pauses, 0.99), 9);
  expect(gc.pauseMs.max).toBeCloseTo(Math.max(...e.pauses), 9);
  expect(gc.pauseMs.total).toBeCloseTo(e.pauses.reduce((a, b) => a + b, 0), 6);
  expect(gc.peakHeapBytes).toBe(e.peakHeap);
  expect(gc.peakGoalBytes).toBe(e.peakGoal);
  expect(gc.gomaxprocs).toEqual(e.procs);
  expect(gc.gcCpuPercent).toBe(e.lastCum);
  // Every pause is in the histogram, in the bucket that holds it.
  expect(gc.pauseHistogramMs.reduce((a, b) => a + b.count, 0)).toBe(e.cycles);
  // The worst pause listed first is the maximum.
  expect(gc.worstPauses[0].pauseMs).toBeCloseTo(Math.max(...e.pauses), 9);
}

const fixtureDir = resolve(repoRoot, 'tests/fixtures/godebug');
const ownLogs = readdirSync(fixtureDir).filter((f) => f.endsWith('.log') && /gc \d+ @/.test(readFileSync(resolve(fixtureDir, f), 'utf8')));

describe('gctrace from real Go runs (tests/fixtures/godebug: Go 1.26 and older toolchains)', () => {
  it('has fixtures', () => expect(ownLogs.length).toBeGreaterThanOrEqual(3));
  for (const f of ownLogs) {
    it(`${f}: every gc line parsed, figures match the text`, () => {
      const bytes = readFileSync(resolve(fixtureDir, f));
      const r = analyse(f, bytes);
      expect(r.kind).toBe('godebug');
      const text = bytes.toString('utf8');
      checkAgainstText(f, text, r.gc!);
      // Go 1.18 added "MB stacks, MB globals"; older toolchains' logs are here too.
      expect(r.gc!.formatVersions).toBe(/ MB stacks, /.test(text) ? '1.18+' : '1.6–1.17');
    });
  }

  it('the memory-limit run is diagnosed: goal capped at the limit, GC CPU high', () => {
    const r = analyse('gctrace-limit.log', readFileSync(resolve(fixtureDir, 'gctrace-limit.log')));
    const rules = r.findings!.map((f) => f.rule);
    expect(rules).toContain('gc.back-to-back');
    expect(r.gc!.impliedGogcMedian!).toBeLessThan(50);
  });

  it('forced cycles from runtime.GC() are counted and reported', () => {
    const r = analyse('gctrace-basic.log', readFileSync(resolve(fixtureDir, 'gctrace-basic.log')));
    expect(r.gc!.forced).toBeGreaterThan(0);
    expect(r.findings!.map((f) => f.rule)).toContain('gc.forced');
  });
});

describe('log shipper wrappers around real lines', () => {
  const text = readFileSync(resolve(fixtureDir, 'gctrace-basic.log'), 'utf8');
  const lines = text.split('\n').filter((l) => l !== '');
  const expected = expectedFrom(text);

  const wrappings: Record<string, (l: string, i: number) => string> = {
    'kubectl logs --timestamps': (l, i) => `2026-11-23T10:00:${String(i % 60).padStart(2, '0')}.123456789Z ${l}`,
    'CRI stdout F': (l) => `2026-11-23T10:00:00.000000000Z stderr F ${l}`,
    'Docker JSON records': (l) => JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: '2026-11-23T10:00:00Z' }),
    'structured logger msg field': (l) => JSON.stringify({ level: 'info', msg: l }),
    'syslog date': (l) => `Nov 23 10:00:00.123 ${l}`,
  };
  for (const [name, wrap] of Object.entries(wrappings)) {
    it(name, () => {
      const wrapped = lines.map(wrap).join('\n') + '\n';
      const r = analyse(`wrapped-${name}`, new TextEncoder().encode(wrapped));
      expect(r.gc!.cycles).toBe(expected.cycles);
      expect(r.gc!.pauseMs.p99).toBeCloseTo(rank(expected.pauses, 0.99), 9);
    });
  }

  it('interleaved application output is skipped', () => {
    const mixed = lines.flatMap((l, i) => [`app: request ${i} handled in 3ms`, l]).join('\n');
    const r = analyse('mixed.log', new TextEncoder().encode(mixed));
    expect(r.gc!.cycles).toBe(expected.cycles);
  });

  it('CRLF line endings', () => {
    const r = analyse('crlf.log', new TextEncoder().encode(lines.join('\r\n')));
    expect(r.gc!.cycles).toBe(expected.cycles);
    expect(r.gc!.forced).toBe(expected.forced);
  });
});

describe('restarts, truncation, gzip and junk', () => {
  const a = readFileSync(resolve(fixtureDir, 'gctrace-basic.log'), 'utf8');
  const b = readFileSync(resolve(fixtureDir, 'gctrace-limit.log'), 'utf8');

  it('a cycle number going back starts a new run, kept apart', () => {
    const r = analyse('two-runs.log', new TextEncoder().encode(a + b));
    const ea = expectedFrom(a);
    const eb = expectedFrom(b);
    expect(r.gc!.runCount).toBe(2);
    expect(r.gc!.runs![0].cycles).toBe(ea.cycles);
    expect(r.gc!.runs![1].cycles).toBe(eb.cycles);
    expect(r.findings!.map((f) => f.rule)).toContain('gc.restarts');
  });

  it('a log cut mid-line keeps the cycles before and warns', () => {
    const lastGc = b.lastIndexOf('\ngc ');
    const cut = b.slice(0, lastGc + 40);
    const r = analyse('cut.log', new TextEncoder().encode(cut));
    expect(r.gc!.cycles).toBe(expectedFrom(cut).cycles);
    expect(r.warnings?.join(' ')).toMatch(/cut mid-line/);
  });

  it('gzip is unwrapped and gives the same figures', () => {
    const raw = analyse('x.log', new TextEncoder().encode(b)).gc!;
    const r = analyse('x.log.gz', gzipSync(Buffer.from(b)));
    expect(r.decompressedBytes).toBe(Buffer.byteLength(b));
    expect(r.gc!.pauseMs).toEqual(raw.pauseMs);
  });

  it('random bytes are "not recognised", naming the supported kinds', () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const r = analyzeInput('j', 'junk.bin', junk).report;
    expect(r.error).toMatch(/not recognised/);
    expect(r.error).toMatch(/GODEBUG/);
    expect(r.kind).toBe('unknown');
  });

  it('text without gc lines is not taken for a GODEBUG log', () => {
    const r = analyzeInput('p', 'app.log', new TextEncoder().encode('starting server\nlistening on :8080\n')).report;
    expect(r.error).toMatch(/not recognised/);
  });

  it('an empty file says so', () => {
    expect(analyzeInput('e', 'empty.log', new Uint8Array()).report.error).toMatch(/empty/);
  });
});

const sharedLogs = sharedDir ? resolve(sharedDir, 'fixtures/logs') : undefined;
describe.skipIf(!sharedLogs || !existsSync(sharedLogs))('public gctrace pastes (../shared/fixtures/logs)', () => {
  const files = sharedLogs && existsSync(sharedLogs) ? readdirSync(sharedLogs).filter((f) => /^(gctrace|gcpacertrace)-/.test(f)) : [];
  for (const f of files) {
    it(`${f}: every gc line parsed`, () => {
      const bytes = readFileSync(resolve(sharedLogs!, f));
      const r = analyse(f, bytes);
      checkAgainstText(f, bytes.toString('utf8'), r.gc!);
    });
  }
  it('Go 1.5 five-phase lines are recognised as such', () => {
    const r = analyse('gcpacertrace-12228.txt', readFileSync(resolve(sharedLogs!, 'gcpacertrace-12228.txt')));
    expect(r.gc!.formatVersions).toContain('1.5');
  });
});
if (!sharedLogs || !existsSync(sharedLogs)) console.log('skipping ../shared gctrace conformance: ../shared/fixtures/logs not found');
