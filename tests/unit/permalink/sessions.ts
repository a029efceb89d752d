// Fixture sessions for permalink tests: every fixture file on its own, and the
// combinations people share (gctrace + CPU profile + goroutine dump, …).
// Reports are built the way the app builds them (analyzeInput + assembleReport).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { assembleReport } from '../../../src/report/assemble';
import type { Report } from '../../../src/report/schema';
import { repoRoot } from '../paths';

export const fixtures = resolve(repoRoot, 'tests/fixtures');

const SKIP = /README|GOVERSION|SOURCES|golden|\.json$/;
/** JSON fixtures that are inputs (expvar), not goldens. */
const JSON_INPUTS = new Set(['metrics/debug-vars.json']);

export function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(resolve(fixtures, dir)).sort()) {
      const rel = `${dir}/${f}`;
      if (SKIP.test(f) && !JSON_INPUTS.has(rel)) continue;
      if (f === 'shared-goldens') continue;
      // Sub-folders hold more sets of the same kind (pprof/go127, goroutines/leakprofile/go1NN).
      if (statSync(resolve(fixtures, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  for (const dir of ['godebug', 'pprof', 'goroutines', 'metrics', 'gotrace', 'config']) walk(dir);
  return out;
}

export const TYPICAL = ['godebug/gctrace-limit.log', 'pprof/cpu.pb.gz', 'goroutines/leak-1.debug2.txt'];

export const COMBINATIONS: Record<string, string[]> = {
  typical: TYPICAL,
  'all-godebug+heap+metrics': ['godebug/memlimit-all.log', 'pprof/heap.pb.gz', 'metrics/scrapes.txt'],
  'trace+cpu+dumps': ['gotrace/go126-mixed.trace', 'pprof/cpu.pb.gz', 'goroutines/leak-1.debug2.txt', 'goroutines/leak-2.debug2.txt'],
  'everything-pprof': ['pprof/cpu.pb.gz', 'pprof/heap.pb.gz', 'pprof/allocs.pb.gz', 'pprof/goroutine.pb.gz', 'pprof/mutex.pb.gz', 'pprof/block.pb.gz'],
};

const cache = new Map<string, Report>();

export function sessionReport(files: string[]): Report {
  const key = files.join('+');
  let r = cache.get(key);
  if (!r) {
    const inputs = files.map((f, i) => analyzeInput(`in${i + 1}`, basename(f), readFileSync(resolve(fixtures, f))).report);
    r = assembleReport(inputs, new Date('2026-01-01T00:00:00Z'));
    cache.set(key, r);
  }
  return r;
}

/** Every fixture session: name → files. */
export function fixtureSessions(): [string, string[]][] {
  return [...Object.entries(COMBINATIONS), ...fixtureFiles().map((f): [string, string[]] => [f, [f]])];
}
