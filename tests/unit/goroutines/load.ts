// Helpers for the goroutine tests: real fixtures through the real format and its binding
// (warnings captured), and independent text helpers that use plain string
// splitting, never parser code.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { goroutinesFormat } from '../../../src/formats/goroutines/format';
import { goroutinesKind } from '../../../src/kinds/goroutines';
import type { GoroutineDump } from '../../../src/formats/goroutines/model';
import type { ParseContext } from '../../../src/formats/types';
import type { GoroutinesAnalysis } from '../../../src/analysis/goroutines/types';
import type { Finding } from '../../../src/report/schema';

export const repoRoot = path.resolve(__dirname, '../../..');
export const fixtureDir = path.join(repoRoot, 'tests/fixtures/goroutines');
export const sharedLogs = path.resolve(repoRoot, '../shared/fixtures/logs');

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

export interface Loaded {
  dump: GoroutineDump;
  analysis: GoroutinesAnalysis;
  findings: Finding[];
  warnings: string[];
}

export function loadText(text: string): Loaded {
  const warnings: string[] = [];
  const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn: (m) => warnings.push(m) };
  const dump = goroutinesFormat.parse(new TextEncoder().encode(text), ctx);
  const out = goroutinesKind.analyze(dump, ctx);
  return { dump, analysis: out.goroutines!, findings: out.findings ?? [], warnings };
}

export function load(name: string): Loaded {
  return loadText(readFixture(name));
}

/** Goroutine headers in traceback text, counted by splitting lines. */
export function headerLines(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('goroutine ') && l.trimEnd().endsWith(']:'));
}

/** debug=1 records as the runtime aggregated them: count and first `#` frame's function. */
export function debug1Records(text: string): { count: number; top: string; labels?: string }[] {
  const out: { count: number; top: string; labels?: string }[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n').filter((l) => l !== '');
    const head = lines.find((l) => / @ 0x/.test(l));
    if (!head) continue;
    const frame = lines.find((l) => l.startsWith('#\t0x'));
    const top = frame ? frame.split('\t').filter((p) => p !== '')[2].split('+0x')[0] : '';
    const labels = lines.find((l) => l.startsWith('# labels: '))?.slice(10);
    out.push({ count: Number(head.split(' @ ')[0]), top, ...(labels ? { labels } : {}) });
  }
  return out;
}

/** `goroutine profile: total N`. */
export function reportedTotal(text: string): number {
  const line = text.split('\n').find((l) => l.startsWith('goroutine profile: total '))!;
  return Number(line.slice('goroutine profile: total '.length));
}
