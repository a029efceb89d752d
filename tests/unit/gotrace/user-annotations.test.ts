// User annotations (runtime/trace tasks, regions, logs) from a real Go 1.26
// trace whose names are the hostile corpus (tools/fixtures/gotrace-hostile):
// every name arrives byte for byte, counted as the program made them. The
// expected names come from the corpus itself, the region counts also from
// golang.org/x/exp/trace (the golden next to the trace).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { HOSTILE_STRINGS, LONG_NAME } from '../../fixtures/hostile/strings';
import { fixtureDir, readFixture } from './helpers';

// The runtime cuts trace strings at 1 KiB (internal/trace/tracev2.MaxEventTrailerDataSize);
// LONG_NAME is ASCII, so bytes and characters agree.
const names = [...HOSTILE_STRINGS, LONG_NAME.slice(0, 1024)];

describe('user annotations of go126-hostile.trace', () => {
  const { report } = analyzeInput('1', 'go126-hostile.trace', readFixture('go126-hostile.trace'));
  const user = report.trace!.user;
  const golden = JSON.parse(readFileSync(path.join(fixtureDir, 'go126-hostile.golden.json'), 'utf8'));

  it('has one task and one region per name, all ended', () => {
    expect(report.error).toBeUndefined();
    expect(Object.fromEntries(user.tasks.map((t) => [t.reason, t.count]))).toEqual(Object.fromEntries(names.map((n) => [n, 1])));
    expect(Object.fromEntries(user.regions.map((r) => [r.reason, r.count]))).toEqual(Object.fromEntries(names.map((n) => [n, 1])));
    expect(Object.fromEntries(user.regions.map((r) => [r.reason, r.count]))).toEqual(golden.regions);
    expect(user.openTasks).toBe(0);
  });

  it('counts two logs per category (trace.Log and trace.Logf)', () => {
    expect(Object.fromEntries(user.logs.map((l) => [l.key, l.count]))).toEqual(Object.fromEntries(names.map((n) => [n, 2])));
  });

  it('times each task around its region (the region waits ≥ 2 ms and spins 10 ms)', () => {
    const region = new Map(user.regions.map((r) => [r.reason, r.totalNs]));
    for (const t of user.tasks) {
      expect(t.totalNs).toBeGreaterThanOrEqual(region.get(t.reason)!);
      expect(region.get(t.reason)!).toBeGreaterThanOrEqual(10e6);
    }
  });
});
