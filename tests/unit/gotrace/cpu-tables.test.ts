// The CPU samples kept with a saved session (src/analysis/gotrace/cpuTables.ts):
// the profile rebuilt from the stored tables (after a structured clone, as
// IndexedDB stores them) has the same top table as `go tool pprof -top` of the
// Go-built profile of the same trace (the goldens of cpu-profile.test.ts), and
// damaged tables are refused with a message.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceCpuProfile } from '../../../src/analysis/gotrace/cpuProfile';
import { checkCpuTables, cpuTablesOf, type CpuTables } from '../../../src/analysis/gotrace/cpuTables';
import { formatTopText, topTable } from '../../../src/analysis/pprof/top';
import { readTraceModel } from '../../../src/kinds/gotrace';
import type { GoTraceModel } from '../../../src/analysis/gotrace/model';
import { cpuDir, cpuTraceOf, quietCtx, traceFileBytes } from './helpers';


function parse(file: string): GoTraceModel {
  return readTraceModel(traceFileBytes(file), quietCtx());
}


function tablesOf(m: GoTraceModel): CpuTables {
  const c = m.collected;
  const t = cpuTablesOf(m.cpu, c.events === 0 ? 0 : c.lastTime - c.firstTime);
  expect(t).not.toBeNull();
  return structuredClone(t!);
}

const goldens = readdirSync(cpuDir)
  .map((f) => /^(.+)\.cpu\.(top|top-all)\.txt$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => [m[0], m[1], m[2] === 'top-all'] as [string, string, boolean]);

describe('trace CPU profile rebuilt from the stored tables', () => {
  it('covers every golden', () => expect(goldens.length).toBe(14));
  it.each(goldens)('%s', (golden, name, all) => {
    const back = checkCpuTables(tablesOf(parse(cpuTraceOf(name))));
    expect(back).not.toBeNull();
    const p = traceCpuProfile(back!.samples, back!.durationNs)!;
    const t = topTable(p, { sampleIndex: 0, nodeFraction: all ? 0 : undefined, edgeFraction: all ? 0 : undefined });
    expect(formatTopText(t, p)).toBe(readFileSync(path.join(cpuDir, golden), 'utf8'));
  });
});

describe('stored CPU tables are checked before use', () => {
  const good = () => tablesOf(parse(cpuTraceOf(goldens[0]![1])));
  it('refuses damaged tables', () => {
    const cases: [string, (t: CpuTables) => unknown][] = [
      ['frame reference', (t) => ({ ...t, stacks: [[t.frames.length], ...t.stacks.slice(1)] })],
      ['name table', (t) => ({ ...t, strings: [1, ...t.strings.slice(1)] })],
      ['frame', (t) => ({ ...t, frames: [-1, ...t.frames.slice(1)] })],
      ['stack table', (t) => ({ ...t, counts: t.counts.slice(1) })],
      ['count', (t) => ({ ...t, counts: [0.5, ...t.counts.slice(1)] })],
      ['duration', (t) => ({ ...t, durationNs: 'x' })],
    ];
    for (const [what, damage] of cases) expect(() => checkCpuTables(damage(good())), what).toThrow(new RegExp(what));
    expect(() => checkCpuTables('x')).toThrow(/not a record/);
  });
  it('ignores another layout (the trace is re-read instead)', () => expect(checkCpuTables({ ...good(), v: 99 })).toBeNull());
});
