// A limiter verdict within the run-to-run spread of 50% is 'uncertain' (limiter.ts RUN_TO_RUN_GC_CPU): the
// same settings run three times gave a GC share that moved by up to ±10% (tests/fixtures/whatif repeats), and
// one run cannot show that spread, however closely the model replays its own cycles.

import { describe, expect, it } from 'vitest';
import { checkVersion, versionDirs } from '../../../bench/whatif/check';
import { RUN_TO_RUN_GC_CPU } from '../../../src/whatif/limiter';
import { predict } from '../../../src/whatif/predict';
import { repoRoot } from '../paths';

const dir = versionDirs(repoRoot).find((d) => d.endsWith('go1.25.5'));

describe('a GC share near 50% is on the edge, whatever the calibration’s own ±', () => {
  it.runIf(dir !== undefined)('within ±10% of 50%: uncertain; beyond it: yes or no', () => {
    const base = checkVersion(dir as string).calibration;
    // a calibration that replays its own cycles almost exactly, and no non-heap spread
    const cal = { ...base, fit: { ...base.fit, gcCpu: 0.001, gcCpuMean: 0.001 }, nonHeap: base.nonHeap && { ...base.nonHeap, spreadBytes: 0, footprintSpreadBytes: 0 } };
    const s = { gogc: 50, memoryLimitBytes: null, containerLimitBytes: null };
    // the mutator's cost moves the GC's share of the CPU: find where the share crosses 50% × (1 ± 10%) and beyond
    const at = (k: number) => predict({ ...cal, mutatorCpuSecPerGiB: k * base.mutatorCpuSecPerGiB }, s);
    const seen = { edge: 0, yes: 0, no: 0 };
    for (let k = 0.5; k <= 3; k += 0.01) {
      const p = at(k);
      const share = p.limiterGcCpuPercent / 100;
      if (share * (1 - RUN_TO_RUN_GC_CPU) > 0.5 + 1e-9) {
        expect(p.limiter, `share ${share}`).toBe('yes');
        seen.yes++;
      } else if (share * (1 + RUN_TO_RUN_GC_CPU) < 0.5 - 1e-9) {
        expect(p.limiter, `share ${share}`).toBe('no');
        seen.no++;
      } else {
        expect(p.limiter, `share ${share}`).toBe('uncertain');
        seen.edge++;
      }
    }
    expect(seen.edge).toBeGreaterThan(5);
    expect(seen.yes).toBeGreaterThan(5);
    expect(seen.no).toBeGreaterThan(5);
  });
});
