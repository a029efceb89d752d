// Mutator utilization and minimum mutator utilization (MMU) with go tool
// trace's default MMU flags: stop-the-world (GC reasons only), background
// mark workers and mark assists, one system-wide series (not per P).
// Semantics of internal/trace gc.go MutatorUtilizationV2 + MMUCurve.MMU, with
// two corrections; the `goTool` series keeps Go's rule, to show go tool
// trace's figure beside ours.
// 1. Go counts a background mark worker at its GoStart (gc.go:223, once the
//    goroutine is known as a worker) AND again at the "GC (…)" label the v2
//    tracer emits right after every start of a mark worker (gc.go:241-242), so
//    from a worker's second run on each start adds 2 and each stop removes 1
//    and the P never leaves "GC" again. Here a worker is counted once per run.
// 2. Go takes any goroutine labelled "GC (…)" once as a mark worker for good
//    (gc.go:241). But the tracer labels whatever goroutine starts on a P whose
//    mark-worker mode is set (runtime/traceruntime.go GoStart), and the mode
//    can outlive the worker's turn: in real traces program goroutines get such
//    labels (on the 299 MB bench trace 310 goroutines besides the 4 workers,
//    25,664 labels), and every later run of theirs then counts as GC. Here a
//    goroutine whose own stack (./workerStacks.ts) does not run
//    runtime.gcBgMarkWorker is not counted as a worker; one not yet seen with a
//    stack is, until a stack says otherwise. In every trace measured no
//    program goroutine was labelled before its first stack was seen, so that
//    guess never counted a program goroutine's run.
// The MMU of the series: ./mmuCurve.ts.
//
// A trace read in chunks of generations (src/formats/gotrace/split.ts), each
// analysed on its own and merged, follows the protocol every analysis does:
// `startChunk()` on a fresh instance before the first event of a chunk that
// does not begin the trace, then `parts[0].absorb(parts[1])`,
// `parts[0].absorb(parts[2])`, … left to right, after which parts[0] holds
// exactly what one sequential pass holds (tests/unit/gotrace/
// chunkUtilization.test.ts: every split of every fixture). Here a chunk
// cannot compute its change points (go tool trace's count of a P depends on
// all that came before), so it keeps a log of the events that could change
// them (the runs of the goroutines counted as mark workers, which a scan of
// the generations before the chunk finds: ./gcWorkers.ts), and absorb()
// replays it through ignores() and event(): see startChunk().

import { newEvent, type TraceEvent } from '../../formats/gotrace/order';
import { Ev, GoState, KIND, K, OWN_STACK_ARG, type KindNum } from '../../formats/gotrace/spec';
import { ByteIdMap } from '../../formats/gotrace/idmap';
import { UtilLog } from './utilLog';
import { f64 } from '../../lib/columns';
import { NOT_WORKER, NO_STACK, WorkerStacks } from './workerStacks';

function executing(s: number): boolean {
  return s === GoState.Running || s === GoState.Syscall;
}

/** The ranges the utilization follows (event types). */
const UTIL_RANGES = new Uint8Array(256);
for (const t of [Ev.STWBegin, Ev.STWEnd, Ev.GCMarkAssistBegin, Ev.GCMarkAssistActive, Ev.GCMarkAssistEnd]) UTIL_RANGES[t] = 1;

/** Utilization.states values. */
const RUNNING = 2;
const STOPPED = 1;

/** Utilization.flags bits: in a mark assist; labelled "GC (…)" once (go tool trace's mark worker). */
const IN_GC = 1;
const BG_MARK = 2;
/** The goroutine's own stack was seen: it runs runtime.gcBgMarkWorker (WORKER) or not (NOT_MARK). */
const WORKER = 4;
const NOT_MARK = 8;
/** Ours counts the goroutine's current run as a mark worker's (on the P it runs on). */
const OURS_RUN = 16;
const COUNTED = IN_GC | BG_MARK;
const KNOWN = WORKER | NOT_MARK;
/** UtilLog.packed bits 19-20: what a logged transition's stack told the chunk of its goroutine (workerStacks.ts NO_STACK, MARK_WORKER, NOT_WORKER). */
const LOG_VERDICT_SHIFT = 19;
/** Label codes in the log: a counted "GC (…)" label, "GC (idle)". */
const LABEL_GC = 1;
const LABEL_IDLE = 2;

/**
 * Which of a logged event's IDs a replay needs (`packed`: its log word): the
 * first argument of a transition (its goroutine), a Sync or a GOMAXPROCS
 * change; the event's goroutine for a label or an assist; both for an assist
 * restated active (event() reads both).
 */
function logIds(packed: number): 'g' | 'x' | 'both' {
  const type = packed & 0xff;
  if (type === Ev.GCMarkAssistActive) return 'both';
  const kind = KIND[type];
  return kind === K.StateTransition || kind === K.Sync || type === Ev.ProcsChange ? 'x' : 'g';
}

/**
 * One utilization step function: its change points and the per-P GC counters
 * behind it. Utilization (below) keeps two, fed by one pass over the events.
 */
export class UtilSeries {
  /**
   * Change points: times (ns) and utilization from that time on, in typed
   * columns (millions of points on a big trace: 16 bytes each, and
   * finish() hands out views of them, not copies).
   */
  t = f64();
  u = f64();
  ps: number[] = [];
  /** Ps whose gc counter is above zero (kept in step with ps). */
  private busy = 0;
  /** The current utilization differs from the last point kept (a lower value won at the same time). */
  dirty = false;
  /**
   * Changes to a P's GC count that name no P (or one past GOMAXPROCS):
   * dropped, and counted. Go's internal/trace gc.go indexes its P table
   * unchecked, so go tool trace's MMU page panics there (index out of range
   * [-1], gc.go:226): a goroutine it counts as a worker left a blocked system
   * call without a P (GoSyscallEndBlocked).
   */
  noProc = 0;

  /** Change points held. */
  get length(): number {
    return this.t.n;
  }

  private add(t: number, u: number): void {
    const n = this.t.n;
    if (n > 0) {
      const ua = this.u.a;
      const lu = ua[n - 1];
      if (u === lu) return;
      if (t === this.t.a[n - 1]) {
        if (u < lu) ua[n - 1] = u;
        return;
      }
    }
    this.t.push(t);
    this.u.push(u);
  }

  bump(p: number, d: number): void {
    if (p >= 0 && p < this.ps.length) {
      const was = this.ps[p] > 0;
      this.ps[p] += d;
      const is = this.ps[p] > 0;
      if (was !== is) this.busy += is ? 1 : -1;
    } else this.noProc++;
  }

  /** GOMAXPROCS became `n` at time t. */
  setProcs(t: number, n: number): void {
    if (this.ps.length > n) {
      for (let i = Math.max(0, n); i < this.ps.length; i++) if (this.ps[i] > 0) this.busy--;
      this.ps.length = Math.max(0, n);
    }
    while (this.ps.length < n) {
      if (this.t.n === 0) {
        this.t.push(t);
        this.u.push(1);
      }
      this.ps.push(0);
    }
  }

  /** The utilization at time t, after an event (all Ps in GC while a GC stop-the-world runs). */
  update(t: number, stw: number): void {
    const gcPs = stw > 0 ? this.ps.length : this.busy;
    const now = 1 - gcPs / this.ps.length;
    this.add(t, now);
    this.dirty = now !== this.u.a[this.u.n - 1];
  }

  /** A mark assist running since before the trace: take 1/GOMAXPROCS off every earlier point. */
  backdate(procsT: number[], procsN: number[]): void {
    let pi = 0;
    const t = this.t.a;
    const u = this.u.a;
    for (let i = 0; i < this.t.n; ) {
      if (pi < procsT.length - 1 && procsT[pi + 1] < t[i]) {
        pi++;
        continue;
      }
      u[i] -= 1 / procsN[pi];
      if (u[i] < 0) u[i] = 0;
      i++;
    }
  }

  /**
   * The series so far, closed with a final 0 at the last event (as Go's
   * MutatorUtilizationV2 ends it). The builder is not changed, so this can be
   * called mid-trace for early results and again at the end. The arrays are
   * views of the builder's columns (the closing point written past their
   * length), valid until the next change point is added.
   */
  finish(lastT: number, anyEvents: boolean): { t: Float64Array; u: Float64Array } {
    const n = this.t.n;
    let m = n;
    let copy = false;
    if (anyEvents && this.ps.length > 0) {
      const lu = n > 0 ? this.u.a[n - 1] : NaN;
      if (n > 0 && lu === 0) {
        /* already 0 */
      } else if (n > 0 && this.t.a[n - 1] === lastT) copy = true;
      else {
        // add(lastT, 0), past the columns' length.
        if (this.t.a.length === n) this.t.grow();
        if (this.u.a.length === n) this.u.grow();
        this.t.a[n] = lastT;
        this.u.a[n] = 0;
        m = n + 1;
      }
    }
    if (copy) {
      // The last point is at lastT itself: it becomes 0, on a copy.
      const u = this.u.a.slice(0, n);
      u[n - 1] = Math.min(u[n - 1], 0);
      return { t: this.t.a.subarray(0, n), u };
    }
    return { t: this.t.a.subarray(0, m), u: this.u.a.subarray(0, m) };
  }
}

/**
 * Builds the utilization step functions event by event: ours (a mark worker
 * counted once per run) and go tool trace's (counted again at each label,
 * Go 1.22–1.27). One pass feeds both: the goroutine states and flags, the
 * stop-the-world count and the GOMAXPROCS history are the same for both.
 */
export class Utilization {
  readonly ours = new UtilSeries();
  readonly goTool = new UtilSeries();
  private stw = 0;
  private procsT: number[] = [];
  private procsN: number[] = [];
  /**
   * Goroutines in a mark assist (IN_GC), labelled as mark workers (BG_MARK),
   * known by their stack (WORKER, NOT_MARK), counted by ours (OURS_RUN): a
   * byte per goroutine, checked on every state transition, where Set lookups
   * cost several times more. A goroutine's entry is cleared when it ends.
   */
  private flags = new ByteIdMap();
  private stacks = new WorkerStacks();
  /** Goroutines labelled "GC (dedicated|fractional)" that their stack shows are no mark worker, and that are. */
  labelledNotWorkers = 0;
  labelledWorkers = 0;
  /** Counts a labelled goroutine once both its label and its stack are known (f: its flags with both). */
  private tally(f: number): void {
    if ((f & NOT_MARK) !== 0) this.labelledNotWorkers++;
    else this.labelledWorkers++;
  }
  /**
   * Whether each goroutine executes (RUNNING, STOPPED; 0: not seen), as of
   * its last transition that changed it: only read for a label or an
   * assist's restatement, just after its start.
   */
  private states = new ByteIdMap();
  private setFlag(g: number, bit: number, on: boolean): void {
    const v = this.flags.get(g);
    this.flags.set(g, on ? v | bit : v & ~bit);
  }
  private running(g: number): boolean {
    return this.states.get(g) === RUNNING;
  }
  private nSync = 0;
  /** Read as a chunk that does not begin the trace (startChunk): events are logged, not applied. */
  private chunked = false;
  /** A chunk's events that a sequential pass may apply (see startChunk). */
  private log = new UtilLog();
  /** Time of the last logged event. */
  private logT = NaN;

  /** Drops the cache that points at a generation's tables (done reading). */
  forgetGenerations(): void {
    this.stacks = new WorkerStacks();
  }

  /** Change points held by both series, and a chunk's log entries (16 bytes each, as a change point). */
  points(): number {
    return this.ours.length + this.goTool.length + this.log.length;
  }

  /**
   * This instance reads a chunk that starts at generation i ≥ 1. `gcWorkers`:
   * the goroutines counted as mark workers before it (./gcWorkers.ts: every
   * goroutine once labelled "GC (…)", which go tool trace never forgets). A
   * goroutine in an assist when the chunk begins is restated with
   * GCMarkAssistActive before its first transition in it. So the chunk knows
   * which goroutines count; what it does not know is GOMAXPROCS, each P's GC
   * count, the stop-the-worlds open and the series' last point (and go tool
   * trace's series never stops depending on them: a P it counts twice stays
   * "in GC"), so no change point can be computed here. Instead it logs the
   * events that could change them, whatever they were:
   * - Syncs, labels, GOMAXPROCS changes, stop-the-worlds and assists;
   * - a counted goroutine's transitions into or out of running;
   * - the event after the chunk's first and after one logged at the time of
   *   the one logged before it (the series is left "dirty" only by a second
   *   change at one time, see UtilSeries.update; the reader's times strictly
   *   increase, so in practice never).
   * absorb() replays the log through ignores() and event() on the state
   * before the chunk: exactly the sequential pass. How much that is depends on
   * go tool trace's quirk: the runtime labels application goroutines too, and
   * their runs count from then on. On the 299 MB bench trace (311 goroutines
   * labelled in its first half) the log holds 39% of the second half's
   * events; on gc10.trace (GC always running) 94%, as much as logging every
   * run of every goroutine older than the chunk.
   */
  startChunk(gcWorkers: Iterable<number>): void {
    this.chunked = true;
    for (const g of gcWorkers) this.flags.set(g, BG_MARK);
    this.nSync = 2;
    // The chunk's first event follows one the sequential pass may have applied.
    this.ours.dirty = true;
  }

  /**
   * Takes in the chunk after this one (`next`, read after startChunk()):
   * afterwards this holds what one sequential pass over both holds. `next`
   * is consumed. When this is itself a chunk, the logs are joined.
   */
  absorb(next: Utilization): void {
    if (!next.chunked) throw new Error('Utilization.absorb: the next chunk was not read after startChunk()');
    const log = next.log;
    next.log = new UtilLog();
    if (this.chunked) {
      this.log.append(log, logIds);
      this.logT = next.logT;
      return;
    }
    const ev = newEvent();
    log.replay((e) => {
      const packed = e.packed;
      ev.time = e.t;
      ev.type = packed & 0xff;
      ev.from = (packed >> 8) & 0xf;
      ev.to = (packed >> 12) & 0xf;
      ev.p = e.p;
      ev.g = e.g;
      ev.a0 = e.x;
      const kind = KIND[ev.type];
      const gid = kind === K.StateTransition ? ev.a0 : -2;
      const code = (packed >> 17) & 3;
      const label = code === LABEL_GC ? 'GC (worker)' : code === LABEL_IDLE ? 'GC (idle)' : '';
      if (!this.ignores(ev, kind, gid)) this.event(ev, kind, gid, ((packed >> 16) & 1) === 1, label, (packed >> LOG_VERDICT_SHIFT) & 3);
    }, logIds);
  }

  /** A chunk's event(): logs the event when the sequential pass may apply it, and keeps the chunk's own flags. */
  private record(ev: TraceEvent, kind: number, gid: number, isGcStw: boolean, label: string): void {
    const t = ev.time;
    let code = 0;
    let x = 0;
    let verdict = NO_STACK;
    if (kind === K.StateTransition) {
      x = gid;
      if (gid !== -2) {
        let f = this.flags.get(gid);
        if ((f & KNOWN) === 0) {
          verdict = this.stacks.verdict(ev);
          if (verdict !== NO_STACK) {
            f |= verdict === NOT_WORKER ? NOT_MARK : WORKER;
            this.flags.set(gid, f);
          }
        }
        const ends = ev.to === GoState.NotExist && (f & COUNTED) === 0;
        if (ends) this.flags.set(gid, 0);
        // Logged: what the sequential pass learns of the goroutine here (it may change ours, now or
        // later), the end of one it may know (it forgets it), or a counted one starting or stopping
        // to run (or any, the series dirty).
        const logs = verdict !== NO_STACK || ends || this.ours.dirty || ((f & COUNTED) !== 0 && executing(ev.from) !== executing(ev.to));
        if (!logs) return;
      }
    } else if (kind === K.Label) {
      if (label.startsWith('GC ')) {
        code = label === 'GC (idle)' ? LABEL_IDLE : LABEL_GC;
        if (code === LABEL_GC) this.setFlag(ev.g, BG_MARK, true);
      }
    } else if (ev.type === Ev.GCMarkAssistBegin) this.setFlag(ev.g, IN_GC, true);
    else if (ev.type === Ev.GCMarkAssistActive) {
      if (ev.a0 !== -1) this.setFlag(ev.a0, IN_GC, true);
    } else if (ev.type === Ev.GCMarkAssistEnd) this.setFlag(ev.g, IN_GC, false);
    if (kind === K.Sync || ev.type === Ev.ProcsChange || ev.type === Ev.GCMarkAssistActive) x = ev.a0;
    const packed = ev.type | (ev.from << 8) | (ev.to << 12) | ((isGcStw ? 1 : 0) << 16) | (code << 17) | (verdict << LOG_VERDICT_SHIFT);
    this.log.push(t, packed, ev.p, ev.g, x, logIds(packed));
    // The series can be left dirty only by a second change at one time: the next event is logged
    // after one at the time of the last logged (or after the chunk's first: one before it may share its time).
    this.ours.dirty = !(t > this.logT);
    this.logT = t;
  }

  private bump(p: number, d: number): void {
    this.ours.bump(p, d);
    this.goTool.bump(p, d);
  }

  /**
   * True when the event cannot change the utilization, so the collector need
   * not call event() (most events: small enough to be inlined in its loop).
   * `gid` is the goroutine a state transition is about (-2 otherwise).
   */
  ignores(ev: TraceEvent, kind: number, gid: number): boolean {
    if (this.ours.dirty || this.goTool.dirty) return false;
    switch (kind) {
      case 13 satisfies KindNum<'StateTransition'>: {
        if (this.nSync <= 1) return false;
        const f = this.flags.get(gid);
        // Counted, or a first own stack to learn from, or the end of one learnt (in a chunk, of any:
        // the pass before the chunk may know it).
        if ((f & COUNTED) !== 0) return false;
        if (ev.to === GoState.NotExist) return f === 0 && !this.chunked;
        return f !== 0 || OWN_STACK_ARG[ev.type] < 0;
      }
      case 2 satisfies KindNum<'Metric'>:
        return ev.type !== Ev.ProcsChange;
      case 5 satisfies KindNum<'RangeBegin'>:
      case 6 satisfies KindNum<'RangeActive'>:
      case 7 satisfies KindNum<'RangeEnd'>:
        // Only stop-the-worlds and assists: a sweep (most ranges) changes nothing.
        return !UTIL_RANGES[ev.type];
      case 1 satisfies KindNum<'Sync'>:
      case 3 satisfies KindNum<'Label'>:
        return false;
      default:
        return true;
    }
  }

  /**
   * An event ignores() did not rule out; `isGcStw` whether an STW range has a
   * GC reason, `label` a label's text. `verdict`: what a replayed
   * transition's stack told its chunk of the goroutine (workerStacks.ts);
   * otherwise it is read from the event's stack.
   */
  event(ev: TraceEvent, kind: number, gid: number, isGcStw: boolean, label: string, verdict = NO_STACK): void {
    if (this.chunked) return this.record(ev, kind, gid, isGcStw, label);
    const t = ev.time;
    if (kind === K.Sync) this.nSync = ev.a0;
    else if (ev.type === Ev.ProcsChange) {
      const n = ev.a0;
      this.ours.setProcs(t, n);
      this.goTool.setProcs(t, n);
      if (this.procsN.length === 0 || this.procsN[this.procsN.length - 1] !== n) {
        this.procsT.push(t);
        this.procsN.push(n);
      }
    }
    if (this.ours.ps.length === 0) return;
    switch (kind) {
      case 6 satisfies KindNum<'RangeActive'>:
        if (this.nSync > 1) break;
        if (ev.type === Ev.GCMarkAssistActive) {
          if (this.running(ev.g)) {
            this.ours.backdate(this.procsT, this.procsN);
            this.goTool.backdate(this.procsT, this.procsN);
          }
          this.rangeBegin(ev, isGcStw);
        }
        break;
      case 5 satisfies KindNum<'RangeBegin'>:
        this.rangeBegin(ev, isGcStw);
        break;
      case 7 satisfies KindNum<'RangeEnd'>:
        if (ev.type === Ev.STWEnd) {
          if (isGcStw) this.stw--;
        } else if (ev.type === Ev.GCMarkAssistEnd) {
          this.bump(ev.p, -1);
          this.setFlag(ev.g, IN_GC, false);
        }
        break;
      case 13 satisfies KindNum<'StateTransition'>:
        if (gid !== -2) this.transition(ev, gid, verdict);
        break;
      case 3 satisfies KindNum<'Label'>:
        if (label.startsWith('GC ') && label !== 'GC (idle)') {
          const f = this.flags.get(ev.g);
          this.flags.set(ev.g, f | BG_MARK);
          if ((f & BG_MARK) === 0 && (f & KNOWN) !== 0) this.tally(f);
          // Go counts a labelled run again, even when its GoStart counted it (see the file's head).
          this.goTool.bump(ev.p, 1);
          // Ours counts it once, and never for a goroutine whose stack showed it is not a worker.
          if ((f & (OURS_RUN | NOT_MARK)) === 0) this.countRun(ev.g, ev.p);
        }
        break;
    }
    this.ours.update(t, this.stw);
    this.goTool.update(t, this.stw);
  }

  /** Ours starts counting goroutine g's run, on P p, as a mark worker's. */
  private countRun(g: number, p: number): void {
    this.ours.bump(p, 1);
    this.flags.set(g, this.flags.get(g) | OURS_RUN);
  }

  /** A goroutine's state transition (in a sequential pass or replayed). */
  private transition(ev: TraceEvent, g: number, told: number): void {
    let f = this.flags.get(g);
    if ((f & KNOWN) === 0) {
      const v = told !== NO_STACK ? told : this.stacks.verdict(ev);
      if (v !== NO_STACK) {
        f |= v === NOT_WORKER ? NOT_MARK : WORKER;
        if ((f & BG_MARK) !== 0) this.tally(f);
        if (v === NOT_WORKER && (f & OURS_RUN) !== 0) {
          // Counted since its label, but its stack says it is not a worker: from now on it is not.
          this.ours.bump(ev.p, -1);
          f &= ~OURS_RUN;
        }
        this.flags.set(g, f);
      }
    }
    const is = executing(ev.to);
    if (executing(ev.from) !== is) {
      if ((f & COUNTED) !== 0) this.goTool.bump(ev.p, is ? 1 : -1);
      if ((f & IN_GC) !== 0) this.ours.bump(ev.p, is ? 1 : -1);
      if (is) {
        if ((f & (BG_MARK | NOT_MARK)) === BG_MARK) this.countRun(g, ev.p);
      } else if ((f & OURS_RUN) !== 0) {
        this.ours.bump(ev.p, -1);
        this.flags.set(g, f & ~OURS_RUN);
      }
      // Read only for a counted goroutine, or for an assist restated in the first generation.
      if (this.nSync <= 1 || (f & COUNTED) !== 0) this.states.set(g, is ? RUNNING : STOPPED);
    }
    if (ev.to === GoState.NotExist && (f & COUNTED) === 0) {
      // It ended: it will never run again, so what is known of it is dropped.
      this.flags.set(g, 0);
      this.states.set(g, 0);
    }
  }

  private rangeBegin(ev: TraceEvent, isGcStw: boolean): void {
    if (ev.type === Ev.STWBegin) {
      if (isGcStw) this.stw++;
    } else if (ev.type === Ev.GCMarkAssistBegin || ev.type === Ev.GCMarkAssistActive) {
      this.bump(ev.p, 1);
      const g = ev.type === Ev.GCMarkAssistActive ? ev.a0 : ev.g;
      if (g !== -1) this.setFlag(g, IN_GC, true);
    }
  }
}
