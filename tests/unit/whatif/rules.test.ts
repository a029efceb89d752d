// The runtime rules the what-if model is built from, each against the numbers
// of the Go source it cites (runtime/mgcpacer.go).

import { describe, expect, it } from 'vitest';
import { HEAP_MINIMUM, gogcGoal, memoryLimitGoal, triggerFor } from '../../../src/whatif/predict';
import { limiterBucket } from '../../../src/whatif/limiter';
import type { WhatifCalibration } from '../../../src/whatif/types';

const MiB = 1048576;

describe('heap goal rules', () => {
  it('GOGC goal counts stacks and globals (Go ≥ 1.18) and never goes under 4 MiB × GOGC/100', () => {
    expect(gogcGoal(100 * MiB, 10 * MiB, 100)).toBe(210 * MiB);
    expect(gogcGoal(100 * MiB, 0, 50)).toBe(150 * MiB);
    expect(gogcGoal(MiB / 2, 0, 200)).toBe((HEAP_MINIMUM * 200) / 100);
    expect(gogcGoal(100 * MiB, 0, null)).toBe(Infinity);
  });
  it('memory-limit goal: limit − non-heap, 3% headroom, at least 1 MiB of headroom, and the overshoot kept under the limit', () => {
    // (1000 − 100) × 0.97 = 873 MiB; overshoot 10 MiB leaves 890 MiB: the headroom rule wins
    expect(memoryLimitGoal(1000 * MiB, 100 * MiB, 10 * MiB)).toBeCloseTo(873 * MiB, 0);
    // an overshoot of 50 MiB: 900 − 50 = 850 MiB
    expect(memoryLimitGoal(1000 * MiB, 100 * MiB, 50 * MiB)).toBe(850 * MiB);
    // small limits: 1 MiB minimum headroom
    expect(memoryLimitGoal(20 * MiB, 0, 0)).toBe(19 * MiB);
    expect(memoryLimitGoal(null, 0, 0)).toBe(Infinity);
    expect(memoryLimitGoal(10 * MiB, 20 * MiB, 0)).toBe(0);
  });
  it('trigger: goal − runway, held between 0.7 and max(0.95 of the distance, goal − 4 MiB)', () => {
    expect(triggerFor(100 * MiB, 200 * MiB, 20 * MiB)).toBe(180 * MiB);
    expect(triggerFor(100 * MiB, 200 * MiB, 50 * MiB)).toBeCloseTo(100 * MiB + (45 / 64) * 100 * MiB, 0);
    // tiny runway: at most max(195.3, 196) MiB
    expect(triggerFor(100 * MiB, 200 * MiB, MiB)).toBe(196 * MiB);
  });
});

describe('GC CPU limiter rules (runtime/mgclimit.go)', () => {
  const cal = (gcCpuMean: number) => ({ fit: { cyclesPerGiB: 0, gcCpu: 0.5, peakHeap: 0, gcCpuMean } }) as WhatifCalibration;
  it('the bucket (GOMAXPROCS × 1 s) fills at GOMAXPROCS × (2 × share − 1) per second: 1 s ÷ (2 × share − 1) from empty', () => {
    expect(limiterBucket(0.75, cal(0)).seconds).toBeCloseTo(2, 9);
    expect(limiterBucket(1, cal(0)).seconds).toBeCloseTo(1, 9);
    expect(limiterBucket(0.5, cal(0)).seconds).toBeNull();
    expect(limiterBucket(0.3, cal(0)).seconds).toBeNull();
  });
  it('yes or no only where share ± its uncertainty over the bucket stays on one side of 50%', () => {
    expect(limiterBucket(0.6, cal(0.1)).verdict).toBe('yes'); // 54% at worst
    expect(limiterBucket(0.6, cal(0.2)).verdict).toBe('uncertain'); // 48–72%
    expect(limiterBucket(0.45, cal(0.2)).verdict).toBe('uncertain'); // 36–54%
    expect(limiterBucket(0.4, cal(0.2)).verdict).toBe('no'); // 48% at most
    // an old calibration without gcCpuMean falls back to the per-cycle ±
    expect(limiterBucket(0.6, { fit: { cyclesPerGiB: 0, gcCpu: 0.5, peakHeap: 0 } } as WhatifCalibration).verdict).toBe('uncertain');
  });
});
