// A memory limit or GOGC: which sets the heap goal, told from a gctrace alone by
// how the goal moves from cycle to cycle, over every what-if run of three Go
// versions (real runs at known settings, tests/fixtures/whatif/README.md).
// GOMEMLIMIT at 1.5x the live heap was once diagnosed "GOGC=18 is too low, raise
// it to 100" though GOGC was 100.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitShapesGoal } from '../../../src/analysis/gc/goalShape';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { assembleReport } from '../../../src/report/assemble';
import { whatifDir as dir, whatifReport as report, whatifRuns } from '../../../scripts/whatifRuns';

// Labelled by the settings each run reports (its JSON), not by its file name.
const all = whatifRuns();
const runs = all.map((r) => r.run);
const gogcOnly = all.filter((r) => !r.gomemlimitEnv).map((r) => r.run);
const limitAbove = all.filter((r) => r.gomemlimitEnv && !/limit(0\.8|1\.2)x/.test(r.run)).map((r) => r.run);

describe('which setting shapes the heap goal', () => {
  it('there are runs of each kind on three Go versions', () => {
    expect(gogcOnly.length).toBeGreaterThanOrEqual(18);
    expect(limitAbove.length).toBeGreaterThanOrEqual(27);
  });
  it.each(gogcOnly)('%s (GOGC only): GOGC', (run) => {
    const gc = report(run).inputs[0].gc!;
    expect(limitShapesGoal(gc)).toBe(false);
    expect(gc.impliedGogcSpread!.q3 - gc.impliedGogcSpread!.q1).toBeLessThan(4);
  });
  it.each(limitAbove)('%s (GOMEMLIMIT above the live heap): the limit', (run) => {
    expect(limitShapesGoal(report(run).inputs[0].gc!)).toBe(true);
  });
});

describe('a memory limit above the live heap that binds', () => {
  it.each(runs.filter((r) => /\/limit1\.5x/.test(r)))('%s: named as the cause, with GOMEMLIMIT to raise and GOGC said not to help', (run) => {
    const d = report(run).diagnosis!;
    expect(d.verdict).toBe('problem');
    expect(d.causes[0].id).toBe('memlimit-below-live');
    expect(d.causes[0].title).toMatch(/holds the heap goal below what GOGC=100 sets/);
    expect(d.causes[0].change).toMatch(/^Raise GOMEMLIMIT to about/);
    expect(d.story).toContain('Raising GOGC changes nothing while the limit binds');
    expect(d.causes.map((c) => c.id)).not.toContain('gogc-too-low');
  });
  it('GOGC=50 (a real low GOGC): no memory limit is named', () => {
    for (const run of runs.filter((r) => /\/gogc50/.test(r))) expect(report(run).diagnosis!.causes.map((c) => c.id), run).not.toContain('memlimit-below-live');
  });
});

describe('the GOMEMLIMIT proposed where the limit binds', () => {
  const deployment = (gomemlimit: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {limits: {cpu: "2", memory: 1Gi}}\n          env: [{name: GOMEMLIMIT, value: ${gomemlimit}}]\n`;
  const session = (gomemlimit: string) => {
    const run = 'go1.26.8/limit1.5x.gctrace.gz';
    return assembleReport([
      analyzeInput('in1', 'limit1.5x.gctrace.gz', new Uint8Array(readFileSync(resolve(dir, run)))).report,
      analyzeInput('in2', 'deployment.yaml', new TextEncoder().encode(deployment(gomemlimit))).report,
    ]).diagnosis!;
  };
  it('a declared limit (70MiB) is named, and a higher one proposed', () => {
    const c = session('70MiB').causes[0];
    expect(c.id).toBe('memlimit-below-live');
    expect(c.title).toBe('GOMEMLIMIT (70.0 MiB) holds the heap goal below what GOGC=100 sets');
    const to = /Raise GOMEMLIMIT to about ([\d.]+) MiB/.exec(c.change)!;
    expect(Number(to[1])).toBeGreaterThan(70);
  });
  it('a declared limit above what the session accounts for (200MiB) is never "raised" to less', () => {
    const c = session('200MiB').causes.find((x) => x.id === 'memlimit-below-live')!;
    // Half as much again, rounded up to 16 MiB.
    expect(c.change).toMatch(new RegExp(`^Raise GOMEMLIMIT above 200 MiB, to about ${Math.ceil((200 * 1.5) / 16) * 16} MiB`));
  });
});
