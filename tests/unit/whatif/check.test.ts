// The what-if model against real runs (tests/fixtures/whatif, made by
// tools/fixtures/whatif): calibrated on each Go version's GOGC=100 run, it
// predicts the runs at other GOGC and GOMEMLIMIT settings; their runtime/metrics
// deltas are the reference. The bounds are the errors measured when the model
// was written (see `npm run eval:whatif`), so a change that makes it worse fails.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkVersion, gctraceModel, limiterEngagedIn, limiterScore, readRunJson, runtimeSamples, settingOf, steadyStart, versionDirs } from '../../../bench/whatif/check';
import type { RunMeasured } from '../../../bench/whatif/check';
import { calibrate } from '../../../src/whatif/calibrate';
import { gogcGoal, memoryLimitGoal, memoryLimitGoalFor } from '../../../src/whatif/predict';
import { replayLimiter } from '../../../src/whatif/limiter';
import { repoRoot } from '../paths';

const dirs = versionDirs(repoRoot);

describe("a limiter verdict against a setting's runs", () => {
  const x = (engaged: number, count: number): RunMeasured => ({
    cyclesPerGiB: 1, gcCpuPercent: 50, peakHeapBytes: 1, largestHeapBytes: 1, steadySec: 20, goalBytes: 1,
    limiterEngaged: engaged * 2 > count,
    runs: count > 1 ? { count, engaged, gcCpuPercent: [50, 50], cyclesPerGiB: [1, 1] } : undefined,
  });
  it('is right when it matches every run, or is uncertain where the runs disagree; a yes or no any run contradicts is wrong', () => {
    expect(limiterScore(true, x(1, 1))).toBe(true);
    expect(limiterScore(false, x(0, 1))).toBe(true);
    expect(limiterScore(true, x(0, 1))).toBe(false);
    expect(limiterScore(true, x(3, 3))).toBe(true);
    // two of three engaged: the majority is not enough for a yes
    expect(limiterScore(true, x(2, 3))).toBe(false);
    expect(limiterScore(false, x(2, 3))).toBe(false);
    expect(limiterScore('uncertain', x(2, 3))).toBe(true);
    // uncertain where every run agrees: not judged
    expect(limiterScore('uncertain', x(3, 3))).toBeNull();
    expect(limiterScore('uncertain', x(0, 1))).toBeNull();
  });
});

describe('what-if model vs real runs', () => {
  it('has fixtures for three Go versions', () => {
    // 1.25 (the previous collector), 1.26 (Green Tea, the default since), 1.27 (its GC code as 1.26.8's but for
    // one line in mgcmark.go and one in mgcpacer.go; a new compiler and runtime around it)
    expect(dirs.map((d) => d.split('/').pop()).sort()).toEqual(['go1.25.5', 'go1.26.8', 'go1.27.3']);
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
      it("the memory-limit goal follows mgcpacer.go's rule with the free slots that scale with the garbage: within 8% of the goal gctrace printed", () => {
        const c = v.calibration;
        expect(c.nonHeap?.unusedPerGarbage).toBeGreaterThan(0);
        let checked = 0;
        for (const r of v.rows.filter((x) => x.memoryLimitBytes !== null)) {
          const g = memoryLimitGoalFor(c, r.memoryLimitBytes, c.overshootBytes);
          const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${r.run}.gctrace.gz`))).toString('utf8'));
          // the heap marked live over the steady phase (at 0.8× the GC runs back to back while the live heap is
          // built, and those cycles' small heaps are not the phase's)
          const first = steadyStart(readRunJson(join(dir, `${r.run}.json.gz`)), m);
          const live = [...m.heapLive.subarray(first)].sort((a, b) => a - b);
          const marked = live[live.length >> 1];
          // memoryLimitHeapGoal: "Don't let us go below the live heap" (heapMarked)
          const printed = r.measured.goalBytes;
          // runs of 2026-12-04: within 3.2% on Go 1.25.5, 5–7% at 1.5× and 2× on Go 1.26.8 (the earlier set,
          // whose Go 1.26.8 calibration run had a mutator twice as dear as any run since: 3.3% on both)
          expect(Math.abs(Math.max(g, marked) - printed) / printed, `${r.run}: ${g} vs ${printed}`).toBeLessThan(0.08);
          if (g <= marked || printed <= 1.1 * marked) continue;
          checked++;
          // the term read as a constant (the model before it scaled the free slots) misses these goals by 16–40%
          const constant = memoryLimitGoal(r.memoryLimitBytes, c.nonHeapBytes, c.overshootBytes);
          expect(Math.abs(Math.max(constant, marked) - printed) / printed, r.run).toBeGreaterThan(0.1);
        }
        // the 1.5× and 2× runs (at 1.2× the goal sits within 10% of the heap marked live)
        expect(checked).toBeGreaterThanOrEqual(3);
      });
      it('with runtime/metrics, the memory-limit runs are predicted about as well as from gctrace alone, or better', () => {
        const alone = checkVersion(dir, false);
        const limited = (c: typeof v) => c.rows.filter((r) => r.memoryLimitBytes !== null);
        const medianErr = (c: typeof v) => {
          const e = limited(c).map((r) => r.err.cyclesPerGiB).sort((a, b) => a - b);
          return e[Math.floor(e.length / 2)];
        };
        expect(limited(v).length).toBeGreaterThanOrEqual(4);
        // Runs of 2026-12-04: Go 1.25.5 24% against 28% at the median (the 2× runs 3% and 9% against 32% and 40%:
        // with the metrics' non-heap term their unlimited cycle, which the CPU limiter cannot shorten, is kept);
        // Go 1.26.8 9% against 7% (its memory-limit runs sit within 15% either way). The earlier set, whose Go
        // 1.26.8 calibration run had a mutator twice as dear as any run since: Go 1.26 5% against 19%.
        expect(medianErr(v)).toBeLessThanOrEqual(medianErr(alone) + 0.03);
        if (v.go.startsWith('go1.25')) expect(medianErr(v)).toBeLessThan(medianErr(alone));
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
        // Stop 31: the runs of 2026-12-04 (the earlier Go 1.26.8 GOGC=100 run, the calibration, had a mutator twice
        // as dear as any run since; every setting near the limiter's 50% run three times, scored on their median):
        // Go 1.25.5 16.2%, 3.9%, 5.4% (the back-to-back runs 24–29% under, GOGC=400 34%); Go 1.26.8 9.1%, 5.2%,
        // 5.6%. Engaged under GOGC the CPU split now caps the cycles (Go 1.25.5 GOGC=50 14% → 4%, peak 25% → 0%);
        // a cycle's GC CPU follows the heap marked, not the heap at mark termination, without the limiter (GC CPU
        // at GOGC=400 164% → 33% off on Go 1.25.5, 70% → 24% on Go 1.26.8; the medians 5.9% → 3.9%, 19.8% → 5.2%).
        // Stop 35: Go 1.27.3, made the same day and calibrated the same way, first run against the model as it
        // stood: 11.1%, 1.8%, 9.3% (its back-to-back runs at 0.8× and 1.2× 27–33% under, as Go 1.25.5's: there the
        // mutator spent 1.22–1.58× the calibration run's CPU per GiB; back-to-back.test.ts).
        const ceiling = v.go.startsWith('go1.25')
          ? { cycles: 0.17, cpu: 0.045, peak: 0.06 }
          : v.go.startsWith('go1.27')
            ? { cycles: 0.12, cpu: 0.03, peak: 0.1 }
            : { cycles: 0.095, cpu: 0.06, peak: 0.06 };
        expect(v.median.cyclesPerGiB).toBeLessThan(ceiling.cycles);
        expect(v.median.gcCpu).toBeLessThan(ceiling.cpu);
        expect(v.median.peakHeap).toBeLessThan(ceiling.peak);
        // limiter, "engaged within the run's steady seconds", against every run of a setting (check.ts limiterScore):
        // Go 1.25.5 7 right, 1 wrong, 0 uncertain: at GOMEMLIMIT 2× the model says yes (63% of the busy CPU before
        // the limiter, the mutator at its calibrated 2.3 s/GiB where those runs spent 2.1–3.1), and one run of
        // three never engaged. Go 1.26.8 5 right, 0 wrong, 3 uncertain (1.5× at 59%, every run engaged; 2× and
        // GOGC=off 2× at 45%, none engaged: the non-heap term's spread flips them). A verdict is uncertain where the
        // share is within the run-to-run spread of 50% (limiter.ts RUN_TO_RUN_GC_CPU), the non-heap term's spread
        // flips it, or its fill time straddles the run's length.
        // Go 1.27.3 8 right: yes where every run engaged, no where none did, uncertain at GOGC=50 and both 2×
        // settings, where one run of three engaged.
        const wrong = v.rows.length - v.limiterRight - v.limiterUncertain;
        expect(wrong).toBeLessThanOrEqual(v.go.startsWith('go1.25') ? 1 : 0);
        expect(v.limiterUncertain).toBeLessThanOrEqual(v.go.startsWith('go1.26') ? 3 : 0);
        expect(v.limiterRight).toBeGreaterThanOrEqual(v.go.startsWith('go1.26') ? 5 : v.go.startsWith('go1.25') ? 7 : 8);
      });
      it("replaying the limiter's bucket over each run's gctrace (mgclimit.go accounting) agrees with the runtime's own /gc/limiter/last-enabled", () => {
        const edge: string[] = [];
        const missed: string[] = [];
        // every run, repeats of a setting included, against its own runtime/metrics
        for (const f of readdirSync(dir).filter((x) => x.endsWith('.json.gz') && x !== 'gogc100.json.gz')) {
          const run = f.slice(0, -'.json.gz'.length);
          const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${run}.gctrace.gz`))).toString('utf8'));
          const json = readRunJson(join(dir, f));
          const forced = steadyStart(json, m) - 1;
          // what gctrace does not show, from the run's runtime/metrics: scavenge assists (GC time to the limiter) and idle Ps
          const d = json.delta;
          const sec = json.steadySec;
          const replay = replayLimiter(m, forced + 1, {
            scavengeAssistPerSec: d['/cpu/classes/scavenge/assist:cpu-seconds'] / sec,
            idlePerSec: d['/cpu/classes/idle:cpu-seconds'] / sec,
          });
          expect(replay.maxFill, run).toBeGreaterThan(0);
          // runtime/metrics give the scavenge assists only as a total, spread evenly here, and gctrace gives a
          // phase's time to the ms: a bucket that came within 25% of full may have filled or not (runs of
          // 2026-12-04: Go 1.25.5 gogc50 and its two repeats 90–99% full, Go 1.26.8 limit1.2x 87%, Go 1.27.3
          // gogc50 79%; all five engaged, the last once, 0.1 s before its run ended; every other run of the three
          // versions replays exactly as the runtime says)
          if (replay.engagedAtSec === null && replay.maxFill >= 0.75) {
            edge.push(run);
            continue;
          }
          const engaged = limiterEngagedIn(json);
          if ((replay.engagedAtSec !== null) !== engaged) missed.push(`${run} (replay ${replay.engagedAtSec === null ? `${(replay.maxFill * 100).toFixed(0)}% full` : 'engaged'})`);
        }
        expect(missed).toEqual([]);
        expect(edge.length, edge.join(', ')).toBeLessThanOrEqual(3);
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
        // a repeat of a setting (<run>.r2) has its setting's name
        const setting = settingOf(run);
        // a GOGC=400 run whose marks took 0.1–1 s on the loaded 2-core machine (Go 1.26's): the heap marked live
        // (allocated black meanwhile) swings from 43 to 116 MB and goal ÷ live moves more than the goal: read as a limit
        if (run === 'gogc400' && cal.regime !== 'gogc') continue;
        if (setting.startsWith('gogc')) {
          expect(cal.regime, run).toBe('gogc');
          expect(cal.gogc, run).toBe(Number(setting.slice(4)));
          expect(cal.memoryLimitBytes, run).toBeNull();
        } else if (setting === 'limit0.8x') {
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
