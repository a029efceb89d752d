// Merging the per-P batches of a v1 trace into one consistent event stream,
// as Go's tracev1 parseEventBatches does: each P's next event waits until the
// goroutine it concerns is in the state (and at the sequence number) the
// event expects; among the ready ones the earliest goes first (Go's heap, the
// same sift rules). Then GoSysExit events get their real exit time and are
// re-placed as a stable sort would (store.ts FinalOrder).

import { IdMap } from '../idmap';
import { TraceError, TraceLimitError } from '../varint';
import { BLOCKS, E } from './spec';
import { ERR_TIME_ORDER, type ProcCursor, type SampleCursor, type V1Parser } from './parser';
import { EventStore, FinalOrder, MOVED, type V1Event } from './store';

// Goroutine states of the merge (tracev1 order.go).
const DEAD = 0;
const RUNNABLE = 1;
const RUNNING = 2;
const WAITING = 3;
/** "Any sequence number" (Go's noseq, the all-ones uint64, which the uvarint decoder returns as -1). */
const NOSEQ = -1;
/** "One more than the current sequence number". */
const SEQINC = -2;

interface GState {
  seq: number;
  status: number;
}

// The transition of the event being looked at (Go's stateTransition results).
const NONE = 0;
const GOROUTINE = 1;
const GARBAGE = 2;
let tKind = NONE;
let tG = 0;
let initSeq = 0;
let initStatus = 0;
let nextSeq = 0;
let nextStatus = 0;

function set(kind: number, g: number, is: number, ist: number, ns: number, nst: number): void {
  // The all-ones goroutine ID is Go's "unordered" marker too.
  tKind = kind === GOROUTINE && g === -1 ? NONE : kind;
  tG = g;
  initSeq = is;
  initStatus = ist;
  nextSeq = ns;
  nextStatus = nst;
}

function transitionOf(e: V1Event): void {
  switch (e.type) {
    case E.GoCreate:
      return set(GOROUTINE, e.a0, 0, DEAD, 1, RUNNABLE);
    case E.GoWaiting:
    case E.GoInSyscall:
      return set(GOROUTINE, e.g, 1, RUNNABLE, 2, WAITING);
    case E.GoStart:
    case E.GoStartLabel:
      return set(GOROUTINE, e.g, e.a1, RUNNABLE, e.a1 + 1, RUNNING);
    case E.GoStartLocal:
      return set(GOROUTINE, e.g, NOSEQ, RUNNABLE, SEQINC, RUNNING);
    case E.GoSysBlock:
      return set(GOROUTINE, e.g, NOSEQ, RUNNING, NOSEQ, WAITING);
    case E.GoSched:
    case E.GoPreempt:
      return set(GOROUTINE, e.g, NOSEQ, RUNNING, NOSEQ, RUNNABLE);
    case E.GoUnblock:
    case E.GoSysExit:
      return set(GOROUTINE, e.a0, e.a1, WAITING, e.a1 + 1, RUNNABLE);
    case E.GoUnblockLocal:
    case E.GoSysExitLocal:
      return set(GOROUTINE, e.a0, NOSEQ, WAITING, SEQINC, RUNNABLE);
    case E.GCStart:
      return set(GARBAGE, 0, e.a0, DEAD, e.a0 + 1, DEAD);
    default:
      if (BLOCKS[e.type]) return set(GOROUTINE, e.g, NOSEQ, RUNNING, NOSEQ, WAITING);
      tKind = NONE;
  }
}

const UNSEEN: GState = { seq: 0, status: DEAD };

class States {
  private gs = new IdMap<GState>();
  private gc: GState = { seq: 0, status: DEAD };
  current(): GState {
    return tKind === GARBAGE ? this.gc : (this.gs.get(tG) ?? UNSEEN);
  }
  ready(): boolean {
    if (tKind === NONE) return true;
    const c = this.current();
    return (initSeq === NOSEQ || initSeq === c.seq) && initStatus === c.status;
  }
  apply(): void {
    if (tKind === NONE) return;
    if (!this.ready()) throw new TraceError('encountered impossible goroutine state transition');
    const c = this.current();
    const seq = nextSeq === NOSEQ ? c.seq : nextSeq === SEQINC ? c.seq + 1 : nextSeq;
    if (tKind === GARBAGE) this.gc = { seq, status: nextStatus };
    else if (c === UNSEEN) this.gs.set(tG, { seq, status: nextStatus });
    else {
      c.seq = seq;
      c.status = nextStatus;
    }
  }
}

type Proc = ProcCursor | SampleCursor;

// The frontier heap, with exactly Go's container/heap-style sift rules (order.go).
function less(h: Proc[], i: number, j: number): boolean {
  return h[i].ev.ts < h[j].ev.ts;
}
function swap(h: Proc[], i: number, j: number): void {
  const t = h[i];
  h[i] = h[j];
  h[j] = t;
}
function heapPush(h: Proc[], p: Proc): void {
  h.push(p);
  let j = h.length - 1;
  for (;;) {
    const i = Math.trunc((j - 1) / 2);
    if (i === j || !less(h, j, i)) break;
    swap(h, i, j);
    j = i;
  }
}
function heapPop(h: Proc[]): Proc {
  const n = h.length - 1;
  swap(h, 0, n);
  let i = 0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h, j2, j1)) j = j2;
    if (!less(h, j, i)) break;
    swap(h, i, j);
    i = j;
  }
  return h.pop()!;
}

export interface MergeOptions {
  maxEvents: number;
  capReason: string;
  /** Called now and then with the number of events merged so far. */
  onProgress?(events: number): void;
}

/** Merges all batches into `store`; returns the final order (after the GoSysExit fix-up). */
export function mergeEvents(parser: V1Parser, procs: ProcCursor[], samples: SampleCursor, opts: MergeOptions): { store: EventStore; order: FinalOrder } {
  const store = new EventStore();
  const states = new States();
  const all: Proc[] = [...procs, samples];
  const avail: Proc[] = all.slice();
  const frontier: Proc[] = [];
  // Ps whose next event is not ready are looked at again after every event
  // (as in Go): counted, so that a crafted trace with very many stuck Ps
  // still reports progress and can be cancelled.
  let looks = 0;
  for (;;) {
    for (let i = 0; i < avail.length; i++) {
      if ((++looks & 0xfffff) === 0) opts.onProgress?.(store.length);
      const pr = avail[i];
      if (!pr.has && !pr.advance(parser)) {
        pr.done = true;
        avail[i] = avail[avail.length - 1];
        avail.pop();
        i--;
        continue;
      }
      transitionOf(pr.ev);
      if (!states.ready()) continue;
      avail[i] = avail[avail.length - 1];
      avail.pop();
      heapPush(frontier, pr);
      i--;
    }
    if (frontier.length === 0) {
      for (const p of all) if (!p.done) throw new TraceError('no consistent ordering of events possible');
      break;
    }
    const f = heapPop(frontier);
    const ev = f.ev;
    transitionOf(ev);
    // "Local" events only served the ordering.
    if (ev.type === E.GoStartLocal) ev.type = E.GoStart;
    else if (ev.type === E.GoUnblockLocal) ev.type = E.GoUnblock;
    else if (ev.type === E.GoSysExitLocal) ev.type = E.GoSysExit;
    if (store.length >= opts.maxEvents) throw new TraceLimitError(opts.capReason);
    store.push(ev);
    states.apply();
    f.has = false;
    avail.push(f);
  }

  // The merged stream must be in time order.
  for (let i = 1; i < store.length; i++) if (store.ts(i) < store.ts(i - 1)) throw new TraceError(ERR_TIME_ORDER);

  // GoSysExit carries the real exit time (taken before the event was written).
  const lastSysBlock = new IdMap<number>();
  const moved: number[] = [];
  const e: V1Event = { type: 0, ts: 0, g: 0, p: 0, a0: 0, a1: 0, a2: 0, stk: 0 };
  for (let i = 0; i < store.length; i++) {
    const t = store.type(i);
    if (t === E.GoSysBlock || t === E.GoInSyscall) lastSysBlock.set(store.get(i, e).g, store.ts(i));
    else if (t === E.GoSysExit) {
      store.get(i, e);
      if (Number.isNaN(e.a2)) continue;
      const block = lastSysBlock.get(e.g);
      if (block === undefined) throw new TraceError('stray syscall exit');
      if (e.a2 < block) throw new TraceError(ERR_TIME_ORDER);
      if (e.a2 !== e.ts) {
        store.setTs(i, e.a2);
        store.setType(i, t | MOVED);
        moved.push(i);
      }
    }
  }
  return { store, order: new FinalOrder(store, moved) };
}
