// The whole trace as the timeline first shows it, kept small beside the
// timeline's file (./timelineSnapshot.ts) so that a reopened session draws
// its timeline before the file's columns are read (issue 19, part 5): on a
// 1 GB trace those are ~230 MiB, and reading them back from IndexedDB takes
// over a second.
//
// It is the tile of the whole window at OVERVIEW_WIDTH pixels plus the
// timeline's info. The view asks for the whole window at its own width (at
// most OVERVIEW_WIDTH): the tile is merged again at that width with the
// query's own Merger, so items, counts and names follow the same rules as a
// tile made from the store. Any other window waits for the columns.

import { ITEM, MAX_WIDTH, Merger, timelineInfo, timelineTile, type LaneTile, type TimelineInfo, type TimelineTile } from './timelineQuery';
import type { SpanStore } from './spanStore';
import { joinF64 } from '../../lib/columns';
import type { TimelineCounters } from './timelineCounters';

/** Pixels of the kept tile: wider than any view but a 4K screen's (the canvas is never wider than MAX_WIDTH). */
export const OVERVIEW_WIDTH = 4096;

export interface TimelineOverview {
  info: TimelineInfo;
  /** The window [info.firstTime, info.lastTime + 1) at OVERVIEW_WIDTH pixels, without extra lanes. */
  tile: TimelineTile;
}

/** The overview of a read trace's timeline (after the store's finish()). */
export function overviewOf(spans: SpanStore, c: TimelineCounters): TimelineOverview {
  const info = timelineInfo(spans, c);
  return { info, tile: timelineTile(spans, c, info.firstTime, info.lastTime + 1, OVERVIEW_WIDTH) };
}

/** Item j of a kept tile into `m`: one slice, or a block of several (its count). */
function feed(m: Merger, items: Float64Array, j: number): void {
  const n = items[j + 4];
  if (n === 1) m.add(items[j], items[j + 1], items[j + 2], items[j + 3]);
  else m.addBlock(items[j], items[j + 1], items[j + 2], items[j + 3], n);
}

/** `items` merged again `px` wide, with how many slices they hold. */
function remerge(items: Float64Array, px: number): { items: Float64Array; count: number } {
  const m = new Merger(px);
  for (let j = 0; j < items.length; j += ITEM) feed(m, items, j);
  return { items: m.done(), count: m.count };
}

/** An item's text (a pause's reason, a task's name) by its id, from the kept tile. */
function textById(items: Float64Array, texts: string[]): Map<number, string> {
  const m = new Map<number, string>();
  for (let j = 0, k = 0; j < items.length; j += ITEM, k++) if (!m.has(items[j + 2])) m.set(items[j + 2], texts[k] ?? '');
  return m;
}

const textsOf = (items: Float64Array, byId: Map<number, string>): string[] => {
  const out: string[] = [];
  for (let j = 0; j < items.length; j += ITEM) out.push(byId.get(items[j + 2]) ?? '');
  return out;
};

/** User tasks or regions: one Merger per row (the item's kind), rows in order, as the query does. */
function userRemerge(items: Float64Array, names: string[], px: number): { items: Float64Array; names: string[] } {
  const rows = new Map<number, Merger>();
  for (let j = 0; j < items.length; j += ITEM) {
    const r = items[j + 3];
    if (!rows.has(r)) rows.set(r, new Merger(px));
    feed(rows.get(r)!, items, j);
  }
  const merged = joinF64([...rows.keys()].sort((a, b) => a - b).map((r) => rows.get(r)!.done()));
  return { items: merged, names: textsOf(merged, textById(items, names)) };
}

/** (time, value) pairs thinned again to one per `px` column (its first time, its largest value); the value in force at t0 stays first. */
function rethin(pairs: Float64Array, t0: number, px: number): Float64Array {
  const out: number[] = [];
  let col = NaN;
  for (let j = 0; j < pairs.length; j += 2) {
    const c = j === 0 ? -1 : Math.floor((pairs[j] - t0) / px);
    if (c === col && out.length) out[out.length - 1] = Math.max(out[out.length - 1], pairs[j + 1]);
    else out.push(pairs[j], pairs[j + 1]);
    col = c;
  }
  return Float64Array.from(out);
}

/**
 * The tile of window [t0, t1) at `width` pixels from the overview, or null
 * when the overview cannot give it (another window, a wider view, extra lanes).
 * New arrays every time: the caller may transfer them.
 */
export function overviewTile(o: TimelineOverview, t0: number, t1: number, width: number, extraLanes: boolean): TimelineTile | null {
  const w = Math.max(1, Math.min(MAX_WIDTH, Math.floor(width) || 1));
  const k = o.tile;
  if (extraLanes || t0 !== k.t0 || t1 !== k.t1 || w > k.width) return null;
  const px = (t1 - t0) / w;
  const lanes: LaneTile[] = k.lanes.map((l) => {
    const r = remerge(l.items, px);
    return { p: l.p, count: r.count, items: r.items };
  });
  const stw = remerge(k.stw, px).items;
  const tasks = userRemerge(k.tasks, k.taskNames, px);
  const regions = userRemerge(k.regions, k.regionNames, px);
  return {
    t0,
    t1,
    width: w,
    lanes,
    extra: null,
    gc: remerge(k.gc, px).items,
    stw,
    stwReasons: textsOf(stw, textById(k.stw, k.stwReasons)),
    tasks: tasks.items,
    taskNames: tasks.names,
    regions: regions.items,
    regionNames: regions.names,
    heap: rethin(k.heap, t0, px),
    goal: rethin(k.goal, t0, px),
    goroutines: rethin(k.goroutines, t0, px),
  };
}
