// The GC CPU limiter never starts a cycle sooner (mgcpacer.go trigger() takes no input from it; all it does
// is skip assists, mgcmark.go gcAssistAlloc): a mark it lengthens allocates more, so cycles per GiB under
// it are at most the unlimited cycle's. Checked first on the real runs (tests/fixtures/whatif): in every
// run where the limiter first engaged after the steady phase began, cycles per GiB after are no more than
// before; then on the model: where solving the engaged cycle would run more cycles than the unlimited one
// (Go 1.25.5 at GOMEMLIMIT 2×), it keeps the unlimited cycle, which the run's own gctrace shows.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkVersion, gctraceModel, readRunJson, runtimeSamples, versionDirs } from '../../../bench/whatif/check';
import { predict } from '../../../src/whatif/predict';
import { repoRoot } from '../paths';

const dirs = versionDirs(repoRoot);
const LAST_ENABLED = '/gc/limiter/last-enabled:gc-cycle';

/** A run's cycles per GiB before and after the limiter first engaged in its steady phase (runtime/metrics every 200 ms); null if it engaged in the first second or never. */
function beforeAfter(dir: string, run: string): { before: number; after: number } | null {
  const json = readRunJson(join(dir, `${run}.json.gz`));
  const samples = runtimeSamples(json, gctraceModel(gunzipSync(readFileSync(join(dir, `${run}.gctrace.gz`))).toString('utf8')));
  const k = samples.findIndex((x, i) => i > 0 && x.values[LAST_ENABLED] !== samples[i - 1].values[LAST_ENABLED]);
  if (k < 5 || k > samples.length - 5) return null;
  const rate = (a: number, b: number) =>
    (samples[b].values['/gc/cycles/total:gc-cycles'] - samples[a].values['/gc/cycles/total:gc-cycles']) /
    ((samples[b].values['/gc/heap/allocs:bytes'] - samples[a].values['/gc/heap/allocs:bytes']) / 2 ** 30);
  return { before: rate(0, k - 1), after: rate(k, samples.length - 1) };
}

describe('the CPU limiter never runs more GC cycles per GiB than the unlimited pacing', () => {
  it('in the real runs: after the limiter first engages, cycles per GiB are no more than before', () => {
    const seen: string[] = [];
    for (const dir of dirs) {
      for (const run of ['limit0.8x', 'limit1.2x', 'limit1.5x', 'limit2x', 'off-limit2x']) {
        const r = beforeAfter(dir, run);
        if (!r) continue;
        seen.push(`${dir.split('/').pop()} ${run}`);
        // 2% for the noise of 200 ms samples
        expect(r.after, `${dir} ${run}: ${r.before.toFixed(1)} → ${r.after.toFixed(1)}`).toBeLessThanOrEqual(r.before * 1.02);
      }
    }
    // Go 1.25.5 at 1.5×, 2×, GOGC=off 2×; Go 1.26.8 at 1.2× and 1.5×
    expect(seen.length, seen.join(', ')).toBeGreaterThanOrEqual(4);
  });

  const go125 = dirs.find((d) => d.endsWith('go1.25.5'));
  it.runIf(go125 !== undefined)('Go 1.25.5 at GOMEMLIMIT 2×: engaged, not back to back, at the unlimited cycle (as its gctrace shows)', () => {
    const dir = go125 as string;
    const v = checkVersion(dir);
    for (const run of ['limit2x', 'off-limit2x']) {
      const row = v.rows.find((r) => r.run === run);
      expect(row, run).toBeDefined();
      const p = row!.predicted;
      // the run: the limiter engaged, and each cycle still started well above heapMarked (not back to back)
      expect(row!.measured.limiterEngaged, run).toBe(true);
      const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${run}.gctrace.gz`))).toString('utf8'));
      let forced = -1;
      for (let i = 0; i < m.count; i++) if (m.forced[i]) forced = i;
      const gaps: number[] = [];
      for (let i = forced + 2; i < m.count; i++) gaps.push(m.heapStart[i] - m.heapLive[i - 1]);
      gaps.sort((a, b) => a - b);
      const gap = gaps[gaps.length >> 1];
      expect(gap, run).toBeGreaterThan(4 * 1048576);
      // the model: the same verdict, the memory-limit regime (a trigger above heapMarked), and cycles per GiB
      // no more than the run measured before its limiter first engaged (+ the calibration's ± on cycles)
      expect(p.limiter, run).toBe('yes');
      expect(p.regime, run).toBe('memory-limit');
      const r = beforeAfter(dir, run);
      expect(r, run).not.toBeNull();
      expect(p.cyclesPerGiB, run).toBeLessThanOrEqual(r!.before * (1 + v.calibration.fit.cyclesPerGiB));
      // and it does not under-run them by more than the calibration's ± either: the limiter barely moved them
      expect(p.cyclesPerGiB, run).toBeGreaterThanOrEqual(r!.after * (1 - v.calibration.fit.cyclesPerGiB));
    }
  });

  // Stop 28: engaged with a runway (the GOGC goal, or a memory-limit goal above heapMarked) the limiter's 50/50
  // does not cap the cycles per GiB: the runway sets a cycle's length (mgcpacer.go trigger(), heapGoalInternal:
  // no input from the limiter) and what gives way is the GC CPU per cycle. Only back to back (trigger = goal =
  // heapMarked) is a cycle as long as its mark, and the CPU split caps it.
  it.runIf(go125 !== undefined)('engaged with a runway, the cycles per GiB are the pacing\'s; back to back, the CPU split caps them', () => {
    const v = checkVersion(go125 as string);
    const c = v.calibration;
    const row = v.rows.find((r) => r.run === 'gogc50');
    expect(row).toBeDefined();
    const p = row!.predicted;
    // the model has the limiter engaged there (55% of the busy CPU; the run, 54.7%, sat on the bucket's edge)
    expect(p.limiter).toBe('yes');
    expect(p.regime).toBe('gogc');
    expect(p.gcCpuPercent).toBeCloseTo(50, 6);
    // the same settings with a mutator so dear the GC never reaches 50%: the same pacing, so the same cycles
    const s = { gogc: 50, memoryLimitBytes: null, containerLimitBytes: null };
    const unlimited = predict({ ...c, mutatorCpuSecPerGiB: 10 * c.mutatorCpuSecPerGiB }, s);
    expect(unlimited.limiter).toBe('no');
    expect(p.cyclesPerGiB).toBeCloseTo(unlimited.cyclesPerGiB, 6);
    // and the run: 49.4 cycles per GiB, within 5% (the old cap, mut ÷ cost per cycle, said 40.1: 19% under)
    expect(row!.err.cyclesPerGiB).toBeLessThan(0.05);
    // back to back (GOMEMLIMIT 0.8×: the goal pinned at heapMarked) the CPU split still caps the cycle
    const b2b = v.rows.find((r) => r.run === 'limit0.8x')!.predicted;
    expect(b2b.regime).toBe('limiter');
    const free = predict({ ...c, mutatorCpuSecPerGiB: 10 * c.mutatorCpuSecPerGiB }, { gogc: 100, memoryLimitBytes: b2b.memoryLimitBytes, containerLimitBytes: null });
    expect(b2b.cyclesPerGiB).toBeLessThan(free.cyclesPerGiB / 2);
  });
});
