// The trace timeline's span store (src/analysis/gotrace/spanStore.ts) and its
// window query (timelineQuery.ts) on every committed trace fixture: the
// running slices per P, in the whole trace and in zoomed windows, are those
// golang.org/x/exp/trace gives (tools/traceslices → *.slices.json), and a
// window's tile keeps every slice (merged counts add up) with about one item
// per pixel.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { countInWindow, ITEM, sliceAt, timelineInfo, timelineTile } from '../../../src/analysis/gotrace/timelineQuery';
import { SLICE_BYTES, SLICE_KIND_NAMES, SliceKind } from '../../../src/analysis/gotrace/spanStore';
import { rangeStats } from '../../../src/analysis/gotrace/timelineRange';
import { extraLanes } from '../../../src/analysis/gotrace/timelineLanes';
import type { UserLane } from '../../../src/analysis/gotrace/userSpans';
import { GoState } from '../../../src/formats/gotrace/spec';
import { fixtureDir, fixtureTraces, quietCtx, readFixture } from './helpers';
import type { SlicesGolden } from './slicesGolden';


/** Spans of a user lane by name. */
function byName(u: UserLane, names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < u.length; i++) out[names[u.name.a[i]]] = (out[names[u.name.a[i]]] ?? 0) + 1;
  return out;
}

/** Items of a tile's user lane: the merged counts add up to the spans overlapping the window. */
function tileCount(items: Float64Array): number {
  let n = 0;
  for (let j = 0; j < items.length; j += ITEM) n += items[j + 4];
  return n;
}

const traces = fixtureTraces().filter((f) => existsSync(path.join(fixtureDir, f.replace(/\.trace(\.gz)?$/, '.slices.json'))));
const KIND_KEYS: Record<string, number> = { user: SliceKind.User, gc: SliceKind.Gc, runtime: SliceKind.Runtime };

describe('trace timeline span store vs x/exp/trace', () => {
  it('has a golden for every trace fixture', () => {
    expect(traces.length).toBe(fixtureTraces().length);
    expect(traces.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of traces) {
    it(`${file}: slices per P, per window and per kind`, () => {
      const golden = JSON.parse(readFileSync(path.join(fixtureDir, file.replace(/\.trace(\.gz)?$/, '.slices.json')), 'utf8')) as SlicesGolden;
      const m = readTraceModel(readFixture(file), quietCtx());
      const spans = m.spans;
      const info = timelineInfo(spans, m.collected);
      expect([info.firstTime, info.lastTime]).toEqual([golden.firstTime, golden.lastTime]);
      expect(info.slices).toBe(golden.slices);
      const perP: Record<string, number> = {};
      const byKind: Record<string, number> = {};
      for (const p of info.procs) {
        const lane = spans.lanes.get(p)!;
        perP[String(p)] = lane.length;
        for (let i = 0; i < lane.length; i++) {
          const k = Object.keys(KIND_KEYS).find((n) => KIND_KEYS[n] === lane.kind.a[i])!;
          byKind[k] = (byKind[k] ?? 0) + 1;
        }
      }
      expect(perP).toEqual(golden.perP);
      expect(byKind).toEqual(golden.byKind);
      // User regions and tasks by name; slices per thread (the per-M lanes).
      expect(byName(spans.user.regions, spans.user.names)).toEqual(golden.regions);
      expect(byName(spans.user.tasks, spans.user.names)).toEqual(golden.tasks);
      const ms = extraLanes(spans, { by: 'm' });
      expect(Object.fromEntries(ms.keys.map((k, i) => [String(k), ms.lanes[i].length]))).toEqual(golden.perM);
      expect(golden.windows.length).toBeGreaterThanOrEqual(4);
      for (const w of golden.windows) {
        const counted: Record<string, number> = {};
        const tile = timelineTile(spans, m.collected, w.t0, w.t1, 800);
        for (const p of info.procs) {
          const n = countInWindow(spans.lanes.get(p)!, w.t0, w.t1);
          if (n) counted[String(p)] = n;
        }
        expect(counted, w.why).toEqual(w.perP);
        const fromTile: Record<string, number> = {};
        for (const l of tile.lanes) {
          let sum = 0;
          for (let j = 0; j < l.items.length; j += ITEM) sum += l.items[j + 4];
          expect(sum, `${w.why} P${l.p}`).toBe(l.count);
          if (l.count) fromTile[String(l.p)] = l.count;
          // About one item per pixel: singles are a pixel wide or more, merged blocks a pixel apart.
          expect(l.items.length / ITEM, `${w.why} P${l.p} items`).toBeLessThanOrEqual(2 * 800 + 1);
        }
        expect(fromTile, w.why).toEqual(w.perP);
        expect(tileCount(tile.regions), `${w.why} regions`).toBe(w.regions);
        expect(tileCount(tile.tasks), `${w.why} tasks`).toBe(w.tasks);
        expect(tile.regionNames.length).toBe(tile.regions.length / ITEM);
        const mTile = timelineTile(spans, m.collected, w.t0, w.t1, 800, { by: 'm' }).extra!;
        expect(Object.fromEntries(mTile.lanes.filter((l) => l.count).map((l) => [String(l.p), l.count])), `${w.why} per M`).toEqual(w.perM);
        // A selected range: CPU per goroutine (top 10), GC mark-worker CPU, time in GC cycles, STWs.
        const st = rangeStats(spans, m.collected, w.t0, w.t1);
        const { topByCpu, ...rest } = w.stats;
        expect({ cpuNs: st.cpuNs, gcWorkerNs: st.gcWorkerNs, gcNs: st.gcNs, stws: st.stws, stwNs: st.stwNs, goroutines: st.goroutines }, `${w.why} stats`).toEqual(rest);
        expect(st.topByCpu, `${w.why} top`).toEqual(topByCpu);
        // A click in the middle of each P's first slice finds its goroutine, times and the stack where it stopped.
        for (const [p, f] of Object.entries(w.first)) {
          const d = sliceAt(spans, Number(p), (f.start + f.end) / 2, 0)!;
          expect([d.g, d.start, d.end], `${w.why} P${p}`).toEqual([f.g, f.start, f.end]);
          // A frame without a function name is shown as "?".
          expect((d.stack[0]?.split(' ')[0] ?? '').replace(/^\?$/, ''), `${w.why} P${p} stack`).toBe(f.top);
          expect((d.startStack[0]?.split(' ')[0] ?? '').replace(/^\?$/, ''), `${w.why} P${p} start stack`).toBe(f.startTop);
        }
      }
    });
  }
});

describe('trace timeline window query', () => {
  const m = readTraceModel(readFixture('go126-mixed.trace'), quietCtx());
  const info = timelineInfo(m.spans, m.collected);

  it('zooming in shows single slices where the whole trace shows merged blocks', () => {
    const whole = timelineTile(m.spans, m.collected, info.firstTime, info.lastTime + 1, 1000);
    const merged = whole.lanes.flatMap((l) => Array.from({ length: l.items.length / ITEM }, (_, j) => l.items[j * ITEM + 4])).filter((n) => n > 1);
    expect(merged.length).toBeGreaterThan(0);
    const p = info.procs[0];
    const lane = m.spans.lanes.get(p)!;
    const s = lane.start.a[100];
    const e = lane.end.a[100];
    const zoom = timelineTile(m.spans, m.collected, s, e, 1000).lanes.find((l) => l.p === p)!;
    expect(zoom.count).toBe(1);
    expect([zoom.items[0], zoom.items[1], zoom.items[2], zoom.items[4]]).toEqual([s, e, lane.g.a[100], 1]);
  });

  it('a click finds the slice with its goroutine, times, end and stack', () => {
    const p = info.procs[0];
    const lane = m.spans.lanes.get(p)!;
    let i = 0;
    while (i < lane.length && lane.endStack.a[i] < 0) i++;
    expect(i).toBeLessThan(lane.length);
    const d = sliceAt(m.spans, p, (lane.start.a[i] + lane.end.a[i]) / 2, 0)!;
    expect([d.g, d.start, d.end]).toEqual([lane.g.a[i], lane.start.a[i], lane.end.a[i]]);
    expect(d.stack.length).toBeGreaterThan(0);
    expect(d.stack[0]).toMatch(/\S+ \S+:\d+$/);
    expect(SLICE_KIND_NAMES).toContain(d.kind);
    expect(d.ended.length).toBeGreaterThan(3);
    expect(sliceAt(m.spans, 9999, lane.start.a[i], 0)).toBeNull();
    // When it next ran: the earliest later slice of the same goroutine on any P, by a plain scan.
    let next: { start: number; p: number } | null = null;
    for (const l of m.spans.lanes.values()) {
      for (let j = 0; j < l.length; j++) {
        if (l.g.a[j] === d.g && l.start.a[j] >= d.end && (!next || l.start.a[j] < next.start)) next = { start: l.start.a[j], p: l.p };
      }
    }
    expect(next).not.toBeNull();
    expect([d.nextStart, d.nextP]).toEqual([next!.start, next!.p]);
  });

  it('counters are thinned to at most one point per pixel column plus the value at the window start', () => {
    const t = timelineTile(m.spans, m.collected, info.firstTime, info.lastTime, 200);
    expect(m.collected.heapT.length).toBeGreaterThan(400);
    expect(t.heap.length / 2).toBeLessThanOrEqual(201);
    expect(t.heap.length).toBeGreaterThan(20);
    expect(Math.max(...t.heap.filter((_, i) => i % 2 === 1))).toBe(info.maxHeap > 0 ? Math.max(...m.collected.heapV.toArray()) : 0);
    // Each column's point: its first sample's time and its largest value, as a plain scan finds them.
    const heapT = m.collected.heapT.toArray();
    const heapV = m.collected.heapV.toArray();
    const px = (info.lastTime - info.firstTime) / 200;
    const want: number[] = [];
    let col = -1;
    heapT.forEach((ht, i) => {
      if (ht < info.firstTime || ht >= info.lastTime) return;
      const c = Math.floor((ht - info.firstTime) / px);
      if (c !== col) want.push(ht, heapV[i]);
      else want[want.length - 1] = Math.max(want[want.length - 1], heapV[i]);
      col = c;
    });
    const got = Array.from(t.heap);
    if (heapT[0] < info.firstTime) got.splice(0, 2);
    expect(got).toEqual(want);
    expect(t.goroutines.length).toBeGreaterThan(2);
    expect(t.stw.length / ITEM).toBeGreaterThan(0);
    expect(t.stwReasons.length).toBe(t.stw.length / ITEM);
  });
});

describe('trace timeline lanes per goroutine', () => {
  const golden = JSON.parse(readFileSync(path.join(fixtureDir, 'go126-mixed.slices.json'), 'utf8')) as SlicesGolden;
  const m = readTraceModel(readFixture('go126-mixed.trace'), quietCtx());

  it("a goroutine's lane holds its CPU time in a window as x/exp/trace counts it", () => {
    const x = extraLanes(m.spans, { by: 'g', func: '', state: '', minNs: 0 });
    expect(x.keys.length).toBeGreaterThan(3);
    expect(x.matched).toBeGreaterThanOrEqual(x.keys.length);
    let checked = 0;
    for (const w of golden.windows) {
      for (const { g, ns } of w.stats.topByCpu) {
        const i = x.keys.indexOf(g);
        if (i < 0) continue;
        const l = x.lanes[i];
        let sum = 0;
        for (let j = 0; j < l.length; j++) sum += Math.max(0, Math.min(l.end.a[j], w.t1) - Math.max(l.start.a[j], w.t0));
        expect(sum, `${w.why} G${g}`).toBe(ns);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('filters by a function on the stacks, by how slices ended and by running time', () => {
    const all = extraLanes(m.spans, { by: 'g', func: '', state: '', minNs: 0 });
    const sleepers = extraLanes(m.spans, { by: 'g', func: 'time.sleep', state: '', minNs: 0 });
    expect(sleepers.matched).toBeGreaterThan(0);
    expect(sleepers.matched).toBeLessThan(all.matched);
    for (const l of sleepers.lanes) {
      let hit = false;
      for (let j = 0; j < l.length && !hit; j++) hit = l.endStack.a[j] >= 0 && m.spans.stacks[l.endStack.a[j]].some((f) => f.startsWith('time.Sleep'));
      expect(hit, `G${l.p}`).toBe(true);
    }
    const syscall = extraLanes(m.spans, { by: 'g', func: '', state: 'syscall', minNs: 0 });
    for (const l of syscall.lanes) expect(Array.from(l.endState.a).includes(GoState.Syscall) || l.length === 0, `G${l.p}`).toBe(true);
    const long = extraLanes(m.spans, { by: 'g', func: '', state: '', minNs: 50e6 });
    expect(long.matched).toBeLessThan(all.matched);
    for (const l of long.lanes) expect(Array.from(l.end.a).reduce((s, e, j) => s + e - l.start.a[j], 0)).toBeGreaterThanOrEqual(50e6);
  });
});

describe('trace timeline within a byte budget', () => {
  const golden = JSON.parse(readFileSync(path.join(fixtureDir, 'go126-mixed.slices.json'), 'utf8')) as SlicesGolden;
  const budget = 6 << 20;
  const m = readTraceModel(readFixture('go126-mixed.trace'), { ...quietCtx(), limits: { timelineBytes: budget } });
  const spans = m.spans;
  const info = timelineInfo(spans, m.collected);

  it('keeps single slices up to the budget, blocks after it, and every slice counted', () => {
    expect(golden.slices * SLICE_BYTES).toBeGreaterThan(budget);
    expect(info.coarseFrom).not.toBeNull();
    expect(info.coarseFrom!).toBeGreaterThan(info.firstTime);
    expect(info.coarseFrom!).toBeLessThan(info.lastTime);
    const bytes = [...spans.lanes.values()].reduce((n, l) => n + l.bytes(), 0);
    expect(bytes).toBeLessThanOrEqual(budget);
    expect(info.slices).toBe(golden.slices);
    expect(Object.fromEntries(info.procs.map((p) => [String(p), spans.lanes.get(p)!.total]))).toEqual(golden.perP);
    // Kept one by one: the same slices as with no budget, up to where the budget ran out.
    const whole = readTraceModel(readFixture('go126-mixed.trace'), quietCtx()).spans;
    for (const p of info.procs) {
      const a = spans.lanes.get(p)!;
      const b = whole.lanes.get(p)!;
      expect(a.length).toBeGreaterThan(0);
      expect(Array.from(a.start.a)).toEqual(Array.from(b.start.a.subarray(0, a.length)));
      expect(Array.from(a.g.a)).toEqual(Array.from(b.g.a.subarray(0, a.length)));
    }
  });

  it('windows before the budget ran out are exact; after it, blocks hold every slice of the window', () => {
    let before = 0;
    let after = 0;
    for (const w of golden.windows) {
      const tile = timelineTile(spans, m.collected, w.t0, w.t1, 800);
      const got = Object.fromEntries(tile.lanes.filter((l) => l.count).map((l) => [String(l.p), l.count]));
      for (const l of tile.lanes) expect(l.items.length / ITEM, `${w.why} P${l.p} items`).toBeLessThanOrEqual(2 * 800 + 1);
      if (w.t1 <= info.coarseFrom!) {
        expect(got, w.why).toEqual(w.perP);
        before++;
      } else if (w.t0 === golden.windows[0].t0) expect(got, w.why).toEqual(w.perP);
      else {
        // Blocks at the window's edges bring slices just outside it, never fewer.
        for (const [p, n] of Object.entries(w.perP)) expect(got[p] ?? 0, `${w.why} P${p}`).toBeGreaterThanOrEqual(n);
        after++;
      }
    }
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    // A range over the whole trace: the blocks' running time adds up to the CPU time x/exp/trace counts.
    const all = golden.windows[0];
    const st = rangeStats(spans, m.collected, all.t0, all.t1);
    expect([st.cpuNs, st.gcWorkerNs, st.coarseFrom]).toEqual([all.stats.cpuNs, all.stats.gcWorkerNs, info.coarseFrom]);
  });

  it('a smaller budget: blocks grow longer (pairs merged) to stay in their quarter, still every slice counted', () => {
    const small = 1 << 20;
    const s2 = readTraceModel(readFixture('go126-mixed.trace'), { ...quietCtx(), limits: { timelineBytes: small } }).spans;
    expect(s2.blockNs).toBeGreaterThan(10_000);
    expect([...s2.lanes.values()].reduce((n, l) => n + l.bytes(), 0)).toBeLessThanOrEqual(small);
    expect(Object.fromEntries(s2.procs().map((p) => [String(p), s2.lanes.get(p)!.total]))).toEqual(golden.perP);
  });
});
