// Helpers for the schedtrace/pacer/scavenger/inittrace tests: read the real
// fixtures, parse and analyse them through the GODEBUG format with warnings
// captured, and small independent text helpers (split-based, no parser code).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { godebugFormat } from '../../../src/formats/godebug/format';
import { godebugKind } from '../../../src/kinds/godebug';
import type { GodebugModel } from '../../../src/formats/godebug/stream';
import type { InputAnalyses } from '../../../src/report/schema';

export const repoRoot = path.resolve(__dirname, '../../..');
export const fixtureDir = path.join(repoRoot, 'tests/fixtures/godebug');
export const sharedLogs = path.resolve(repoRoot, '../shared/fixtures/logs');

export const fixtureNames = readdirSync(fixtureDir).filter((f) => f.endsWith('.log')).sort();

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

export function sharedFiles(prefix: string): string[] {
  if (!existsSync(sharedLogs)) return [];
  return readdirSync(sharedLogs).filter((f) => f.startsWith(prefix)).map((f) => path.join(sharedLogs, f));
}

export interface Parsed {
  model: GodebugModel;
  analyses: InputAnalyses;
  warnings: string[];
}

export function parseText(text: string): Parsed {
  const warnings: string[] = [];
  const ctx = { progress() {}, checkCancelled() {}, warn: (m: string) => void warnings.push(m) };
  const model = godebugFormat.parse(new TextEncoder().encode(text), ctx);
  const analyses = godebugKind.analyze(model, ctx);
  return { model, analyses, warnings };
}

/** Lines of a text (no trailing empty line). */
export function linesOf(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** key=value pairs of the words of a line (independent of the parser's field reader). */
export function kv(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of line.split(' ')) {
    const eq = w.indexOf('=');
    if (eq > 0) out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}

/** Nearest rank, written out again for the tests: the value at rank ceil(q·n). */
export function rank(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1];
}
