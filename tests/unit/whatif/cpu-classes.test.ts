// Why GC CPU under a memory limit is under-predicted on Go 1.26.8 (bench/whatif/RESULTS.md, stop 27),
// checked on the fixtures with bench/whatif/classes.ts: not the GC's CPU, which the model puts within 10%
// at GOMEMLIMIT 1.5× (and above the measured at 2×), but the mutator's, which the GOGC=100 calibration run
// measured at about twice what every other run shows — between marks as well as during them, where no GC
// setting reaches it (between marks only sweeping runs beside the mutator). So the calibration run
// cannot tell the model the mutator's cost under a limit. On Go 1.25.5 the back-to-back limit runs' misses
// are the limiter’s count held at 57–58% of the busy CPU (mgclimit.go), not the 50% the model holds, and a
// mutator that costs 30–40% more per GiB there than at GOGC=100.

import { describe, expect, it } from 'vitest';
import { modelVsMeasured, RUNS, runClasses } from '../../../bench/whatif/classes';
import { versionDirs } from '../../../bench/whatif/check';
import { repoRoot } from '../paths';

const dirs = versionDirs(repoRoot);
const go126 = dirs.find((d) => d.endsWith('go1.26.8'));
const go125 = dirs.find((d) => d.endsWith('go1.25.5'));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe('where the GC model misses GC CPU under a memory limit, by CPU class', () => {
  it.runIf(go126 !== undefined)('Go 1.26.8: the calibration run’s mutator costs about twice the other runs’, during and between marks', () => {
    const dir = go126 as string;
    const by = Object.fromEntries(RUNS.map((r) => [r, runClasses(dir, r)]));
    const cal = by.gogc100.mutatorMsPerMiB;
    const others = RUNS.filter((r) => r !== 'gogc100' && r !== 'gogc50');
    // during marks: 5.9 ms/MiB against 2.4–3.4 in the seven runs made after the first two
    expect(cal.during).toBeGreaterThan(1.7 * median(others.map((r) => by[r].mutatorMsPerMiB.during)));
    // between marks, where only sweeping runs beside the mutator (runs not back to back): 5.1 against 2.2–2.9
    for (const r of ['gogc200', 'gogc400', 'limit2x', 'off-limit2x']) expect(cal.between, r).toBeGreaterThan(1.7 * by[r].mutatorMsPerMiB.between);
    // every Go 1.25.5 run's mutator during marks: 3.1–3.8 ms/MiB, the same program on the same machine
    if (go125) for (const r of RUNS) expect(runClasses(go125, r).mutatorMsPerMiB.during, r).toBeLessThan(4);
  });

  it.runIf(go126 !== undefined)('Go 1.26.8 under GOMEMLIMIT 1.5× and 2×: the GC’s CPU per GiB is not under-predicted, the mutator’s is over-predicted', () => {
    const rows = modelVsMeasured(go126 as string);
    const row = (r: string) => rows.find((x) => x.run === r)!;
    // 1.5×: GC 4.76 predicted, 4.93 measured; mutator 5.80 against 4.11
    expect(Math.abs(row('limit1.5x').gcPred / row('limit1.5x').gcMeas - 1)).toBeLessThan(0.1);
    expect(row('limit1.5x').mutPred).toBeGreaterThan(1.3 * row('limit1.5x').mutMeas);
    for (const r of ['limit2x', 'off-limit2x']) {
      expect(row(r).gcPred, r).toBeGreaterThan(row(r).gcMeas);
      expect(row(r).mutPred, r).toBeGreaterThan(1.8 * row(r).mutMeas);
    }
  });

  it.runIf(go125 !== undefined)('Go 1.25.5 back to back under the limiter: its count held above 50%, and a dearer mutator than at GOGC=100', () => {
    const dir = go125 as string;
    const cal = runClasses(dir, 'gogc100');
    for (const r of ['limit0.8x', 'limit1.2x', 'limit1.5x']) {
      const x = runClasses(dir, r);
      // the limiter's own count (assists, scavenge assists, 25% while marking, pauses, over the busy CPU)
      expect(x.limiterCount, r).toBeGreaterThan(54);
      expect(x.limiterCount, r).toBeLessThan(60);
      // the mutator's CPU per GiB: 4.0–4.4 s against 3.1 at GOGC=100
      expect(x.userSecPerGiB, r).toBeGreaterThan(1.25 * cal.userSecPerGiB);
    }
  });

  // Stop 28: why, from the runs' gctrace and the runtime's source. Back to back nothing is allocated between one
  // mark's end and the next start (the heap at the start is the heap marked), and that time (5–6 ms a cycle on
  // both versions) is the sweep of every span the next cycle waits for (mgc.go gcStart's sweepone loop; the
  // proportional sweep of mgcsweep.go with the trigger already passed), charged to the mutator: GOMAXPROCS × it,
  // per cycle, is the mutator's extra cost per GiB over the calibration run's. And on Go 1.25.5 the Ps sit idle
  // 7–10 ms a cycle (most likely goroutines parked on the assist queue once the heap is past the hard goal,
  // mgcmark.go gcParkAssist; mgcpacer.go revise: heapRemaining = 1 there; not traced), 1.4 ms at GOGC=100 and ≤1.2 on
  // Go 1.26.8's limit runs. Idle time leaves the limiter's total after its flat 25% was counted on it (mgclimit.go
  // updateLocked), so such windows count as GC. The count's 57–58% (a full bucket keeps 50%) is GC time the bucket
  // dropped as overflow (accumulate); idle windows are one source, not the only one: Go 1.26.8 at 1.5× counts 55%
  // with 1.2 ms idle a cycle (an assist's GC time reaches the bucket only when the assist ends, mgcmark.go
  // gcAssistAlloc1's update, or at the scheduler's 10 ms check, mgcpacer.go findRunnableGCWorker, and what one
  // update brings past a full bucket is dropped).
  it.runIf(go125 !== undefined && go126 !== undefined)('back to back, the mutator pays a sweep of every span per cycle; Go 1.25.5 idles on the assist queue', () => {
    const procs = 2; // GOMAXPROCS of every run (tests/fixtures/whatif/README.md)
    for (const dir of [go125 as string, go126 as string]) {
      for (const r of ['limit0.8x', 'limit1.2x']) {
        const x = runClasses(dir, r);
        expect(x.backToBack.share, r).toBeGreaterThan(0.85);
        expect(x.backToBack.gapMs, r).toBeGreaterThan(4);
        expect(x.backToBack.gapMs, r).toBeLessThan(8);
      }
    }
    const cal = runClasses(go125 as string, 'gogc100');
    expect(cal.backToBack.share).toBe(0);
    for (const r of ['limit0.8x', 'limit1.2x']) {
      const x = runClasses(go125 as string, r);
      // 4.03 and 4.44 s/GiB; less GOMAXPROCS × the gap per cycle: 2.99 and 3.48, against 3.11 at GOGC=100
      const lessSweep = x.userSecPerGiB - (procs * x.backToBack.gapMs * x.cyclesPerGiB) / 1000;
      expect(x.userSecPerGiB, r).toBeGreaterThan(1.25 * cal.userSecPerGiB);
      expect(Math.abs(lessSweep / cal.userSecPerGiB - 1), r).toBeLessThan(0.15);
      // idle Ps and idle marking per cycle: 6.7 and 9.2 ms against 1.4 at GOGC=100; the busy share 56–58%
      expect(x.perCycleMs.idle + x.perCycleMs.idleMark, r).toBeGreaterThan(4 * (cal.perCycleMs.idle + cal.perCycleMs.idleMark));
      expect(x.gcShareOfBusy, r).toBeGreaterThan(55);
    }
    for (const r of ['limit0.8x', 'limit1.2x', 'limit1.5x']) {
      const x = runClasses(go126 as string, r);
      expect(x.perCycleMs.idle + x.perCycleMs.idleMark, r).toBeLessThan(1.5);
      expect(x.limiterCount, r).toBeLessThan(55.5);
    }
  });
});
