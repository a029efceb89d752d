// Our reader and collector against golden JSON written by Go's own reader
// (tools/tracegolden over golang.org/x/exp/trace) for each real fixture.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { analyzeGoTrace, mmuCurveOf, MMU_WINDOWS } from '../../../src/analysis/gotrace/analyze';
import { fixtureDir, fixtureTraces, goldenName, quietCtx, readFixture } from './helpers';
import { heapDigest } from './goldenView';

describe.each(fixtureTraces())('%s matches golang.org/x/exp/trace', (name) => {
  const golden = JSON.parse(readFileSync(path.join(fixtureDir, goldenName(name)), 'utf8'));
  const warnings: string[] = [];
  const model = readTraceModel(readFixture(name), quietCtx(warnings));
  const c = model.collected;

  it('reads the whole trace without warnings', () => {
    expect(golden.error ?? '').toBe('');
    expect(warnings).toEqual([]);
    expect(`go 1.${model.version} trace`).toBe(golden.header);
  });

  it('has the same events, kinds and time span', () => {
    expect(model.events).toBe(golden.events);
    expect(c.byKindRecord()).toEqual(golden.byKind);
    expect(c.firstTime).toBe(golden.firstTime);
    expect(c.lastTime).toBe(golden.lastTime);
  });

  it('has the same generations and goroutine counts per generation', () => {
    expect(c.generations).toEqual(golden.generations);
  });

  it('has the same GC cycles and stop-the-worlds (ns, reasons)', () => {
    expect(c.gcStart.map((s, i) => ({ start: s, end: c.gcEnd[i] }))).toEqual(golden.gcCycles);
    expect(c.stwStart.map((s, i) => ({ start: s, end: c.stwEnd[i], reason: c.stwReason[i] }))).toEqual(golden.stw);
    expect(golden.stw.length).toBeGreaterThan(0);
  });

  it('has the same HeapAlloc, HeapGoal and GOMAXPROCS samples', () => {
    // Recomputed independently of the collector's running hash.
    expect(heapDigest(c.heapT.toArray(), c.heapV.toArray(), golden.firstTime, golden.heapAlloc.every)).toEqual(golden.heapAlloc);
    expect(c.goalT.map((t, i) => [t, c.goalV[i]])).toEqual(golden.heapGoal);
    expect(c.procsT.map((t, i) => [t, c.procsV[i]])).toEqual(golden.gomaxprocs);
  });

  it('has the same mutator utilization and MMU, each mark worker counted once (1e-9)', () => {
    const curve = mmuCurveOf(c);
    expect(curve.t.length).toBe(golden.utilPoints);
    for (const [k, w] of Object.entries(MMU_WINDOWS)) {
      expect(Math.abs(curve.mmu(w) - golden.mmu[k]), `MMU ${k}`).toBeLessThanOrEqual(1e-9);
    }
  });

  it("has go tool trace's MMU (mark workers counted twice) beside it (1e-9)", () => {
    const curve = mmuCurveOf(c, true);
    for (const [k, w] of Object.entries(MMU_WINDOWS)) {
      expect(Math.abs(curve.mmu(w) - golden.mmuGoToolTrace[k]), `go tool trace MMU ${k}`).toBeLessThanOrEqual(1e-9);
    }
  });

  it('counts the forced GC cycles from the GC-begin stacks (runtime.GC)', () => {
    expect(c.forcedGcT.length).toBe(golden.forcedGC);
  });

  it('no MMU over a window is above zero when a GC stop-the-world longer than the window exists', () => {
    // go tool trace's MMU counts GC stops only (internal/trace isGCSTW: "stop-the-world" reasons containing "GC").
    const longestGcStw = Math.max(0, ...golden.stw.filter((s: { reason: string }) => s.reason.includes('GC')).map((s: { start: number; end: number }) => s.end - s.start));
    const curve = mmuCurveOf(c);
    const windows = [...Object.values(MMU_WINDOWS), 1e5, 2e5, 5e5, 2e6, 5e6];
    let checked = 0;
    for (const w of windows) {
      if (w < longestGcStw) {
        expect(curve.mmu(w), `MMU over ${w / 1e6} ms with a ${longestGcStw / 1e6} ms GC stop`).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe.each(fixtureTraces())('%s analyses match the golden recomputation', (name) => {
  const golden = JSON.parse(readFileSync(path.join(fixtureDir, goldenName(name)), 'utf8'));
  const model = readTraceModel(readFixture(name), quietCtx());
  const trace = analyzeGoTrace(model).trace!;

  it('scheduler latency: count and nearest-rank percentiles (ns)', () => {
    const s = trace.schedLatency;
    expect({ count: s.count, p50: s.p50Ns, p90: s.p90Ns, p99: s.p99Ns, max: s.maxNs, total: s.totalNs }).toEqual(golden.schedLatency);
  });

  it('blocked time by reason, syscalls included (ns)', () => {
    const ours = Object.fromEntries(trace.blocking.byReason.map((r) => [r.reason, r.totalNs]));
    expect(ours).toEqual(golden.blockedByReason);
  });

  it('GC CPU time: GC stops × Ps, mark workers and assists while running (ns)', () => {
    const c = model.collected;
    expect({ stwProcs: c.gcStwProcNs, workers: c.workerNs, assists: c.assistNs }).toEqual(golden.gcCpu);
    expect(golden.gcCpu.workers).toBeGreaterThan(0);
  });

  it('CPU samples and user regions', () => {
    expect(trace.cpuSamples.count).toBe(golden.cpuSamples);
    expect(trace.cpuSamples.count).toBeGreaterThan(0);
    expect(Object.fromEntries(trace.user.regions.map((r) => [r.reason, r.count]))).toEqual(golden.regions);
  });
});
