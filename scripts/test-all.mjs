#!/usr/bin/env node
// `npm test`: type-check, unit tests, a one-minute fuzz run, production build,
// end-to-end tests in Chromium — then one closing line "tests: N passed, N failed, N skipped"
// counted from the runners' JSON reports. Stops at the first failing step.
//
// The fuzz run is a fixed minute of one busy thread (one target at a time, each in a worker), so it
// runs beside the type check and the build (single-threaded mostly) instead of after the unit tests:
// on a 2-core machine that takes their ~1 min off the wall time and leaves the fuzzer its own core.
// Its output goes to test-reports/fuzz.log and is printed when it ends; a failure still fails the run
// (before the unit tests, as the build's would).

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';

// Not test-results/: Playwright empties that folder when it starts.
const out = 'test-reports';
mkdirSync(out, { recursive: true });
for (const f of ['unit.json', 'e2e.json', 'fuzz.log']) rmSync(`${out}/${f}`, { force: true });

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

// A short fuzz campaign over every parser, the pipeline and permalinks (fresh seeds each run; a
// crash or hang is saved under tests/fuzz/regressions/ and fails the run). GOTUNE_FUZZ_MINUTES=0 skips it.
const fuzzMinutes = process.env.GOTUNE_FUZZ_MINUTES ?? '1';

/** Start a step in the background, its output into a file; resolves to whether it passed. */
function background(title, log, cmd, args, env = {}) {
  console.log(`\n=== ${title} (in the background, output in ${log}): ${cmd} ${args.join(' ')}`);
  const fd = openSync(log, 'w');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  closeSync(fd);
  return new Promise((resolve) => {
    child.on('error', (e) => resolve({ ok: false, log, error: e }));
    child.on('exit', (code) => resolve({ ok: code === 0, log }));
  });
}

/** Wait for a background step, print its output; whether it passed. */
async function finished(title, running) {
  const r = await running;
  console.log(`\n=== ${title}: its output (${r.log})`);
  if (existsSync(r.log)) process.stdout.write(readFileSync(r.log, 'utf8'));
  if (r.error) console.error(r.error);
  if (!r.ok) console.error(`\n${title} failed`);
  return r.ok;
}

const fuzz = Number(fuzzMinutes) > 0 ? [`fuzz (${fuzzMinutes} min)`, `${out}/fuzz.log`, 'npx', ['tsx', 'tests/fuzz/run.ts', '--minutes', fuzzMinutes]] : null;
const steps = [
  ['type check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings=false']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  'wait for the fuzz run',
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/unit.json`]],
  ['end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json` }],
];

let ok = true;
let fuzzRun = fuzz ? background(...fuzz) : null;
for (const step of steps) {
  if (step === 'wait for the fuzz run') {
    if (!fuzzRun) continue;
    const passedFuzz = await finished(fuzz[0], fuzzRun);
    fuzzRun = null;
    if (!passedFuzz) {
      ok = false;
      break;
    }
    continue;
  }
  const [title, cmd, args, env] = step;
  if (!run(title, cmd, args, env)) {
    console.error(`\n${title} failed`);
    ok = false;
    break;
  }
}
// A step failed before the fuzz run was waited for: still report its outcome (it ends within its minute).
if (fuzzRun) await finished(fuzz[0], fuzzRun);

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
