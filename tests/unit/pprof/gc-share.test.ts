// The GC share of a CPU profile is said for Go programs (every CPU profile of
// ours), and only for them (the Java, Rust and other profiles of ../shared are
// checked in shared-conformance.test.ts when it exists).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { repoRoot } from '../paths';

const scenarios = path.join(repoRoot, 'tests/fixtures/scenarios');
const cpuProfiles = [
  'tests/fixtures/pprof/cpu.pb.gz',
  'tests/fixtures/pprof/cpu_b.pb.gz',
  ...readdirSync(scenarios)
    .filter((d) => d !== 'README.md')
    .map((d) => `tests/fixtures/scenarios/${d}/cpu.pprof`),
];

describe('the GC share of our Go CPU profiles', () => {
  it.each(cpuProfiles)('%s: said', (file) => {
    const r = analyzeInput('in1', path.basename(file), new Uint8Array(readFileSync(path.join(repoRoot, file)))).report;
    expect(r.findings?.some((f) => f.rule === 'pprof.gc-cpu-share')).toBe(true);
  });
});
