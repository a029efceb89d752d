// The what-if model against real runs (tests/fixtures/whatif, made by
// tools/fixtures/whatif): calibrated on each Go version's GOGC=100 run, it
// predicts the runs at other GOGC and GOMEMLIMIT settings; their runtime/metrics
// deltas are the reference. The bounds are the errors measured when the model
// was written (see `npm run eval:whatif`), so a change that makes it worse fails.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkVersion, gctraceModel, versionDirs } from '../../../bench/whatif/check';
import { calibrate } from '../../../src/whatif/calibrate';
import { gogcGoal } from '../../../src/whatif/predict';
import { replayLimiter } from '../../../src/whatif/limiter';
import { repoRoot } from '../paths';

const dirs = versionDirs(repoRoot);

describe('what-if model vs real runs', () => {
  it('has fixtures for two Go versions', () => {
    expect(dirs.map((d) => d.split('/').pop()).sort()).toEqual(['go1.25.5', 'go1.26.8']);
  });
  for (const dir of dirs) {
    const v = checkVersion(dir);
    describe(v.go, () => {
      it('calibrates on the GOGC=100 run: steady window, GOGC inferred ≈ 100, GOGC regime', () => {
        const c = v.calibration;
        expect(c.window.cycles).toBeGreaterThanOrEqual(6);
        expect(c.gogc).toBe(100);
        expect(Math.abs(c.impliedGogc - 100)).toBeLessThanOrEqual(15);
        expect(c.regime).toBe('gogc');
        expect(c.memoryLimitBytes).toBeNull();
        // live heap: the program holds 32 MiB; marking adds what is allocated meanwhile
        expect(c.liveBytes).toBeGreaterThan(28 * 1048576);
        expect(c.liveBytes).toBeLessThan(c.liveAfterMarkBytes);
      });
      it('predicts the goal regime of every run (GOGC vs memory limit) as its own gctrace shows it', () => {
        for (const r of v.rows) {
          const gz = readFileSync(join(dir, `${r.run}.gctrace.gz`));
          const m = gctraceModel(gunzipSync(gz).toString('utf8'));
          // measured: is the median goal well under the GOGC goal of the previous live heap?
          const ratios: number[] = [];
          for (let i = 1; i < m.count; i++) if (!m.forced[i] && !m.forced[i - 1]) ratios.push(m.heapGoal[i] / gogcGoal(m.heapLive[i - 1], 0, r.gogc));
          ratios.sort((a, b) => a - b);
          const limitBound = ratios[Math.floor(ratios.length / 2)] < 0.9;
          expect(r.predicted.regime !== 'gogc', `${r.run}`).toBe(limitBound);
        }
      });
      it('stays within the errors measured when it was written', () => {
        expect(v.median.cyclesPerGiB).toBeLessThan(0.2);
        expect(v.median.gcCpu).toBeLessThan(0.15);
        expect(v.median.peakHeap).toBeLessThan(0.1);
        // limiter: measured 1.25 6 right + 2 uncertain, 1.26 7 right + 1 wrong (limit0.8x, see bench/whatif/RESULTS.md)
        const wrong = v.rows.length - v.limiterRight - v.limiterUncertain;
        expect(wrong).toBeLessThanOrEqual(1);
        expect(v.limiterUncertain).toBeLessThanOrEqual(2);
        expect(v.limiterRight).toBeGreaterThanOrEqual(6);
      });
      it("replaying the limiter's bucket over each run's gctrace (mgclimit.go accounting) agrees with the runtime's own /gc/limiter/last-enabled", () => {
        for (const r of v.rows) {
          const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${r.run}.gctrace.gz`))).toString('utf8'));
          let forced = -1;
          for (let i = 0; i < m.count; i++) if (m.forced[i]) forced = i;
          const replay = replayLimiter(m, forced + 1);
          expect(replay.engagedAtSec !== null, r.run).toBe(r.measured.limiterEngaged);
          expect(replay.maxFill, r.run).toBeGreaterThan(0);
        }
        // the calibration carries the replay of its own window: GOGC=100 stays far from a full bucket
        expect(v.calibration.limiter?.engagedAtSec).toBeNull();
        expect(v.calibration.limiter?.maxFill).toBeLessThan(0.5);
      });
    });
  }
});

describe('calibration refuses what it cannot read', () => {
  const text = gunzipSync(readFileSync(join(repoRoot, 'tests/fixtures/whatif/go1.26.8/gogc100.gctrace.gz'))).toString('utf8');
  it('too few cycles', () => {
    const short = text.split('\n').slice(0, 8).join('\n');
    const c = calibrate(gctraceModel(short));
    expect('refused' in c && c.refused).toMatch(/steady GC cycles|GC cycles in the log/);
  });
  it('a live heap that jumps between cycles', () => {
    // every other cycle's live heap doubled: the same log made unsteady
    let k = 0;
    const jumpy = text
      .split('\n')
      .map((l) => l.replace(/->(\d+) MB, (\d+) MB goal/, (_, live: string, goal: string) => (k++ % 2 ? `->${Number(live) * 3} MB, ${goal} MB goal` : `->${live} MB, ${goal} MB goal`)))
      .join('\n');
    const c = calibrate(gctraceModel(jumpy));
    expect('refused' in c && c.refused).toMatch(/live heap after marking varies/);
  });
});

describe('calibration reads the settings each run had from its own gctrace', () => {
  for (const dir of dirs) {
    it(`${dir.split('/').pop()}: GOGC where the goal follows the live heap, GOMEMLIMIT where it does not`, () => {
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
        const run = f.slice(0, -5);
        const json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        const c = calibrate(gctraceModel(gunzipSync(readFileSync(join(dir, `${run}.gctrace.gz`))).toString('utf8')));
        if ('refused' in c) {
          // only the long GOGC=400 runs have too few or too uneven cycles
          expect(run).toBe('gogc400');
          continue;
        }
        const cal = c.calibration;
        if (run.startsWith('gogc')) {
          expect(cal.regime, run).toBe('gogc');
          expect(cal.gogc, run).toBe(Number(run.slice(4)));
          expect(cal.memoryLimitBytes, run).toBeNull();
        } else if (run === 'limit0.8x') {
          expect(cal.regime, run).toBe('limiter');
        } else {
          expect(cal.regime, run).toBe('memory-limit');
          // the limit inverted from memoryLimitHeapGoal is within 10% of the GOMEMLIMIT set
          expect(Math.abs((cal.memoryLimitBytes ?? 0) / json.memoryLimit - 1), run).toBeLessThan(0.1);
        }
      }
    });
  }
});
