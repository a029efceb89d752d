// The trace timeline's span store, built in one pass over the ordered events
// as the reader produces them (no object per event): per P, the slices during
// which a goroutine ran on it (start, end, goroutine, kind, why it stopped and
// the stack it stopped at), and the goroutine count over time. GC cycles,
// stop-the-worlds and the heap series come from the collector (./collect.ts);
// ./timelineQuery.ts cuts all of it to a window at a pixel width.
//
// Same slices as tools/traceslices (golang.org/x/exp/trace): a slice starts
// when a goroutine becomes Running, on that event's P, and ends at its next
// transition out of Running (or at the last event of the trace).

import type { Generation } from '../../formats/gotrace/generation';
import type { TraceEvent } from '../../formats/gotrace/order';
import { Ev, GoState, K, KIND, STACK_ARG, type KindNum } from '../../formats/gotrace/spec';
import { f64, i32, u8, type Vec } from '../../lib/columns';
import { F64Series } from '../../lib/series';
import { transitionGoroutine } from './collect';
import { IdMap } from '../../formats/gotrace/idmap';
import { UserSpans } from './userSpans';
import { COARSE_BLOCK_BYTES, CoarseLane } from './coarseLane';
import { DEFAULT_LIMITS } from '../../formats/limits';

/** Bytes a slice costs in a lane's columns (start, end: f64; kind, endState: u8; g, endStack, endReason, m: i32). */
export const SLICE_BYTES = 8 * 2 + 2 + 4 * 4;
/** Length of the coarse blocks at first (they double as needed). */
const FIRST_BLOCK_NS = 10_000;

/** What a slice ran: user code, a GC mark worker, or a goroutine of the runtime. */
export const SliceKind = { User: 0, Gc: 1, Runtime: 2 } as const;
export const SLICE_KIND_NAMES = ['user code', 'GC mark worker', 'runtime goroutine'] as const;

/** Why a slice ended, by the goroutine's next state (GoState); TRACE_END when the trace ended first. */
export const TRACE_END = 255;

/** Caps on the interned tables: past them stacks and reasons are not kept (slices still are). */
const MAX_STACKS = 100_000;
const MAX_REASONS = 10_000;
const MAX_FRAMES = 32;

/** One P's slices, in start order, as columns. */
export class Lane {
  start: Vec<Float64Array> = f64(256);
  end: Vec<Float64Array> = f64(256);
  /** Goroutine id (-1 past 2³¹: not seen in real traces). */
  g: Vec<Int32Array> = i32(256);
  kind: Vec<Uint8Array> = u8(256);
  endState: Vec<Uint8Array> = u8(256);
  /** Index into SpanStore.stacks, -1 for none. */
  endStack: Vec<Int32Array> = i32(256);
  /** Index into SpanStore.reasons, -1 for none. */
  endReason: Vec<Int32Array> = i32(256);
  /** The thread (M) it ran on, -1 when the trace does not say (or its id is past 2³¹). */
  m: Vec<Int32Array> = i32(256);
  /** Slices that ended after the store's budget was used, in blocks (null until then). */
  coarse: CoarseLane | null = null;
  /** End of the longest-reaching slice up to each index, when ends are not in order (set by finish). */
  maxEnd: Float64Array | null = null;
  /** For a lane regrouped by thread or goroutine (./timelineLanes.ts): the P of each slice. */
  srcP: Float64Array | null = null;
  // The open slice.
  openG = -1;
  openStart = 0;
  openKind = 0;
  openM = -1;

  constructor(readonly p: number) {}

  get length(): number {
    return this.start.n;
  }

  private columns(): Vec<Float64Array | Uint8Array | Int32Array>[] {
    return [this.start, this.end, this.g, this.kind, this.endState, this.endStack, this.endReason, this.m];
  }

  /** Slices every column has room for (a lower bound: columns only shrink in compact). */
  private room = 0;

  /**
   * Appends one slice. One capacity check for all eight columns, and one
   * store per column written here, where each sees a single array type
   * (Vec.push's one store sees all three: a slower polymorphic store).
   */
  append(start: number, end: number, g: number, kind: number, endState: number, endStack: number, endReason: number, m: number): void {
    const i = this.start.n;
    if (i >= this.room) this.reserve(i + 1);
    this.start.a[i] = start;
    this.end.a[i] = end;
    this.g.a[i] = g;
    this.kind.a[i] = kind;
    this.endState.a[i] = endState;
    this.endStack.a[i] = endStack;
    this.endReason.a[i] = endReason;
    this.m.a[i] = m;
    const n = i + 1;
    this.start.n = this.end.n = this.g.n = this.kind.n = this.endState.n = this.endStack.n = this.endReason.n = this.m.n = n;
  }

  private reserve(n: number): void {
    let room = Infinity;
    for (const c of this.columns()) {
      while (c.a.length < n) c.grow();
      room = Math.min(room, c.a.length);
    }
    this.room = room;
  }

  /** Drops the columns' spare capacity (they double as they grow). */
  compact(): void {
    for (const c of this.columns()) if (c.a.length !== c.n) c.a = c.done();
    this.room = 0;
  }

  /** Sets maxEnd when the ends are not in start order. */
  indexEnds(): void {
    const e = this.end.a;
    let inOrder = true;
    for (let i = 1; i < this.length && inOrder; i++) if (e[i] < e[i - 1]) inOrder = false;
    if (inOrder) return;
    const m = new Float64Array(this.length);
    let hi = -Infinity;
    for (let i = 0; i < this.length; i++) m[i] = hi = Math.max(hi, e[i]);
    this.maxEnd = m;
  }

  /** Bytes held by the columns. */
  bytes(): number {
    return this.columns().reduce((n, c) => n + c.a.byteLength, 0) + (this.maxEnd?.byteLength ?? 0) + (this.coarse?.bytes() ?? 0);
  }

  /** Slices kept one by one plus those in coarse blocks. */
  get total(): number {
    let n = this.length;
    const c = this.coarse;
    if (c) for (let i = 0; i < c.length; i++) n += c.count.a[i];
    return n;
  }
}

export class SpanStore {
  /** Lanes by P id (-1: events with no P). */
  lanes = new Map<number, Lane>();
  /** The P each running goroutine runs on. */
  private runningOn = new IdMap<Lane>();
  /** Goroutines created in the trace whose entry function is in package runtime. */
  private runtimeG = new IdMap<boolean>();
  /** Goroutines that exist, over time. */
  goroutinesT = new F64Series();
  goroutinesV = new F64Series();
  private goroutines = 0;
  /** Interned stacks (frames innermost first, "func file:line") and stop reasons. */
  stacks: string[][] = [];
  reasons: string[] = [];
  private stackIndex = new Map<string, number>();
  private reasonIndex = new Map<string, number>();
  private cacheGen: Generation | null = null;
  private stackCache = new IdMap<number>();
  private reasonCache = new IdMap<number>();
  /** User tasks and regions. */
  user = new UserSpans();
  firstTime = -1;
  lastTime = 0;
  /** Slices kept one by one; past `budget × 3/4` bytes of them the rest go to coarse blocks. */
  private kept = 0;
  /** When slices began to be kept in blocks (null: every slice is kept). */
  coarseFrom: number | null = null;
  /** Current length of a coarse block, ns. */
  blockNs = FIRST_BLOCK_NS;
  private blocks = 0;

  /** `budget`: bytes the lanes may hold (a quarter of it for the coarse blocks). */
  constructor(readonly budget: number = DEFAULT_LIMITS.timelineBytes) {}

  readonly sink = (ev: TraceEvent): void => this.event(ev);

  event(ev: TraceEvent): void {
    this.lastTime = ev.time;
    if (this.firstTime < 0) this.firstTime = ev.time;
    switch (KIND[ev.type]) {
      case 13 satisfies KindNum<'StateTransition'>: {
        const g = transitionGoroutine(ev);
        if (g !== -2) this.transition(ev, g);
        break;
      }
      case 3 satisfies KindNum<'Label'>: {
        const lane = this.runningOn.get(ev.g);
        if (lane && lane.openG === ev.g && (ev.gen?.strings.get(ev.a0) ?? '').startsWith('GC (')) lane.openKind = SliceKind.Gc;
        break;
      }
      case 8 satisfies KindNum<'TaskBegin'>:
      case 9 satisfies KindNum<'TaskEnd'>:
      case 10 satisfies KindNum<'RegionBegin'>:
      case 11 satisfies KindNum<'RegionEnd'>:
        this.userEvent(ev);
        break;
    }
  }

  /** User tasks and regions (rare: the per-event switch above only sends these here). */
  private userEvent(ev: TraceEvent): void {
    const kind = KIND[ev.type];
    if (kind === K.TaskBegin) this.user.taskBegin(ev);
    else if (kind === K.TaskEnd) this.user.taskEnd(ev, this.firstTime);
    else if (kind === K.RegionBegin) this.user.regionBegin(ev);
    else this.user.regionEnd(ev, this.firstTime);
  }

  private laneById = new IdMap<Lane>();

  private lane(p: number): Lane {
    let l = this.laneById.get(p);
    if (!l) {
      l = new Lane(p);
      this.laneById.set(p, l);
      this.lanes.set(p, l);
    }
    return l;
  }

  private transition(ev: TraceEvent, g: number): void {
    const from = ev.from;
    const to = ev.to;
    const t = ev.time;
    if (from === GoState.NotExist && to !== GoState.NotExist) {
      // Created in the trace: GoCreate's new_stack is the entry function.
      if (ev.type === Ev.GoCreate || ev.type === Ev.GoCreateBlocked) {
        const fn = this.entryFunc(ev.gen, ev.a1);
        if (fn !== null) {
          this.runtimeG.set(g, fn.startsWith('runtime.'));
        }
      }
    }
    if (from === to) return;
    if (to === GoState.NotExist) this.countGoroutines(t, -1);
    else if (from === GoState.NotExist || from === GoState.Undetermined) this.countGoroutines(t, 1);
    if (to === GoState.Running) {
      const lane = this.lane(ev.p);
      // A lane has one open slice; a new start on it closes an open one (not seen in valid traces).
      if (lane.openG >= 0) {
        if (this.coarseFrom !== null) this.closeCoarse(lane, t);
        else this.close(lane, t, to, -1, -1);
      }
      lane.openG = g;
      lane.openStart = t;
      lane.openKind = this.runtimeG.get(g) === true ? SliceKind.Runtime : SliceKind.User;
      lane.openM = ev.m >= 0 && ev.m < 2 ** 31 ? ev.m : -1;
      this.runningOn.set(g, lane);
    } else if (from === GoState.Running) {
      const lane = this.runningOn.get(g);
      if (!lane || lane.openG !== g) return;
      this.runningOn.delete(g);
      const si = STACK_ARG[ev.type];
      const stackId = si === 0 ? ev.a0 : si === 1 ? ev.a1 : si === 2 ? ev.a2 : si === 3 ? ev.a3 : 0;
      const reasonId = ev.type === Ev.GoBlock || ev.type === Ev.GoStop ? ev.a0 : 0;
      if (this.coarseFrom !== null) return this.closeCoarse(lane, t);
      const stack = this.stackOf(ev.gen, stackId);
      this.close(lane, t, to, stack, this.reasonOf(ev.gen, reasonId));
    }
  }

  /** After the budget: the slice goes into its lane's current block. */
  private closeCoarse(lane: Lane, t: number): void {
    let c = lane.coarse;
    if (!c) c = lane.coarse = new CoarseLane();
    const before = c.length;
    c.add(lane.openStart, t, lane.openKind, lane.openKind === SliceKind.Gc, this.firstTime, this.blockNs);
    lane.openG = -1;
    this.blocks += c.length - before;
    if (this.blocks * COARSE_BLOCK_BYTES > this.budget / 4) {
      // Blocks twice as long, in every lane.
      this.blockNs *= 2;
      this.blocks = 0;
      for (const l of this.lanes.values()) {
        l.coarse?.remerge(this.firstTime, this.blockNs);
        this.blocks += l.coarse?.length ?? 0;
      }
    }
  }

  private close(lane: Lane, t: number, to: number, stack: number, reason: number): void {
    if (++this.kept * SLICE_BYTES > (this.budget * 3) / 4 && this.coarseFrom === null) {
      this.coarseFrom = t;
      // No slice is added one by one from now on: their spare capacity (up to as much again) is freed.
      for (const l of this.lanes.values()) l.compact();
    }
    lane.append(lane.openStart, t, lane.openG < 2 ** 31 ? lane.openG : -1, lane.openKind, to, stack, reason, lane.openM);
    lane.openG = -1;
  }

  private countGoroutines(t: number, d: number): void {
    this.goroutines += d;
    this.goroutinesT.push(t);
    this.goroutinesV.push(this.goroutines);
  }

  private entryFunc(gen: Generation | null, id: number): string | null {
    const pcs = id === 0 ? undefined : gen?.stacks.get(id);
    if (!gen || !pcs || pcs.length === 0) return null;
    const f = gen.frames.get(pcs[0]);
    return f ? (gen.strings.get(f.fn) ?? '') : '';
  }

  private sameGen(gen: Generation | null): void {
    if (gen !== this.cacheGen) {
      this.cacheGen = gen;
      this.stackCache = new IdMap<number>();
      this.reasonCache = new IdMap<number>();
    }
  }

  private stackOf(gen: Generation | null, id: number): number {
    if (!gen || id === 0) return -1;
    this.sameGen(gen);
    const c = this.stackCache.get(id);
    if (c !== undefined) return c;
    const pcs = gen.stacks.get(id);
    let idx = -1;
    if (pcs && pcs.length > 0) {
      const frames = pcs.slice(0, MAX_FRAMES).map((pc) => {
        const f = gen.frames.get(pc);
        if (!f) return `0x${pc.toString(16)}`;
        const fn = gen.strings.get(f.fn) || '?';
        const file = gen.strings.get(f.file) ?? '';
        return file ? `${fn} ${file}:${f.line}` : fn;
      });
      const key = frames.join('\n');
      const known = this.stackIndex.get(key);
      if (known !== undefined) idx = known;
      else if (this.stacks.length < MAX_STACKS) {
        idx = this.stacks.push(frames) - 1;
        this.stackIndex.set(key, idx);
      }
    }
    this.stackCache.set(id, idx);
    return idx;
  }

  private reasonOf(gen: Generation | null, id: number): number {
    if (!gen || id === 0) return -1;
    this.sameGen(gen);
    const c = this.reasonCache.get(id);
    if (c !== undefined) return c;
    const s = gen.strings.get(id) ?? '';
    let idx = this.reasonIndex.get(s);
    if (idx === undefined) {
      idx = this.reasons.length < MAX_REASONS ? this.reasons.push(s) - 1 : -1;
      if (idx >= 0) this.reasonIndex.set(s, idx);
    }
    this.reasonCache.set(id, idx);
    return idx;
  }

  /** Call once after the last event: closes the slices still running and indexes every lane. */
  finish(): void {
    for (const lane of this.lanes.values()) {
      if (lane.openG >= 0) {
        if (this.coarseFrom !== null) this.closeCoarse(lane, this.lastTime);
        else this.close(lane, this.lastTime, TRACE_END, -1, -1);
      }
      lane.compact();
      lane.coarse?.finish();
      lane.indexEnds();
    }
    this.runningOn = new IdMap<Lane>();
    this.user.finish(this.lastTime);
  }

  /** P ids with at least one slice, in order. */
  procs(): number[] {
    return [...this.lanes.keys()].filter((p) => this.lanes.get(p)!.total > 0).sort((a, b) => a - b);
  }
}
