// The file a saved session keeps for a trace's timeline: a small overview
// of the whole trace first (./timelineOverview.ts), then the timeline's
// columns (./timelineSnapshot.ts), so that a reopen reads the overview alone
// (a Blob slice), draws it, and reads the columns after.
//
// Layout: "GOTUNETL", u32 2, u32 length of the overview, the overview
// ("GOTUNEOV", u32 1, u32 header length, JSON header, 8-aligned columns, as
// the timeline's own file), then the timeline (a layout-1 file, which older
// sessions kept alone and which is still read).
//
// Untrusted on the way back, as the timeline: decodeOverview checks every
// number, length and text before the view draws anything from it.

import { ITEM, MAX_WIDTH, type LaneTile, type TimelineInfo, type TimelineTile } from './timelineQuery';
import { overviewOf, type TimelineOverview } from './timelineOverview';
import { Columns, encodeTimeline, fail, isInt, isNum, isObj, MAX_LANES, MAX_TIMELINE_SNAPSHOT_BYTES, Packer, strings, TIMELINE_SNAPSHOT_VERSION } from './timelineSnapshot';
import type { SpanStore } from './spanStore';
import type { TimelineCounters } from './timelineCounters';

const MAGIC = 'GOTUNETL';
const OVERVIEW_MAGIC = 'GOTUNEOV';
export const TIMELINE_FILE_VERSION = 2;
const OVERVIEW_VERSION = 1;
/** Largest overview: OVERVIEW_WIDTH items on each of many lanes, and the counters. */
const MAX_OVERVIEW_BYTES = 64 * 1024 * 1024;
/** Bytes at the head of the file that say where its parts are. */
export const TIMELINE_FILE_HEAD = 16;
/** Largest file this page writes: its head, the overview and the timeline. */
export const MAX_TIMELINE_FILE_BYTES = TIMELINE_FILE_HEAD + MAX_OVERVIEW_BYTES + MAX_TIMELINE_SNAPSHOT_BYTES;

/** The file's parts for a read trace (null: the timeline is over MAX_TIMELINE_SNAPSHOT_BYTES). */
export function encodeTimelineFile(spans: SpanStore, c: TimelineCounters): Uint8Array[] | null {
  const timeline = encodeTimeline(spans, c);
  if (!timeline) return null;
  const overview = encodeOverview(overviewOf(spans, c));
  const head = new Uint8Array(TIMELINE_FILE_HEAD);
  for (let i = 0; i < MAGIC.length; i++) head[i] = MAGIC.charCodeAt(i);
  const dv = new DataView(head.buffer);
  dv.setUint32(8, TIMELINE_FILE_VERSION, true);
  dv.setUint32(12, overview ? overview.reduce((n, p) => n + p.length, 0) : 0, true);
  return [head, ...(overview ?? []), ...timeline];
}

/**
 * Where the overview and the timeline are in a file of `size` bytes whose
 * first TIMELINE_FILE_HEAD bytes are `head` ([from, to) byte ranges; no
 * overview in a layout-1 file or when none was kept).
 */
export function timelineFileParts(head: Uint8Array, size: number): { overview: [number, number] | null; timeline: [number, number] } {
  if (head.length < TIMELINE_FILE_HEAD || size < TIMELINE_FILE_HEAD) fail('it is too short');
  for (let i = 0; i < MAGIC.length; i++) if (head[i] !== MAGIC.charCodeAt(i)) fail('it is not a timeline');
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const v = dv.getUint32(8, true);
  if (v === TIMELINE_SNAPSHOT_VERSION) return { overview: null, timeline: [0, size] };
  if (v !== TIMELINE_FILE_VERSION) fail(`it is of layout ${v}, this page reads layouts ${TIMELINE_SNAPSHOT_VERSION} and ${TIMELINE_FILE_VERSION}`);
  const n = dv.getUint32(12, true);
  if (n > MAX_OVERVIEW_BYTES || TIMELINE_FILE_HEAD + n > size) fail('its overview is longer than the file');
  const at = TIMELINE_FILE_HEAD + n;
  return { overview: n ? [TIMELINE_FILE_HEAD, at] : null, timeline: [at, size] };
}

function encodeOverview(o: TimelineOverview): Uint8Array[] | null {
  const pack = new Packer();
  const k = o.tile;
  const add = (a: Float64Array) => pack.add(a);
  const header = {
    info: o.info,
    tile: {
      t0: k.t0,
      t1: k.t1,
      width: k.width,
      lanes: k.lanes.map((l) => ({ p: l.p, count: l.count, items: add(l.items) })),
      gc: add(k.gc),
      stw: add(k.stw),
      stwReasons: k.stwReasons,
      tasks: add(k.tasks),
      taskNames: k.taskNames,
      regions: add(k.regions),
      regionNames: k.regionNames,
      heap: add(k.heap),
      goal: add(k.goal),
      goroutines: add(k.goroutines),
    },
  };
  return pack.parts(OVERVIEW_MAGIC, OVERVIEW_VERSION, header, MAX_OVERVIEW_BYTES);
}

const INFO_NUMBERS = ['firstTime', 'lastTime', 'slices', 'gcCycles', 'stws', 'maxHeap', 'maxGoroutines', 'blockNs', 'budgetBytes', 'tasks', 'regions', 'taskRows', 'regionRows'] as const;

function infoOf(x: unknown): TimelineInfo {
  if (!isObj(x)) fail('its overview lacks the trace span');
  for (const k of INFO_NUMBERS) if (!isNum(x[k]) || (k !== 'firstTime' && k !== 'lastTime' && (x[k] as number) < 0)) fail(`its overview's ${k} is not a count or time`);
  if (x.coarseFrom !== null && !isNum(x.coarseFrom)) fail("its overview's coarseFrom is not a time");
  if (!Array.isArray(x.procs) || x.procs.length > MAX_LANES || !x.procs.every(isInt)) fail("its overview's Ps are not a list of numbers");
  if ((x.lastTime as number) < (x.firstTime as number)) fail('its overview ends before it starts');
  const info = {} as Record<string, unknown>;
  for (const k of INFO_NUMBERS) info[k] = x[k];
  return { ...(info as Omit<TimelineInfo, 'procs' | 'coarseFrom'>), procs: [...(x.procs as number[])], coarseFrom: x.coarseFrom as number | null };
}

/** Items: (start, end, id, kind, count) each, finite, ending at or after they start, counting one or more. */
function items(cols: Columns, i: unknown, what: string): Float64Array {
  if (!isInt(i)) fail(`${what} names no column`);
  const a = cols.times(i, what, false);
  if (a.length % ITEM !== 0) fail(`${what} is not a list of items`);
  for (let j = 0; j < a.length; j += ITEM) if (!(a[j + 1] >= a[j]) || !(a[j + 4] >= 1)) fail(`${what}: an item ends before it starts or counts nothing`);
  return a;
}

function pairs(cols: Columns, i: unknown, what: string): Float64Array {
  if (!isInt(i)) fail(`${what} names no column`);
  const a = cols.times(i, what, false);
  if (a.length % 2 !== 0) fail(`${what} is not a list of (time, value) pairs`);
  return a;
}

function texts(x: unknown, n: number, what: string): string[] {
  const s = strings(x, what, n);
  if (s.length !== n) fail(`${what} are not one per item`);
  return s;
}

/** The overview an overview file holds, or an Error saying what is wrong with it. */
export function decodeOverview(buf: ArrayBuffer): TimelineOverview {
  if (buf.byteLength > MAX_OVERVIEW_BYTES) fail('its overview is larger than any this page writes');
  const { header: h, cols } = Columns.read(buf, OVERVIEW_MAGIC, OVERVIEW_VERSION);
  const info = infoOf(h.info);
  const k = h.tile;
  if (!isObj(k) || !isNum(k.t0) || !isNum(k.t1) || !(k.t1 > k.t0) || !isInt(k.width) || k.width < 1 || k.width > MAX_WIDTH) fail("its overview's window is not one");
  if (!Array.isArray(k.lanes) || k.lanes.length > MAX_LANES) fail("its overview's lanes are missing");
  const lanes: LaneTile[] = k.lanes.map((l: unknown, i: number) => {
    if (!isObj(l) || !isInt(l.p) || !isNum(l.count) || l.count < 0) fail(`its overview's lane ${i} lacks its P`);
    return { p: l.p, count: l.count, items: items(cols, l.items, `its overview's lane ${i}`) };
  });
  const stw = items(cols, k.stw, "its overview's stop-the-worlds");
  const tasks = items(cols, k.tasks, "its overview's tasks");
  const regions = items(cols, k.regions, "its overview's regions");
  const tile: TimelineTile = {
    t0: k.t0,
    t1: k.t1,
    width: k.width,
    lanes,
    extra: null,
    gc: items(cols, k.gc, "its overview's GC cycles"),
    stw,
    stwReasons: texts(k.stwReasons, stw.length / ITEM, "its overview's pause reasons"),
    tasks,
    taskNames: texts(k.taskNames, tasks.length / ITEM, "its overview's task names"),
    regions,
    regionNames: texts(k.regionNames, regions.length / ITEM, "its overview's region names"),
    heap: pairs(cols, k.heap, "its overview's heap"),
    goal: pairs(cols, k.goal, "its overview's heap goal"),
    goroutines: pairs(cols, k.goroutines, "its overview's goroutine count"),
  };
  return { info, tile };
}
