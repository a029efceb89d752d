// Mutator utilization (src/analysis/gotrace/mmu.ts) read in chunks of
// generations and merged with Utilization.absorb, against the sequential
// read, on every v2 trace fixture: split at every generation, in 2 and in 3
// chunks, both series (ours and go tool trace's), their MMU and the whole
// builder's state are deep-equal. A chunk is read by its own TraceCollector,
// whose util is put in chunk mode (startChunk) before its first event, so it
// gets exactly the arguments collect.ts computes.

import { describe, expect, it } from 'vitest';
import { MMU_WINDOWS } from '../../../src/analysis/gotrace/analyze';
import { TraceCollector } from '../../../src/analysis/gotrace/collect';
import { MmuCurve, type Utilization } from '../../../src/analysis/gotrace/mmu';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { chunksAt, planChunks, type ChunkRange } from '../../../src/formats/gotrace/split';
import { fixtureTraces, readFixture } from './helpers';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));

/** Windows: the report's four, and some that end between change points. */
const WINDOWS = [...Object.values(MMU_WINDOWS), 1e3, 5e4, 2.5e5, 3e6];

/** What the report reads of the utilization: both series closed at the last event, and their MMU. */
function results(u: Utilization, lastT: number, any: boolean) {
  return [u.ours, u.goTool].map((s) => {
    const { t, u: v } = s.finish(lastT, any);
    const curve = new MmuCurve(t, v);
    return { t: [...t], u: [...v], mmu: WINDOWS.map((w) => curve.mmu(w)) };
  });
}

/** The chunks read each by its own collector (chunk mode after the first). */
function readChunks(data: Uint8Array, chunks: ChunkRange[]): TraceCollector[] {
  const version = checkHeader(data);
  return chunks.map((range, k) => {
    const c = new TraceCollector();
    if (k > 0) c.util.startChunk();
    readTrace(data, version, c.sink, { range });
    return c;
  });
}

describe.each(v2)('%s: utilization read in chunks and merged', (name) => {
  const data = readFixture(name);
  const version = checkHeader(data);
  const scan = scanGenerations(data, version);
  const n = scan.ranges.length;
  const seq = new TraceCollector();
  readTrace(data, version, seq.sink);
  const want = results(seq.util, seq.lastTime, seq.events > 0);

  const plans: [string, ChunkRange[]][] = [
    ['at every generation', chunksAt(scan.ranges, scan.ranges.map((_, i) => i), data.length)],
    ['in 2 chunks', planChunks(scan.ranges, 2, data.length)],
    ['in 3 chunks', planChunks(scan.ranges, 3, data.length)],
  ];

  it.each(plans)('split %s: the same series, MMU and state', (_plan, chunks) => {
    expect(chunks.length).toBe(Math.min(n, chunks.length));
    const parts = readChunks(data, chunks);
    // The clock assumption: no chunk's first time needs the reader's strictly-increasing fix-up.
    for (let k = 1; k < parts.length; k++) {
      if (parts[k].events > 0 && parts[k - 1].events > 0) expect(parts[k].firstTime).toBeGreaterThan(parts[k - 1].lastTime);
    }
    const u = parts[0].util;
    for (let k = 1; k < parts.length; k++) u.absorb(parts[k].util);
    const last = parts[parts.length - 1];
    const any = parts.some((p) => p.events > 0);
    expect(last.lastTime).toBe(seq.lastTime);
    expect(results(u, last.lastTime, any)).toEqual(want);
    expect(u).toEqual(seq.util);
  });

  it('merged as a tree (later chunks joined first) the same', () => {
    const chunks = plans[0][1];
    if (chunks.length < 3) return;
    const parts = readChunks(data, chunks).map((c) => c.util);
    const right = parts[1];
    for (let k = 2; k < parts.length; k++) right.absorb(parts[k]);
    parts[0].absorb(right);
    expect(parts[0]).toEqual(seq.util);
  });
});
