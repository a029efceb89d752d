#!/usr/bin/env node
// `npm test`: type-check, unit tests, a one-minute fuzz run, production build,
// end-to-end tests in Chromium — then one closing line "tests: N passed, N failed, N skipped"
// counted from the runners' JSON reports. Stops at the first failing step.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// Not test-results/: Playwright empties that folder when it starts.
const out = 'test-reports';
mkdirSync(out, { recursive: true });
for (const f of ['unit.json', 'e2e.json']) rmSync(`${out}/${f}`, { force: true });

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

// A short fuzz campaign over every parser, the pipeline and permalinks (fresh seeds each run; a
// crash or hang is saved under tests/fuzz/regressions/ and fails the run). GOTUNE_FUZZ_MINUTES=0 skips it.
const fuzzMinutes = process.env.GOTUNE_FUZZ_MINUTES ?? '1';

const steps = [
  ['type check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings=false']],
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/unit.json`]],
  ...(Number(fuzzMinutes) > 0 ? [[`fuzz (${fuzzMinutes} min)`, 'npx', ['tsx', 'tests/fuzz/run.ts', '--minutes', fuzzMinutes]]] : []),
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json` }],
];

let ok = true;
for (const [title, cmd, args, env] of steps) {
  if (!run(title, cmd, args, env)) {
    console.error(`\n${title} failed`);
    ok = false;
    break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(`${out}/unit.json`)) {
  const u = JSON.parse(readFileSync(`${out}/unit.json`, 'utf8'));
  passed += u.numPassedTests;
  failed += u.numFailedTests;
  skipped += u.numPendingTests + (u.numTodoTests ?? 0);
}
if (existsSync(`${out}/e2e.json`)) {
  const e = JSON.parse(readFileSync(`${out}/e2e.json`, 'utf8'));
  passed += e.stats.expected + e.stats.flaky;
  failed += e.stats.unexpected;
  skipped += e.stats.skipped;
}
if (!ok && failed === 0) failed = 1; // a step failed before its tests could be counted
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
