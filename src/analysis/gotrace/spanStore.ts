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
//
// A trace read in chunks of generations (src/formats/gotrace/split.ts) gets
// one store a chunk: startChunk() on all but the first, then the first
// absorbs the others in order, then finish() (see absorb).

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
import { InternTable, reintern, type LateEntry } from './reintern';
import { NOT_WORKER, WorkerStacks } from './workerStacks';

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

  /** `headT`: when its first slice started (in a chunk: what closes a slice left open on this P before the chunk). */
  constructor(
    readonly p: number,
    readonly headT = -1,
  ) {}

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

/** In a chunk: the first stop of a goroutine that ran when the chunk began. */
interface Stop {
  t: number;
  /** Its state after (GoState). */
  to: number;
  /** The run it ends was the program's code, though a "GC (…)" label may have named it a worker's (SpanStore.programRun). */
  program: boolean;
  frames: string[] | null;
  reason: string | null;
}

/** A slice open at a chunk boundary, ended by the next chunk's events (SpanStore.absorb). */
interface BoundaryClose {
  lane: Lane;
  t: number;
  to: number;
  stop: Stop | null;
  stack: LateEntry<string[]> | null;
  reason: LateEntry<string> | null;
}

/** The stack a transition names (the argument STACK_ARG says; 0: none). */
function stackIdOf(ev: TraceEvent): number {
  const si = STACK_ARG[ev.type];
  return si === 0 ? ev.a0 : si === 1 ? ev.a1 : si === 2 ? ev.a2 : si === 3 ? ev.a3 : 0;
}

/** The reason string a stop names (GoBlock, GoStop; 0: none). */
function reasonIdOf(ev: TraceEvent): number {
  return ev.type === Ev.GoBlock || ev.type === Ev.GoStop ? ev.a0 : 0;
}

/** Stack `id` of `gen` as frames, innermost first ("func file:line"), up to MAX_FRAMES; null when the generation has none. */
function framesOf(gen: Generation, id: number): string[] | null {
  const pcs = gen.stacks.get(id);
  if (!pcs || pcs.length === 0) return null;
  return pcs.slice(0, MAX_FRAMES).map((pc) => {
    const f = gen.frames.get(pc);
    if (!f) return `0x${pc.toString(16)}`;
    const fn = gen.strings.get(f.fn) || '?';
    const file = gen.strings.get(f.file) ?? '';
    return file ? `${fn} ${file}:${f.line}` : fn;
  });
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
  private readonly stackTable = new InternTable<string[]>(MAX_STACKS);
  private readonly reasonTable = new InternTable<string>(MAX_REASONS);
  readonly stacks = this.stackTable.items;
  readonly reasons = this.reasonTable.items;
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

  /**
   * Read from a chunk that does not begin the trace (startChunk): what the
   * state before the chunk decides waits for absorb. In such a store these
   * record it, in the rare branches where the state is missing.
   */
  private chunk = false;
  /** Goroutines that stopped running with no slice of theirs open in the chunk: their first stop (they ran across its start). */
  private stops = new IdMap<Stop>();
  /** Goroutines labelled as GC mark workers with no slice open in the chunk: the first such label's time. */
  private gcLabels = new IdMap<number>();
  private workerStacks = new WorkerStacks();
  /** Goroutines created in the chunk, and whether in package runtime, as pairs. */
  private created: number[] = [];

  /** `budget`: bytes the lanes may hold (a quarter of it for the coarse blocks). */
  constructor(readonly budget: number = DEFAULT_LIMITS.timelineBytes) {}

  /** Called before the first event when the store reads a chunk that does not begin the trace; see absorb. */
  startChunk(): void {
    this.chunk = true;
    this.stackTable.timed = this.reasonTable.timed = true;
    this.user.startChunk();
  }

  /** event() as a function to hand a reader (made on each read: a field holding a function could not be sent to another thread). */
  get sink(): (ev: TraceEvent) => void {
    return (ev) => this.event(ev);
  }

  /** Drops the caches that point at a generation's tables (done reading: they are not sent with the store). */
  forgetGenerations(): void {
    this.sameGen(null);
    this.workerStacks = new WorkerStacks();
  }

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
        if (lane) {
          if (lane.openG === ev.g && (ev.gen?.strings.get(ev.a0) ?? '').startsWith('GC (')) lane.openKind = SliceKind.Gc;
        } else if (this.chunk) this.gcLabel(ev);
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

  /** P's lane, made when `t` starts its first slice. */
  private lane(p: number, t: number): Lane {
    let l = this.laneById.get(p);
    if (!l) {
      l = new Lane(p, t);
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
          if (this.chunk) this.created.push(g, fn.startsWith('runtime.') ? 1 : 0);
        }
      }
    }
    if (from === to) return;
    if (to === GoState.NotExist) this.countGoroutines(t, -1);
    else if (from === GoState.NotExist || from === GoState.Undetermined) this.countGoroutines(t, 1);
    if (to === GoState.Running) {
      const lane = this.lane(ev.p, t);
      // A lane has one open slice; a new start on it closes an open one (not seen in valid traces).
      if (lane.openG >= 0) {
        if (this.coarseFrom !== null) this.closeCoarse(lane, t);
        else this.close(lane, t, to, -1, -1);
      }
      lane.openG = g;
      lane.openStart = t;
      lane.openKind = this.baseKind(g);
      lane.openM = ev.m >= 0 && ev.m < 2 ** 31 ? ev.m : -1;
      this.runningOn.set(g, lane);
    } else if (from === GoState.Running) {
      const lane = this.runningOn.get(g);
      if (!lane) {
        if (this.chunk) this.stopBefore(ev, g);
        return;
      }
      if (lane.openG !== g) return;
      this.runningOn.delete(g);
      if (lane.openKind === SliceKind.Gc && this.programRun(ev)) lane.openKind = this.baseKind(g);
      if (this.coarseFrom !== null) return this.closeCoarse(lane, t);
      const stack = this.stackOf(ev.gen, stackIdOf(ev), t);
      this.close(lane, t, to, stack, this.reasonOf(ev.gen, reasonIdOf(ev), t));
    }
  }

  /** A slice's kind before any "GC (…)" label: a runtime goroutine's or the program's. */
  private baseKind(g: number): number {
    return this.runtimeG.get(g) === true ? SliceKind.Runtime : SliceKind.User;
  }

  /**
   * Goroutine `ev` leaves running: whether the run was the program's code (it
   * ends, or its stack there shows it is not a worker, ./workerStacks.ts).
   * The runtime labels program goroutines "GC (…)" too, so a label alone
   * does not make a slice a mark worker's.
   */
  private programRun(ev: TraceEvent): boolean {
    return ev.to === GoState.NotExist || this.workerStacks.verdict(ev) === NOT_WORKER;
  }

  /** In a chunk: goroutine g stops running with no slice open here (it ran when the chunk began): its first stop waits for absorb. */
  private stopBefore(ev: TraceEvent, g: number): void {
    if (this.stops.get(g)) return;
    const stack = stackIdOf(ev);
    const reason = reasonIdOf(ev);
    const s: Stop = {
      t: ev.time,
      to: ev.to,
      program: this.programRun(ev),
      frames: ev.gen && stack !== 0 ? framesOf(ev.gen, stack) : null,
      reason: ev.gen && reason !== 0 ? (ev.gen.strings.get(reason) ?? '') : null,
    };
    this.stops.set(g, s);
  }

  /** In a chunk: a label on goroutine g with no slice open here; a GC worker's waits for absorb (its slice may have begun before the chunk). */
  private gcLabel(ev: TraceEvent): void {
    if (this.gcLabels.get(ev.g) !== undefined || !(ev.gen?.strings.get(ev.a0) ?? '').startsWith('GC (')) return;
    this.gcLabels.set(ev.g, ev.time);
  }

  /** After the budget: the slice goes into its lane's current block. */
  private closeCoarse(lane: Lane, t: number): void {
    const d = t - lane.openStart;
    this.addCoarse(lane, lane.openStart, t, 1, d, lane.openKind === SliceKind.Gc ? d : 0, lane.openKind);
    lane.openG = -1;
  }

  /** `count` slices (one, or another store's block) into the lane's blocks; past their share of the budget, blocks twice as long. */
  private addCoarse(lane: Lane, s: number, e: number, count: number, busy: number, gcBusy: number, kind: number): void {
    let c = lane.coarse;
    if (!c) c = lane.coarse = new CoarseLane();
    const before = c.length;
    c.addBlock(s, e, count, busy, gcBusy, kind, this.firstTime, this.blockNs);
    this.blocks += c.length - before;
    if (this.blocksOver()) this.doubleBlocks();
  }

  private blocksOver(): boolean {
    return this.blocks * COARSE_BLOCK_BYTES > this.budget / 4;
  }

  /** Blocks twice as long, in every lane. */
  private doubleBlocks(): void {
    this.blockNs *= 2;
    this.blocks = 0;
    for (const l of this.lanes.values()) {
      l.coarse?.remerge(this.firstTime, this.blockNs);
      this.blocks += l.coarse?.length ?? 0;
    }
  }

  private close(lane: Lane, t: number, to: number, stack: number, reason: number): void {
    if (++this.kept * SLICE_BYTES > (this.budget * 3) / 4 && this.coarseFrom === null) {
      this.coarseFrom = t;
      // No slice is added one by one from now on: their spare capacity (up to as much again) is freed.
      for (const l of this.lanes.values()) l.compact();
    }
    this.appendOpen(lane, t, to, stack, reason);
  }

  /** Ends the lane's open slice at t, kept one by one. */
  private appendOpen(lane: Lane, t: number, to: number, stack: number, reason: number): void {
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

  /** Stack `id` of `gen` as an index into stacks (first met at `t`). */
  private stackOf(gen: Generation | null, id: number, t: number): number {
    if (!gen || id === 0) return -1;
    this.sameGen(gen);
    const c = this.stackCache.get(id);
    if (c !== undefined) return c;
    const frames = framesOf(gen, id);
    const idx = frames ? this.internStack(frames, t) : -1;
    this.stackCache.set(id, idx);
    return idx;
  }

  private internStack(frames: string[], t: number): number {
    return this.stackTable.intern(frames.join('\n'), frames, t);
  }

  private reasonOf(gen: Generation | null, id: number, t: number): number {
    if (!gen || id === 0) return -1;
    this.sameGen(gen);
    const c = this.reasonCache.get(id);
    if (c !== undefined) return c;
    const idx = this.internReason(gen.strings.get(id) ?? '', t);
    this.reasonCache.set(id, idx);
    return idx;
  }

  private internReason(s: string, t: number): number {
    return this.reasonTable.intern(s, s, t);
  }

  /**
   * Takes in `next`, which read the chunk that follows what this store read
   * (this one began the trace; startChunk was called on `next`): afterwards
   * this holds what one pass over both would, before finish(). `next` is
   * consumed. What `next` met with the state before its chunk missing is
   * settled here with this store's state at its end:
   * - a slice open here at the boundary ends at the first of: the first start
   *   on its P in `next`, its goroutine's first stop in `next` (that stop's
   *   state, stack and reason); a GC worker's label before that marks it;
   * - a slice of `next` whose goroutine was created before the chunk, in
   *   package runtime, is a runtime goroutine's;
   * - stacks, reasons and names are re-indexed in the order one pass meets
   *   them; the goroutine count continues from this one's; task and region
   *   ends with no begin in `next` close the ones open here.
   * Budget: each store may use the whole budget while reading; here `next`'s
   * slices are kept one by one, in the order they ended, while this one has
   * room (the same count at which one pass turns to coarse blocks), the
   * rest go into this store's coarse blocks (with `next`'s blocks, whole,
   * each in the block its start falls in), which double in length as they
   * must: so the merged store keeps to the budget and counts every slice, and
   * is the sequential store exactly whenever that one kept every slice.
   */
  absorb(next: SpanStore): void {
    if (this.chunk) throw new Error('SpanStore.absorb: absorb into the store that read the start of the trace');
    if (next.firstTime < 0) return;
    if (this.firstTime < 0) this.firstTime = next.firstTime;
    const closes = this.boundaryCloses(next);
    const keepUpTo = this.roomFor(next, closes);
    // The tables, in the order one pass interns them (only for slices kept one by one).
    const lateStacks: LateEntry<string[]>[] = [];
    const lateReasons: LateEntry<string>[] = [];
    for (const c of closes) {
      if (c.t > keepUpTo || !c.stop) continue;
      if (c.stop.frames) lateStacks.push((c.stack = { t: c.t, v: c.stop.frames, idx: -1 }));
      if (c.stop.reason !== null) lateReasons.push((c.reason = { t: c.t, v: c.stop.reason, idx: -1 }));
    }
    lateStacks.sort((a, b) => a.t - b.t);
    lateReasons.sort((a, b) => a.t - b.t);
    const stackMap = reintern(next.stacks, next.stackTable.at, lateStacks, (f) => this.internStack(f, 0), keepUpTo);
    const reasonMap = reintern(next.reasons, next.reasonTable.at, lateReasons, (r) => this.internReason(r, 0), keepUpTo);
    const kindOf = (kind: number, g: number): number => (kind === SliceKind.User && next.runtimeG.get(g) === undefined && this.runtimeG.get(g) === true ? SliceKind.Runtime : kind);
    for (let i = 0; i < next.created.length; i += 2) this.runtimeG.set(next.created[i], next.created[i + 1] === 1);

    for (const c of closes) {
      const lane = c.lane;
      if (c.t <= keepUpTo) {
        this.kept++;
        this.appendOpen(lane, c.t, c.to, c.stack?.idx ?? -1, c.reason?.idx ?? -1);
      } else this.closeCoarse(lane, c.t);
    }
    const at = (map: Int32Array, i: number) => (i < 0 ? -1 : map[i]);
    for (const nl of next.lanes.values()) {
      const lane = this.lane(nl.p, nl.headT);
      for (let i = 0; i < nl.length; i++) {
        const s = nl.start.a[i];
        const e = nl.end.a[i];
        const kind = kindOf(nl.kind.a[i], nl.g.a[i]);
        if (e <= keepUpTo) {
          this.kept++;
          lane.append(s, e, nl.g.a[i], kind, nl.endState.a[i], at(stackMap, nl.endStack.a[i]), at(reasonMap, nl.endReason.a[i]), nl.m.a[i]);
        } else this.addCoarse(lane, s, e, 1, e - s, kind === SliceKind.Gc ? e - s : 0, kind);
      }
      const c = nl.coarse;
      if (c) for (let i = 0; i < c.length; i++) this.addCoarse(lane, c.start.a[i], c.end.a[i], c.count.a[i], c.busy.a[i], c.gcBusy.a[i], c.kind.a[i]);
      lane.openG = nl.openG;
      lane.openStart = nl.openStart;
      lane.openKind = nl.openG >= 0 ? kindOf(nl.openKind, nl.openG) : nl.openKind;
      lane.openM = nl.openM;
      if (nl.openG >= 0) this.runningOn.set(nl.openG, lane);
    }
    if (this.coarseFrom !== null) for (const l of this.lanes.values()) l.compact();
    // Blocks merged in whole can leave more than one doubling owes (a pass doubles at most once a slice).
    for (let i = 0; i < 64 && this.blocksOver(); i++) this.doubleBlocks();

    const base = this.goroutines;
    for (const part of next.goroutinesT.chunks()) for (const t of part) this.goroutinesT.push(t);
    for (const part of next.goroutinesV.chunks()) for (const v of part) this.goroutinesV.push(base + v);
    this.goroutines += next.goroutines;
    this.user.absorb(next.user, this.firstTime);
    this.lastTime = next.lastTime;
    this.cacheGen = null;
  }

  /** The slices open here that `next`'s first events close (see absorb); marks those a GC worker's label names first. */
  private boundaryCloses(next: SpanStore): BoundaryClose[] {
    const out: BoundaryClose[] = [];
    for (const lane of this.lanes.values()) {
      const g = lane.openG;
      if (g < 0) continue;
      // A stop or a label finds the slice through the goroutine, a start through the P.
      const own = this.runningOn.get(g) === lane;
      const head = next.laneById.get(lane.p)?.headT ?? Infinity;
      const stop = own ? next.stops.get(g) : undefined;
      const end = Math.min(head, stop ? stop.t : Infinity);
      const label = own ? next.gcLabels.get(g) : undefined;
      if (label !== undefined && label < end) lane.openKind = SliceKind.Gc;
      if (stop && stop.t < head) {
        if (lane.openKind === SliceKind.Gc && stop.program) lane.openKind = this.baseKind(g);
        this.runningOn.delete(g);
        out.push({ lane, t: stop.t, to: stop.to, stop, stack: null, reason: null });
      } else if (end < Infinity) out.push({ lane, t: head, to: GoState.Running, stop: null, stack: null, reason: null });
    }
    return out;
  }

  /**
   * The end time up to which `next`'s slices (and the boundary `closes`) are
   * kept one by one: all when this has room for them, else as many as one pass
   * keeps before it turns to blocks (in the order they end), and none once
   * this store is past its budget. Sets coarseFrom when it turns here.
   */
  private roomFor(next: SpanStore, closes: BoundaryClose[]): number {
    if (this.coarseFrom !== null) return -Infinity;
    const over = (n: number) => n * SLICE_BYTES > (this.budget * 3) / 4;
    if (next.coarseFrom === null && !over(this.kept + closes.length + next.kept)) return Infinity;
    // The count at which one pass turns: the first that is over.
    let turn = Math.max(1, Math.floor((this.budget * 3) / 4 / SLICE_BYTES));
    while (turn > 1 && over(turn - 1)) turn--;
    while (!over(turn)) turn++;
    const ends: number[] = closes.map((c) => c.t);
    for (const l of next.lanes.values()) for (let i = 0; i < l.length; i++) ends.push(l.end.a[i]);
    ends.sort((a, b) => a - b);
    const t = ends[Math.max(0, Math.min(turn - this.kept, ends.length) - 1)] ?? -Infinity;
    this.coarseFrom = t;
    return t;
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
