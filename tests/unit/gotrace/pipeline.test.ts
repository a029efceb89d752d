// The whole pipeline (gzip → sniff → parse → analyse) on a real trace, as
// the worker and the CLI run it; the report figures equal the golden ones.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { fixtureDir, readFixture } from './helpers';

describe('gotrace in the analyze pipeline', () => {
  const golden = JSON.parse(readFileSync(path.join(fixtureDir, 'go126-mixed.golden.json'), 'utf8'));

  for (const gz of [false, true]) {
    it(`sniffs and analyses a ${gz ? 'gzipped ' : ''}Go 1.26 trace`, () => {
      const raw = readFixture('go126-mixed.trace');
      const { report } = analyzeInput('1', 'x.trace', gz ? gzipSync(raw) : raw);
      expect(report.error).toBeUndefined();
      expect(report.kind).toBe('gotrace');
      const t = report.trace!;
      expect(t.goVersion).toBe('1.26');
      expect(t.events).toBe(golden.events);
      expect(t.generations).toBe(2);
      expect(t.durationNs).toBe(golden.lastTime - golden.firstTime);
      expect(t.stw.count).toBe(golden.stw.length);
      expect(t.gcCycles.count).toBe(golden.gcCycles.length);
      expect(t.mmu.at['10ms']).toBeCloseTo(golden.mmu['10ms'], 9);
      // go tool trace's figure beside ours, labelled, with the reason (it differs on this trace).
      expect(golden.mmuGoToolTrace['10ms']).not.toBeCloseTo(golden.mmu['10ms'], 3);
      expect(t.mmu.goToolTrace!.at['10ms']).toBeCloseTo(golden.mmuGoToolTrace['10ms'], 9);
      expect(t.mmu.goToolTrace!.why).toMatch(/twice.*gc\.go:223/);
      expect(t.heap.peakAllocBytes).toBe(Math.max(...golden.heapAlloc.samples.map((s: number[]) => s[1]), t.heap.peakAllocBytes!));
      const reasons = new Set(golden.stw.map((s: { reason: string }) => s.reason));
      expect(new Set(t.stw.byReason.map((r) => r.reason))).toEqual(reasons);
      expect(reasons.has('GOMAXPROCS')).toBe(true);
      expect(reasons.has('read mem stats')).toBe(true);
      // The gc block uses the same keys as gctrace's.
      const gc = report.gc!;
      expect(gc.source).toBe('trace');
      expect(gc.peakGoalBytes).toBe(Math.max(...golden.heapGoal.map((s: number[]) => s[1])));
      expect(gc.gomaxprocs).toEqual([...new Set(golden.gomaxprocs.map((s: number[]) => s[1]))].sort());
      const longest = Math.max(...golden.stw.filter((s: { reason: string }) => s.reason.includes('GC')).map((s: { start: number; end: number }) => s.end - s.start));
      expect(gc.maxStwMs).toBe(longest / 1e6);
      expect(report.findings!.some((f) => f.rule === 'trace.non-gc-stw')).toBe(true);
      expect(() => JSON.stringify(report)).not.toThrow();
      expect(t.heap.alloc.tNs.length).toBeLessThanOrEqual(2000);
    });
  }

  for (const v of ['126', '127']) {
    it(`counts the forced GC cycles of a Go 1.${v} trace as gctrace of the same run does`, () => {
      const log = readFileSync(path.join(fixtureDir, `go${v}-forced.gctrace.log`));
      const fromLog = analyzeInput('1', 'gctrace.log', new Uint8Array(log)).report;
      const fromTrace = analyzeInput('2', 'x.trace', readFixture(`go${v}-forced.trace.gz`)).report;
      const golden = JSON.parse(readFileSync(path.join(fixtureDir, `go${v}-forced.golden.json`), 'utf8'));
      const marked = log.toString('utf8').split('\n').filter((l) => l.includes('(forced)')).length;
      expect(marked).toBe(3); // runtime.GC twice, debug.FreeOSMemory once
      expect(fromLog.gc!.forced).toBe(marked);
      expect(golden.forcedGC).toBe(marked);
      expect(fromTrace.gc!.source).toBe('trace');
      expect(fromTrace.gc!.forced).toBe(marked);
      expect(fromTrace.gc!.worstPauses.length + 0).toBeGreaterThan(0);
      expect(fromTrace.findings!.some((f) => f.rule === 'gc.forced')).toBe(true);
    });
  }

  it('analyses a gzipped Go 1.21 (v1 format) trace with the same figures as Go', () => {
    const v1golden = JSON.parse(readFileSync(path.join(fixtureDir, 'go121-mixed.golden.json'), 'utf8'));
    const { report } = analyzeInput('1', 'old.trace.gz', gzipSync(readFixture('go121-mixed.trace')));
    expect(report.error).toBeUndefined();
    expect(report.kind).toBe('gotrace');
    const t = report.trace!;
    expect(t.goVersion).toBe('1.21');
    expect(t.stw.count).toBe(v1golden.stw.length);
    expect(t.gcCycles.count).toBe(v1golden.gcCycles.length);
    expect(t.cpuSamples.count).toBe(v1golden.cpuSamples);
    expect(new Set(t.stw.byReason.map((r) => r.reason))).toEqual(new Set(v1golden.stw.map((s: { reason: string }) => s.reason)));
  });

  it('names the format and the Go releases when an older trace is cut', () => {
    const old = new TextEncoder().encode('go 1.19 trace\0\0\0\x01\x02');
    const { report } = analyzeInput('1', 'old.trace', old);
    expect(report.kind).toBe('gotrace');
    expect(report.error).toMatch(/Go 1\.19–1\.20 execution trace .*broken or cut/);
  });

  it('refuses Go 1.10 and older as Go does', () => {
    const { report } = analyzeInput('1', 'old.trace', new TextEncoder().encode('go 1.10 trace\0\0\0\x01\x02'));
    expect(report.error).toMatch(/unknown or unsupported trace version go 1\.10/);
  });
});
