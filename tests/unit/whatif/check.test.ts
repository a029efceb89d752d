// The what-if model against real runs (tests/fixtures/whatif, made by
// tools/fixtures/whatif): calibrated on each Go version's GOGC=100 run, it
// predicts the runs at other GOGC and GOMEMLIMIT settings; their runtime/metrics
// deltas are the reference. The bounds are the errors measured when the model
// was written (see `npm run eval:whatif`), so a change that makes it worse fails.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkVersion, gctraceModel, readRunJson, runtimeSamples, steadyStart, versionDirs } from '../../../bench/whatif/check';
import { calibrate } from '../../../src/whatif/calibrate';
import { gogcGoal, memoryLimitGoal, memoryLimitGoalFor } from '../../../src/whatif/predict';
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
        const boundary: string[] = [];
        for (const r of v.rows) {
          const gz = readFileSync(join(dir, `${r.run}.gctrace.gz`));
          const m = gctraceModel(gunzipSync(gz).toString('utf8'));
          // measured: is the median goal well under the GOGC goal of the previous live heap?
          const ratios: number[] = [];
          for (let i = 1; i < m.count; i++) if (!m.forced[i] && !m.forced[i - 1]) ratios.push(m.heapGoal[i] / gogcGoal(m.heapLive[i - 1], 0, r.gogc));
          ratios.sort((a, b) => a - b);
          const ratio = ratios[Math.floor(ratios.length / 2)];
          // within ±5% of 0.9 the two goals are as close as the run's own cycle-to-cycle noise: either regime fits
          if (Math.abs(ratio - 0.9) < 0.045) {
            boundary.push(`${r.run} ${ratio.toFixed(2)}`);
            continue;
          }
          expect(r.predicted.regime !== 'gogc', `${r.run} (median goal ÷ GOGC goal ${ratio.toFixed(2)})`).toBe(ratio < 0.9);
        }
        // only the 2× runs sit there (limit goal ≈ GOGC goal by construction)
        expect(boundary.length, boundary.join(', ')).toBeLessThanOrEqual(1);
        for (const b of boundary) expect(b).toMatch(/^limit2x /);
      });
      it("the memory-limit goal follows mgcpacer.go's rule with the free slots that scale with the garbage: within 4% of the goal gctrace printed", () => {
        const c = v.calibration;
        expect(c.nonHeap?.unusedPerGarbage).toBeGreaterThan(0);
        let checked = 0;
        for (const r of v.rows.filter((x) => x.memoryLimitBytes !== null)) {
          const g = memoryLimitGoalFor(c, r.memoryLimitBytes, c.overshootBytes);
          const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${r.run}.gctrace.gz`))).toString('utf8'));
          const marked = [...m.heapLive].sort((a, b) => a - b)[m.count >> 1];
          // memoryLimitHeapGoal: "Don't let us go below the live heap" (heapMarked)
          const printed = r.measured.goalBytes;
          expect(Math.abs(Math.max(g, marked) - printed) / printed, `${r.run}: ${g} vs ${printed}`).toBeLessThan(0.04);
          if (g <= marked || printed <= 1.1 * marked) continue;
          checked++;
          // the term read as a constant (the model before it scaled the free slots) misses these goals by 16–40%
          const constant = memoryLimitGoal(r.memoryLimitBytes, c.nonHeapBytes, c.overshootBytes);
          expect(Math.abs(Math.max(constant, marked) - printed) / printed, r.run).toBeGreaterThan(0.1);
        }
        // the 1.5× and 2× runs (at 1.2× the goal sits within 10% of the heap marked live)
        expect(checked).toBeGreaterThanOrEqual(3);
      });
      it('with runtime/metrics, the memory-limit runs are predicted at least as well as from gctrace alone', () => {
        const alone = checkVersion(dir, false);
        const limited = (c: typeof v) => c.rows.filter((r) => r.memoryLimitBytes !== null);
        const medianErr = (c: typeof v) => {
          const e = limited(c).map((r) => r.err.cyclesPerGiB).sort((a, b) => a - b);
          return e[Math.floor(e.length / 2)];
        };
        expect(limited(v).length).toBeGreaterThanOrEqual(4);
        // Go 1.26: 5% against 19% at the median (the free slots of in-use spans, scaled to each run's
        // garbage, put the goal where the runtime put it). Go 1.25: 22% against 29% (31% against 29% before
        // stop 26: the 2× runs were predicted back to back either way; with the metrics' non-heap term their
        // unlimited cycle, which the CPU limiter cannot shorten, is now kept, 2–5% off).
        expect(medianErr(v)).toBeLessThanOrEqual(medianErr(alone) + 1e-9);
        expect(alone.calibration.nonHeapSource).not.toBe('runtime-metrics');
        expect(v.calibration.nonHeapSource).toBe('runtime-metrics');
      });
      it('stays within the errors measured when it was written', () => {
        // Measured on the steady runs (bench/whatif/eval-steady.txt): Go 1.26.8 cycles/GiB 5.2%, GC CPU 11.9%,
        // peak heap 8.7%; Go 1.25.5 13.4%, 7.5%, 10.1% (stop 26: at GOMEMLIMIT 2× the engaged CPU limiter
        // keeps the unlimited cycle, cycles 31% → 5% and 23% → 2% off, peak 5% → 8% and 4% → 7% off; the back-to-back
        // runs at 0.8× and 1.2× are still 41–45% off, the limiter's 50/50 rule with the calibration run's
        // mutator CPU per GiB, 3.1 s where those runs used 4.0–4.4). Before stop 26: Go 1.25.5 22.7%, 6.6%,
        // 8.8%. Before the memory-limit goal scaled the free slots of spans with the garbage (stop 25): Go
        // 1.26.8 3%, 7%, 11%; Go 1.25.5 15%, 7%, 21%. Peak heap is the heap at mark termination 1 cycle in
        // 20 reaches (calibrate.ts PEAK_QUANTILE).
        // Stop 28: Go 1.25.5 cycles/GiB 13.4% → 6.2% (GOGC=50 20% → 1%: engaged with a runway, the limiter
        // no longer caps the cycles per GiB; predict.ts).
        const ceiling = v.go.startsWith('go1.25') ? { cycles: 0.07, cpu: 0.08, peak: 0.105 } : { cycles: 0.06, cpu: 0.13, peak: 0.095 };
        expect(v.median.cyclesPerGiB).toBeLessThan(ceiling.cycles);
        expect(v.median.gcCpu).toBeLessThan(ceiling.cpu);
        expect(v.median.peakHeap).toBeLessThan(ceiling.peak);
        // limiter, "engaged within the run's steady seconds": 7 right, 0 wrong, 1 uncertain on both versions.
        // A verdict is uncertain where the GC CPU share ± its uncertainty straddles the limiter's 50%.
        const wrong = v.rows.length - v.limiterRight - v.limiterUncertain;
        expect(wrong).toBe(0);
        expect(v.limiterUncertain).toBeLessThanOrEqual(1);
        expect(v.limiterRight).toBeGreaterThanOrEqual(7);
      });
      it("replaying the limiter's bucket over each run's gctrace (mgclimit.go accounting) agrees with the runtime's own /gc/limiter/last-enabled", () => {
        const edge: string[] = [];
        for (const r of v.rows) {
          const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${r.run}.gctrace.gz`))).toString('utf8'));
          const json = readRunJson(join(dir, `${r.run}.json.gz`));
          const forced = steadyStart(json, m) - 1;
          // what gctrace does not show, from the run's runtime/metrics: scavenge assists (GC time to the limiter) and idle Ps
          const d = json.delta;
          const sec = r.measured.steadySec;
          const replay = replayLimiter(m, forced + 1, {
            scavengeAssistPerSec: d['/cpu/classes/scavenge/assist:cpu-seconds'] / sec,
            idlePerSec: d['/cpu/classes/idle:cpu-seconds'] / sec,
          });
          expect(replay.maxFill, r.run).toBeGreaterThan(0);
          // runtime/metrics give the scavenge assists only as a total, spread evenly here: a bucket that came
          // within 10% of full may have filled or not
          if (replay.engagedAtSec === null && replay.maxFill >= 0.9) {
            edge.push(r.run);
            continue;
          }
          expect(replay.engagedAtSec !== null, r.run).toBe(r.measured.limiterEngaged);
        }
        expect(edge.length, edge.join(', ')).toBeLessThanOrEqual(2);
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
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.json.gz'))) {
        const run = f.slice(0, -'.json.gz'.length);
        const json = readRunJson(join(dir, f));
        const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${run}.gctrace.gz`))).toString('utf8'));
        // with the run's runtime/metrics, as a session holding its /metrics scrape gives them: the
        // non-heap term of memoryLimitHeapGoal is then read, not assumed
        const c = calibrate(m, { runtimeMetrics: runtimeSamples(json, m), metricsOnGctraceClock: true });
        if ('refused' in c) {
          // only the long GOGC=400 runs have too few or too uneven cycles
          expect(run).toBe('gogc400');
          continue;
        }
        const cal = c.calibration;
        // a GOGC=400 run whose marks took 0.1–1 s on the loaded 2-core machine (Go 1.26's): the heap marked live
        // (allocated black meanwhile) swings from 43 to 116 MB and goal ÷ live moves more than the goal: read as a limit
        if (run === 'gogc400' && cal.regime !== 'gogc') continue;
        if (run.startsWith('gogc')) {
          expect(cal.regime, run).toBe('gogc');
          expect(cal.gogc, run).toBe(Number(run.slice(4)));
          expect(cal.memoryLimitBytes, run).toBeNull();
        } else if (run === 'limit0.8x') {
          expect(cal.regime, run).toBe('limiter');
        } else if (cal.notes.some((n) => /pinned at the heap marked live/.test(n))) {
          // a goal pinned at the live heap (limit − non-heap memory under the live heap: on the quiet machine
          // the 1.2× runs are, with 19 MiB beside the heap): the log bounds the limit from above only
          expect(cal.memoryLimitAtMostBytes, run).toBeDefined();
          expect(json.memoryLimit, run).toBeLessThanOrEqual(cal.memoryLimitAtMostBytes ?? 0);
          // the limit the model pins at lies under that bound
          expect(cal.memoryLimitBytes ?? Infinity, run).toBeLessThanOrEqual(cal.memoryLimitAtMostBytes ?? 0);
          expect(cal.liveAfterMarkBytes, run).toBeLessThan(json.memoryLimit);
        } else {
          expect(cal.regime, run).toBe('memory-limit');
          // the limit inverted from memoryLimitHeapGoal is within 10% of the GOMEMLIMIT set
          expect(Math.abs((cal.memoryLimitBytes ?? 0) / json.memoryLimit - 1), run).toBeLessThan(0.1);
        }
      }
    });
  }
});
