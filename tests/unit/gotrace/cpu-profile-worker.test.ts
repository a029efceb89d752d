// The worker serves a trace's CPU samples to the profile views as the model
// `<trace id>~cpu`: derived from the parsed trace on first use, gone with it.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { traceCpuProfileId } from '../../../src/analysis/gotrace/cpuProfileId';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { models } from '../../../src/worker/models';
import { pprofApi } from '../../../src/worker/pprof';
// The worker's parsers, which also give it the table of derived models (as with its first input).
import '../../../src/worker/unwrapAndAnalyze';
import { repoRoot } from './helpers';

const cpuDir = path.join(repoRoot, 'tests/fixtures/gotrace-cpu');

function load(id: string, file: string) {
  const { report, model } = analyzeInput(id, path.basename(file), new Uint8Array(readFileSync(file)));
  models.set(id, model);
  return report;
}

afterEach(() => models.clear());

describe('worker: trace CPU profile model', () => {
  it('pprofQuery on <id>~cpu gives the table go tool pprof prints for the Go-built profile', async () => {
    const report = load('a1', path.join(cpuDir, 'go126-cpu.trace'));
    expect(report.trace?.cpuSamples.profile?.numSamples).toBeGreaterThan(0);
    const r = await pprofApi.pprofQuery({ id: traceCpuProfileId('a1'), sampleIndex: 0 });
    const golden = readFileSync(path.join(cpuDir, 'go126-cpu.cpu.top-all.txt'), 'utf8');
    expect(r.total).toBe(Number(/of (\d+) total/.exec(golden)![1]));
    expect(r.header).toEqual(golden.split('\n').slice(0, 2));
    const first = golden.split('\n')[4].trim().split(/\s+/);
    expect([String(r.rows[0].flat), String(r.rows[0].cum), r.rows[0].name]).toEqual([first[0], first[3], first[5]]);
    expect(r.flame.name.length).toBeGreaterThan(10);
  });

  it('without the trace in memory the view is told to re-read it', async () => {
    await expect(pprofApi.pprofQuery({ id: traceCpuProfileId('gone'), sampleIndex: 0 })).rejects.toThrow(/no longer in memory/);
  });

  it('a model that is not a trace has no CPU profile', async () => {
    load('g1', path.join(repoRoot, 'tests/fixtures/goroutines', 'deadlock.txt'));
    await expect(pprofApi.pprofQuery({ id: traceCpuProfileId('g1'), sampleIndex: 0 })).rejects.toThrow(/does not hold/);
  });
});
