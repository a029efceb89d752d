// The CLI reading an execution trace's chunks of generations in worker
// threads (src/cli/traceThreads.ts) prints the report one thread prints, on
// real multi-generation traces; --threads is checked; small files stay in
// one thread.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceThreadCount } from '../../../src/cli/traceThreads';
import { readFixture, repoRoot } from '../gotrace/helpers';

function analyze(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/analyze.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stderr: r.stderr, report: r.status === 0 ? JSON.parse(r.stdout) : null };
}

/** The report without what differs run to run. */
function stable(report: { createdAt?: string; inputs: { parseMs?: number }[] }) {
  const { createdAt: _c, ...rest } = report;
  return { ...rest, inputs: rest.inputs.map(({ parseMs: _p, ...i }) => i) };
}

describe('the CLI reads a trace in threads', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gotune-threads-'));
  // One trace of 4 generations (3 chunks): what each part holds is checked per fixture by chunkModel.test.ts.
  it.each(['go125-gens.trace.gz'])('%s in 2 and 3 threads: the report of one thread', (name) => {
    const file = path.join(dir, name.replace(/\.gz$/, ''));
    writeFileSync(file, readFixture(name));
    const one = analyze('--verbose', '--threads', '1', file);
    expect(one.status).toBe(0);
    expect(one.report.inputs[0].trace.generations).toBeGreaterThanOrEqual(2);
    expect(one.stderr).toContain('read in this thread');
    for (const n of [2, 3]) {
      const many = analyze('--verbose', '--threads', String(n), file);
      // Read in threads indeed, not by the sequential read it falls back to.
      expect(many.stderr).toContain(`read in ${Math.min(n, one.report.inputs[0].trace.generations)} chunks of generations, one thread each`);
      expect(stable(many.report)).toEqual(stable(one.report));
    }
  });

  it('--threads takes a count of 1 or more', () => {
    const r = analyze('--threads', 'x', path.join(repoRoot, 'tests/fixtures/gotrace/go126-mixed.trace'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage');
  });

  it('one thread unless asked', () => {
    expect(traceThreadCount(10 << 20)).toBe(1);
    expect(traceThreadCount(1 << 30)).toBe(1);
    expect(traceThreadCount(10 << 20, 3)).toBe(3);
    expect(traceThreadCount(10 << 20, 0.5)).toBe(1);
  });
});
