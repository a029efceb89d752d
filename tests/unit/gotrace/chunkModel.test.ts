// A trace read in chunks of generations, each chunk into its own analyses
// (src/kinds/gotraceChunks.ts) and sent as another thread would send it
// (structured clone, buffers transferred, classes restored), then joined:
// the report, the timeline's queries and the CPU samples are the sequential
// read's, on every v2 trace fixture, in 2 and 3 chunks and at every
// generation, from bytes and from a source read in pieces.

import { describe, expect, it } from 'vitest';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { bytesSource } from '../../../src/formats/byteSource';
import { DEFAULT_LIMITS } from '../../../src/formats/limits';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { joinTraceChunks, planTraceChunks, readTraceChunk, receivedTraceChunk, sendableTraceChunk, type TraceChunkPart } from '../../../src/kinds/gotraceChunks';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { fixtureTraces, quietCtx, readFixture } from './helpers';
import { views } from './traceViews';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));

/** A part as the joining thread receives it. */
function sent(p: TraceChunkPart): TraceChunkPart {
  const transfer = sendableTraceChunk(p);
  return receivedTraceChunk(structuredClone(p, { transfer }));
}

describe.each(v2)('%s read in chunks, each into its own analyses, joined', (name) => {
  const data = readFixture(name);
  const gens = scanGenerations(data, checkHeader(data)).ranges.length;
  const want = views(readTraceModel(data, quietCtx()));
  // Each layout once: on a trace of 2 generations, 2, 3 and "every generation" are one split.
  const counts = [...new Set([2, 3, gens].map((n) => (gens < 2 ? n : planTraceChunks(data, n, DEFAULT_LIMITS)!.length)))];

  it.each(counts)('in %i chunks: the same report, timeline and CPU samples', (n) => {
    const jobs = planTraceChunks(data, n, DEFAULT_LIMITS);
    if (gens < 2) {
      expect(jobs).toBeNull();
      return;
    }
    // Chunks of about equal bytes: at most n, at least two.
    expect(jobs!.length).toBeLessThanOrEqual(n);
    expect(jobs!.length).toBeGreaterThanOrEqual(2);
    const parts = jobs!.map((job) => sent(readTraceChunk(job.index % 2 ? bytesSource(data) : data, job)));
    expect(views(joinTraceChunks(parts, jobs![0].version, data.length))).toEqual(want);
  });
});

describe('chunks that cannot be joined', () => {
  it('a v1 trace, or one of one generation, is not split', () => {
    expect(planTraceChunks(readFixture('go121-mixed.trace'), 4, DEFAULT_LIMITS)).toBeNull();
    expect(planTraceChunks(readFixture('go122-mixed.trace'), 4, DEFAULT_LIMITS)).toBeNull();
  });

  it('a chunk whose first event is not after the one before it is refused (the sequential read decides)', () => {
    const data = readFixture('go126-gens.trace.gz');
    const jobs = planTraceChunks(data, 2, DEFAULT_LIMITS)!;
    const parts = jobs.map((job) => readTraceChunk(data, job));
    parts[1].first = parts[0].last;
    expect(() => joinTraceChunks(parts, jobs[0].version, data.length)).toThrow(/not after the chunk before it/);
  });
});
