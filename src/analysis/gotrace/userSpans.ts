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

/** Rows a task or region lane has at most; beyond them spans share the row that frees up first. */
export const USER_ROWS = 4;
/** Distinct names kept; past them a span is named "(more names than shown)". */
const MAX_NAMES = 10_000;
export const NAME_CAPPED = '(more names than shown)';

/** Spans of one kind (tasks or regions), in start order after finish(). */
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

export class UserSpans {
  tasks = new UserLane();
  regions = new UserLane();
  names: string[] = [];
  private nameIndex = new Map<string, number>();
  private openTasks = new Map<number, { t: number; name: number }>();
  private openRegions = new Map<number, { t: number; name: number }[]>();

  private nameOf(ev: TraceEvent, id: number): number {
    return this.intern(ev.gen?.strings.get(id) ?? '');
  }

  private intern(s: string): number {
    let i = this.nameIndex.get(s);
    if (i === undefined) {
      if (this.names.length >= MAX_NAMES && s !== NAME_CAPPED) return this.intern(NAME_CAPPED);
      i = this.names.push(s) - 1;
      this.nameIndex.set(s, i);
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
    } else this.tasks.push(first, ev.time, ev.a0, this.intern(''));
  }

  regionBegin(ev: TraceEvent): void {
    let st = this.openRegions.get(ev.g);
    if (!st) this.openRegions.set(ev.g, (st = []));
    st.push({ t: ev.time, name: this.nameOf(ev, ev.a1) });
  }

  regionEnd(ev: TraceEvent, first: number): void {
    const r = this.openRegions.get(ev.g)?.pop();
    if (r) this.regions.push(r.t, ev.time, ev.g, r.name);
    else this.regions.push(first, ev.time, ev.g, this.nameOf(ev, ev.a1));
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
