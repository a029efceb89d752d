// Early results while a trace is read: published between generations with
// the figures so far, and without changing the final analysis (the collector
// is only read). A fake clock makes "a second has passed" happen on demand.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import type { InputReport } from '../../../src/report/schema';
import { readFixture } from './helpers';

describe('early results of a trace', () => {
  afterEach(() => vi.restoreAllMocks());

  it('go126-mixed: an early result after the first generation, and the same final report as without', () => {
    const raw = readFixture('go126-mixed.trace');
    const without = analyzeInput('1', 'x.trace', raw).report;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1000));
    const early: InputReport[] = [];
    const withEarly = analyzeInput('1', 'x.trace', raw, { partial: (r) => early.push(structuredClone(r)) }).report;
    vi.restoreAllMocks();

    expect(early.length).toBeGreaterThan(0);
    const first = early[0];
    expect(first.partial!.totalBytes).toBe(raw.length);
    expect(first.partial!.doneBytes).toBeGreaterThan(16);
    expect(first.partial!.doneBytes).toBeLessThan(raw.length);
    expect(first.kind).toBe('gotrace');
    // The figures so far: whole generations, fewer events, a prefix of the final ones.
    const t = first.trace!;
    const f = withEarly.trace!;
    expect(t.generations).toBeGreaterThanOrEqual(1);
    expect(t.generations).toBeLessThan(f.generations);
    expect(t.events).toBeLessThan(f.events);
    expect(t.goroutinesPerGeneration).toEqual(f.goroutinesPerGeneration.slice(0, t.generations));
    expect(t.stw.count).toBeLessThanOrEqual(f.stw.count);
    expect(t.durationNs).toBeLessThan(f.durationNs);
    // Early results change nothing in the final report.
    delete without.parseMs;
    delete withEarly.parseMs;
    expect(withEarly.partial).toBeUndefined();
    expect(withEarly).toEqual(without);
  });

  it('a trace read within the first 800 ms publishes no early result', () => {
    const raw = readFixture('go126-mixed.trace');
    let calls = 0;
    // A clock that stands still: all of it is read "at once".
    vi.spyOn(performance, 'now').mockImplementation(() => 1);
    analyzeInput('1', 'x.trace', raw, { partial: () => calls++ });
    expect(calls).toBe(0);
  });
});
