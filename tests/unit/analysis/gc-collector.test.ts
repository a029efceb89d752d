// Which GC a run used, from what real inputs say: runtime.Version() strings
// recorded by the fixture programs (GOVERSION files, go_info) and trace headers.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gcCollectorFromVersion } from '../../../src/analysis/gcCollector';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { repoRoot } from '../paths';

const fx = (rel: string) => new Uint8Array(readFileSync(path.join(repoRoot, 'tests/fixtures', rel)));
const text = (rel: string) => readFileSync(path.join(repoRoot, 'tests/fixtures', rel), 'utf8').trim();

describe('garbage collector of a run', () => {
  it('reads runtime.Version() strings of real runs, experiments included', () => {
    expect(gcCollectorFromVersion(text('pprof/go127/GOVERSION'))?.collector).toBe('green-tea'); // go1.27.3
    expect(gcCollectorFromVersion(text('pprof/GOVERSION'))?.collector).toBe('green-tea'); // go1.26.8
    // go1.26.8-X:goroutineleakprofile: an experiment that is not about the GC.
    expect(gcCollectorFromVersion(text('goroutines/leakprofile/go126/GOVERSION'))?.collector).toBe('green-tea');
    expect(gcCollectorFromVersion('go1.25.5')?.collector).toBe('classic');
    expect(gcCollectorFromVersion('go1.26.8-X:nogreenteagc')?.collector).toBe('classic');
    expect(gcCollectorFromVersion('go1.25.5-X:greenteagc')?.collector).toBe('green-tea');
    expect(gcCollectorFromVersion('devel +abc')).toBeNull();
  });

  it('a Go 1.27 /metrics scrape names Green Tea and raises no re-measure note', () => {
    const r = analyzeInput('1', 'm.txt', fx('metrics/go127/runtime-metrics.txt')).report;
    expect(r.metrics!.gcCollector?.collector).toBe('green-tea');
    expect(r.findings!.some((f) => f.rule === 'go.classic-gc')).toBe(false);
  });

  it('a Go 1.22 trace says classic GC and asks to re-measure; a Go 1.26 trace says Green Tea', () => {
    const old = analyzeInput('1', 'a.trace', fx('gotrace/go122-mixed.trace')).report;
    expect(old.trace!.gcCollector?.collector).toBe('classic');
    const note = old.findings!.find((f) => f.rule === 'go.classic-gc')!;
    expect(note.severity).toBe('info');
    expect(note.detail).toMatch(/measured again/);
    const now = analyzeInput('2', 'b.trace', fx('gotrace/go126-goroutines.trace')).report;
    expect(now.trace!.gcCollector?.collector).toBe('green-tea');
    expect(now.findings!.some((f) => f.rule === 'go.classic-gc')).toBe(false);
  });
});
