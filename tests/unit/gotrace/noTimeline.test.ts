// The CLI keeps no trace timeline (src/cli/analyze.ts: limits.timelineBytes 0):
// its report must be the one the page's read makes, on every trace fixture,
// read at once and in chunks, and the span store must then hold nothing.

import { describe, expect, it } from 'vitest';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { DEFAULT_LIMITS, timelineBudget } from '../../../src/formats/limits';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { joinTraceChunks, planTraceChunks, readTraceChunk } from '../../../src/kinds/gotraceChunks';
import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import type { GoTraceModel } from '../../../src/analysis/gotrace/model';
import { fixtureTraces, quietCtx, readFixture } from './helpers';

const NO_TIMELINE = { ...DEFAULT_LIMITS, timelineBytes: 0 };
const reportOf = (m: GoTraceModel) => JSON.parse(JSON.stringify(analyzeGoTrace(m)));
const slicesIn = (m: GoTraceModel) => [...m.spans.lanes.values()].reduce((n, l) => n + l.bytes(), 0);

describe.each(fixtureTraces())('%s without a timeline', (name) => {
  const data = readFixture(name);
  const withTimeline = readTraceModel(data, quietCtx());

  it('the same report, the same events, an empty span store', () => {
    const m = readTraceModel(data, { ...quietCtx(), limits: NO_TIMELINE });
    expect(reportOf(m)).toEqual(reportOf(withTimeline));
    expect([m.events, m.generations]).toEqual([withTimeline.events, withTimeline.generations]);
    expect(slicesIn(m)).toBe(0);
    // the fixture itself has slices to drop (else this test could not fail)
    expect(slicesIn(withTimeline)).toBeGreaterThan(0);
  });

  // Skipped for the three v1 traces (Go 1.11–1.21): that format has no generations, so planTraceChunks never splits
  // one (src/kinds/gotraceChunks.ts) and there is no chunked read to compare; the test above reads them whole.
  it.runIf(!isV1(checkHeader(data)))('read in chunks: the same report, no slices kept', () => {
    const jobs = planTraceChunks(data, 2, NO_TIMELINE);
    if (!jobs) {
      // never split: only a trace of one generation (said, not skipped silently)
      expect(scanGenerations(data, checkHeader(data)).ranges.length).toBeLessThan(2);
      return;
    }
    expect(jobs.every((j) => j.timelineBytes === 0)).toBe(true);
    const parts = jobs.map((job) => readTraceChunk(data, job));
    const m = joinTraceChunks(parts, jobs[0].version, data.length);
    expect(reportOf(m)).toEqual(reportOf(withTimeline));
    expect(slicesIn(m)).toBe(0);
  });
});

it('a budget of 0 stays 0 for any trace size; the default keeps a timeline', () => {
  for (const size of [0, 1, 1e6, 1e9]) expect(timelineBudget(NO_TIMELINE, size)).toBe(0);
  expect(timelineBudget(DEFAULT_LIMITS, 1e6)).toBeGreaterThan(0);
});
