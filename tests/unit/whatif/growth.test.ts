// A growing live heap: the times the model gives until the goal pins to
// GOMEMLIMIT and until memory reaches the container limit agree with its own
// predictions for the live heap at those times.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gctraceModel } from '../../../bench/whatif/check';
import { calibrate } from '../../../src/whatif/calibrate';
import { predict } from '../../../src/whatif/predict';
import { repoRoot } from '../paths';

const c = calibrate(gctraceModel(gunzipSync(readFileSync(join(repoRoot, 'tests/fixtures/whatif/go1.26.8/gogc100.gctrace.gz'))).toString('utf8')));
if ('refused' in c) throw new Error(c.refused);
const MiB = 1048576;
const g = MiB; // 1 MiB/s of live heap growth
const cal = { ...c.calibration, liveGrowthBytesPerSec: g };
const at = (sec: number) => ({ ...cal, liveBytes: cal.liveBytes + g * sec });

describe('growing live heap', () => {
  const s = { gogc: 100, memoryLimitBytes: 400 * MiB, containerLimitBytes: 512 * MiB };
  const p = predict(cal, s);
  it('goal pins to GOMEMLIMIT after the time it says', () => {
    expect(p.regime).toBe('gogc');
    const t = p.secondsUntilGoalAtLimit!;
    expect(t).toBeGreaterThan(60);
    expect(predict(at(t * 0.9), s).regime).toBe('gogc');
    expect(predict(at(t * 1.1), s).regime).toBe('memory-limit');
  });
  it('memory reaches the container limit after the time it says, later than the goal pins', () => {
    const t = p.secondsUntilContainerLimit!;
    expect(t).toBeGreaterThan(p.secondsUntilGoalAtLimit!);
    expect(predict(at(t * 0.9), s).fitsContainer).toBe(true);
    expect(predict(at(t * 1.1), s).fitsContainer).toBe(false);
  });
  it('without GOMEMLIMIT the container limit comes sooner', () => {
    const q = predict(cal, { ...s, memoryLimitBytes: null });
    expect(q.secondsUntilGoalAtLimit).toBeNull();
    expect(q.secondsUntilContainerLimit!).toBeLessThan(p.secondsUntilContainerLimit!);
    expect(predict(at(q.secondsUntilContainerLimit! * 0.9), { ...s, memoryLimitBytes: null }).fitsContainer).toBe(true);
    expect(predict(at(q.secondsUntilContainerLimit! * 1.1), { ...s, memoryLimitBytes: null }).fitsContainer).toBe(false);
  });
  it('a steady heap has no such times', () => {
    const q = predict({ ...cal, liveGrowthBytesPerSec: 0 }, s);
    expect(q.secondsUntilGoalAtLimit).toBeNull();
    expect(q.secondsUntilContainerLimit).toBeNull();
  });
});
