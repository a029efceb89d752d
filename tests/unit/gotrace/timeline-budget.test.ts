// The timeline's byte budget follows the trace's size (src/formats/limits.ts,
// timelineBudget): every slice of a small trace, a share of a big one's size,
// never more than limits.timelineBytes; and the store read from a trace keeps
// to the budget it was given for that trace's size.

import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, TIMELINE_FLOOR, TIMELINE_SHARE, timelineBudget } from '../../../src/formats/limits';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { quietCtx, readFixture } from './helpers';

const MB = 1e6;

describe('timeline budget by trace size', () => {
  it('a small trace gets the floor, a big one a share of its size, a huge one the cap', () => {
    expect(timelineBudget(DEFAULT_LIMITS, 20 * MB)).toBe(TIMELINE_FLOOR);
    expect(timelineBudget(DEFAULT_LIMITS, 400 * MB)).toBe(Math.round(400 * MB * TIMELINE_SHARE));
    expect(timelineBudget(DEFAULT_LIMITS, 400 * MB)).toBeGreaterThan(TIMELINE_FLOOR);
    expect(timelineBudget(DEFAULT_LIMITS, 1200 * MB)).toBe(DEFAULT_LIMITS.timelineBytes);
    // Under the cap at any size: the whole process is to stay near 1.5x the file.
    for (const size of [1, 100, 213, 700, 5000]) expect(timelineBudget(DEFAULT_LIMITS, size * MB)).toBeLessThanOrEqual(Math.max(TIMELINE_FLOOR, 0.5 * size * MB));
  });

  it('a lower cap (tests, or a caller) wins over the floor', () => {
    const limits = { ...DEFAULT_LIMITS, timelineBytes: 1 << 20 };
    expect(timelineBudget(limits, 20 * MB)).toBe(1 << 20);
    expect(timelineBudget(limits, 2000 * MB)).toBe(1 << 20);
  });

  it('a trace read with a budget its size gives keeps its lanes within it', () => {
    const data = readFixture('go126-gens.trace.gz');
    const cap = 2 << 20;
    const m = readTraceModel(data, { ...quietCtx(), limits: { timelineBytes: cap } });
    const budget = timelineBudget({ ...DEFAULT_LIMITS, timelineBytes: cap }, data.length);
    expect(m.spans.budget).toBe(budget);
    expect(m.spans.coarseFrom).not.toBeNull();
    expect([...m.spans.lanes.values()].reduce((n, l) => n + l.bytes(), 0)).toBeLessThanOrEqual(budget);
  });
});
