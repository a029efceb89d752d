// Helpers for the metrics tests: real fixtures through the real formats, and
// independent readers of the raw text (plain splitting, no parser code).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParseContext } from '../../../src/formats/types';
import type { Kind } from '../../../src/kinds/kind';
import { expvarKind, prometheusKind } from '../../../src/kinds/metrics';
import type { InputAnalyses } from '../../../src/report/schema';

export const repoRoot = path.resolve(__dirname, '../../..');
export const fixtureDir = path.join(repoRoot, 'tests/fixtures/metrics');
export const sharedLogs = path.resolve(repoRoot, '../shared/fixtures/logs');

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

function run(kind: Kind, text: string): InputAnalyses & { warnings: string[] } {
  const warnings: string[] = [];
  const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn: (m) => warnings.push(m) };
  return { ...kind.analyze(kind.read(new TextEncoder().encode(text), ctx), ctx), warnings };
}

export const loadProm = (text: string) => run(prometheusKind, text);
export const loadExpvar = (text: string) => run(expvarKind, text);

/** Values of a series written as `name value` or `name{labels} value`, in file order. */
export function values(text: string, series: string): number[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(series + ' '))
    .map((l) => Number(l.slice(series.length + 1)));
}

/** Nearest rank, written out again here: the value at rank ceil(q·n) of the sorted values. */
export function rank(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}
