// The consistency check of a merged v1 trace (Go's tracev1
// postProcessTrace): a P runs one goroutine at a time, a goroutine is blocked
// before it is unblocked, GC and stop-the-world ranges nest, regions match.
// Any contradiction fails the whole trace, as in Go. On the way it applies
// Go's fix-ups: timer and syscall-exit events move to fake Ps, network
// unblocks to the netpoll P, GC starts to the GC P; a goroutine's first start
// gets its creation stack; unknown stacks become 0. It also marks each
// GoSysCall whose goroutine's next event is GoSysBlock (the conversion needs
// to know whether the syscall blocked; Go looks ahead for it).

import { IdMap } from '../idmap';
import { TraceError } from '../varint';
import { BLOCKS, E, GCP, NAMES, NetpollP, SyscallP, TimerP } from './spec';
import { toU32 } from './parser';
import { BLOCKED, TYPE_MASK, newV1Event, type EventStore, type FinalOrder } from './store';

const DEAD = 0;
const RUNNABLE = 1;
const RUNNING = 2;
const WAITING = 3;

interface GDesc {
  state: number;
  /** Type of the goroutine's last state-changing event (0: none). */
  evType: number;
  /** New-goroutine stack of its GoCreate until its first start (NaN: none). */
  createStk: number;
  assist: boolean;
}

interface PDesc {
  running: boolean;
  g: number;
  sweep: boolean;
}

/** `nsOf` turns ticks into the ns times Go's messages show. */
export function validate(store: EventStore, order: FinalOrder, stacks: Map<number, number[]>, timerGoids: Set<number>, nsOf: (ticks: number) => number): void {
  const gs = new IdMap<GDesc>();
  const ps = new Map<number, PDesc>();
  const tasks = new Set<number>();
  const regions = new Map<number, { task: number; name: number }[]>();
  const pendingSyscall = new IdMap<number>();
  gs.set(0, { state: RUNNING, evType: 0, createStk: NaN, assist: false });
  let inGC = false;
  let inSTW = false;
  const ev = newV1Event();

  const g = (id: number): GDesc => {
    let d = gs.get(id);
    if (!d) gs.set(id, (d = { state: DEAD, evType: 0, createStk: NaN, assist: false }));
    return d;
  };
  const p = (id: number): PDesc => {
    let d = ps.get(id);
    if (!d) ps.set(id, (d = { running: false, g: 0, sweep: false }));
    return d;
  };
  const fail = (msg: string): never => {
    throw new TraceError(msg);
  };
  const checkRunning = (pd: PDesc, gd: GDesc, type: number, allowG0: boolean) => {
    const name = NAMES[type];
    if (gd.state !== RUNNING) fail(`g ${ev.g} is not running while ${name} (time ${nsOf(ev.ts)})`);
    if (pd.g !== ev.g) fail(`p ${ev.p} is not running g ${ev.g} while ${name} (time ${nsOf(ev.ts)})`);
    if (!allowG0 && ev.g === 0) fail(`g 0 did ${name} (time ${nsOf(ev.ts)})`);
  };

  /** The goroutine running on the event's P stops running there (checked) and enters `state`. */
  const leave = (type: number, state: number, setEv: boolean) => {
    const gd = g(ev.g);
    const pd = p(ev.p);
    checkRunning(pd, gd, type, false);
    gd.state = state;
    pd.g = 0;
    if (setEv) gd.evType = type;
  };

  for (let i = order.next(); i >= 0; i = order.next()) {
    store.get(i, ev);
    const type = ev.type & TYPE_MASK;
    const p0 = ev.p;
    const stk0 = ev.stk;

    // Go's look-ahead for "did this syscall block": the next event of the same goroutine.
    const sc = pendingSyscall.get(ev.g);
    if (sc !== undefined) {
      if (type === E.GoSysBlock) store.setType(sc, store.type(sc) | BLOCKED);
      pendingSyscall.delete(ev.g);
    }
    if (type === E.GoSysCall) pendingSyscall.set(ev.g, i);

    if (type === E.GoUnblock && timerGoids.has(ev.g)) ev.p = TimerP;
    if (type === E.GoSysExit) ev.p = SyscallP;

    switch (type) {
      case E.ProcStart: {
        const pd = p(ev.p);
        if (pd.running) fail(`p ${ev.p} is running before start (time ${nsOf(ev.ts)})`);
        pd.running = true;
        break;
      }
      case E.ProcStop: {
        const pd = p(ev.p);
        if (!pd.running) fail(`p ${ev.p} is not running before stop (time ${nsOf(ev.ts)})`);
        if (pd.g !== 0) fail(`p ${ev.p} is running a goroutine ${pd.g} during stop (time ${nsOf(ev.ts)})`);
        pd.running = false;
        break;
      }
      case E.GCStart:
        if (inGC) fail(`previous GC is not ended before a new one (time ${nsOf(ev.ts)})`);
        inGC = true;
        ev.p = GCP;
        break;
      case E.GCDone:
        if (!inGC) fail(`bogus GC end (time ${nsOf(ev.ts)})`);
        inGC = false;
        break;
      case E.STWStart:
        if (inSTW) fail(`previous STW is not ended before a new one (time ${nsOf(ev.ts)})`);
        inSTW = true;
        break;
      case E.STWDone:
        if (!inSTW) fail(`bogus STW end (time ${nsOf(ev.ts)})`);
        inSTW = false;
        break;
      case E.GCSweepStart: {
        const pd = p(ev.p);
        if (pd.sweep) fail(`previous sweeping is not ended before a new one (time ${nsOf(ev.ts)})`);
        pd.sweep = true;
        break;
      }
      case E.GCMarkAssistStart: {
        const gd = g(ev.g);
        if (gd.assist) fail(`previous mark assist is not ended before a new one (time ${nsOf(ev.ts)})`);
        gd.assist = true;
        break;
      }
      case E.GCMarkAssistDone:
        // Assists can be under way when tracing starts: no error.
        g(ev.g).assist = false;
        break;
      case E.GCSweepDone: {
        const pd = p(ev.p);
        if (!pd.sweep) fail(`bogus sweeping end (time ${nsOf(ev.ts)})`);
        pd.sweep = false;
        break;
      }
      case E.GoWaiting:
      case E.GoInSyscall: {
        const gd = g(ev.g);
        if (gd.state !== RUNNABLE) fail(`g ${ev.g} is not runnable before Ev${NAMES[type]} (time ${nsOf(ev.ts)})`);
        gd.state = WAITING;
        gd.evType = type;
        break;
      }
      case E.GoCreate: {
        checkRunning(p(ev.p), g(ev.g), type, true);
        if (gs.has(ev.a0)) fail(`g ${ev.a0} already exists (time ${nsOf(ev.ts)})`);
        gs.set(ev.a0, { state: RUNNABLE, evType: type, createStk: ev.a1, assist: false });
        break;
      }
      case E.GoStart:
      case E.GoStartLabel: {
        const gd = g(ev.g);
        const pd = p(ev.p);
        if (gd.state !== RUNNABLE) fail(`g ${ev.g} is not runnable before start (time ${nsOf(ev.ts)})`);
        if (pd.g !== 0) fail(`p ${ev.p} is already running g ${pd.g} while start g ${ev.g} (time ${nsOf(ev.ts)})`);
        gd.state = RUNNING;
        pd.g = ev.g;
        if (!Number.isNaN(gd.createStk)) {
          ev.stk = toU32(gd.createStk);
          gd.createStk = NaN;
        }
        gd.evType = 0;
        break;
      }
      case E.GoEnd:
      case E.GoStop:
        leave(type, DEAD, false);
        if (type === E.GoEnd) regions.delete(ev.g);
        break;
      case E.GoSched:
      case E.GoPreempt:
        leave(type, RUNNABLE, true);
        break;
      case E.GoUnblock: {
        const gd = g(ev.g);
        const pd = p(ev.p);
        if (gd.state !== RUNNING) fail(`g ${ev.g} is not running while unpark (time ${nsOf(ev.ts)})`);
        if (ev.p !== TimerP && pd.g !== ev.g) fail(`p ${ev.p} is not running g ${ev.g} while unpark (time ${nsOf(ev.ts)})`);
        const g1 = g(ev.a0);
        if (g1.state !== WAITING) fail(`g ${ev.a0} is not waiting before unpark (time ${nsOf(ev.ts)})`);
        if (g1.evType === E.GoBlockNet) ev.p = NetpollP;
        g1.state = RUNNABLE;
        g1.evType = type;
        break;
      }
      case E.GoSysCall: {
        const gd = g(ev.g);
        checkRunning(p(ev.p), gd, type, false);
        gd.evType = type;
        break;
      }
      case E.GoSysBlock:
        leave(type, WAITING, false);
        break;
      case E.GoSysExit: {
        const gd = g(ev.g);
        if (gd.state !== WAITING) fail(`g ${ev.g} is not waiting during syscall exit (time ${nsOf(ev.ts)})`);
        gd.state = RUNNABLE;
        gd.evType = type;
        break;
      }
      case E.UserTaskCreate:
        if (tasks.has(ev.a0)) fail(`task id conflicts (id:${ev.a0})`);
        tasks.add(ev.a0);
        break;
      case E.UserTaskEnd:
        tasks.delete(ev.a0);
        break;
      case E.UserRegion: {
        const mode = ev.a1;
        const st = regions.get(ev.g);
        if (mode === 0) {
          if (st) st.push({ task: ev.a0, name: ev.a2 });
          else regions.set(ev.g, [{ task: ev.a0, name: ev.a2 }]);
        } else if (mode === 1) {
          if (st && st.length > 0) {
            const s = st[st.length - 1];
            if (s.task !== ev.a0 || s.name !== ev.a2) fail(`misuse of region in goroutine ${ev.g}: span end when the inner-most active span start event differs`);
            st.pop();
            if (st.length === 0) regions.delete(ev.g);
          }
        } else fail('invalid user region mode');
        break;
      }
      default:
        if (BLOCKS[type]) leave(type, WAITING, true);
    }
    if (ev.stk !== 0 && !(stacks.get(ev.stk)?.length ?? 0)) ev.stk = 0;
    if (ev.p !== p0) store.setP(i, ev.p);
    if (ev.stk !== stk0) store.setStk(i, ev.stk);
  }
  order.reset();
}
