// The timeline's span store (src/analysis/gotrace/spanStore.ts) read in
// chunks of generations, one store a chunk, and merged with absorb, against
// one store fed the sequential read, on every v2 trace fixture split at every
// generation, in 2 and in 3 chunks: every lane's slices, the goroutine count,
// the user tasks and regions, the interned tables and the timeline's queries
// are deep-equal. With a small budget the merged store keeps to it and counts
// every slice the sequential one counts, lane by lane. And on a few events
// made up to cross a boundary in the ways the fixtures do not: a GC worker's
// label after it, a runtime goroutine created before it, a task that ends
// after it among tasks begun and ended after it.

import { describe, expect, it } from 'vitest';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { chunksAt, planChunks, type ChunkRange } from '../../../src/formats/gotrace/split';
import { newEvent, type TraceEvent } from '../../../src/formats/gotrace/order';
import type { Generation } from '../../../src/formats/gotrace/generation';
import { Ev, GoState } from '../../../src/formats/gotrace/spec';
import { TraceCollector } from '../../../src/analysis/gotrace/collect';
import { SLICE_BYTES, SpanStore, type Lane } from '../../../src/analysis/gotrace/spanStore';
import type { UserLane } from '../../../src/analysis/gotrace/userSpans';
import { sliceAt, timelineInfo, timelineTile } from '../../../src/analysis/gotrace/timelineQuery';
import { rangeStats } from '../../../src/analysis/gotrace/timelineRange';
import { splitPlans } from './chunkHelpers';
import { fixtureTraces, readFixture } from './helpers';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));

/** The sequential read into a span store and a collector. */
function sequential(data: Uint8Array, budget?: number): { spans: SpanStore; c: TraceCollector } {
  const spans = new SpanStore(budget);
  const c = new TraceCollector();
  readTrace(data, checkHeader(data), (ev) => {
    c.event(ev);
    spans.event(ev);
  });
  spans.finish();
  c.finish();
  return { spans, c };
}

/** Each chunk read into its own store, merged left to right; with each chunk's first and last delivered event times. */
function chunked(data: Uint8Array, chunks: ChunkRange[], budget?: number): { spans: SpanStore; times: [number, number][] } {
  const version = checkHeader(data);
  const times: [number, number][] = [];
  const parts = chunks.map((range, k) => {
    const s = new SpanStore(budget);
    if (k > 0) s.startChunk();
    const span: [number, number] = [NaN, NaN];
    readTrace(data, version, (ev: TraceEvent) => {
      if (Number.isNaN(span[0])) span[0] = ev.time;
      span[1] = ev.time;
      s.event(ev);
    }, { range });
    times.push(span);
    return s;
  });
  for (let k = 1; k < parts.length; k++) parts[0].absorb(parts[k]);
  parts[0].finish();
  return { spans: parts[0], times };
}

/** A lane's columns, stacks and reasons resolved to what they name. */
function laneView(l: Lane, s: SpanStore) {
  const n = l.length;
  const col = (c: { a: ArrayLike<number> }) => Array.from(c.a).slice(0, n);
  return {
    p: l.p,
    start: col(l.start),
    end: col(l.end),
    g: col(l.g),
    kind: col(l.kind),
    endState: col(l.endState),
    endStack: col(l.endStack).map((i) => (i < 0 ? null : s.stacks[i])),
    endReason: col(l.endReason).map((i) => (i < 0 ? null : s.reasons[i])),
    m: col(l.m),
    coarse: l.coarse ? { n: l.coarse.length, count: Array.from(l.coarse.count.a).slice(0, l.coarse.length) } : null,
  };
}

function userView(u: UserLane, names: string[]) {
  const n = u.length;
  return {
    start: Array.from(u.start.a).slice(0, n),
    end: Array.from(u.end.a).slice(0, n),
    id: Array.from(u.id.a).slice(0, n),
    name: Array.from(u.name.a).slice(0, n).map((i) => names[i]),
    row: Array.from(u.row.a).slice(0, n),
    rows: u.rows,
  };
}

/** What the store holds and what the timeline shows of it (the collector is the same sequential one for both reads). */
function storeView(s: SpanStore, c: TraceCollector) {
  const info = timelineInfo(s, c);
  const t0 = info.firstTime;
  const t1 = info.lastTime;
  const mid = (t0 + t1) / 2;
  return {
    lanes: [...s.lanes.values()].map((l) => laneView(l, s)),
    stacks: s.stacks,
    reasons: s.reasons,
    firstTime: s.firstTime,
    lastTime: s.lastTime,
    goroutines: { t: Array.from(s.goroutinesT.toArray()), v: Array.from(s.goroutinesV.toArray()) },
    user: { names: s.user.names, tasks: userView(s.user.tasks, s.user.names), regions: userView(s.user.regions, s.user.names) },
    info,
    whole: timelineTile(s, c, t0, t1, 800),
    zoomed: timelineTile(s, c, mid - (t1 - t0) / 20, mid + (t1 - t0) / 20, 800),
    range: rangeStats(s, c, t0 + (t1 - t0) / 3, t1 - (t1 - t0) / 3),
    clicks: s.procs().map((p) => sliceAt(s, p, mid, (t1 - t0) / 100)),
  };
}

/** Every lane's slices: one by one and in blocks. */
function totals(s: SpanStore): Record<number, number> {
  return Object.fromEntries([...s.lanes.values()].map((l) => [l.p, l.total]));
}

const bytes = (s: SpanStore) => [...s.lanes.values()].reduce((n, l) => n + l.bytes(), 0);

describe.each(v2)('%s: span stores of chunks, absorbed', (name) => {
  const data = readFixture(name);
  const scan = scanGenerations(data, checkHeader(data));
  const n = scan.ranges.length;
  const plans = splitPlans(scan.ranges, data.length);
  const seq = sequential(data);
  const seqView = storeView(seq.spans, seq.c);

  it.each(plans)('split %s: the sequential store, lane by lane and query by query', (_plan, chunks) => {
    expect(chunks.length).toBe(Math.min(n, chunks.length));
    expect(seqView.info.slices).toBeGreaterThan(0);
    expect(seq.spans.coarseFrom).toBeNull();
    const { spans, times } = chunked(data, chunks);
    // The clock: a chunk's events come after the previous chunk's, so the split read's times are the sequential ones.
    for (let k = 1; k < times.length; k++) expect(times[k][0]).toBeGreaterThan(times[k - 1][1]);
    expect(storeView(spans, seq.c)).toEqual(seqView);
  });
});

describe('span stores of chunks over their byte budget', () => {
  const data = readFixture('go126-gens.trace.gz');
  const scan = scanGenerations(data, checkHeader(data));
  // A third of the slices fit one by one.
  const all = sequential(data);
  const slices = timelineInfo(all.spans, all.c).slices;
  const budget = Math.round((slices * SLICE_BYTES * 4) / 3 / 3);

  it.each([
    ['at every generation', chunksAt(scan.ranges, scan.ranges.map((_, i) => i), data.length)],
    ['in 2 chunks', planChunks(scan.ranges, 2, data.length)],
    ['in 3 chunks', planChunks(scan.ranges, 3, data.length)],
  ] as [string, ChunkRange[]][])('split %s: every slice counted in its lane, within the budget', (_plan, chunks) => {
    const seq = sequential(data, budget).spans;
    expect(seq.coarseFrom).not.toBeNull();
    const { spans } = chunked(data, chunks, budget);
    expect(spans.coarseFrom).not.toBeNull();
    expect(totals(spans)).toEqual(totals(seq));
    expect(bytes(spans)).toBeLessThanOrEqual(budget);
    expect(bytes(seq)).toBeLessThanOrEqual(budget);
    // Up to the turn the slices kept one by one are the sequential ones (the blocks after it are cut otherwise).
    expect(spans.coarseFrom).toBe(seq.coarseFrom);
    const kept = (s: SpanStore) => [...s.lanes.values()].map((l) => ({ ...laneView(l, s), coarse: null }));
    expect(kept(spans)).toEqual(kept(seq));
    expect(spans.stacks).toEqual(seq.stacks);
  });
});

describe('span stores of chunks, on made-up events across one boundary', () => {
  const S = { gc: 1, reason: 2, req: 3, r: 4, other: 5, fn: 6, worker: 7 };
  const gen = {
    gen: 1,
    strings: new Map([
      [S.gc, 'GC (dedicated)'],
      [S.reason, 'preempted'],
      [S.req, 'req'],
      [S.r, 'r'],
      [S.other, 'other'],
      [S.fn, 'runtime.bgsweep'],
      [S.worker, 'runtime.gcBgMarkWorker'],
    ]),
    // Stack 2 is a mark worker's (a "GC (…)" label makes a slice a worker's only when its stack agrees).
    stacks: new Map([
      [1, [0x100]],
      [2, [0x200]],
    ]),
    frames: new Map([
      [0x100, { fn: S.fn, file: 0, line: 7 }],
      [0x200, { fn: S.worker, file: 0, line: 9 }],
    ]),
  } as unknown as Generation;
  const R = GoState.Running;
  // [time, type, g, p, a0, a1, a2, from, to]
  type E = [number, number, number, number, number, number, number, number, number];
  const before: E[] = [
    [1, Ev.UserTaskBegin, 1, 0, 1, 0, S.req, 0, 0],
    [2, Ev.GoStatus, -1, 0, 5, 0, 0, GoState.Undetermined, R],
    [3, Ev.GoStatus, -1, 1, 6, 0, 0, GoState.Undetermined, R],
    [4, Ev.GoStatus, -1, 2, 7, 0, 0, GoState.Undetermined, R],
    [5, Ev.GoCreate, 6, 1, 8, 1, 0, GoState.NotExist, GoState.Runnable],
    [6, Ev.UserRegionBegin, 6, 1, 0, S.r, 0, 0, 0],
  ];
  const after: E[] = [
    [10, Ev.GoStatus, -1, 0, 5, 0, 0, R, R],
    [10, Ev.GoStatus, -1, 2, 7, 0, 0, R, R],
    [11, Ev.GoLabel, 5, 0, S.gc, 0, 0, 0, 0],
    [12, Ev.GoStop, 5, 0, S.reason, 2, 0, R, GoState.Runnable],
    [13, Ev.UserRegionEnd, 6, 1, 0, S.r, 0, 0, 0],
    [14, Ev.GoStart, -1, 1, 8, 0, 0, GoState.Runnable, R],
    [15, Ev.UserTaskEnd, 1, 1, 1, 0, 0, 0, 0],
    [16, Ev.UserTaskBegin, 1, 1, 10, 0, S.other, 0, 0],
    [17, Ev.UserTaskEnd, 1, 1, 10, 0, 0, 0, 0],
    [18, Ev.UserTaskEnd, 1, 1, 9, 0, 0, 0, 0],
    [19, Ev.GoStop, 6, 1, S.reason, 1, 0, R, GoState.Runnable],
    [20, Ev.GoStart, -1, 3, 5, 0, 0, GoState.Runnable, R],
    // Goroutine 7 is labelled too, but stops in code that is not a mark worker's (stack 1).
    [21, Ev.GoLabel, 7, 2, S.gc, 0, 0, 0, 0],
    [22, Ev.GoStop, 7, 2, S.reason, 1, 0, R, GoState.Runnable],
  ];
  const feed = (s: SpanStore, es: E[]) => {
    const ev = newEvent();
    for (const [time, type, g, p, a0, a1, a2, from, to] of es) {
      Object.assign(ev, { time, type, g, p, m: -1, a0, a1, a2, a3: 0, from, to, gen });
      s.event(ev);
    }
  };
  const user = (s: SpanStore) => ({
    names: [...s.user.names],
    tasks: userView(s.user.tasks, s.user.names),
    regions: userView(s.user.regions, s.user.names),
  });

  it('absorb gives the sequential store, before and after finish', () => {
    const seq = new SpanStore();
    feed(seq, [...before, ...after]);
    const a = new SpanStore();
    feed(a, before);
    const b = new SpanStore();
    b.startChunk();
    feed(b, after);
    a.absorb(b);
    // Spans in the order one pass pushes them (finish sorts them).
    expect(user(a)).toEqual(user(seq));
    seq.finish();
    a.finish();
    const view = (s: SpanStore) => ({ lanes: [...s.lanes.values()].map((l) => laneView(l, s)), stacks: s.stacks, reasons: s.reasons, goroutines: Array.from(s.goroutinesV.toArray()), user: user(s) });
    expect(view(a)).toEqual(view(seq));
    // What the events were made to show.
    const p0 = laneView(seq.lanes.get(0)!, seq);
    expect(p0).toMatchObject({ g: [5], kind: [1], end: [12], endReason: ['preempted'], endStack: [['runtime.gcBgMarkWorker']] });
    expect(laneView(seq.lanes.get(1)!, seq)).toMatchObject({ g: [6, 8], end: [14, 22], kind: [0, 2] });
    expect(laneView(seq.lanes.get(2)!, seq)).toMatchObject({ g: [7], end: [22], kind: [0] });
    expect(user(seq).tasks).toMatchObject({ start: [1, 1, 16], end: [15, 18, 17] });
  });
});
