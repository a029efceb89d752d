// The limiter replay sums its 10 ms updates in closed form: a real gctrace whose
// clock jumps (a process up for months between two lines, or a damaged time)
// once turned the replay into billions of steps and hung the fuzz campaign.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';

const log = readFileSync(resolve(__dirname, '../../fixtures/godebug/gctrace-basic.log'), 'utf8');

describe('limiter replay over a clock that jumps', () => {
  it('a gctrace whose last cycle is 31 years later (a damaged time) is analysed, with the same cycles', () => {
    const lines = log.trimEnd().split('\n');
    const gcLines = lines.filter((l) => /^gc \d+ @/.test(l));
    const last = gcLines[gcLines.length - 1];
    const jumped = lines.map((l) => (l === last ? l.replace(/@[\d.]+s/, '@1000000000.000s') : l)).join('\n') + '\n';
    const plain = analyzeInput('a', 'plain.log', new TextEncoder().encode(log)).report;
    const far = analyzeInput('b', 'jumped.log', new TextEncoder().encode(jumped)).report;
    expect(far.error).toBeUndefined();
    expect(far.gc?.cycles).toBe(plain.gc?.cycles);
    expect(far.gc?.cycles).toBeGreaterThan(2);
  });
});
