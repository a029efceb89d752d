// Turning checked v1 events into the v2 event model the analyses read
// (`TraceEvent`, as src/formats/gotrace/reader.ts delivers them), following
// Go's internal/trace tracev1.go: the whole v1 trace is one generation with
// one table of strings and stacks; goroutines that existed before tracing
// started become GoStatus events at the first GOMAXPROCS event; blocking
// events name their reason with a string of the conversion's own; a syscall
// that did not block becomes a 1 ns GoSyscallBegin/End pair; GoStartLabel
// becomes GoStart + GoLabel; times are forced strictly increasing.

import type { CpuSample, Generation } from '../generation';
import { fillEvent, newEvent, type TraceEvent } from '../order';
import { Ev, GoState, GoStatus, GO_STATUS_TO_STATE, ProcState, ProcStatus, PROC_STATUS_TO_STATE } from '../spec';
import { TraceError } from '../varint';
import { BUILTIN_STRINGS, E, S, stwReason } from './spec';
import { BLOCKED, TYPE_MASK, newV1Event, type EventStore, type FinalOrder } from './store';

/** Go's NoTask (the all-ones task ID). */
const NO_TASK = -1;

/** Block reason string (S index) of each v1 blocking event. */
const BLOCK_REASON: Record<number, number> = {
  [E.GoStop]: S.Forever,
  [E.GoSleep]: S.Sleep,
  [E.GoBlock]: S.Empty,
  [E.GoBlockSend]: S.ChanSend,
  [E.GoBlockRecv]: S.ChanRecv,
  [E.GoBlockSelect]: S.Select,
  [E.GoBlockSync]: S.Sync,
  [E.GoBlockCond]: S.SyncCond,
  [E.GoBlockNet]: S.Network,
  [E.GoBlockGC]: S.MarkAssistWait,
};

/**
 * Adds the strings the conversion needs to the trace's table: UserLog
 * messages (inline in v1) and the builtin reasons, numbered after the
 * largest string ID as Go numbers them. Returns the builtin IDs.
 */
export function addConversionStrings(strings: Map<number, string>, inline: string[]): { inlineIds: number[]; builtinIds: number[] } {
  let max = 0;
  for (const id of strings.keys()) {
    if (id < 0) throw new TraceError('trace contains too many strings'); // the all-ones ID: no room after it
    if (id > max) max = id;
  }
  if (max + inline.length + BUILTIN_STRINGS.length >= 2 ** 64) throw new TraceError('trace contains too many strings');
  const inlineIds = inline.map((s, i) => {
    strings.set(max + 1 + i, s);
    return max + 1 + i;
  });
  max += inline.length;
  const builtinIds = BUILTIN_STRINGS.map((s, c) => {
    strings.set(max + 1 + c, s);
    return max + 1 + c;
  });
  return { inlineIds, builtinIds };
}

export interface ConvertInput {
  store: EventStore;
  order: FinalOrder;
  gen: Generation;
  version: number;
  /** Ticks of the earliest event (time 0). */
  minTs: number;
  inlineIds: number[];
  builtinIds: number[];
}

/**
 * Delivers every converted event to `sink`, the leading Sync included;
 * returns the last time given out. `onProgress` gets the share of v1 events
 * converted, now and then.
 */
export function convertEvents(inp: ConvertInput, sink: (ev: TraceEvent) => void, onProgress?: (fraction: number) => void): { events: number; lastTs: number } {
  const { store, order, gen, version, minTs, inlineIds, builtinIds } = inp;
  const nsPerTick = gen.freq;
  const out = newEvent();
  const clock = { lastTs: 0.5 };
  clock.lastTs = -1;
  let events = 0;
  const emit = (o: TraceEvent) => {
    if (o.time <= clock.lastTs) o.time = clock.lastTs + 1;
    clock.lastTs = o.time;
    events++;
    sink(o);
  };

  const first = order.first();
  if (first < 0) return { events: 0, lastTs: -1 };
  events++;
  sink(fillEvent(out, Ev.SyncMarker, Math.trunc((store.ts(first) - minTs) * nsPerTick) - 1, gen, -1, -1, -1, 1, 0, 0, 0));

  let preInit = true;
  const createdPreInit = new Set<number>();
  const seenProcs = new Set<number>();
  const procMs = new Map<number, number>();
  const tasks = new Map<number, number>();
  let lastStwReason = 0;
  const ev = newV1Event();
  const cpu: CpuSample[] = gen.cpuSamples;

  /** Fills `out` for a transition or plain event of the v1 event in `ev`. */
  const put = (type: number, time: number, g: number, p: number, m: number, a0: number, a1: number, a2: number, a3: number, from = 0, to = 0): TraceEvent => {
    fillEvent(out, type, time, gen, g, p, m, a0, a1, a2, a3);
    out.from = from;
    out.to = to;
    return out;
  };

  let done = 0;
  for (let i = order.next(); i >= 0; i = order.next()) {
    if ((++done & 0xfffff) === 0) onProgress?.(done / store.length);
    store.get(i, ev);
    const raw = ev.type;
    const t = raw & TYPE_MASK;
    const time = Math.trunc((ev.ts - minTs) * nsPerTick);
    const P = ev.p;
    const stk = ev.stk;
    if (t === E.ProcStart) procMs.set(P, ev.a0);
    const m = P !== -1 && t !== E.CPUSample ? (procMs.get(P) ?? -1) : -1;
    const g = ev.g === 0 ? -1 : ev.g;
    switch (t) {
      case E.Gomaxprocs:
        if (preInit) {
          // Goroutines that existed when tracing started and were neither waiting, in a syscall nor started.
          preInit = false;
          for (const gid of createdPreInit) emit(put(Ev.GoStatus, time, -1, -1, -1, gid, -1, GoStatus.Runnable, 0, GoState.Undetermined, GoState.Runnable));
          createdPreInit.clear();
          break;
        }
        emit(put(Ev.ProcsChange, time, g, P, m, ev.a0, stk, 0, 0));
        break;
      case E.ProcStart:
      case E.ProcStop: {
        const start = t === E.ProcStart;
        if (seenProcs.has(P)) emit(put(start ? Ev.ProcStart : Ev.ProcStop, time, g, P, m, P, 0, 0, 0, start ? ProcState.Idle : ProcState.Running, start ? ProcState.Running : ProcState.Idle));
        else {
          // The first event of a P says what state it was in.
          seenProcs.add(P);
          const st = start ? ProcStatus.Running : ProcStatus.Idle;
          emit(put(Ev.ProcStatus, time, g, P, m, P, st, 0, 0, ProcState.Undetermined, PROC_STATUS_TO_STATE[st]));
        }
        if (!start) procMs.delete(P);
        break;
      }
      case E.GCStart:
        emit(put(Ev.GCBegin, time, g, P, m, ev.a0, stk, 0, 0));
        break;
      case E.GCDone:
        emit(put(Ev.GCEnd, time, g, P, m, 0, 0, 0, 0));
        break;
      case E.STWStart:
        lastStwReason = builtinIds[S.STWUnknown + stwReason(version, ev.a0)];
        emit(put(Ev.STWBegin, time, g, P, m, lastStwReason, 0, 0, 0));
        break;
      case E.STWDone:
        emit(put(Ev.STWEnd, time, g, P, m, lastStwReason, 0, 0, 0));
        break;
      case E.GCSweepStart:
        emit(put(Ev.GCSweepBegin, time, g, P, m, stk, 0, 0, 0));
        break;
      case E.GCSweepDone:
        emit(put(Ev.GCSweepEnd, time, g, P, m, ev.a0, ev.a1, 0, 0));
        break;
      case E.GoCreate:
        if (preInit) {
          createdPreInit.add(ev.a0);
          break;
        }
        emit(put(Ev.GoCreate, time, g, P, m, ev.a0, ev.a1, stk, 0, GoState.NotExist, GoState.Runnable));
        break;
      case E.GoStart:
        if (preInit) {
          createdPreInit.delete(ev.a0);
          emit(put(Ev.GoStatus, time, g, P, m, ev.a0, -1, GoStatus.Running, 0, GoState.Undetermined, GO_STATUS_TO_STATE[GoStatus.Running]));
        } else emit(put(Ev.GoStart, time, g, P, m, ev.a0, ev.a1, 0, 0, GoState.Runnable, GoState.Running));
        break;
      case E.GoStartLabel: {
        const lm = procMs.get(P) ?? 0;
        emit(put(Ev.GoStart, time, ev.g, P, lm, ev.a0, ev.a1, ev.a2, 0, GoState.Runnable, GoState.Running));
        emit(put(Ev.GoLabel, time, ev.g, P, lm, ev.a2, 0, 0, 0));
        break;
      }
      case E.GoEnd:
        emit(put(Ev.GoDestroy, time, g, P, m, 0, 0, 0, 0, GoState.Running, GoState.NotExist));
        break;
      case E.GoSched:
      case E.GoPreempt:
        emit(put(Ev.GoStop, time, g, P, m, builtinIds[t === E.GoSched ? S.Gosched : S.Preempted], stk, 0, 0, GoState.Running, GoState.Runnable));
        break;
      case E.GoUnblock:
        emit(put(Ev.GoUnblock, time, g, P, m, ev.a0, ev.a1, stk, 0, GoState.Waiting, GoState.Runnable));
        break;
      case E.GoSysCall:
        if (raw & BLOCKED) emit(put(Ev.GoSyscallBegin, time, g, P, m, 0, stk, 0, 0, GoState.Running, GoState.Syscall));
        else {
          // A syscall that did not block: 1 ns long.
          const sm = procMs.get(P) ?? 0;
          emit(put(Ev.GoSyscallBegin, time, ev.g, P, sm, 0, stk, 0, 0, GoState.Running, GoState.Syscall));
          emit(put(Ev.GoSyscallEnd, time + 1, ev.g, P, sm, 0, 0, 0, 0, GoState.Syscall, GoState.Running));
        }
        break;
      case E.GoSysExit:
        emit(put(Ev.GoSyscallEndBlocked, time, g, P, m, ev.a0, ev.a1, 0, 0, GoState.Syscall, GoState.Runnable));
        break;
      case E.GoSysBlock:
        break;
      case E.GoWaiting:
      case E.GoInSyscall: {
        const st = t === E.GoWaiting ? GoStatus.Waiting : GoStatus.Syscall;
        createdPreInit.delete(ev.a0);
        emit(put(Ev.GoStatus, time, g, P, m, ev.a0, -1, st, 0, GoState.Undetermined, GO_STATUS_TO_STATE[st]));
        break;
      }
      case E.HeapAlloc:
        emit(put(Ev.HeapAlloc, time, g, P, m, ev.a0, 0, 0, 0));
        break;
      case E.HeapGoal:
        emit(put(Ev.HeapGoal, time, g, P, m, ev.a0, 0, 0, 0));
        break;
      case E.GCMarkAssistStart:
        emit(put(Ev.GCMarkAssistBegin, time, g, P, m, stk, 0, 0, 0));
        break;
      case E.GCMarkAssistDone:
        emit(put(Ev.GCMarkAssistEnd, time, g, P, m, 0, 0, 0, 0));
        break;
      case E.UserTaskCreate:
        tasks.set(ev.a0, ev.a1);
        emit(put(Ev.UserTaskBegin, time, g, P, m, ev.a0, ev.a1 === 0 ? NO_TASK : ev.a1, ev.a2, stk));
        break;
      case E.UserTaskEnd: {
        const parent = tasks.get(ev.a0);
        tasks.delete(ev.a0);
        const pt = parent ?? NO_TASK;
        emit(put(Ev.UserTaskEnd, time, g, P, m, ev.a0, stk, pt, 0, pt));
        break;
      }
      case E.UserRegion:
        emit(put(ev.a1 === 0 ? Ev.UserRegionBegin : Ev.UserRegionEnd, time, g, P, m, ev.a0, ev.a2, stk, 0));
        break;
      case E.UserLog:
        emit(put(Ev.UserLog, time, g, P, m, ev.a0, ev.a1, inlineIds[ev.a2], stk));
        break;
      case E.CPUSample:
        emit(put(Ev.CPUSample, time, g, P, -1, stk, -1, P, stk));
        cpu.push({ time: out.time, m: -1, p: P, g, stack: stk });
        break;
      default:
        if (BLOCK_REASON[t] === undefined) throw new TraceError(`unexpected event type ${t}`);
        emit(put(Ev.GoBlock, time, g, P, m, builtinIds[BLOCK_REASON[t]], stk, 0, 0, GoState.Running, GoState.Waiting));
    }
  }
  order.reset();
  return { events, lastTs: clock.lastTs };
}
