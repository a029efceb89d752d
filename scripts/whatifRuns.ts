// The what-if runs of tests/fixtures/whatif as labelled diagnosis cases: each
// run's GC log read alone, labelled by the settings the run itself reports in
// its JSON (GOGC and GOMEMLIMIT as set in its environment), not by its file
// name. Used by `npm run eval` and tests/unit/diagnosis/goal-shape.test.ts.

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'fflate';
import { analyzeInput } from '../src/kinds/analyzeInput';
import { assembleReport } from '../src/report/assemble';
import type { Report } from '../src/report/schema';
import { scenarioDir } from './scenarios';

export const whatifDir = resolve(scenarioDir, '../whatif');

export interface WhatifRun {
  /** "go1.26.8/limit1.5x.gctrace.gz" */
  run: string;
  /** GOGC and GOMEMLIMIT as the run's environment set them ("" when unset). */
  gogcEnv: string;
  gomemlimitEnv: string;
}

export function whatifRuns(): WhatifRun[] {
  return readdirSync(whatifDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(resolve(whatifDir, d.name))
        .filter((f) => f.endsWith('.gctrace.gz'))
        .map((f) => {
          const json = JSON.parse(new TextDecoder().decode(gunzipSync(readFileSync(resolve(whatifDir, d.name, f.replace('.gctrace.gz', '.json.gz'))))));
          return { run: `${d.name}/${f}`, gogcEnv: String(json.gogcEnv ?? ''), gomemlimitEnv: String(json.gomemlimitEnv ?? '') };
        }),
    )
    .sort((a, b) => a.run.localeCompare(b.run));
}

const cache = new Map<string, Report>();
/** The session report of the run's GC log alone. */
export function whatifReport(run: string): Report {
  let r = cache.get(run);
  if (!r) cache.set(run, (r = assembleReport([analyzeInput('in1', run.split('/')[1], new Uint8Array(readFileSync(resolve(whatifDir, run)))).report])));
  return r;
}
