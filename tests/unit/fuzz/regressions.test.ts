// Replays every input the fuzzer ever saved (tests/fuzz/regressions/): each must
// now end in a result or a FormatError through the target that found it. No
// timing threshold here (it flaked on a loaded machine, and unit tests carry
// none by rule): a hang is caught by the test's own timeout; slowness is the
// fuzzer's business (`npm run fuzz` flags inputs over timeBoundMs).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regressionsDir } from '../../fuzz/corpus';
import { PIPELINE, runOne, targets } from '../../fuzz/target';

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
      }
    });
  }
});
