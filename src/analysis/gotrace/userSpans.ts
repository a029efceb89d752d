// User tasks and regions (trace.NewTask, trace.WithRegion / StartRegion) for
// the timeline, as columns: a region runs from its begin to the end that
// closes it on the same goroutine (regions nest), a task from its begin to its
// end; one still open when the trace ends ends at the last event, an end whose
// begin came before the trace started begins at the first event (as
// tools/traceslices counts them with x/exp/trace). Each is put on a row of its
// lane so overlapping ones do not hide each other. Fed by the span store
// (./spanStore.ts).

import type { TraceEvent } from '../../formats/gotrace/order';
import { f64, i32, u8, type Vec } from '../../lib/columns';
import { reintern, type LateEntry } from './reintern';

/** Rows a task or region lane has at most; beyond them spans share the row that frees up first. */
export const USER_ROWS = 4;
/** Distinct names kept; past them a span is named "(more names than shown)". */
const MAX_NAMES = 10_000;
export const NAME_CAPPED = '(more names than shown)';

/** Spans of one kind (tasks or regions), in start order after finish(). */
function pushResolved(into: UserLane, s: { start: number; end: number; id: number; name: number; late: LateEntry<string> | null }): void {
  into.push(s.start, s.end, s.id, s.late ? s.late.idx : s.name);
}

export class UserLane {
  start: Vec<Float64Array> = f64(64);
  end: Vec<Float64Array> = f64(64);
  /** Goroutine (regions) or task id (tasks). */
  id: Vec<Float64Array> = f64(64);
  name: Vec<Int32Array> = i32(64);
  row: Vec<Uint8Array> = u8(64);
  /** Largest end up to each index (spans end out of order). */
  maxEnd = new Float64Array(0);
  rows = 0;

  get length(): number {
    return this.start.n;
  }

  push(s: number, e: number, id: number, name: number): void {
    this.start.push(s);
    this.end.push(e);
    this.id.push(id);
    this.name.push(name);
  }

  /** Sorts by start, assigns rows, indexes the ends. */
  finish(): void {
    const n = this.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.start.a[a] - this.start.a[b] || a - b);
    const take = <T extends Float64Array | Int32Array>(c: Vec<T>): void => {
      const old = c.a;
      const out = new (old.constructor as { new (n: number): T })(n);
      for (let i = 0; i < n; i++) out[i] = old[order[i]];
      c.a = out;
    };
    take(this.start);
    take(this.end);
    take(this.id);
    take(this.name);
    this.row.a = new Uint8Array(n);
    this.row.n = n;
    const free = new Float64Array(USER_ROWS).fill(-Infinity);
    this.maxEnd = new Float64Array(n);
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = this.start.a[i];
      let r = 0;
      for (let k = 0; k < USER_ROWS; k++) {
        if (free[k] <= s) {
          r = k;
          break;
        }
        if (free[k] < free[r]) r = k;
      }
      free[r] = Math.max(free[r], this.end.a[i]);
      this.row.a[i] = r;
      this.rows = Math.max(this.rows, r + 1);
      this.maxEnd[i] = hi = Math.max(hi, this.end.a[i]);
    }
  }

  bytes(): number {
    return [this.start, this.end, this.id, this.name, this.row].reduce((b, c) => b + c.a.byteLength, 0) + this.maxEnd.byteLength;
  }
}

/** An end whose begin, if any, came before the chunk (resolved by UserSpans.absorb). */
interface OpenEnd {
  t: number;
  /** Task id, or the region's goroutine. */
  id: number;
  /** The region's name at its end (unused for tasks). */
  name: string;
}

export class UserSpans {
  tasks = new UserLane();
  regions = new UserLane();
  names: string[] = [];
  private nameIndex = new Map<string, number>();
  private openTasks = new Map<number, { t: number; name: number }>();
  private openRegions = new Map<number, { t: number; name: number }[]>();
  /** Read from a chunk that does not begin the trace (startChunk): ends with no begin in it wait for absorb. */
  private chunk = false;
  /** In a chunk: when each name was first interned, and the ends that wait. */
  private nameAt: number[] = [];
  private taskEnds: OpenEnd[] = [];
  private regionEnds: OpenEnd[] = [];

  startChunk(): void {
    this.chunk = true;
  }

  private nameOf(ev: TraceEvent, id: number): number {
    return this.intern(ev.gen?.strings.get(id) ?? '', ev.time);
  }

  private intern(s: string, t: number): number {
    let i = this.nameIndex.get(s);
    if (i === undefined) {
      if (this.names.length >= MAX_NAMES && s !== NAME_CAPPED) return this.intern(NAME_CAPPED, t);
      i = this.names.push(s) - 1;
      this.nameIndex.set(s, i);
      if (this.chunk) this.nameAt.push(t);
    }
    return i;
  }

  taskBegin(ev: TraceEvent): void {
    this.openTasks.set(ev.a0, { t: ev.time, name: this.nameOf(ev, ev.a2) });
  }

  taskEnd(ev: TraceEvent, first: number): void {
    const o = this.openTasks.get(ev.a0);
    if (o) {
      this.openTasks.delete(ev.a0);
      this.tasks.push(o.t, ev.time, ev.a0, o.name);
    } else if (this.chunk) this.taskEnds.push({ t: ev.time, id: ev.a0, name: '' });
    else this.tasks.push(first, ev.time, ev.a0, this.intern('', ev.time));
  }

  regionBegin(ev: TraceEvent): void {
    let st = this.openRegions.get(ev.g);
    if (!st) this.openRegions.set(ev.g, (st = []));
    st.push({ t: ev.time, name: this.nameOf(ev, ev.a1) });
  }

  regionEnd(ev: TraceEvent, first: number): void {
    const r = this.openRegions.get(ev.g)?.pop();
    if (r) this.regions.push(r.t, ev.time, ev.g, r.name);
    else if (this.chunk) this.regionEnds.push({ t: ev.time, id: ev.g, name: ev.gen?.strings.get(ev.a1) ?? '' });
    else this.regions.push(first, ev.time, ev.g, this.nameOf(ev, ev.a1));
  }

  /**
   * Takes in the spans of `next`, read from the chunk after what this read
   * (see SpanStore.absorb): its ends with no begin in its chunk close this
   * one's open tasks and regions or begin at `first` (the trace's first
   * event), its names are re-indexed into this one's, and its open spans
   * join this one's; afterwards this holds what one pass over both would.
   */
  absorb(next: UserSpans, first: number): void {
    // Which waiting ends close an open span here (in time order, as they came).
    const late: LateEntry<string>[] = [];
    const resolved = (ends: OpenEnd[], pop: (e: OpenEnd) => { t: number; name: number } | undefined) =>
      ends.map((e) => {
        const o = pop(e);
        if (o) return { start: o.t, end: e.t, id: e.id, name: o.name, late: null };
        const l = { t: e.t, v: e.name, idx: -1 };
        late.push(l);
        return { start: first, end: e.t, id: e.id, name: -1, late: l };
      });
    const tasks = resolved(next.taskEnds, (e) => {
      const o = this.openTasks.get(e.id);
      this.openTasks.delete(e.id);
      return o;
    });
    const regions = resolved(next.regionEnds, (e) => this.openRegions.get(e.id)?.pop());
    late.sort((a, b) => a.t - b.t);
    const map = reintern(next.names, next.nameAt, late, (s) => this.intern(s, 0));
    const merge = (into: UserLane, from: UserLane, waiting: typeof tasks) => {
      // Both in end order (spans are pushed at their ends): the order one pass pushes them in.
      let j = 0;
      for (let i = 0; i < from.length; i++) {
        const e = from.end.a[i];
        for (; j < waiting.length && waiting[j].end < e; j++) pushResolved(into, waiting[j]);
        into.push(from.start.a[i], e, from.id.a[i], map[from.name.a[i]]);
      }
      for (; j < waiting.length; j++) pushResolved(into, waiting[j]);
    };
    merge(this.tasks, next.tasks, tasks);
    merge(this.regions, next.regions, regions);
    for (const [id, o] of next.openTasks) this.openTasks.set(id, { t: o.t, name: map[o.name] });
    for (const [g, st] of next.openRegions) {
      let mine = this.openRegions.get(g);
      if (!mine) this.openRegions.set(g, (mine = []));
      for (const r of st) mine.push({ t: r.t, name: map[r.name] });
    }
  }

  finish(last: number): void {
    for (const [g, st] of this.openRegions) for (const r of st) this.regions.push(r.t, last, g, r.name);
    for (const [id, o] of this.openTasks) this.tasks.push(o.t, last, id, o.name);
    this.openRegions.clear();
    this.openTasks.clear();
    this.tasks.finish();
    this.regions.finish();
  }

  bytes(): number {
    return this.tasks.bytes() + this.regions.bytes();
  }
}
