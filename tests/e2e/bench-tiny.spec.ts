// The benchmark scripts still work: bench/run.ts --tiny runs each on a tiny
// input (Go-dependent ones only when Go is installed) and its output must give
// a table row with our time for each. No timing thresholds. Runs in the e2e
// stage because the browser bench serves the production build.

import { expect, test } from '@playwright/test';
import { BENCHES, runAll, table } from '../../bench/run';

test('every benchmark script runs on a tiny input and gives its table row', async () => {
  test.setTimeout(600_000);
  const r = runAll({ tiny: true, log: () => {} });
  expect(r.failures).toEqual([]);
  const ran = r.outputs.filter((o) => o.status.startsWith('ok')).map((o) => o.script);
  // Skipped only for a stated reason (Go not installed); never silently.
  for (const o of r.outputs.filter((o) => o.status.startsWith('skipped'))) expect(o.status).toMatch(/Go/);
  const expected = BENCHES.filter((b) => b.tiny && !r.outputs.some((o) => o.script === b.script && o.status.startsWith('skipped'))).map((b) => b.script);
  expect(ran.sort()).toEqual(expected.sort());
  for (const row of r.rows) {
    expect(row.oursMs, row.input).toBeGreaterThan(0);
    expect(Number.isFinite(row.oursMs)).toBe(true);
  }
  expect(table(r.rows).split('\n')).toHaveLength(r.rows.length + 2);
});
