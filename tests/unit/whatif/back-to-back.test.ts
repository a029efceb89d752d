// Back to back under the GC CPU limiter, the model's cycles per GiB are its 50/50 split of the CPU with the
// calibrated run's mutator CPU per GiB (predict.ts). The real runs (tests/fixtures/whatif, GOMEMLIMIT 0.8× and
// 1.2× the live heap, where the goal sits at the heap marked live) show that the mutator pays more per byte
// while the GC marks all the time, so the model flags those figures (backToBackCapped) and no others.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVersion, readRunJson, versionDirs } from '../../../bench/whatif/check';
import { repoRoot } from '../paths';

const dirs = versionDirs(repoRoot);
const userPerGiB = (dir: string, run: string) => {
  const d = readRunJson(join(dir, `${run}.json.gz`)).delta;
  return d['/cpu/classes/user:cpu-seconds'] / (d['/gc/heap/allocs:bytes'] / 2 ** 30);
};

describe('back to back under the limiter', () => {
  it('has runs of three Go versions to check', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(3);
  });
  for (const dir of dirs) {
    const v = checkVersion(dir);
    describe(v.go, () => {
      it("the mutator's CPU per GiB allocated is more than the GOGC=100 run's while the GC marks all the time", () => {
        const base = userPerGiB(dir, 'gogc100');
        for (const run of ['limit0.8x', 'limit1.2x']) {
          // runs of 2026-12-04: 1.13–1.79× (Go 1.25.5 1.17, 1.13; 1.26.8 1.32, 1.79; 1.27.3 1.58, 1.22)
          const ratio = userPerGiB(dir, run) / base;
          expect(ratio, `${v.go} ${run}`).toBeGreaterThan(1.1);
          expect(ratio, `${v.go} ${run}`).toBeLessThan(2);
        }
        // and less where the GC marks less of the time (GOGC=200: marks 2–3× further apart)
        expect(userPerGiB(dir, 'gogc200')).toBeLessThan(base);
      });
      it('the model flags the back-to-back runs as likely low on cycles per GiB, and no run with a runway', () => {
        for (const r of v.rows) {
          const p = r.predicted;
          // flagged exactly where it predicts back to back with the limiter engaged
          expect(p.backToBackCapped, r.run).toBe(p.regime === 'limiter' && p.limiter === 'yes');
          if (r.run === 'limit0.8x' || r.run === 'limit1.2x') expect(p.backToBackCapped, r.run).toBe(true);
          // GOGC sets the goal, or a limit twice the live heap leaves a runway (1.5× is back to back in the model
          // on Go 1.25.5, where that run's cycles started 2 MB above the heap marked live)
          if (r.run.startsWith('gogc') || r.run.endsWith('limit2x')) expect(p.backToBackCapped, r.run).toBe(false);
        }
      });
    });
  }
});
