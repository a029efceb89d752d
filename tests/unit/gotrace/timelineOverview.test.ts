// The overview kept at the head of a timeline's file (timelineOverview.ts,
// timelineFile.ts) draws the whole trace before the columns are read: on
// every trace fixture, at the widths a view asks, it must give the tile the
// store gives for the same window (same slices, pauses, tasks, regions and
// counter peaks), and nothing for another window; damaged bytes must give a
// named error, never a tile the view cannot draw.

import { describe, expect, it } from 'vitest';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { ITEM, timelineInfo, timelineTile, type TimelineTile } from '../../../src/analysis/gotrace/timelineQuery';
import { OVERVIEW_WIDTH, overviewOf, overviewTile } from '../../../src/analysis/gotrace/timelineOverview';
import { decodeOverview, encodeTimelineFile, timelineFileParts } from '../../../src/analysis/gotrace/timelineFile';
import { decodeTimeline, encodeTimeline } from '../../../src/analysis/gotrace/timelineSnapshot';
import { concatBytes } from '../../../src/lib/concatBytes';
import { fixtureTraces, quietCtx, readFixture } from './helpers';

const join = (parts: Uint8Array[]) => concatBytes(parts, parts.reduce((n, p) => n + p.length, 0));

const sum = (a: Float64Array) => {
  let n = 0;
  for (let j = 0; j < a.length; j += ITEM) n += a[j + 4];
  return n;
};
const peak = (pairs: Float64Array) => {
  let m = -Infinity;
  for (let j = 1; j < pairs.length; j += 2) m = Math.max(m, pairs[j]);
  return m;
};
const inWindow = (a: Float64Array, t0: number, t1: number) => {
  for (let j = 0; j < a.length; j += ITEM) if (!(a[j] < t1 && a[j + 1] > t0)) return false;
  return true;
};

/** What a person sees of a tile: the count on each lane, the pauses and their reasons, tasks and regions, the counters' peaks. */
function seen(t: TimelineTile) {
  return {
    lanes: t.lanes.map((l) => [l.p, l.count, inWindow(l.items, t.t0, t.t1)]),
    gc: sum(t.gc),
    stw: sum(t.stw),
    stwReasons: new Set(t.stwReasons),
    tasks: sum(t.tasks),
    taskNames: new Set(t.taskNames),
    regions: sum(t.regions),
    regionNames: new Set(t.regionNames),
    heap: peak(t.heap),
    goal: peak(t.goal),
    goroutines: peak(t.goroutines),
  };
}

describe.each(fixtureTraces())('%s: overview of the whole trace', (name) => {
  const m = readTraceModel(readFixture(name), quietCtx());
  const info = timelineInfo(m.spans, m.collected);
  const t0 = info.firstTime;
  const t1 = info.lastTime + 1;

  it('kept in the file and read back, it gives the whole window as the store does, at every width a view asks', () => {
    const file = join(encodeTimelineFile(m.spans, m.collected)!);
    const parts = timelineFileParts(file.subarray(0, 16), file.length);
    const o = decodeOverview(file.slice(...parts.overview!).buffer);
    expect(o.info).toEqual(info);
    for (const width of [390, 1200, 2560, OVERVIEW_WIDTH]) {
      const store = timelineTile(m.spans, m.collected, t0, t1, width);
      const early = overviewTile(o, t0, t1, width, false)!;
      expect(early.width).toBe(width);
      expect(seen(early)).toEqual(seen(store));
      // Merged at the same pixel, so about as many items to draw (never more than the width allows).
      for (const [k, l] of early.lanes.entries()) {
        expect(l.items.length / ITEM).toBeLessThanOrEqual(2 * width + 2);
        expect(Math.abs(l.items.length - store.lanes[k].items.length) / ITEM).toBeLessThanOrEqual(Math.max(3, (0.1 * store.lanes[k].items.length) / ITEM));
      }
    }
    // The columns after it are the timeline's own file.
    expect(decodeTimeline(file.slice(...parts.timeline).buffer).spans.lastTime).toBe(m.spans.lastTime);
  });

  it('gives nothing for another window, a wider view, or extra lanes: those wait for the columns', () => {
    const o = overviewOf(m.spans, m.collected);
    expect(overviewTile(o, t0, (t0 + t1) / 2, 800, false)).toBeNull();
    expect(overviewTile(o, t0, t1, OVERVIEW_WIDTH + 1, false)).toBeNull();
    expect(overviewTile(o, t0, t1, 800, true)).toBeNull();
    // Fresh arrays each time (the worker transfers them).
    expect(overviewTile(o, t0, t1, 800, false)!.lanes[0].items).not.toBe(overviewTile(o, t0, t1, 800, false)!.lanes[0].items);
  });
});

describe('the file layouts', () => {
  const m = readTraceModel(readFixture('go126-mixed.trace'), quietCtx());
  const file = join(encodeTimelineFile(m.spans, m.collected)!);
  const parts = timelineFileParts(file.subarray(0, 16), file.length);
  const [a, b] = parts.overview!;

  it('a layout-1 file (the columns alone, as older pages kept them) has no overview', () => {
    const old = join(encodeTimeline(m.spans, m.collected)!);
    expect(timelineFileParts(old.subarray(0, 16), old.length)).toEqual({ overview: null, timeline: [0, old.length] });
  });

  it('a cut or foreign file, another layout: named errors', () => {
    expect(() => timelineFileParts(file.subarray(0, 8), file.length)).toThrow(/the stored timeline is damaged: it is too short/);
    expect(() => timelineFileParts(file.subarray(0, 16), b - 1)).toThrow(/its overview is longer than the file/);
    const other = file.slice(0, 16);
    other[8] = 7;
    expect(() => timelineFileParts(other, file.length)).toThrow(/layout 7, this page reads layouts 1 and 2/);
    expect(() => timelineFileParts(new TextEncoder().encode('{"not":"a timeline"}'), 20)).toThrow(/not a timeline/);
    for (const n of [0, 15, 16, b - a - 1]) expect(() => decodeOverview(file.slice(a, a + n).buffer)).toThrow(/the stored timeline is damaged/);
  });

  it('any byte of the overview changed: a named error, or a tile the view can draw', () => {
    const headerEnd = a + 16 + new DataView(file.buffer).getUint32(a + 12, true);
    const info = timelineInfo(m.spans, m.collected);
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    let refused = 0;
    for (let k = 0; k < 200; k++) {
      const bad = file.slice(a, b);
      const at = k % 2 === 0 ? 16 + Math.floor(rand() * (headerEnd - a - 16)) : headerEnd - a + Math.floor(rand() * (b - headerEnd));
      bad[at] ^= 1 + Math.floor(rand() * 255);
      try {
        const o = decodeOverview(bad.buffer);
        const t = overviewTile(o, o.tile.t0, o.tile.t1, 800, false);
        for (const x of [t?.gc, t?.stw, t?.tasks, ...(t?.lanes.map((l) => l.items) ?? [])]) if (x) expect(x.every(Number.isFinite)).toBe(true);
        expect(o.info.procs.every(Number.isSafeInteger)).toBe(true);
      } catch (e) {
        expect((e as Error).message).toMatch(/^the stored timeline is damaged: /);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(60);
    expect(info.procs.length).toBeGreaterThan(0);
  });
});
