// The trace timeline's ruler (src/ui/views/trace/timelineAxis.ts): ticks at
// 1/2/5 × 10^k ns, labelled in the unit of the step, never more than asked.

import { describe, expect, it } from 'vitest';
import { atText, spanText, tickStep, ticks, timeText } from '../../../src/ui/views/trace/timelineAxis';

describe('timeline ruler', () => {
  it('steps are 1, 2 or 5 × 10^k ns at least span/n', () => {
    expect(tickStep(1e9, 10)).toBe(1e8);
    expect(tickStep(6.44e6, 2.7)).toBe(5e6);
    expect(tickStep(6.44e6, 4.3)).toBe(2e6);
    expect(tickStep(15, 10)).toBe(2);
  });

  it('labels use the unit of the step, with the decimals that tell ticks apart', () => {
    expect(timeText(572e6, 1e6)).toBe('572 ms');
    expect(timeText(572.5e6, 5e5)).toBe('572.5 ms');
    expect(timeText(1.25e9, 5e7)).toBe('1.25 s');
    expect(timeText(3400, 200)).toBe('3.4 µs');
    expect(timeText(3000, 1000)).toBe('3 µs');
    expect(timeText(17, 2)).toBe('17 ns');
    expect(timeText(570e6, 1e7)).toBe('0.57 s');
  });

  it('ticks fall on multiples of the step inside the window, about one per 100 px', () => {
    const t = ticks(571.221e6, 577.664e6, 840);
    expect(t.map((x) => x.label)).toEqual(['572 ms', '573 ms', '574 ms', '575 ms', '576 ms', '577 ms']);
    expect(ticks(0, 1.27e9, 300, 70).length).toBeLessThanOrEqual(5);
  });

  it('durations and positions read in plain units', () => {
    expect(spanText(69_120)).toBe('69.1 µs');
    expect(spanText(1.27e9)).toBe('1.27 s');
    expect(atText(303_919_488)).toBe('303.919 ms');
  });
});
