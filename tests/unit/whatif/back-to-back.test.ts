// The mutator pays more CPU per byte while the GC marks all the time (back to back: the write barrier always on,
// every allocation marked black). The model takes the mutator's CPU per GiB from the calibrated run, so where the
// run and the prediction are in different regimes it flags the figure that depends on it (predict.ts likelyLow):
// calibrated with room between cycles and predicted back to back under the limiter, the cycles per GiB (the
// limiter's 50/50 split); calibrated on a run that marked during most of what it allocated and predicted with
// more room, the GC CPU. Checked on the real runs of
// tests/fixtures/whatif (GOMEMLIMIT 0.8× and 1.2× the live heap put the goal at the heap marked live).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVersion, readRunJson, versionDirs } from '../../../bench/whatif/check';
import { markingShare, MOSTLY_MARKING } from '../../../src/whatif/predict';
import { repoRoot } from '../paths';

const dirs = versionDirs(repoRoot);
const userPerGiB = (dir: string, run: string) => {
  const d = readRunJson(join(dir, `${run}.json.gz`)).delta;
  return d['/cpu/classes/user:cpu-seconds'] / (d['/gc/heap/allocs:bytes'] / 2 ** 30);
};
const BACK_TO_BACK = ['limit0.8x', 'limit1.2x'];

describe('the mutator back to back, and the figures the model flags for it', () => {
  it('has runs of three Go versions to check', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(3);
  });
  for (const dir of dirs) {
    const v = checkVersion(dir);
    describe(v.go, () => {
      it("the mutator's CPU per GiB allocated is more than the GOGC=100 run's while the GC marks all the time", () => {
        const base = userPerGiB(dir, 'gogc100');
        for (const run of BACK_TO_BACK) {
          // runs of 2026-12-04: 1.13–1.79× (Go 1.25.5 1.17, 1.13; 1.26.8 1.32, 1.79; 1.27.3 1.58, 1.22)
          const ratio = userPerGiB(dir, run) / base;
          expect(ratio, `${v.go} ${run}`).toBeGreaterThan(1.1);
          expect(ratio, `${v.go} ${run}`).toBeLessThan(2);
        }
        // and less where the GC marks less of the time (GOGC=200: marks 2–3× further apart)
        expect(userPerGiB(dir, 'gogc200')).toBeLessThan(base);
      });
      it('calibrated on the GOGC runs, which mark during about 30% of what they allocate, the GC CPU is never flagged', () => {
        for (const base of ['gogc50', 'gogc100', 'gogc200']) {
          const b = checkVersion(dir, true, base);
          expect(b.calibration.notes.some((n) => n.startsWith('The GC was marking while')), base).toBe(false);
          for (const r of b.rows) expect(r.predicted.likelyLow, `${base} → ${r.run}`).not.toBe('gcCpu');
        }
      });
      it('calibrated on GOGC=100, the back-to-back runs have their cycles per GiB flagged likely low, and no run with a runway', () => {
        for (const r of v.rows) {
          const p = r.predicted;
          // flagged exactly where it predicts back to back with the limiter engaged (the calibration is not)
          expect(p.likelyLow === 'cycles', r.run).toBe(p.regime === 'limiter' && p.limiter === 'yes');
          expect(p.likelyLow, r.run).not.toBe('gcCpu');
          if (BACK_TO_BACK.includes(r.run)) expect(p.likelyLow, r.run).toBe('cycles');
          // GOGC sets the goal, or a limit twice the live heap leaves a runway (1.5× is back to back in the model
          // on Go 1.25.5, where that run's cycles started 2 MB above the heap marked live)
          if (r.run.startsWith('gogc') || r.run.endsWith('limit2x')) expect(p.likelyLow, r.run).toBeNull();
        }
      });
      // the runs whose GC marked during most of what they allocated (65–107%): back to back at 0.8× and 1.2×, and 1.5×
      for (const base of [...BACK_TO_BACK, 'limit1.5x']) {
        it(`calibrated on the ${base} run, marking most of the time, the GC CPU is flagged likely low wherever cycles have room, and is low`, () => {
          const b = checkVersion(dir, true, base);
          const c = b.calibration;
          expect(markingShare(c)).toBeGreaterThan(MOSTLY_MARKING);
          if (BACK_TO_BACK.includes(base)) expect(c.regime).toBe('limiter');
          expect(c.notes.some((n) => n.startsWith('The GC was marking while'))).toBe(true);
          let flagged = 0;
          for (const r of b.rows) {
            const p = r.predicted;
            // not at a share of 50% or more: the limiter holds the GC's share near 50% whatever the mutator costs
            expect(p.likelyLow, r.run).toBe(p.regime === 'limiter' || p.limiter === 'yes' || p.gcCpuPercent >= 50 ? null : 'gcCpu');
            if (p.likelyLow !== 'gcCpu') continue;
            flagged++;
            // every one measured above the prediction (runs of 2026-12-04: 11–65% above)
            expect(r.measured.gcCpuPercent, r.run).toBeGreaterThan(p.gcCpuPercent);
          }
          // the GOGC runs (50, 200, 400, and GOGC=100 itself) at least
          expect(flagged).toBeGreaterThanOrEqual(4);
        });
      }
    });
  }
});
