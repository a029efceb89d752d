// Callers and callees equal `go tool pprof -peek` (goldens made by gen.sh).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNodes } from '../../../src/analysis/pprof/nodes';
import { peek } from '../../../src/analysis/pprof/peek';
import { basePrepared } from '../../../src/analysis/pprof/prepare';
import { sampleIndexByName } from '../../../src/analysis/pprof/sampleIndex';
import { topTable } from '../../../src/analysis/pprof/top';
import { percentage, scaledLabel } from '../../../src/analysis/pprof/units';
import { fixtures, golden, loadProfile } from './load';

/** The golden's blocks as text lines "callers | node | callees" normalised to single spaces. */
function goldenBlocks(name: string): string[] {
  const text = readFileSync(path.join(golden, name), 'utf8');
  const body = text.slice(text.indexOf('calls% + context'));
  return body
    .split(/-+\+-+\n/)
    .slice(1)
    .map((b) => b.split('\n').filter((l) => l.trim()).map((l) => l.trim().replace(/\s+/g, ' ')).join('\n'))
    .filter(Boolean);
}

describe('callers and callees equal go tool pprof -peek', () => {
  for (const [file, si, re, g] of [
    ['cpu.pb.gz', '', /^(main\.fib|encoding\/json\.Unmarshal|runtime\.mallocgc)$/, 'cpu.pb.gz.peek.txt'],
    ['heap.pb.gz', 'alloc_space', /^(encoding\/json\.Unmarshal|main\.jsonLoop)$/, 'heap.pb.gz.alloc_space.peek.txt'],
  ] as const) {
    it(g, () => {
      const p = loadProfile(path.join(fixtures, file));
      const t = sampleIndexByName(p, si);
      const prep = basePrepared(p);
      const table = topTable(p, { sampleIndex: t });
      const fmt = (v: number) => scaledLabel(v, table.sampleUnit, table.outputUnit);
      let sum = 0;
      const ours = peek(prep, buildNodes(prep), t, re).map((r) => {
        sum += r.flat;
        const lines = [
          ...r.callers.map((c) => `${fmt(c.weight)} ${percentage(c.weight, r.cum).trim()} | ${c.name}${c.inline ? ' (inline)' : ''}`),
          `${fmt(r.flat)} ${percentage(r.flat, table.total).trim()} ${percentage(sum, table.total).trim()} ${fmt(r.cum)} ${percentage(r.cum, table.total).trim()} | ${r.name}`,
          ...r.callees.map((c) => `${fmt(c.weight)} ${percentage(c.weight, r.cum).trim()} | ${c.name}${c.inline ? ' (inline)' : ''}`),
        ];
        return lines.join('\n');
      });
      expect(ours).toEqual(goldenBlocks(g));
    });
  }
});
