// A contention finding names the profile it read: block and mutex profiles
// have the same sample types (contentions, delay), so the finding tells them
// by where the runtime recorded the wait. The block profile records it where
// the waiter blocked, sync.(*Mutex).Lock included; the mutex profile where
// the holder unlocked. Real profiles of our own programs.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { repoRoot } from '../paths';

const cases: [string, 'blocking' | 'mutex'][] = [
  ['tests/fixtures/pprof/block.pb.gz', 'blocking'],
  ['tests/fixtures/pprof/block.debug1.txt', 'blocking'],
  ['tests/fixtures/pprof/mutex.pb.gz', 'mutex'],
  ['tests/fixtures/pprof/mutex.debug1.txt', 'mutex'],
  // The lock-contention scenario: its block profile's top is sync.(*Mutex).Lock (98.9% of the delay).
  ['tests/fixtures/scenarios/mutex-contention/block.pprof', 'blocking'],
  ['tests/fixtures/scenarios/mutex-contention/mutex.pprof', 'mutex'],
  ['tests/fixtures/scenarios/heap-leak/block.pprof', 'blocking'],
  ['tests/fixtures/scenarios/heap-leak/mutex.pprof', 'mutex'],
];

describe('contention findings say block or mutex profile', () => {
  it.each(cases)('%s: %s', (file, kind) => {
    const r = analyzeInput('in1', path.basename(file), new Uint8Array(readFileSync(path.join(repoRoot, file)))).report;
    const f = (r.findings ?? []).find((x) => x.rule === 'pprof.contention');
    expect(f, file).toBeDefined();
    expect(f!.title).toContain(`(${kind}`);
  });
});
