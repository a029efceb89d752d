// The trace collector run per chunk of generations (each chunk read apart, as
// a thread would read it: src/formats/gotrace/split.ts) and the chunks joined
// with absorb(): every figure the collector holds equals the sequential
// read's, on every v2 trace fixture, split at every generation, in 2 and in 3
// chunks (the mutator utilization, the collector's `util`, is compared by
// chunkUtilization.test.ts).

import { describe, expect, it } from 'vitest';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { firstEventTime, planChunks } from '../../../src/formats/gotrace/split';
import { TraceCollector } from '../../../src/analysis/gotrace/collect';
import { fixtureTraces, readFixture } from './helpers';
import { collectorFigures, joined, readChunks, splitPlans } from './chunkHelpers';
import { restoreClasses, tagClasses } from '../../../src/lib/classTransfer';
import { TRACE_CHUNK_CLASSES } from '../../../src/analysis/gotrace/chunkTransfer';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));

describe.each(v2)('%s: the collector per chunk, joined', (name) => {
  const data = readFixture(name);
  const version = checkHeader(data);
  const scan = scanGenerations(data, version);
  const seq = new TraceCollector();
  readTrace(data, version, seq.sink);
  seq.finish();
  const want = collectorFigures(seq);
  const plans = splitPlans(scan.ranges, data.length);

  it('the first event time found from the first generation alone is the trace\'s', () => {
    expect(firstEventTime(data, version, scan.ranges)).toBe(seq.firstTime);
  });

  it.each(plans)('split %s: every figure equal', (_plan, chunks) => {
    const parts = readChunks(data, chunks);
    // The reader's clock rule (times strictly increasing) never had to move a chunk's first event.
    for (let k = 1; k < parts.length; k++) expect(parts[k].first).toBeGreaterThan(parts[k - 1].last);
    expect(collectorFigures(joined(parts))).toEqual(want);
  });
});

describe('a chunk\'s collector sent to another thread', () => {
  it('comes back with its classes and joins to the same figures (structured clone, buffers transferred)', () => {
    const data = readFixture('go126-gens.trace.gz');
    const scan = scanGenerations(data, checkHeader(data));
    const seq = new TraceCollector();
    readTrace(data, checkHeader(data), seq.sink);
    seq.finish();
    const parts = readChunks(data, planChunks(scan.ranges, 3, data.length)).map(({ c }) => {
      c.forgetGenerations();
      const transfer = tagClasses(c, TRACE_CHUNK_CLASSES);
      expect(transfer.length).toBeGreaterThan(0);
      const sent = structuredClone(c, { transfer });
      return { c: restoreClasses(sent, TRACE_CHUNK_CLASSES) };
    });
    expect(parts[1].c).toBeInstanceOf(TraceCollector);
    expect(collectorFigures(joined(parts))).toEqual(collectorFigures(seq));
  });

  it('refuses what it cannot send rather than losing it', () => {
    const c = new TraceCollector();
    expect(() => tagClasses(c, {})).toThrow(/TraceCollector is not in the table/);
    expect(() => tagClasses({ f: () => 1 }, TRACE_CHUNK_CLASSES)).toThrow(/function/);
    expect(() => restoreClasses({ __class: 'Nope' }, TRACE_CHUNK_CLASSES)).toThrow(/unknown class/);
  });
});
