// Shared bits of the gotrace tests: fixture paths and a quiet parse context.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import type { ParseContext } from '../../../src/formats/types';
import type { EventColumns } from '../../../src/formats/gotrace/split';
import { joinF64 } from '../../../src/lib/columns';

export const repoRoot = path.resolve(__dirname, '../../..');
export const fixtureDir = path.join(repoRoot, 'tests/fixtures/gotrace');
export const sharedDir = path.resolve(repoRoot, '../shared/fixtures/gotrace');
export const hasShared = existsSync(sharedDir);

export function fixtureTraces(): string[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.trace') || f.endsWith('.trace.gz'))
    .sort();
}

/** A trace fixture's bytes (a .trace.gz is unwrapped). */
export function readFixture(name: string): Uint8Array {
  const b = new Uint8Array(readFileSync(path.join(fixtureDir, name)));
  return name.endsWith('.gz') ? gunzipSync(b) : b;
}

/** The golden JSON next to a trace fixture. */
export function goldenName(name: string): string {
  return name.replace(/\.trace(\.gz)?$/, '.golden.json');
}

/** The events a read put in `cols`, joined into one array (12 numbers per event). */
export function joinedEvents(cols: EventColumns): Float64Array {
  return joinF64(cols.take());
}

export function quietCtx(warnings: string[] = []): ParseContext {
  return { progress() {}, checkCancelled() {}, warn: (m) => warnings.push(m) };
}

/** The CPU-sample trace fixtures and the goldens of their CPU profiles. */
export const cpuDir = path.join(repoRoot, 'tests/fixtures/gotrace-cpu');

/** The trace a CPU golden was made from: beside it, else among the gotrace fixtures (.trace or .trace.gz). */
export function cpuTraceOf(name: string): string {
  const own = path.join(cpuDir, `${name}.trace`);
  if (existsSync(own)) return own;
  const raw = path.join(fixtureDir, `${name}.trace`);
  return existsSync(raw) ? raw : `${raw}.gz`;
}

/** The bytes of a trace file, gunzipped when it ends in .gz. */
export function traceFileBytes(file: string): Uint8Array {
  const b = new Uint8Array(readFileSync(file));
  return file.endsWith('.gz') ? gunzipSync(b) : b;
}
