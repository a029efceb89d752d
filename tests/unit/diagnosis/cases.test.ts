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
