// A GC log of a low GOGC with no memory limit (the gogc-too-low scenario runs
// GOGC=5) was calibrated as "GOGC assumed 100, a memory limit of at most 70 MiB
// drove the goal". The goal holds its 5% above the live heap every cycle, which
// GOGC does and a limit does not (src/analysis/gc/goalShape.ts).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { repoRoot } from '../paths';

const calibration = (rel: string) => {
  const w = analyzeInput('in1', rel.split('/').pop()!, new Uint8Array(readFileSync(resolve(repoRoot, 'tests/fixtures', rel)))).report.whatif;
  if (!w || !('calibration' in w) || !w.calibration) throw new Error(`no calibration for ${rel}`);
  return w.calibration;
};

describe('a low GOGC is not read as a memory limit', () => {
  it('gogc-too-low (GOGC=5, no limit): GOGC inferred as 5, no memory limit', () => {
    const c = calibration('scenarios/gogc-too-low/godebug.log.gz');
    expect(c.gogcSource).toBe('inferred');
    expect(c.gogc).toBe(5);
    expect(c.memoryLimitBytes).toBeNull();
    expect(c.notes.join(' ')).not.toMatch(/memory limit drove it/);
  });
  it('memlimit-below-live (the goal pinned at the live heap): still a memory limit', () => {
    const c = calibration('scenarios/memlimit-below-live/godebug.log.gz');
    expect(c.gogcSource).toBe('assumed');
    expect(c.memoryLimitSource).toBe('inferred');
  });
});
