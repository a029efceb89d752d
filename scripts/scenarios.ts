// The labelled scenarios of tests/fixtures/scenarios, each read as one session
// (every file of its folder, in name order) through the same pipeline as the app.
// Used by `npm run eval` and the diagnosis unit tests.

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeInput } from '../src/kinds/analyzeInput';
import { assembleReport } from '../src/report/assemble';
import type { Report } from '../src/report/schema';

export const scenarioDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../tests/fixtures/scenarios');

export function scenarioNames(): string[] {
  return readdirSync(scenarioDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export function scenarioLabel(name: string): string {
  return readFileSync(resolve(scenarioDir, name, 'label'), 'utf8').trim();
}

/**
 * Labels of runs that must raise no alarm: `healthy`, and `insufficient` (a
 * healthy run whose session cannot yet tell, such as healthy-loading: its heap
 * had not levelled off when the log ended, as a leak's would not either).
 */
export const QUIET_LABELS = ['healthy', 'insufficient'];

export function scenarioFiles(name: string): string[] {
  return readdirSync(resolve(scenarioDir, name)).filter((f) => f !== 'label' && f !== 'README.md').sort();
}

const cache = new Map<string, Report>();
export function scenarioReport(name: string, only?: (file: string) => boolean): Report {
  const key = only ? '' : name;
  const hit = key ? cache.get(key) : undefined;
  if (hit) return hit;
  const files = scenarioFiles(name).filter((f) => !only || only(f));
  const r = assembleReport(files.map((f, i) => analyzeInput(`in${i + 1}`, f, readFileSync(resolve(scenarioDir, name, f))).report));
  if (key) cache.set(key, r);
  return r;
}
