// What the timeline shows of a window [t0, t1) drawn `width` pixels wide:
// per P lane the slices that overlap it, those shorter than a pixel merged
// with their neighbours into "many" blocks (with the count), so a lane has
// about one item per pixel whatever the zoom; GC cycles and stop-the-worlds
// likewise; the heap, heap goal and goroutine count thinned to one point
// (the largest value) per pixel column. Pure: reads the span store
// (./spanStore.ts) and the collector (./collect.ts).

import type { TimelineCounters } from './timelineCounters';
import { SLICE_KIND_NAMES, TRACE_END, type Lane, type SpanStore } from './spanStore';
import type { UserLane } from './userSpans';
import { extraLanes, type LaneFilter } from './timelineLanes';
import { GoState } from '../../formats/gotrace/spec';
import { joinF64 } from '../../lib/columns';

/** Values per item of a tile: start, end, id (goroutine, GC cycle or STW index), kind, count (>1: merged). */
export const ITEM = 5;
/** Kind of a merged item whose slices are of more than one kind. */
export const KIND_MIXED = 3;
/** Widest window asked for, in pixels (the canvas is never wider). */
export const MAX_WIDTH = 8192;

export interface LaneTile {
  p: number;
  /** Slices overlapping the window (the sum of the items' counts). */
  count: number;
  items: Float64Array;
}

export interface TimelineTile {
  t0: number;
  t1: number;
  width: number;
  lanes: LaneTile[];
  /** Lanes per thread or per goroutine when asked for (`p` is the M or goroutine id), with how many goroutines matched. */
  extra: { by: 'm' | 'g'; lanes: LaneTile[]; matched: number } | null;
  gc: Float64Array;
  stw: Float64Array;
  /** Reason of each STW item (of its first pause when merged). */
  stwReasons: string[];
  /** User tasks and regions: items as lanes' (id: the name's index in `*Names`, kind: the row), with each item's name. */
  tasks: Float64Array;
  taskNames: string[];
  regions: Float64Array;
  regionNames: string[];
  /** (time, value) pairs, one per pixel column at most, plus the value in force at t0. */
  heap: Float64Array;
  goal: Float64Array;
  goroutines: Float64Array;
}

export interface TimelineInfo {
  firstTime: number;
  lastTime: number;
  procs: number[];
  slices: number;
  gcCycles: number;
  stws: number;
  maxHeap: number;
  maxGoroutines: number;
  /** When the store's byte budget ran out: from then on lanes hold blocks of `blockNs`, not single slices (null: never). */
  coarseFrom: number | null;
  blockNs: number;
  /** Bytes the store may keep. */
  budgetBytes: number;
  /** User tasks and regions in the trace, and the rows their lanes need. */
  tasks: number;
  regions: number;
  taskRows: number;
  regionRows: number;
}

export interface SliceDetail {
  p: number;
  g: number;
  start: number;
  end: number;
  kind: string;
  /** Why it stopped running, in plain words. */
  ended: string;
  /** Where it stopped (innermost first, "func file:line"); empty when the trace has no stack there. */
  stack: string[];
  /** Where it started running again: the stack where it last stopped before (empty when unknown). */
  startStack: string[];
  /** When the goroutine next started running (on any P), null when it did not in the trace. */
  nextStart: number | null;
  nextP: number | null;
}

/** Slices looked at, at most, to find when a goroutine ran next (a click stays cheap on any trace). */
const NEXT_SCAN = 4_000_000;

/** The first slice of goroutine g starting at or after t, on any lane. */
function nextRun(spans: SpanStore, g: number, t: number): { start: number; p: number } | null {
  let best: { start: number; p: number } | null = null;
  let budget = NEXT_SCAN;
  for (const lane of spans.lanes.values()) {
    const s = lane.start.a;
    const gs = lane.g.a;
    for (let i = firstStartingAt(s, 0, lane.length, t); i < lane.length && budget > 0; i++, budget--) {
      if (best && s[i] >= best.start) break;
      if (gs[i] === g) {
        best = { start: s[i], p: lane.p };
        break;
      }
    }
  }
  return best;
}

/** First index whose value is above t0, in n non-decreasing values (ends, or the largest end so far). */
export function firstAbove(e: Float64Array, n: number, t0: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (e[mid] > t0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The stack where goroutine g last stopped at or before t (its previous slice's end stack, on any lane): where it resumed. */
function prevStack(spans: SpanStore, g: number, t: number): number {
  let best = -Infinity;
  let stack = -1;
  let budget = NEXT_SCAN;
  for (const lane of spans.lanes.values()) {
    const s = lane.start.a;
    const e = lane.end.a;
    const gs = lane.g.a;
    for (let i = firstStartingAt(s, 0, lane.length, t) - 1; i >= 0 && budget > 0; i--, budget--) {
      if (e[i] <= best && !lane.maxEnd) break;
      if (gs[i] === g && e[i] <= t) {
        if (e[i] > best) {
          best = e[i];
          stack = lane.endStack.a[i];
        }
        break;
      }
    }
  }
  return stack;
}

/** First index whose end (or the largest end so far) is after t0. */
const firstEndingAfter = (lane: Lane, t0: number): number => firstAbove(lane.maxEnd ?? lane.end.a, lane.length, t0);

/** Slices of a lane overlapping [t0, t1): start < t1 and end > t0. */
export function countInWindow(lane: Lane, t0: number, t1: number): number {
  const s = lane.start.a;
  const e = lane.end.a;
  let n = 0;
  for (let i = firstEndingAfter(lane, t0); i < lane.length && s[i] < t1; i++) if (e[i] > t0) n++;
  const c = lane.coarse;
  // Blocks overlapping the window count all their slices (the edges are a block long).
  if (c) for (let i = firstAbove(c.maxEnd, c.length, t0); i < c.length && c.start.a[i] < t1; i++) if (c.end.a[i] > t0) n += c.count.a[i];
  return n;
}

/** Merges spans shorter than `px` (and gaps shorter than `px` between them) into counted blocks. */
export class Merger {
  out: number[] = [];
  count = 0;
  private open = false;
  private ps = 0;
  private pe = 0;
  private pid = 0;
  private pk = 0;
  private pn = 0;
  constructor(private readonly px: number) {}

  add(s: number, e: number, id: number, kind: number): void {
    if (e - s >= this.px) {
      this.count++;
      this.flush();
      this.out.push(s, e, id, kind, 1);
    } else this.addBlock(s, e, id, kind, 1);
  }

  /** `n` short spans from s to e, merged with the open block when less than a pixel apart. */
  addBlock(s: number, e: number, id: number, kind: number, n: number): void {
    this.count += n;
    if (this.open && s - this.pe < this.px) {
      if (e > this.pe) this.pe = e;
      if (kind !== this.pk) this.pk = KIND_MIXED;
      this.pn += n;
      return;
    }
    this.flush();
    this.open = true;
    this.ps = s;
    this.pe = e;
    this.pid = id;
    this.pk = kind;
    this.pn = n;
  }

  flush(): void {
    if (this.open) this.out.push(this.ps, this.pe, this.pid, this.pk, this.pn);
    this.open = false;
  }

  done(): Float64Array {
    this.flush();
    return Float64Array.from(this.out);
  }
}

/** First index in [lo, hi) whose start is at or after t. */
function firstStartingAt(s: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One lane's items in [t0, t1). Slices a pixel long or more are items of
 * their own; the short ones starting within a pixel of each other are taken
 * as one block by binary search, so the cost follows the pixels, not the
 * slices (a lane of millions of slices seen whole costs about `width` steps).
 */
function laneTile(lane: Lane, t0: number, t1: number, px: number): LaneTile {
  const m = new Merger(px);
  const s = lane.start.a;
  const e = lane.end.a;
  const g = lane.g.a;
  const k = lane.kind.a;
  const lo = firstEndingAfter(lane, t0);
  if (lane.maxEnd) {
    // Ends out of order (never seen in a valid trace): slice by slice.
    for (let i = lo; i < lane.length && s[i] < t1; i++) if (e[i] > t0) m.add(s[i], e[i], g[i], k[i]);
    coarseItems(lane, m, t0, t1);
    return { p: lane.p, count: m.count, items: m.done() };
  }
  const hi = firstStartingAt(s, lo, lane.length, t1);
  let i = lo;
  while (i < hi) {
    if (e[i] - s[i] >= px) {
      m.add(s[i], e[i], g[i], k[i]);
      i++;
      continue;
    }
    // Every slice starting within a pixel of this one; a long last one stays on its own.
    let j = firstStartingAt(s, i + 1, hi, s[i] + px);
    if (j - 1 > i && e[j - 1] - s[j - 1] >= px) j--;
    m.addBlock(s[i], e[j - 1], g[i], k[i] === k[j - 1] ? k[i] : KIND_MIXED, j - i);
    i = j;
  }
  coarseItems(lane, m, t0, t1);
  return { p: lane.p, count: m.count, items: m.done() };
}

/** A lane's coarse blocks in [t0, t1), each as a block of its slices (goroutine -1: not known). */
function coarseItems(lane: Lane, m: Merger, t0: number, t1: number): void {
  const c = lane.coarse;
  if (!c) return;
  for (let i = firstAbove(c.maxEnd, c.length, t0); i < c.length && c.start.a[i] < t1; i++) if (c.end.a[i] > t0) m.addBlock(c.start.a[i], c.end.a[i], -1, c.kind.a[i], c.count.a[i]);
}

/** Samples per block of the block maxima that let a pixel column's largest value be found without visiting every sample. */
const BLOCK = 256;
const blockMaxima = new WeakMap<object, Float64Array>();

function blockMax(key: object, n: number, vAt: (i: number) => number): Float64Array {
  let b = blockMaxima.get(key);
  if (b && b.length === Math.ceil(n / BLOCK)) return b;
  b = new Float64Array(Math.ceil(n / BLOCK)).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const v = vAt(i);
    if (v > b[i >>> 8]) b[i >>> 8] = v;
  }
  blockMaxima.set(key, b);
  return b;
}

function lowerBound(n: number, tAt: (i: number) => number, t: number, lo = 0): number {
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tAt(mid) >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * (time, value) of a series in [t0, t1): the value in force at t0, then per
 * pixel column holding samples the time of its first one and its largest
 * value. Costs about width × (log n + 2 × BLOCK), whatever the series length.
 */
function thin(key: object, n: number, tAt: (i: number) => number, vAt: (i: number) => number, t0: number, t1: number, px: number): Float64Array {
  const blocks = blockMax(key, n, vAt);
  let i = lowerBound(n, tAt, t0);
  const out: number[] = [];
  if (i > 0) out.push(t0, vAt(i - 1));
  while (i < n) {
    const t = tAt(i);
    if (t >= t1) break;
    const col = Math.floor((t - t0) / px);
    const j = lowerBound(n, tAt, Math.min(t1, t0 + (col + 1) * px), i + 1);
    let max = -Infinity;
    let k = i;
    for (; k < j && (k & (BLOCK - 1)) !== 0; k++) max = Math.max(max, vAt(k));
    for (; k + BLOCK <= j; k += BLOCK) max = Math.max(max, blocks[k >>> 8]);
    for (; k < j; k++) max = Math.max(max, vAt(k));
    out.push(t, max);
    i = j;
  }
  return Float64Array.from(out);
}

/** One user lane's items in [t0, t1): a Merger per row, so spans on different rows never merge. */
function userTile(u: UserLane, names: string[], t0: number, t1: number, px: number): { items: Float64Array; names: string[] } {
  const rows = Array.from({ length: u.rows }, () => new Merger(px));
  const s = u.start.a;
  const e = u.end.a;
  for (let i = firstAbove(u.maxEnd, u.length, t0); i < u.length && s[i] < t1; i++) if (e[i] > t0) rows[u.row.a[i]].add(s[i], e[i], u.name.a[i], u.row.a[i]);
  const items = joinF64(rows.map((m) => m.done()));
  const out: string[] = [];
  for (let j = 0; j < items.length; j += ITEM) out.push(names[items[j + 2]] ?? '');
  return { items, names: out };
}

/** The window [t0, t1) at `width` pixels (clamped to the trace and to 1..MAX_WIDTH). */
export function timelineTile(spans: SpanStore, c: TimelineCounters, t0: number, t1: number, width: number, filter: LaneFilter | null = null): TimelineTile {
  width = Math.max(1, Math.min(MAX_WIDTH, Math.floor(width) || 1));
  if (!(t1 > t0)) t1 = t0 + 1;
  const px = (t1 - t0) / width;
  const lanes: LaneTile[] = [];
  for (const p of spans.procs()) {
    const lane = spans.lanes.get(p)!;
    lanes.push(laneTile(lane, t0, t1, px));
  }
  let extra: TimelineTile['extra'] = null;
  if (filter) {
    const x = extraLanes(spans, filter);
    extra = { by: filter.by, lanes: x.lanes.map((l) => laneTile(l, t0, t1, px)), matched: x.matched };
  }
  const first = c.firstTime;
  const last = c.lastTime;
  const gcM = new Merger(px);
  for (let i = 0; i < c.gcStart.length; i++) {
    const s = c.gcStart[i] < 0 ? first : c.gcStart[i];
    const e = c.gcEnd[i] < 0 ? last : c.gcEnd[i];
    if (s < t1 && e > t0) gcM.add(s, e, i, 0);
  }
  const stwM = new Merger(px);
  const stwReasons: string[] = [];
  for (let i = 0; i < c.stwStart.length; i++) {
    const s = c.stwStart[i];
    const e = c.stwEnd[i] < 0 ? last : c.stwEnd[i];
    if (s < t1 && e > t0) stwM.add(s, e, i, 0);
  }
  const stw = stwM.done();
  for (let j = 0; j < stw.length; j += ITEM) stwReasons.push(c.stwReason[stw[j + 2]] ?? '');
  const heap = thin(c.heapV, c.heapT.length, (i) => c.heapT.get(i), (i) => c.heapV.get(i), t0, t1, px);
  const goal = thin(c.goalV, c.goalT.length, (i) => c.goalT[i], (i) => c.goalV[i], t0, t1, px);
  const gs = spans;
  const goroutines = thin(gs.goroutinesV, gs.goroutinesT.length, (i) => gs.goroutinesT.get(i), (i) => gs.goroutinesV.get(i), t0, t1, px);
  const tasks = userTile(spans.user.tasks, spans.user.names, t0, t1, px);
  const regions = userTile(spans.user.regions, spans.user.names, t0, t1, px);
  return { t0, t1, width, lanes, extra, gc: gcM.done(), stw, stwReasons, tasks: tasks.items, taskNames: tasks.names, regions: regions.items, regionNames: regions.names, heap, goal, goroutines };
}

export function timelineInfo(spans: SpanStore, c: TimelineCounters): TimelineInfo {
  const procs = spans.procs();
  let slices = 0;
  for (const p of procs) slices += spans.lanes.get(p)!.total;
  const max = (b: Float64Array) => b.reduce((m, v) => Math.max(m, v), 0);
  const maxHeap = Math.max(max(blockMax(c.heapV, c.heapV.length, (i) => c.heapV.get(i))), max(blockMax(c.goalV, c.goalV.length, (i) => c.goalV[i])));
  const gv = spans.goroutinesV;
  const maxGoroutines = max(blockMax(gv, gv.length, (i) => gv.get(i)));
  const u = spans.user;
  return { firstTime: c.firstTime, lastTime: c.lastTime, procs, slices, gcCycles: c.gcStart.length, stws: c.stwStart.length, maxHeap, maxGoroutines, coarseFrom: spans.coarseFrom, blockNs: spans.blockNs, budgetBytes: spans.budget, tasks: u.tasks.length, regions: u.regions.length, taskRows: u.tasks.rows, regionRows: u.regions.rows };
}

const ENDED: Record<number, string> = {
  [GoState.Runnable]: 'preempted or yielded (runnable again)',
  [GoState.Waiting]: 'blocked',
  [GoState.Syscall]: 'entered a system call',
  [GoState.NotExist]: 'exited',
  [TRACE_END]: 'still running when the trace ends',
};

/** The slice of lane `p` at time t, or the nearest one within `slack` ns; null when none. With a filter, `p` names one of its lanes (an M or a goroutine). */
export function sliceAt(spans: SpanStore, p: number, t: number, slack: number, filter: LaneFilter | null = null): SliceDetail | null {
  let lane = spans.lanes.get(p);
  if (filter) {
    const x = extraLanes(spans, filter);
    lane = x.lanes[x.keys.indexOf(p)];
  }
  if (!lane || lane.length === 0) return null;
  const s = lane.start.a;
  const e = lane.end.a;
  let best = -1;
  let bestD = Infinity;
  for (let i = firstEndingAfter(lane, t - slack); i < lane.length && s[i] <= t + slack; i++) {
    const d = t < s[i] ? s[i] - t : t > e[i] ? t - e[i] : 0;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
    if (d === 0) break;
  }
  if (best < 0 || bestD > slack) return null;
  const st = lane.endState.a[best];
  const ri = lane.endReason.a[best];
  const si = lane.endStack.a[best];
  const ss = prevStack(spans, lane.g.a[best], s[best]);
  let ended = ENDED[st] ?? 'stopped';
  if (st === GoState.Waiting && ri >= 0 && spans.reasons[ri]) ended = `blocked: ${spans.reasons[ri]}`;
  else if (st === GoState.Runnable && ri >= 0 && spans.reasons[ri]) ended = `${ended}: ${spans.reasons[ri]}`;
  const g = lane.g.a[best];
  const next = nextRun(spans, g, e[best]);
  return { p: lane.srcP ? lane.srcP[best] : lane.p, g, start: s[best], end: e[best], kind: SLICE_KIND_NAMES[lane.kind.a[best]] ?? 'user code', ended, stack: si >= 0 ? (spans.stacks[si] ?? []) : [], startStack: ss >= 0 ? (spans.stacks[ss] ?? []) : [], nextStart: next?.start ?? null, nextP: next?.p ?? null };
}
