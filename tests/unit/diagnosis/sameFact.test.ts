// One finding per fact: the GOMAXPROCS=8 scenario's 20 ms stop-the-world is in
// its gctrace, /metrics, /debug/vars and execution trace; the session lists it
// once, naming the other inputs, and drops no finding that is not about it.

import { describe, expect, it } from 'vitest';
import { scenarioReport } from '../../../scripts/scenarios';
import { oneFindingPerFact } from '../../../src/diagnosis/sameFact';

describe('one finding per fact', () => {
  it('a long stop-the-world seen by four inputs is one finding naming the other three', () => {
    const r = scenarioReport('gomaxprocs-high');
    const perInput = r.inputs.flatMap((i) => (i.findings ?? []).map((f) => ({ ...f, input: i.id })));
    const stwRules = ['gc.long-pause', 'metrics.long-pause', 'trace.long-stw'];
    const seen = perInput.filter((f) => stwRules.includes(f.rule));
    expect(new Set(seen.map((f) => f.input)).size).toBeGreaterThanOrEqual(3);
    const shown = r.findings.filter((f) => stwRules.includes(f.rule));
    expect(shown).toHaveLength(1);
    expect(shown[0].also!.map((a) => a.input).sort()).toEqual(seen.filter((f) => f !== seen.find((x) => x.input === shown[0].input && x.rule === shown[0].rule)).map((f) => f.input).sort());
    // Every per-input finding is either shown or named in an `also` of a shown one.
    const named = r.findings.reduce((n, f) => n + 1 + (f.also?.length ?? 0), 0);
    expect(named).toBe(perInput.length);
  });

  it('findings of one input are never folded together; the most severe of a fact is the one shown', () => {
    const f = (rule: string, input: string, severity: 'critical' | 'warning' | 'info', title = 't') => ({ rule, input, severity, title, detail: '', evidence: [] });
    const out = oneFindingPerFact([f('metrics.long-pause', 'a', 'warning'), f('gc.long-pause', 'b', 'critical'), f('metrics.long-pause', 'a', 'warning', 'other'), f('pprof.alloc-hotspots', 'c', 'info', 'x'), f('pprof.alloc-hotspots', 'd', 'info', 'x'), f('pprof.alloc-hotspots', 'e', 'info', 'y')]);
    expect(out.map((x) => [x.rule, x.input, x.also?.map((a) => a.input)])).toEqual([
      ['gc.long-pause', 'b', ['a']],
      ['metrics.long-pause', 'a', undefined],
      ['pprof.alloc-hotspots', 'c', ['d']],
      ['pprof.alloc-hotspots', 'e', undefined],
    ]);
  });

  it('goroutine-leak: the same leak suspect in two dumps (234 and 879 goroutines) is one finding; no GOMEMLIMIT in the Deployment and in /metrics is one', () => {
    const r = scenarioReport('goroutine-leak');
    const perInput = r.inputs.flatMap((i) => (i.findings ?? []).map((f) => ({ ...f, input: i.id })));
    const suspects = perInput.filter((f) => f.subject !== undefined && f.rule === 'goroutines.abandoned-send');
    expect(new Set(suspects.map((f) => f.input)).size).toBe(2);
    expect(suspects.map((f) => f.title)[0]).not.toBe(suspects.map((f) => f.title)[1]);
    const shown = r.findings.filter((f) => f.rule === 'goroutines.abandoned-send');
    expect(shown).toHaveLength(1);
    expect(shown[0].also).toHaveLength(1);
    // The later dump's count is the one shown, the earlier one's named beside it.
    const later = suspects.find((f) => f.input === shown[0].input)!;
    expect(r.inputs.findIndex((i) => i.id === later.input)).toBeGreaterThan(r.inputs.findIndex((i) => i.id === shown[0].also![0].input));
    expect(shown[0].title).toBe(later.title);
    const noLimit = r.findings.filter((f) => f.rule === 'config.gomemlimit.missing' || f.rule === 'metrics.no-gomemlimit');
    expect(noLimit).toHaveLength(1);
    expect(noLimit[0].also).toHaveLength(1);
  });
});
