// Replays every input the fuzzer ever saved (tests/fuzz/regressions/): each must
// now end in a result or a FormatError, within the (CPU) time bound, through
// the target that found it.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regressionsDir } from '../../fuzz/corpus';
import { PIPELINE, runOne, targets, timeBoundMs } from '../../fuzz/target';

const files = readdirSync(regressionsDir).filter((f) => /^[a-z0-9-]+-[0-9a-f]{16}$/.test(f));

describe('fuzz regressions', () => {
  it('the regressions folder is readable', () => {
    expect(readdirSync(regressionsDir)).toContain('README.md');
  });
  for (const f of files) {
    it(f, () => {
      const target = f.slice(0, f.lastIndexOf('-'));
      const bytes = new Uint8Array(readFileSync(join(regressionsDir, f)));
      // Its own target (a file of a target that no longer exists goes through the pipeline).
      for (const t of [targets().includes(target) ? target : PIPELINE]) {
        const r = runOne(t, bytes);
        expect(r.outcome === 'crash' ? `${t}: ${r.detail}` : r.outcome).not.toMatch(/:/);
        expect(r.ms, `${t} took ${r.ms} ms CPU`).toBeLessThanOrEqual(timeBoundMs(bytes.length) * 1.5);
      }
    });
  }
});
