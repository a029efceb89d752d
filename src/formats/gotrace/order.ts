// The ordering state machine: decides whether the next event of an M can
// happen now, given what every goroutine, P and M is doing, and keeps that
// state across generations. Same rules as internal/trace order.go (Go 1.26);
// "not yet" returns false (the reader tries another M), a contradiction
// throws TraceError (the trace is broken).

import type { Generation } from './generation';
import { Ev, GoState, GoStatus, GO_STATUS_TO_STATE, ProcState, ProcStatus, PROC_STATUS_TO_STATE, EV_NAMES, type EvNum } from './spec';
import { IdMap } from './idmap';
import { TraceError } from './varint';

/** An event with its scheduling context, as handed to consumers. Reused: copy what you keep. */
export interface TraceEvent {
  /** Wire type, or Ev.SyncMarker for the reader's generation marker. */
  type: number;
  /** Nanoseconds on the trace clock (strictly increasing after the reader's fix-up). */
  time: number;
  g: number;
  p: number;
  m: number;
  /** Arguments after dt. STWEnd carries its begin's reason in a0. */
  a0: number;
  a1: number;
  a2: number;
  a3: number;
  /** Old state for StateTransition events (GoState/ProcState), task parent for UserTaskEnd. */
  from: number;
  /** New state for goroutine/proc transitions. */
  to: number;
  /** The generation whose tables (strings, stacks) the IDs refer to; null for the final Sync. */
  gen: Generation | null;
}

export function newEvent(): TraceEvent {
  return { type: 0, time: 0, g: -1, p: -1, m: -1, a0: 0, a1: 0, a2: 0, a3: 0, from: 0, to: 0, gen: null };
}

/** Overwrites a reused event (states cleared). */
export function fillEvent(o: TraceEvent, type: number, time: number, gen: Generation | null, g: number, p: number, m: number, a0: number, a1: number, a2: number, a3: number): TraceEvent {
  o.type = type;
  o.time = time;
  o.g = g;
  o.p = p;
  o.m = m;
  o.a0 = a0;
  o.a1 = a1;
  o.a2 = a2;
  o.a3 = a3;
  o.from = 0;
  o.to = 0;
  o.gen = gen;
  return o;
}

/** The cursor's raw event (before ordering). */
export interface RawEvent {
  type: number;
  time: number;
  a0: number;
  a1: number;
  a2: number;
  a3: number;
}

const NONE = -1;
const GO_STATUS_NAMES = ['Bad', 'Runnable', 'Running', 'Syscall', 'Waiting'];

/**
 * Ranges in flight on one resource, as (type, desc) pairs in two small arrays:
 * a begin allocates nothing (an object per begin was 4 M objects on a 200 MB trace).
 */
class RangeState {
  private typs: number[] = [];
  private descs: number[] = [];
  has(typ: number, desc: number): boolean {
    const t = this.typs;
    for (let i = 0; i < t.length; i++) if (t[i] === typ && this.descs[i] === desc) return true;
    return false;
  }
  begin(typ: number, desc: number): void {
    if (this.has(typ, desc)) throw new TraceError(`discovered event already in-flight for when starting event ${EV_NAMES[typ]}`);
    this.typs.push(typ);
    this.descs.push(desc);
  }
  active(typ: number, initialGen: boolean): void {
    if (initialGen) {
      if (this.has(typ, 0)) throw new TraceError(`found named active range already in first gen: ${EV_NAMES[typ]}`);
      this.typs.push(typ);
      this.descs.push(0);
    } else if (!this.has(typ, 0)) {
      throw new TraceError(`resource is missing active range: ${EV_NAMES[typ]}`);
    }
  }
  /** Ends the first in-flight range of the begin type; returns its desc. */
  end(beginTyp: number): number {
    const t = this.typs;
    const d = this.descs;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === beginTyp) {
        const desc = d[i];
        const last = t.length - 1;
        t[i] = t[last];
        d[i] = d[last];
        t.pop();
        d.pop();
        return desc;
      }
    }
    throw new TraceError(`tried to end event ${EV_NAMES[beginTyp]}, but not in-flight`);
  }
}

/** A goroutine's or P's status, sequence counter (generation, number) and open ranges. */
class Resource extends RangeState {
  constructor(
    readonly id: number,
    public status: number,
    public seqGen: number,
    public seq: number,
  ) {
    super();
  }
}

class GState extends Resource {
  regions: { task: number; name: string }[] = [];
}

class PState extends Resource {}

export interface MState {
  g: number;
  p: number;
}

const GC_UNDETERMINED = 0;
const GC_NOT_RUNNING = 1;
const GC_RUNNING = 2;

// Context requirements: 0 must not have, 1 may have, 2 must have.
function checkCtx(g: number, p: number, m: number, rm: number, rp: number, rg: number): void {
  if (rm === 2 && m === NONE) throw new TraceError("expected a thread but didn't have one");
  if (rm === 0 && m !== NONE) throw new TraceError('expected no thread but had one');
  if (rp === 2 && p === NONE) throw new TraceError("expected a proc but didn't have one");
  if (rp === 0 && p !== NONE) throw new TraceError('expected no proc but had one');
  if (rg === 2 && g === NONE) throw new TraceError("expected a goroutine but didn't have one");
  if (rg === 0 && g !== NONE) throw new TraceError('expected no goroutine but had one');
}
function userGoReqs(g: number, p: number, m: number): void {
  checkCtx(g, p, m, 2, 2, 2);
}

export class Ordering {
  gStates = new IdMap<GState>();
  pStates = new IdMap<PState>();
  mStates = new Map<number, MState>();
  activeTasks = new Map<number, { name: string; parent: number }>();
  gcSeq = 0;
  gcState = GC_UNDETERMINED;
  initialGen = 0;

  /** Events produced by the last advance (1 to 3), in order. */
  readonly queue: TraceEvent[] = [newEvent(), newEvent(), newEvent(), newEvent()];
  qlen = 0;

  // Context of the event being advanced.
  private cg = NONE;
  private cp = NONE;
  private cm = NONE;

  private push(ev: RawEvent, gen: Generation, g: number, p: number, m: number): TraceEvent {
    // Copied field by field: passing the time as an argument would box it on every event.
    const o = this.queue[this.qlen++];
    o.type = ev.type;
    o.time = ev.time;
    o.g = g;
    o.p = p;
    o.m = m;
    o.a0 = ev.a0;
    o.a1 = ev.a1;
    o.a2 = ev.a2;
    o.a3 = ev.a3;
    o.from = 0;
    o.to = 0;
    o.gen = gen;
    return o;
  }

  /** The state of goroutine g, which the event needs to exist and be in `status`. */
  private goroutineIn(g: number, type: number, status: number): GState {
    const st = this.gStates.get(g);
    if (!st) throw new TraceError(`event ${EV_NAMES[type]} for goroutine (${g}) that doesn't exist`);
    if (st.status !== status) throw new TraceError(`${EV_NAMES[type]} event for goroutine that's not ${GO_STATUS_NAMES[status]}`);
    return st;
  }

  /** Pushes a state-transition event (old and new state) and reports success. */
  private pushTransition(ev: RawEvent, gen: Generation, g: number, p: number, m: number, from: number, to: number): true {
    const o = this.push(ev, gen, g, p, m);
    o.from = from;
    o.to = to;
    return true;
  }

  private pushSynth(type: number, time: number, gen: Generation, g: number, p: number, m: number, a0 = 0, a1 = 0): TraceEvent {
    return fillEvent(this.queue[this.qlen++], type, time, gen, g, p, m, a0, a1, 0, 0);
  }

  /**
   * Tries to apply the next event of M `m`. Returns false when it cannot
   * happen yet; throws TraceError when the trace contradicts itself.
   */
  /** The state of M `m` (created on first use); stable, so callers may keep it. */
  mState(m: number): MState {
    let ms = this.mStates.get(m);
    if (!ms) {
      ms = { g: NONE, p: NONE };
      this.mStates.set(m, ms);
    }
    return ms;
  }

  /** `ms` is mState(m), or null for events without a thread (M = -1). */
  advance(ev: RawEvent, gen: Generation, m: number, ms: MState | null): boolean {
    const genNo = gen.gen;
    if (this.initialGen === 0) this.initialGen = genNo;
    if (ms === null) {
      this.cg = NONE;
      this.cp = NONE;
    } else {
      this.cg = ms.g;
      this.cp = ms.p;
    }
    this.cm = m;
    // New context starts as the current one; handlers change ng/np.
    this.ng = this.cg;
    this.np = this.cp;
    const ok = this.dispatch(ev, gen, genNo);
    if (ok && ms) {
      ms.p = this.np;
      ms.g = this.ng;
    }
    return ok;
  }

  private ng = NONE;
  private np = NONE;

  private dispatch(ev: RawEvent, gen: Generation, genNo: number): boolean {
    const g = this.cg;
    const p = this.cp;
    const m = this.cm;
    switch (ev.type) {
      case 9 satisfies EvNum<'ProcsChange'>:
      case 39 satisfies EvNum<'GoLabel'>:
      case 44 satisfies EvNum<'UserLog'>:
        userGoReqs(g, p, m);
        this.push(ev, gen, g, p, m);
        return true;
      case 13 satisfies EvNum<'ProcStatus'>:
        return this.procStatus(ev, gen, genNo);
      case 10 satisfies EvNum<'ProcStart'>: {
        const st = this.pStates.get(ev.a0);
        if (!st || st.status !== ProcStatus.Idle || !(st.seqGen === genNo && ev.a1 === st.seq + 1) || p !== NONE) return false;
        checkCtx(g, p, m, 2, 0, 1);
        st.status = ProcStatus.Running;
        st.seqGen = genNo;
        st.seq = ev.a1;
        this.np = ev.a0;
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 11 satisfies EvNum<'ProcStop'>: {
        const st = this.pStates.get(p);
        if (!st) throw new TraceError(`event ProcStop for proc (${p}) that doesn't exist`);
        if (st.status !== ProcStatus.Running && st.status !== ProcStatus.Syscall) throw new TraceError("ProcStop event for proc that's not Running or Syscall");
        checkCtx(g, p, m, 2, 2, 1);
        st.status = ProcStatus.Idle;
        this.np = NONE;
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 12 satisfies EvNum<'ProcSteal'>:
        return this.procSteal(ev, gen, genNo);
      case 25 satisfies EvNum<'GoStatus'>:
      case 48 satisfies EvNum<'GoStatusStack'>:
        return this.goStatus(ev, gen, genNo);
      case 14 satisfies EvNum<'GoCreate'>:
      case 47 satisfies EvNum<'GoCreateBlocked'>: {
        checkCtx(g, p, m, 2, 2, 1);
        const cur = this.gStates.get(g);
        if (cur && cur.status !== GoStatus.Running) throw new TraceError(`${EV_NAMES[ev.type]} event for goroutine that's not Running`);
        if (this.gStates.has(ev.a0)) throw new TraceError(`tried to create goroutine (${ev.a0}) that already exists`);
        const status = ev.type === Ev.GoCreateBlocked ? GoStatus.Waiting : GoStatus.Runnable;
        this.gStates.set(ev.a0, new GState(ev.a0, status, genNo, 0));
        return this.pushTransition(ev, gen, g, p, m, GoState.NotExist, ev.type === Ev.GoCreateBlocked ? GoState.Waiting : GoState.Runnable);
      }
      case 15 satisfies EvNum<'GoCreateSyscall'>: {
        checkCtx(g, p, m, 2, 1, 0);
        if (this.gStates.has(ev.a0)) throw new TraceError(`tried to create goroutine (${ev.a0}) in syscall that already exists`);
        this.gStates.set(ev.a0, new GState(ev.a0, GoStatus.Syscall, genNo, 0));
        this.ng = ev.a0;
        return this.pushTransition(ev, gen, g, p, m, GoState.NotExist, GoState.Syscall);
      }
      case 16 satisfies EvNum<'GoStart'>: {
        const st = this.gStates.get(ev.a0);
        if (!st || st.status !== GoStatus.Runnable || !(st.seqGen === genNo && ev.a1 === st.seq + 1)) return false;
        checkCtx(g, p, m, 2, 2, 0);
        st.status = GoStatus.Running;
        st.seqGen = genNo;
        st.seq = ev.a1;
        this.ng = ev.a0;
        return this.pushTransition(ev, gen, g, p, m, GoState.Runnable, GoState.Running);
      }
      case 17 satisfies EvNum<'GoDestroy'>:
      case 19 satisfies EvNum<'GoStop'>:
      case 20 satisfies EvNum<'GoBlock'>: {
        userGoReqs(g, p, m);
        const st = this.goroutineIn(g, ev.type, GoStatus.Running);
        let to: number;
        if (ev.type === Ev.GoDestroy) {
          this.gStates.delete(g);
          to = GoState.NotExist;
        } else if (ev.type === Ev.GoStop) {
          st.status = GoStatus.Runnable;
          to = GoState.Runnable;
        } else {
          st.status = GoStatus.Waiting;
          to = GoState.Waiting;
        }
        this.ng = NONE;
        return this.pushTransition(ev, gen, g, p, m, GoState.Running, to);
      }
      case 21 satisfies EvNum<'GoUnblock'>: {
        const st = this.gStates.get(ev.a0);
        if (!st || st.status !== GoStatus.Waiting || !(st.seqGen === genNo && ev.a1 === st.seq + 1)) return false;
        st.status = GoStatus.Runnable;
        st.seqGen = genNo;
        st.seq = ev.a1;
        return this.pushTransition(ev, gen, g, p, m, GoState.Waiting, GoState.Runnable);
      }
      case 45 satisfies EvNum<'GoSwitch'>:
      case 46 satisfies EvNum<'GoSwitchDestroy'>:
        return this.goSwitch(ev, gen, genNo);
      case 22 satisfies EvNum<'GoSyscallBegin'>: {
        userGoReqs(g, p, m);
        const st = this.goroutineIn(g, ev.type, GoStatus.Running);
        st.status = GoStatus.Syscall;
        const ps = this.pStates.get(p);
        if (!ps) throw new TraceError(`uninitialized proc ${p} found during GoSyscallBegin`);
        ps.status = ProcStatus.Syscall;
        if (!(ps.seqGen === genNo && ev.a0 === ps.seq + 1)) throw new TraceError(`failed to advance GoSyscallBegin: can't make sequence: ${ps.seq} -> ${ev.a0}`);
        ps.seqGen = genNo;
        ps.seq = ev.a0;
        return this.pushTransition(ev, gen, g, p, m, GoState.Running, GoState.Syscall);
      }
      case 23 satisfies EvNum<'GoSyscallEnd'>: {
        userGoReqs(g, p, m);
        const st = this.goroutineIn(g, ev.type, GoStatus.Syscall);
        st.status = GoStatus.Running;
        const ps = this.pStates.get(p);
        if (!ps) throw new TraceError(`uninitialized proc ${p} found during GoSyscallEnd`);
        if (ps.status !== ProcStatus.Syscall) throw new TraceError(`expected proc ${p} in state Syscall, but got ${ps.status} instead`);
        ps.status = ProcStatus.Running;
        return this.pushTransition(ev, gen, g, p, m, GoState.Syscall, GoState.Running);
      }
      case 24 satisfies EvNum<'GoSyscallEndBlocked'>: {
        if (p !== NONE) {
          const ps = this.pStates.get(p);
          if (!ps) throw new TraceError(`uninitialized proc ${p} found during GoSyscallEndBlocked`);
          if (ps.status === ProcStatus.Syscall) return false;
        }
        checkCtx(g, p, m, 2, 1, 2);
        const st = this.goroutineIn(g, ev.type, GoStatus.Syscall);
        this.ng = NONE;
        st.status = GoStatus.Runnable;
        return this.pushTransition(ev, gen, g, p, m, GoState.Syscall, GoState.Runnable);
      }
      case 18 satisfies EvNum<'GoDestroySyscall'>: {
        checkCtx(g, p, m, 2, 1, 2);
        this.goroutineIn(g, ev.type, GoStatus.Syscall);
        this.gStates.delete(g);
        this.ng = NONE;
        if (p !== NONE) {
          const ps = this.pStates.get(p);
          if (!ps) throw new TraceError(`found invalid proc ${p} during GoDestroySyscall`);
          if (ps.status !== ProcStatus.Syscall) throw new TraceError(`proc ${p} in unexpected state ${ps.status} during GoDestroySyscall`);
          ps.status = ProcStatus.SyscallAbandoned;
          this.np = NONE;
          const steal = this.pushSynth(Ev.ProcSteal, ev.time, gen, g, p, m, p);
          steal.from = ProcState.Running;
          steal.to = ProcState.Idle;
        }
        return this.pushTransition(ev, gen, g, p, m, GoState.Syscall, GoState.NotExist);
      }
      case 26 satisfies EvNum<'STWBegin'>:
      case 35 satisfies EvNum<'GCMarkAssistBegin'>: {
        userGoReqs(g, p, m);
        const desc = ev.type === Ev.STWBegin ? ev.a0 : 0;
        const st = this.gStates.get(g);
        if (!st) throw new TraceError(`encountered event of type ${ev.type} without known state for current goroutine ${g}`);
        st.begin(ev.type, desc);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 27 satisfies EvNum<'STWEnd'>:
      case 36 satisfies EvNum<'GCMarkAssistEnd'>: {
        userGoReqs(g, p, m);
        const st = this.gStates.get(g);
        if (!st) throw new TraceError(`encountered event of type ${ev.type} without known state for current goroutine ${g}`);
        const desc = st.end(ev.type === Ev.STWEnd ? Ev.STWBegin : Ev.GCMarkAssistBegin);
        const o = this.push(ev, gen, g, p, m);
        if (ev.type === Ev.STWEnd) o.a0 = desc;
        return true;
      }
      case 34 satisfies EvNum<'GCMarkAssistActive'>: {
        const st = this.gStates.get(ev.a0);
        if (!st) throw new TraceError(`uninitialized goroutine ${ev.a0} found during GCMarkAssistActive`);
        st.active(Ev.GCMarkAssistBegin, genNo === this.initialGen);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 28 satisfies EvNum<'GCActive'>: {
        const seq = ev.a0;
        if (genNo === this.initialGen) {
          if (this.gcState !== GC_UNDETERMINED) throw new TraceError("GCActive in the first generation isn't first GC event");
          this.gcSeq = seq;
          this.gcState = GC_RUNNING;
          this.push(ev, gen, g, p, m);
          return true;
        }
        if (seq !== this.gcSeq + 1) return false;
        if (this.gcState !== GC_RUNNING) throw new TraceError('encountered GCActive while GC was not in progress');
        this.gcSeq = seq;
        userGoReqs(g, p, m);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 29 satisfies EvNum<'GCBegin'>: {
        const seq = ev.a0;
        if (this.gcState === GC_UNDETERMINED) {
          this.gcSeq = seq;
          this.gcState = GC_RUNNING;
          this.push(ev, gen, g, p, m);
          return true;
        }
        if (seq !== this.gcSeq + 1) return false;
        if (this.gcState === GC_RUNNING) throw new TraceError('encountered GCBegin while GC was already in progress');
        this.gcSeq = seq;
        this.gcState = GC_RUNNING;
        userGoReqs(g, p, m);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 30 satisfies EvNum<'GCEnd'>: {
        const seq = ev.a0;
        if (seq !== this.gcSeq + 1) return false;
        if (this.gcState === GC_NOT_RUNNING) throw new TraceError('encountered GCEnd when GC was not in progress');
        if (this.gcState === GC_UNDETERMINED) throw new TraceError('encountered GCEnd when GC was in an undetermined state');
        this.gcSeq = seq;
        this.gcState = GC_NOT_RUNNING;
        userGoReqs(g, p, m);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 37 satisfies EvNum<'HeapAlloc'>:
      case 38 satisfies EvNum<'HeapGoal'>:
        checkCtx(g, p, m, 2, 2, 1);
        this.push(ev, gen, g, p, m);
        return true;
      case 32 satisfies EvNum<'GCSweepBegin'>: {
        checkCtx(g, p, m, 2, 2, 1);
        procState(this.pStates, p).begin(Ev.GCSweepBegin, 0);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 31 satisfies EvNum<'GCSweepActive'>: {
        const ps = this.pStates.get(ev.a0);
        if (!ps) throw new TraceError(`encountered GCSweepActive for unknown proc ${ev.a0}`);
        ps.active(Ev.GCSweepBegin, genNo === this.initialGen);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 33 satisfies EvNum<'GCSweepEnd'>: {
        checkCtx(g, p, m, 2, 2, 1);
        procState(this.pStates, p).end(Ev.GCSweepBegin);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 40 satisfies EvNum<'UserTaskBegin'>: {
        const id = ev.a0;
        if (this.activeTasks.has(id)) throw new TraceError(`task ID conflict: ${id}`);
        const name = id2str(gen, ev.a2, ev.type);
        this.activeTasks.set(id, { name, parent: ev.a1 });
        userGoReqs(g, p, m);
        this.push(ev, gen, g, p, m);
        return true;
      }
      case 41 satisfies EvNum<'UserTaskEnd'>: {
        const t = this.activeTasks.get(ev.a0);
        this.activeTasks.delete(ev.a0);
        userGoReqs(g, p, m);
        const o = this.push(ev, gen, g, p, m);
        o.from = t ? t.parent : 0;
        return true;
      }
      case 42 satisfies EvNum<'UserRegionBegin'>:
      case 43 satisfies EvNum<'UserRegionEnd'>: {
        userGoReqs(g, p, m);
        const name = id2str(gen, ev.a1, ev.type);
        const st = this.gStates.get(g);
        if (!st) throw new TraceError(`encountered ${EV_NAMES[ev.type]} without known state for current goroutine ${g}`);
        if (ev.type === Ev.UserRegionBegin) st.regions.push({ task: ev.a0, name });
        else if (st.regions.length > 0) {
          const top = st.regions[st.regions.length - 1];
          if (top.task !== ev.a0 || top.name !== name) throw new TraceError(`misuse of region in goroutine ${g}: region end does not match the inner-most active region`);
          st.regions.pop();
        }
        this.push(ev, gen, g, p, m);
        return true;
      }
      default:
        if (ev.type >= 128 && ev.type <= 136) {
          checkCtx(g, p, m, 2, 1, 1);
          this.push(ev, gen, g, p, m);
          return true;
        }
        throw new TraceError(`bad event type found while ordering: ${ev.type}`);
    }
  }

  private procStatus(ev: RawEvent, gen: Generation, genNo: number): boolean {
    const pid = ev.a0;
    let status = ev.a1;
    if (status >= PROC_STATUS_TO_STATE.length || status < 0) throw new TraceError(`invalid status for proc ${pid}: ${status}`);
    let oldState: number = PROC_STATUS_TO_STATE[status];
    const s = this.pStates.get(pid);
    if (s) {
      if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.Syscall) {
        oldState = ProcState.Running;
        status = ProcStatus.Syscall;
      } else if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.SyscallAbandoned) {
        oldState = ProcState.Idle;
      } else if (s.status !== status) {
        throw new TraceError(`inconsistent status for proc ${pid}: old ${s.status} vs. new ${status}`);
      }
      s.seqGen = genNo;
      s.seq = 0;
    } else {
      this.pStates.set(pid, new PState(pid, status, genNo, 0));
      oldState = genNo === this.initialGen ? ProcState.Undetermined : ProcState.NotExist;
    }
    const orig = ev.a1;
    if (orig === ProcStatus.Running || orig === ProcStatus.Syscall) this.np = pid;
    let cg = this.cg;
    let cp = this.cp;
    let cm = this.cm;
    if (orig === ProcStatus.SyscallAbandoned && oldState === ProcState.Running) {
      let found = false;
      for (const [mid, ms] of this.mStates) {
        if (ms.p === pid) {
          cm = mid;
          cp = pid;
          cg = ms.g;
          found = true;
        }
      }
      if (!found) throw new TraceError(`failed to find sched context for proc ${pid} that's about to be stolen`);
    }
    const o = this.push(ev, gen, cg, cp, cm);
    o.a1 = status;
    o.from = oldState;
    o.to = PROC_STATUS_TO_STATE[status];
    return true;
  }

  private procSteal(ev: RawEvent, gen: Generation, genNo: number): boolean {
    const pid = ev.a0;
    const st = this.pStates.get(pid);
    if (!st || (st.status !== ProcStatus.Syscall && st.status !== ProcStatus.SyscallAbandoned) || !(st.seqGen === genNo && ev.a1 === st.seq + 1)) return false;
    const g = this.cg;
    const p = this.cp;
    const m = this.cm;
    checkCtx(g, p, m, 2, 1, 1);
    const oldStatus = st.status;
    st.status = ProcStatus.Idle;
    st.seqGen = genNo;
    st.seq = ev.a1;
    const from = oldStatus === ProcStatus.SyscallAbandoned ? ProcState.Idle : ProcState.Running;
    if (oldStatus === ProcStatus.SyscallAbandoned) {
      return this.pushTransition(ev, gen, g, p, m, from, ProcState.Idle);
    }
    const victim = ev.a2;
    if (victim === m) {
      if (p !== pid) throw new TraceError(`tried to self-steal proc ${pid} (thread ${victim}), but got proc ${p} instead`);
      this.np = NONE;
    } else {
      const vs = this.mStates.get(victim);
      if (!vs) throw new TraceError(`stole proc from non-existent thread ${victim}`);
      if (vs.p !== pid) throw new TraceError(`tried to steal proc ${pid} from thread ${victim}, but got proc ${vs.p} instead`);
      vs.p = NONE;
    }
    return this.pushTransition(ev, gen, g, p, m, from, ProcState.Idle);
  }

  private goStatus(ev: RawEvent, gen: Generation, genNo: number): boolean {
    const gid = ev.a0;
    const mid = ev.a1;
    const status = ev.a2;
    if (status >= GO_STATUS_TO_STATE.length || status < 0) throw new TraceError(`invalid status for goroutine ${gid}: ${status}`);
    let oldState: number = GO_STATUS_TO_STATE[status];
    const s = this.gStates.get(gid);
    if (s) {
      if (s.status !== status) throw new TraceError(`inconsistent status for goroutine ${gid}: old ${s.status} vs. new ${status}`);
      s.seqGen = genNo;
      s.seq = 0;
    } else if (genNo === this.initialGen) {
      this.gStates.set(gid, new GState(gid, status, genNo, 0));
      oldState = GoState.Undetermined;
    } else {
      throw new TraceError(`found goroutine status for new goroutine after the first generation: id=${gid} status=${status}`);
    }
    let cg = this.cg;
    let cm = this.cm;
    if (status === GoStatus.Running) {
      this.ng = gid;
    } else if (status === GoStatus.Syscall) {
      if (mid === NONE) throw new TraceError(`found goroutine ${gid} in syscall without a thread`);
      if (mid === this.cm) {
        if (genNo !== this.initialGen && this.cg !== gid) throw new TraceError(`inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${this.cg}`);
        this.ng = gid;
      } else {
        const ms = this.mStates.get(mid);
        if (ms) {
          if (ms.g !== gid) throw new TraceError(`inconsistent thread for syscalling goroutine ${gid}: thread has goroutine ${ms.g}`);
          cg = ms.g;
        } else {
          this.mStates.set(mid, { g: gid, p: NONE });
        }
        cm = mid;
      }
    }
    const o = this.push(ev, gen, cg, this.cp, cm);
    o.from = oldState;
    o.to = GO_STATUS_TO_STATE[status];
    return true;
  }

  private goSwitch(ev: RawEvent, gen: Generation, genNo: number): boolean {
    const g = this.cg;
    const p = this.cp;
    const m = this.cm;
    userGoReqs(g, p, m);
    const cur = this.goroutineIn(g, ev.type, GoStatus.Running);
    const next = this.gStates.get(ev.a0);
    if (!next || next.status !== GoStatus.Waiting || !(next.seqGen === genNo && ev.a1 === next.seq + 1)) return false;
    const o = this.push(ev, gen, g, p, m);
    o.from = GoState.Waiting;
    o.to = GoState.Runnable;
    if (ev.type === Ev.GoSwitch) {
      cur.status = GoStatus.Waiting;
      const b = this.pushSynth(Ev.GoBlock, ev.time, gen, g, p, m, 0, 0);
      b.from = GoState.Running;
      b.to = GoState.Waiting;
    } else {
      this.gStates.delete(g);
      const d = this.pushSynth(Ev.GoDestroy, ev.time, gen, g, p, m);
      d.from = GoState.Running;
      d.to = GoState.NotExist;
    }
    next.status = GoStatus.Running;
    next.seqGen = genNo;
    next.seq = ev.a1;
    this.ng = ev.a0;
    const s = this.pushSynth(Ev.GoStart, ev.time, gen, NONE, p, m, ev.a0, ev.a1);
    s.from = GoState.Runnable;
    s.to = GoState.Running;
    return true;
  }
}

function id2str(gen: Generation, id: number, type: number): string {
  if (id === 0) return '';
  const s = gen.strings.get(id);
  if (s === undefined) throw new TraceError(`invalid string ID ${id} for ${EV_NAMES[type]} event`);
  return s;
}

function procState(ps: IdMap<PState>, p: number): PState {
  const s = ps.get(p);
  if (!s) throw new TraceError(`event for proc ${p} that has no state`);
  return s;
}
