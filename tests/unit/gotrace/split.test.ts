// A Go 1.22+ trace read in chunks of generations (src/formats/gotrace/split.ts)
// against the sequential read, on every v2 trace fixture: the generation scan
// finds the byte ranges the reader ends generations at (also on cut traces),
// and split at every generation, in 2 and in 3 chunks, the joined events are
// the sequential reader's field for field, so the analyses' report and the
// timeline's queries are deep-equal.

import { describe, expect, it } from 'vitest';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { chunksAt, EventColumns, planChunks, splitLoop, type ChunkRange } from '../../../src/formats/gotrace/split';
import { TraceError } from '../../../src/formats/gotrace/varint';
import { bytesSource } from '../../../src/formats/byteSource';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { fixtureTraces, joinedEvents, quietCtx, readFixture } from './helpers';
import { views } from './traceViews';
import { perLayout } from './chunkHelpers';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));

/** The generation end offsets the sequential reader reports (up to an error). */
function readerEnds(data: Uint8Array): number[] {
  const ends: number[] = [];
  try {
    readTrace(data, checkHeader(data), () => {}, { onGeneration: (_g, off) => ends.push(off) });
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
  }
  return ends;
}

/** Every event the loop delivers, as columns. */
function events(data: Uint8Array, chunks: ChunkRange[] | null): Float64Array {
  const cols = new EventColumns();
  const v = checkHeader(data);
  const res = { version: v, events: 0, generations: 0, goodOffset: 16 };
  if (chunks) splitLoop(chunks)(data, v, cols.sink, {}, res);
  else readTrace(data, v, cols.sink, {}, res);
  return joinedEvents(cols);
}

describe.each(v2)('%s read in chunks of generations', (name) => {
  const data = readFixture(name);
  const version = checkHeader(data);
  const scan = scanGenerations(data, version);
  const n = scan.ranges.length;

  it('scans the generations the reader reads, contiguous to the end of the file', () => {
    expect(scan.error).toBeUndefined();
    expect(scan.ranges.map((r) => r.end)).toEqual(readerEnds(data));
    expect(scan.ranges[0].start).toBe(16);
    for (let i = 1; i < n; i++) expect(scan.ranges[i].start).toBe(scan.ranges[i - 1].end);
    expect(scan.ranges[n - 1].end).toBe(data.length);
    expect(new Set(scan.ranges.map((r) => r.gen)).size).toBe(n);
  });

  it('scans a source (read through in pieces; past 8 MB the batches behind are dropped) as it scans the bytes, and reads each chunk of it the same', () => {
    // Refills of at least 1 byte: the window grows batch by batch.
    const src = bytesSource(data);
    expect(scanGenerations(bytesSource(data), version)).toEqual(scan);
    for (const range of planChunks(scan.ranges, 3, data.length)) {
      const a = new EventColumns();
      const b = new EventColumns();
      readTrace(data, version, a.sink, { range });
      readTrace(src, version, b.sink, { range, readBytes: 1 });
      const x = joinedEvents(a);
      const y = joinedEvents(b);
      expect(y.length).toBe(x.length);
      expect(y.findIndex((v, i) => v !== x[i])).toBe(-1);
    }
  });

  it('scans a cut copy up to where the reader stops, and says why', () => {
    const last = scan.ranges[n - 1];
    const cut = data.subarray(0, last.start + Math.floor((last.end - last.start) / 2));
    const s = scanGenerations(cut, version);
    expect(s.error).toBeTruthy();
    // The whole generations before the cut; Go 1.22–1.25 readers may also deliver the cut one.
    const ends = readerEnds(cut);
    expect(s.ranges.map((r) => r.end)).toEqual(ends.slice(0, s.ranges.length));
    expect(s.ranges.length).toBeGreaterThanOrEqual(ends.length - (version < 26 ? 1 : 0));
    expect(s.ranges.length).toBe(n - 1);
  });

  const sequential = events(data, null);
  const plans: [string, ChunkRange[]][] = [
    ['at every generation', chunksAt(scan.ranges, scan.ranges.map((_, i) => i), data.length)],
    ['in 2 chunks', planChunks(scan.ranges, 2, data.length)],
    ['in 3 chunks', planChunks(scan.ranges, 3, data.length)],
  ];
  const seqViews = views(readTraceModel(data, quietCtx()));
  // On a trace of 1 or 2 generations the three plans are one layout: it is read once, and each plan's test checks that read.
  const splitEvents = perLayout((chunks) => events(data, chunks));
  const splitViews = perLayout((chunks) => views(readTraceModel(data, quietCtx(), splitLoop(chunks))));

  it.each(plans)('split %s: the same events, field for field', (_plan, chunks) => {
    expect(chunks.length).toBe(Math.min(n, chunks.length));
    const joined = splitEvents(chunks);
    expect(joined.length).toBe(sequential.length);
    // One mismatch named, not a 3 M-element diff.
    const at = joined.findIndex((x, i) => x !== sequential[i]);
    expect(at, `first difference at event ${Math.floor(at / 12)}, field ${at % 12}`).toBe(-1);
  });

  it.each(plans)('split %s: the same report and timeline', (_plan, chunks) => {
    expect(seqViews.info.slices).toBeGreaterThan(0);
    expect(seqViews.range.cpuNs).toBeGreaterThan(0);
    expect(seqViews.zoomed.lanes.length).toBeGreaterThan(0);
    expect(splitViews(chunks)).toEqual(seqViews);
  });
});

describe('split reads on multi-generation traces', () => {
  it('the fixtures have traces of 4 and more generations for both generation formats (Go 1.25 spills, Go 1.26 ends them)', () => {
    const gens = (f: string) => scanGenerations(readFixture(f), checkHeader(readFixture(f))).ranges.length;
    expect(gens('go125-gens.trace.gz')).toBeGreaterThanOrEqual(4);
    expect(gens('go126-gens.trace.gz')).toBeGreaterThanOrEqual(5);
  });

  it('without the warm-up generation the status events differ (the test can fail)', () => {
    const data = readFixture('go126-gens.trace.gz');
    const scan = scanGenerations(data, checkHeader(data));
    const cold = chunksAt(scan.ranges, [0, 2], data.length).map((c, k) => (k ? { ...c, start: c.emitFrom } : c));
    const seq = events(data, null);
    const joined = events(data, cold);
    expect(joined.length).toBe(seq.length);
    expect(joined.some((x, i) => x !== seq[i])).toBe(true);
  });

  it('a chunk that cannot be read sends the model back to the sequential read (same warnings, same figures)', () => {
    const data = readFixture('go126-gens.trace.gz').slice();
    const scan = scanGenerations(data, checkHeader(data));
    // Break the last generation: the sequential read keeps the ones before it and warns.
    const last = scan.ranges[scan.ranges.length - 1];
    const cut = data.subarray(0, last.start + 100);
    const chunks = chunksAt(scan.ranges, [0, scan.ranges.length - 1], data.length).map((c) => ({ ...c, end: Math.min(c.end, cut.length) }));
    const w1: string[] = [];
    const w2: string[] = [];
    const a = views(readTraceModel(cut, quietCtx(w1)));
    const b = views(readTraceModel(cut, quietCtx(w2), splitLoop(chunks)));
    expect(b).toEqual(a);
    expect(w2).toEqual(w1);
    expect(w1.length).toBe(1);
  });
});
