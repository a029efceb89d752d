// The wizard takes its GOGC and GOMEMLIMIT figures from the GC model when the
// session has one (a real gctrace run, tests/fixtures/whatif).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gctraceModel } from '../../../bench/whatif/check';
import { calibrate } from '../../../src/whatif/calibrate';
import { predict } from '../../../src/whatif/predict';
import { makePlan } from '../../../src/wizard/plan';
import { describePrediction, modelPredict } from '../../../src/wizard/gcModel';
import { DEFAULT_SETTINGS } from '../../../src/wizard/types';
import { repoRoot } from '../paths';

const text = gunzipSync(readFileSync(join(repoRoot, 'tests/fixtures/whatif/go1.26.8/gogc100.gctrace.gz'))).toString('utf8');
const c = calibrate(gctraceModel(text));
if ('refused' in c) throw new Error(c.refused);
const model = { calibration: c.calibration, from: 'gctrace in gogc100.gctrace.gz' };
const MiB = 1048576;

describe('wizard with the GC model', () => {
  it('GOGC for throughput: the value and its predicted GC CPU come from the model', () => {
    const settings = { ...DEFAULT_SETTINGS, goal: 'throughput' as const, memoryLimit: '1Gi', gcCpuPercent: 23.8, peakHeapBytes: 53 * MiB };
    const plan = makePlan(settings, model);
    expect(plan.gogc.value).not.toBeNull();
    const gomemlimit = Math.floor((1024 * 0.9)) * MiB;
    const p = predict(c.calibration, { gogc: plan.gogc.value, memoryLimitBytes: gomemlimit, containerLimitBytes: 1024 * MiB });
    expect(p.regime).toBe('gogc');
    expect(plan.gogc.why.text).toContain(`about ${Math.round(p.gcCpuPercent * 10) / 10}% (GC model calibrated on gctrace in gogc100.gctrace.gz`);
    expect(plan.gogc.why.evidence.some((e) => e.startsWith(`GC model (gctrace in gogc100.gctrace.gz) at GOGC=${plan.gogc.value}`))).toBe(true);
    // without the model: the old rule of thumb, which the model replaces
    expect(makePlan(settings).gogc.why.text).not.toContain('GC model');
  });
  it('a memory limit near the heap: the GOMEMLIMIT warning follows the regime the model predicts', () => {
    // 110 MiB → GOMEMLIMIT 99 MiB: under the ~115 MiB the run uses at GOGC=100, above its live heap
    const plan = makePlan({ ...DEFAULT_SETTINGS, memoryLimit: '110Mi' }, model);
    const note = plan.notes.find((n) => n.id.startsWith('gomemlimit.'));
    const p = predict(c.calibration, { gogc: 100, memoryLimitBytes: 99 * MiB, containerLimitBytes: 110 * MiB });
    expect(p.regime).toBe('memory-limit');
    expect(note?.id).toBe('gomemlimit.tight');
    expect(note?.title).toContain(`${p.cyclesPerGiB.toFixed(0)} GC cycles per GiB`);
    // a limit under the live heap: critical
    const tiny = makePlan({ ...DEFAULT_SETTINGS, memoryLimit: '40Mi' }, model);
    expect(tiny.notes.find((n) => n.id === 'gomemlimit.below-live-heap')?.level).toBe('critical');
  });
});

describe("the wizard's evidence line says which figure is likely low", () => {
  it('from a back-to-back run, the GC CPU at GOGC=100 without a limit; from the GOGC=100 run, nothing', () => {
    const b2b = calibrate(gctraceModel(gunzipSync(readFileSync(join(repoRoot, 'tests/fixtures/whatif/go1.26.8/limit0.8x.gctrace.gz'))).toString('utf8')));
    if ('refused' in b2b) throw new Error(b2b.refused);
    const m = { calibration: b2b.calibration, from: 'gctrace in limit0.8x.gctrace.gz' };
    const line = describePrediction(m, modelPredict(m, 100, null, null));
    expect(line).toMatch(/GC CPU ≈ [\d.]+% ±\d+% \(likely more: /);
    expect(describePrediction(model, modelPredict(model, 200, null, null))).not.toContain('likely more');
    // back to back from the GOGC=100 run: the cycles
    expect(describePrediction(model, modelPredict(model, 100, 30 * MiB, null))).toMatch(/cycles per GiB allocated \(likely more: /);
  });
});
