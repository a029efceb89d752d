// Everything the trace analyses need, gathered in one pass over the ordered
// events as the reader produces them (no per-event objects are kept): GC
// cycles, stop-the-worlds, heap/goal/GOMAXPROCS samples, goroutine states
// over time, scheduler latency, blocking, utilization, CPU samples and user
// annotations. Nothing grows with the number of events: scheduler waits go
// to a bounded rank structure (../boundedRanks.ts), heap samples to a series
// that merges itself past a bounded size (src/lib/decimatedSeries.ts), and the
// heap figures the GC views need per cycle and per stop are taken as the
// events arrive. What still grows is per GC cycle, stop-the-world, goroutine
// and utilization change point (see bytes()).

import type { Generation } from '../../formats/gotrace/generation';
import { frameFunc } from '../../formats/gotrace/generation';
import type { TraceEvent } from '../../formats/gotrace/order';
import { Ev, GoState, K, KIND, KIND_NAMES, type EvNum, type KindNum } from '../../formats/gotrace/spec';
import { IdMap } from '../../formats/gotrace/idmap';
import { Utilization } from './mmu';
import { DecimatedSeries } from '../../lib/decimatedSeries';
import { BoundedRanks } from '../boundedRanks';
import { TraceLimitError } from '../../formats/gotrace/varint';
import { DEFAULT_LIMITS } from '../../formats/limits';
import { formatCount } from '../../lib/display';
import { Carry, CarryLog, PROGRAM_RUN, TimedSums } from './chunkCarry';
import { NOT_WORKER, WorkerStacks } from './workerStacks';

export interface GenerationCount {
  seen: number;
  alive: number;
  events: number;
}

export interface Agg {
  count: number;
  totalNs: number;
  maxNs: number;
}

/** Adds each of `from`'s aggregates to `to`'s of the same key. */
function addAggs(to: Map<string, Agg>, from: Map<string, Agg>): void {
  for (const [k, a] of from) {
    let b = to.get(k);
    if (!b) to.set(k, (b = { count: 0, totalNs: 0, maxNs: 0 }));
    b.count += a.count;
    b.totalNs += a.totalNs;
    if (a.maxNs > b.maxNs) b.maxNs = a.maxNs;
  }
}

function agg(m: Map<string, Agg>, key: string, ns: number): void {
  let a = m.get(key);
  if (!a) {
    a = { count: 0, totalNs: 0, maxNs: 0 };
    m.set(key, a);
  }
  a.count++;
  a.totalNs += ns;
  if (ns > a.maxNs) a.maxNs = ns;
}

/** Counted goroutine states, in series order. */
export const SERIES_STATES = [GoState.Running, GoState.Runnable, GoState.Waiting, GoState.Syscall] as const;
const MAX_BUCKETS = 4000;
/** sAssist of a goroutine a chunk was told is in a mark assist (GCMarkAssistActive) before it saw it run or stop. */
const CARRIED = -2;

/** Goroutine of a goroutine state transition; -2 for proc transitions. */
export function transitionGoroutine(ev: TraceEvent): number {
  switch (ev.type) {
    case 14 satisfies EvNum<'GoCreate'>:
    case 15 satisfies EvNum<'GoCreateSyscall'>:
    case 47 satisfies EvNum<'GoCreateBlocked'>:
    case 16 satisfies EvNum<'GoStart'>:
    case 21 satisfies EvNum<'GoUnblock'>:
    case 45 satisfies EvNum<'GoSwitch'>:
    case 46 satisfies EvNum<'GoSwitchDestroy'>:
    case 25 satisfies EvNum<'GoStatus'>:
    case 48 satisfies EvNum<'GoStatusStack'>:
      return ev.a0;
    case 10 satisfies EvNum<'ProcStart'>:
    case 11 satisfies EvNum<'ProcStop'>:
    case 12 satisfies EvNum<'ProcSteal'>:
    case 13 satisfies EvNum<'ProcStatus'>:
      return -2;
    default:
      return ev.g;
  }
}

/** Sizes of the bounded structures (tests make them small to exercise the merged forms on small fixtures). */
export interface CollectorBounds {
  /** Scheduler waits kept exactly before they are folded into a histogram. */
  latencyExactMax?: number;
  /** Heap samples kept before the series merges itself. */
  heapMaxPoints?: number;
}

export class TraceCollector {
  /** `maxGoroutines`: reading stops with a TraceError past this many (src/formats/limits.ts). */
  constructor(
    private readonly maxGoroutines: number = DEFAULT_LIMITS.maxTraceGoroutines,
    bounds: CollectorBounds = {},
  ) {
    this.latencies = new BoundedRanks(bounds.latencyExactMax);
    this.heap = new DecimatedSeries(bounds.heapMaxPoints);
  }

  events = 0;
  byKind = new Float64Array(KIND_NAMES.length);
  /** Time of the first event (meaningful once `events` > 0; a v1 trace starts at -1 ns). */
  firstTime = 0;
  lastTime = 0;
  generations: GenerationCount[] = [];
  private cur: GenerationCount | null = null;

  // GC cycles and stop-the-worlds (absolute ns; -1 = unknown).
  gcStart: number[] = [];
  gcEnd: number[] = [];
  /** Times of GC-begin events whose stack holds runtime.GC: the cycles gctrace marks "(forced)" (gcTriggerCycle). */
  forcedGcT: number[] = [];
  private openGC = -1;
  stwStart: number[] = [];
  stwEnd: number[] = [];
  stwReason: string[] = [];
  /** HeapAlloc at each stop-the-world's start (0 before the first sample). */
  stwHeap: number[] = [];
  private openSTW = new Map<number, number>();
  /** Time goroutines ran inside mark assists. */
  assistNs = 0;
  /** Goroutines in a mark assist (their slots' sAssist is set). */
  private assists = 0;
  /** GC stop-the-world time × GOMAXPROCS. */
  gcStwProcNs = 0;
  /** GC CPU so far (GC stops × Ps + workers + assists) and GOMAXPROCS at each GC cycle start. */
  gcCpuAtStart: number[] = [];
  procsAtStart: number[] = [];
  gcCpuNs(): number {
    return this.gcStwProcNs + this.workerNs + this.assistNs;
  }
  procs(): number {
    return this.procsV.length ? this.procsV[this.procsV.length - 1] : 0;
  }
  /**
   * Time dedicated and fractional GC mark workers ran (idle-time workers
   * excluded), from each "GC (…)" label to the goroutine's next stop; not a
   * run whose goroutine ends or whose stack there shows it is not a worker
   * (the runtime labels program goroutines too: workerStacks.ts).
   */
  workerNs = 0;
  private workerStacks = new WorkerStacks();
  /** Mark workers running (their slots' sWorker is set). */
  private workers = 0;

  // Metrics.
  heap: DecimatedSeries;
  /** HeapAlloc samples (merged past ~1 M: min and max per time bucket, see DecimatedSeries). */
  get heapT() {
    return this.heap.t;
  }
  get heapV() {
    return this.heap.v;
  }
  /** Last HeapAlloc value (0 before the first) and the largest (-1 before the first). */
  lastHeap = 0;
  peakHeap = -1;
  /** Per GC cycle: HeapAlloc at its start, its largest until its end, and the first sample after its end (NaN: none yet). */
  gcHeapStart: number[] = [];
  gcHeapPeak: number[] = [];
  gcLive: number[] = [];
  private liveWaiting: number[] = [];
  goalT: number[] = [];
  goalV: number[] = [];
  procsT: number[] = [];
  procsV: number[] = [];

  // Goroutine states over time: counts sampled at the end of fixed buckets.
  stateCounts = new Int32Array(6);
  bucketNs = 1e6;
  buckets: Int32Array[] = SERIES_STATES.map(() => new Int32Array(MAX_BUCKETS * 2));
  nBuckets = 0;
  maxCounts = new Int32Array(6);

  // Per-goroutine state in dense slots (one Map lookup per transition).
  private slotOf = new IdMap<number>();
  private nSlots = 0;
  private cap = 0;
  private sGid = new Float64Array(0);
  private sSeenGen = new Int32Array(0);
  private sAlive = new Uint8Array(0);
  private sRunnable = new Float64Array(0);
  private sBlock = new Float64Array(0);
  private sBlockIdx = new Int32Array(0);
  private sSyscall = new Float64Array(0);
  private sLatN = new Float64Array(0);
  private sLatTotal = new Float64Array(0);
  private sLatMax = new Float64Array(0);
  /** In a mark assist: since when it runs in it, -1 while it does not run; NaN: not in one. */
  private sAssist = new Float64Array(0);
  /** A dedicated or fractional mark worker's run: since when; NaN: none. */
  private sWorker = new Float64Array(0);
  private genIndex = 0;
  private seenCount = 0;
  private aliveCount = 0;

  // Reading a chunk that begins after the trace's first generation (startChunk): what depends on state
  // from before it is carried to absorb(), which joins it to the chunk before.
  private chunk = false;
  /** Origin of the goroutine-state buckets: the trace's first event. */
  private origin = 0;
  /** A chunk's goroutines not yet seen to change state (their state and since-times are the previous chunk's). */
  private sFresh = new Uint8Array(0);
  private carried = new CarryLog();
  /** The chunk's GC cycle that was running when it began (its GCActive, or an end without a begin), -1: none. */
  private contGC = -1;
  /** The first HeapAlloc sample (time NaN: none yet). */
  private firstHeapT = NaN;
  private firstHeapV = 0;
  /** A chunk's largest HeapAlloc before its first GC cycle (-1: none). */
  private preGcPeak = -1;

  // Scheduler latency and blocking.
  /** Scheduler waits (runnable → running), ns. */
  latencies: BoundedRanks;
  blockByReason = new Map<string, Agg>();
  /** Interned (reason, stack) blocking sites. */
  blockSites: (Agg & { reason: string; stack: string[]; reasonAgg: Agg })[] = [];
  private siteIndex = new Map<string, number>();
  private siteCache = new Map<number, number>();
  private siteCacheGen: Generation | null = null;

  /** Mutator utilization: ours, and the same series as go tool trace builds it (a mark worker counted twice per run, see mmu.ts). */
  util = new Utilization();

  // CPU samples and user annotations.
  cpuSamples = 0;
  cpuByStack = new Map<string, number>();
  private taskStart = new Map<number, { name: string; t: number }>();
  tasks = new Map<string, Agg>();
  tasksOpen = 0;
  regions = new Map<string, Agg>();
  private openRegionCount = 0;
  private regionStack = new Map<number, { name: string; t: number }[]>();
  logs = new Map<string, number>();

  // Per-generation caches of resolved stacks.
  private stackGen: Generation | null = null;
  private stackCache = new Map<number, string[]>();

  /** event() as a function to hand a reader (made on each read: a field holding a function could not be sent to another thread). */
  get sink(): (ev: TraceEvent) => void {
    return (ev) => this.event(ev);
  }

  /** Drops the caches that point at a generation's tables (done reading: they are not needed, nor sent with the collector). */
  forgetGenerations(): void {
    this.stackGen = this.siteCacheGen = null;
    this.stackCache.clear();
    this.siteCache.clear();
    this.workerStacks = new WorkerStacks();
    this.util.forgetGenerations();
  }

  private str(ev: TraceEvent, id: number): string {
    return id === 0 ? '' : (ev.gen?.strings.get(id) ?? '');
  }

  /** Function names of a stack, innermost first (at most 8). */
  stackFuncs(gen: Generation | null, id: number): string[] {
    if (!gen || id === 0) return [];
    if (gen !== this.stackGen) {
      this.stackGen = gen;
      this.stackCache.clear();
    }
    let s = this.stackCache.get(id);
    if (!s) {
      const pcs = gen.stacks.get(id) ?? [];
      s = pcs.slice(0, 8).map((pc) => frameFunc(gen, pc) || '?');
      this.stackCache.set(id, s);
    }
    return s;
  }

  event(ev: TraceEvent): void {
    const t = ev.time;
    const kind = KIND[ev.type];
    if (this.events === 0) {
      this.firstTime = t;
      if (!this.chunk) {
        this.origin = t;
        // Heap buckets counted from the trace's first event, in every chunk alike.
        this.heap.setOrigin(t);
      }
    }
    this.lastTime = t;
    this.events++;
    this.byKind[kind]++;
    if (this.cur) this.cur.events++;
    let gid = -2;
    let isGcStw = false;
    let label = '';
    switch (kind) {
      case 1 satisfies KindNum<'Sync'>:
        this.endGeneration();
        this.cur = { seen: 0, alive: 0, events: 1 };
        this.genIndex++;
        this.seenCount = 0;
        break;
      case 2 satisfies KindNum<'Metric'>:
        if (ev.type === Ev.HeapAlloc) this.heapSample(t, ev.a0); else if (ev.type === Ev.HeapGoal) {
          this.goalT.push(t);
          this.goalV.push(ev.a0);
        } else {
          this.procsT.push(t);
          this.procsV.push(ev.a0);
        }
        break;
      case 5 satisfies KindNum<'RangeBegin'>:
      case 6 satisfies KindNum<'RangeActive'>:
      case 7 satisfies KindNum<'RangeEnd'>:
        isGcStw = this.range(ev, kind);
        break;
      case 13 satisfies KindNum<'StateTransition'>:
        gid = transitionGoroutine(ev);
        if (gid !== -2) this.transition(ev, gid);
        break;
      case 3 satisfies KindNum<'Label'>:
        label = this.str(ev, ev.a0);
        if (label === 'GC (dedicated)' || label === 'GC (fractional)') {
          const i = this.slot(ev.g);
          if (Number.isNaN(this.sWorker[i])) this.workers++;
          this.sWorker[i] = t;
        }
        break;
      case 4 satisfies KindNum<'StackSample'>: {
        this.cpuSamples++;
        const key = this.stackFuncs(ev.gen, ev.a0).join('\n');
        this.cpuByStack.set(key, (this.cpuByStack.get(key) ?? 0) + 1);
        break;
      }
      case 8 satisfies KindNum<'TaskBegin'>:
        this.taskStart.set(ev.a0, { name: this.str(ev, ev.a2), t });
        this.tasksOpen++;
        break;
      case 9 satisfies KindNum<'TaskEnd'>: {
        const s = this.taskStart.get(ev.a0);
        if (s) {
          this.taskStart.delete(ev.a0);
          this.tasksOpen--;
          agg(this.tasks, s.name, t - s.t);
        } else if (this.chunk) this.carried.push(Carry.TaskEnd, ev.a0, t);
        break;
      }
      case 10 satisfies KindNum<'RegionBegin'>: {
        let st = this.regionStack.get(ev.g);
        if (!st) this.regionStack.set(ev.g, (st = []));
        st.push({ name: this.str(ev, ev.a1), t });
        this.openRegionCount++;
        break;
      }
      case 11 satisfies KindNum<'RegionEnd'>: {
        const st = this.regionStack.get(ev.g);
        const r = st?.pop();
        if (r) this.openRegionCount--;
        if (r) agg(this.regions, r.name, t - r.t);
        else if (this.chunk) this.carried.push(Carry.RegionEnd, ev.g, t);
        break;
      }
      case 12 satisfies KindNum<'Log'>: {
        const key = this.str(ev, ev.a1);
        if (this.logs.has(key) || this.logs.size < 100) this.logs.set(key, (this.logs.get(key) ?? 0) + 1);
        break;
      }
    }
    const u = this.util;
    if (!u.ignores(ev, kind, gid)) u.event(ev, kind, gid, isGcStw, label);
  }

  private heapSample(t: number, v: number): void {
    if (Number.isNaN(this.firstHeapT)) {
      this.firstHeapT = t;
      this.firstHeapV = v;
    }
    this.heap.push(t, v);
    this.lastHeap = v;
    if (v > this.peakHeap) this.peakHeap = v;
    if (this.openGC >= 0 && v > this.gcHeapPeak[this.openGC]) this.gcHeapPeak[this.openGC] = v;
    else if (this.chunk && this.gcStart.length === 0 && v > this.preGcPeak) this.preGcPeak = v;
    if (this.liveWaiting.length > 0) {
      for (const i of this.liveWaiting) this.gcLive[i] = v;
      this.liveWaiting.length = 0;
    }
  }

  // Times are read from the event, not passed in: a double argument is boxed per call.
  private range(ev: TraceEvent, kind: number): boolean {
    const t = ev.time;
    switch (ev.type) {
      case 26 satisfies EvNum<'STWBegin'>:
      case 27 satisfies EvNum<'STWEnd'>: {
        const reason = this.str(ev, ev.a0);
        if (ev.type === Ev.STWBegin) {
          this.stwStart.push(t);
          this.stwEnd.push(-1);
          this.stwReason.push(reason);
          this.stwHeap.push(this.lastHeap);
          this.openSTW.set(ev.g, this.stwStart.length - 1);
        } else {
          const i = this.openSTW.get(ev.g);
          if (i !== undefined) {
            this.stwEnd[i] = t;
            this.openSTW.delete(ev.g);
            if (reason.includes('GC')) {
              this.gcStwProcNs += (t - this.stwStart[i]) * this.procs();
              if (this.chunk && this.procsV.length === 0) this.carried.push(Carry.StwProcs, ev.g, t, t - this.stwStart[i]);
            }
          } else if (this.chunk) this.carried.push(Carry.StwEnd, ev.g, t, 0, 0, reason);
        }
        return reason.includes('GC');
      }
      case 29 satisfies EvNum<'GCBegin'>:
      case 28 satisfies EvNum<'GCActive'>:
        // runtime.GC (also under debug.FreeOSMemory) starts the cycle on its caller's stack.
        if (ev.type === Ev.GCBegin && this.stackFuncs(ev.gen, ev.a1).includes('runtime.GC')) this.forcedGcT.push(t);
        if (this.openGC < 0) {
          if (this.chunk && ev.type === Ev.GCActive && this.gcStart.length === 0) this.contGC = 0;
          this.gcStart.push(t);
          this.gcCpuAtStart.push(this.gcCpuNs());
          this.procsAtStart.push(this.procs());
          this.gcEnd.push(-1);
          this.openGC = this.gcStart.length - 1;
          this.gcHeapStart.push(this.lastHeap);
          this.gcHeapPeak.push(this.lastHeap);
          this.gcLive.push(NaN);
        }
        break;
      case 30 satisfies EvNum<'GCEnd'>:
        if (this.openGC >= 0) {
          this.gcEnd[this.openGC] = t;
          this.liveWaiting.push(this.openGC);
          this.openGC = -1;
        } else {
          // Began before the trace (or, in a chunk, before the chunk): its heap figures count from the trace's start.
          if (this.chunk && this.gcStart.length === 0) this.contGC = 0;
          this.gcStart.push(-1);
          this.gcEnd.push(t);
          this.gcHeapStart.push(0);
          this.gcHeapPeak.push(Math.max(0, this.peakHeap));
          this.gcLive.push(NaN);
          this.liveWaiting.push(this.gcStart.length - 1);
        }
        break;
      case 35 satisfies EvNum<'GCMarkAssistBegin'>:
        this.setAssist(this.slot(ev.g), t);
        break;
      case 34 satisfies EvNum<'GCMarkAssistActive'>:
        if (kind === K.RangeActive && this.generations.length <= 1) {
          const i = this.slot(ev.a0);
          if (Number.isNaN(this.sAssist[i])) this.setAssist(i, this.chunk ? CARRIED : -1);
        }
        break;
      case 36 satisfies EvNum<'GCMarkAssistEnd'>: {
        const i = this.slotOf.get(ev.g);
        const s = i === undefined ? NaN : this.sAssist[i];
        if (i !== undefined && !Number.isNaN(s)) {
          if (s >= 0) this.assistNs += t - s;
          else if (s === CARRIED) this.carried.push(Carry.AssistEnd, ev.g, t);
          this.sAssist[i] = NaN;
          this.assists--;
        }
        break;
      }
    }
    return false;
  }

  private setAssist(i: number, since: number): void {
    if (Number.isNaN(this.sAssist[i])) this.assists++;
    this.sAssist[i] = since;
  }

  private slot(g: number): number {
    let i = this.slotOf.get(g);
    if (i !== undefined) return i;
    if (this.nSlots >= this.maxGoroutines) {
      throw new TraceLimitError(`the trace names more than ${formatCount(this.maxGoroutines)} goroutines (the limit per trace, to keep the tab's memory in bounds)`);
    }
    i = this.nSlots++;
    if (i >= this.cap) this.grow();
    this.slotOf.set(g, i);
    this.sGid[i] = g;
    this.sBlockIdx[i] = -1;
    this.sFresh[i] = this.chunk ? 1 : 0;
    // NaN, not -1, marks "not in this state": a v1 trace starts at -1 ns (its leading Sync).
    this.sRunnable[i] = this.sBlock[i] = this.sSyscall[i] = this.sAssist[i] = this.sWorker[i] = NaN;
    return i;
  }

  private grow(): void {
    const n = Math.max(1024, this.cap * 2);
    const f = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.sGid = f(this.sGid);
    this.sRunnable = f(this.sRunnable);
    this.sBlock = f(this.sBlock);
    this.sSyscall = f(this.sSyscall);
    this.sLatN = f(this.sLatN);
    this.sLatTotal = f(this.sLatTotal);
    this.sLatMax = f(this.sLatMax);
    this.sAssist = f(this.sAssist);
    this.sWorker = f(this.sWorker);
    const seen = new Int32Array(n);
    seen.set(this.sSeenGen);
    this.sSeenGen = seen;
    const alive = new Uint8Array(n);
    alive.set(this.sAlive);
    this.sAlive = alive;
    const bi = new Int32Array(n);
    bi.set(this.sBlockIdx);
    this.sBlockIdx = bi;
    const fresh = new Uint8Array(n);
    fresh.set(this.sFresh);
    this.sFresh = fresh;
    this.cap = n;
  }

  /** Index of the blocking site for a GoBlock (reason string, stack) in this generation. */
  private site(ev: TraceEvent): number {
    const reasonId = ev.type === Ev.GoBlock ? ev.a0 : 0;
    const stackId = ev.type === Ev.GoBlock ? ev.a1 : 0;
    if (ev.gen !== this.siteCacheGen) {
      this.siteCacheGen = ev.gen;
      this.siteCache.clear();
    }
    // A small-integer key (stays unboxed); rare large IDs take the slow path.
    const small = reasonId < 1024 && stackId < 1 << 20;
    const ck = stackId * 1024 + reasonId;
    const fast = small ? this.siteCache.get(ck) : undefined;
    if (fast !== undefined) return fast;
    const reason = this.str(ev, reasonId) || 'unspecified';
    const stack = this.stackFuncs(ev.gen, stackId);
    const idx = this.internSite(reason, stack);
    if (small) this.siteCache.set(ck, idx);
    return idx;
  }

  private internSite(reason: string, stack: string[]): number {
    const key = reason + '\n' + stack.join('\n');
    let idx = this.siteIndex.get(key);
    if (idx === undefined) {
      let ra = this.blockByReason.get(reason);
      if (!ra) this.blockByReason.set(reason, (ra = { count: 0, totalNs: 0, maxNs: 0 }));
      idx = this.blockSites.length;
      this.blockSites.push({ count: 0, totalNs: 0, maxNs: 0, reason, stack, reasonAgg: ra });
      this.siteIndex.set(key, idx);
    }
    return idx;
  }

  private transition(ev: TraceEvent, g: number): void {
    const t = ev.time;
    const from = ev.from;
    const to = ev.to;
    const i = this.slot(g);
    if (this.sSeenGen[i] !== this.genIndex) {
      this.sSeenGen[i] = this.genIndex;
      this.seenCount++;
    }
    if (to === GoState.NotExist) {
      if (this.sAlive[i]) {
        this.sAlive[i] = 0;
        this.aliveCount--;
      }
    } else if (!this.sAlive[i]) {
      this.sAlive[i] = 1;
      this.aliveCount++;
    }
    if (from === to) return;
    if (this.chunk && this.sFresh[i] === 1) {
      // Its first change in a chunk: how long it had been in `from` is the previous chunk's to tell.
      this.sFresh[i] = 0;
      if (from !== GoState.NotExist) this.carried.push(Carry.First, g, t, from, to | (from === GoState.Running && this.programRun(ev) ? PROGRAM_RUN : 0));
    }
    // Assists count only while their goroutine runs (an assist can park waiting for work).
    if (this.assists > 0) {
      const as = this.sAssist[i];
      if (!Number.isNaN(as)) {
        if (from === GoState.Running && as >= 0) {
          this.assistNs += t - as;
          this.sAssist[i] = -1;
        } else if (to === GoState.Running && as < 0) this.sAssist[i] = t;
        else if (as === CARRIED) this.sAssist[i] = -1;
      }
    }
    if (from === GoState.Running && this.workers > 0) {
      const ws = this.sWorker[i];
      if (!Number.isNaN(ws)) {
        if (!this.programRun(ev)) this.workerNs += t - ws;
        this.sWorker[i] = NaN;
        this.workers--;
      }
    }
    if (this.events > 0 && t - this.origin >= (this.nBuckets + 1) * this.bucketNs) this.advanceBuckets(t);
    const c = this.stateCounts;
    // A chunk counts from zero (its goroutines were counted by the chunks before it): its counts may go below.
    if (from !== GoState.Undetermined && from !== GoState.NotExist && (c[from] > 0 || this.chunk)) c[from]--;
    if (to !== GoState.NotExist) {
      c[to]++;
      if (c[to] > this.maxCounts[to]) this.maxCounts[to] = c[to];
    }
    const start = this.firstTime;
    if (from === GoState.Undetermined) {
      // Existed before the trace: count it from the start.
      const si = to === GoState.Running ? 0 : to === GoState.Runnable ? 1 : to === GoState.Waiting ? 2 : to === GoState.Syscall ? 3 : -1;
      if (si >= 0) {
        const b = this.buckets[si];
        for (let k = 0; k < this.nBuckets; k++) b[k]++;
      }
    }
    // Scheduler latency: runnable → running.
    if (to === GoState.Runnable) this.sRunnable[i] = from === GoState.Undetermined ? start : t;
    else if (from === GoState.Runnable) this.leaveRunnable(i, t, to);
    // Blocking: running → waiting until waiting → runnable.
    if (to === GoState.Waiting) {
      this.sBlock[i] = from === GoState.Undetermined ? start : t;
      this.sBlockIdx[i] = from === GoState.Undetermined ? this.internSite('blocked since before the trace', []) : this.site(ev);
    } else if (from === GoState.Waiting) this.leaveWaiting(i, t, to);
    // Syscalls.
    if (to === GoState.Syscall) this.sSyscall[i] = from === GoState.Undetermined ? start : t;
    else if (from === GoState.Syscall) this.leaveSyscall(i, t);
  }

  /** Scheduler latency: a wait ends when the goroutine leaves Runnable (counted when it starts running). */
  private leaveRunnable(i: number, t: number, to: number): void {
    const s = this.sRunnable[i];
    this.sRunnable[i] = NaN;
    if (!Number.isNaN(s) && to === GoState.Running) {
      const d = t - s;
      this.latencies.push(d);
      this.sLatN[i]++;
      this.sLatTotal[i] += d;
      if (d > this.sLatMax[i]) this.sLatMax[i] = d;
    }
  }

  /** Blocking: a block ends when the goroutine leaves Waiting (counted when it becomes runnable). */
  private leaveWaiting(i: number, t: number, to: number): void {
    const s = this.sBlock[i];
    const bi = this.sBlockIdx[i];
    this.sBlock[i] = NaN;
    this.sBlockIdx[i] = -1;
    if (!Number.isNaN(s) && bi >= 0 && to === GoState.Runnable) {
      const d = t - s;
      const a = this.blockSites[bi];
      a.count++;
      a.totalNs += d;
      if (d > a.maxNs) a.maxNs = d;
      const r = a.reasonAgg;
      r.count++;
      r.totalNs += d;
      if (d > r.maxNs) r.maxNs = d;
    }
  }

  private leaveSyscall(i: number, t: number): void {
    const s = this.sSyscall[i];
    this.sSyscall[i] = NaN;
    if (!Number.isNaN(s)) agg(this.blockByReason, 'syscall', t - s);
  }

  /**
   * Marks this collector as reading a chunk of whole generations that does
   * not begin the trace (a split read, src/formats/gotrace/split.ts), before
   * its first event. `traceStart`: the time of the trace's first event (the
   * goroutine-state buckets are counted from it); `gcWorkers`: the goroutines
   * counted as mark workers before it (./gcWorkers.ts). What needs state from
   * before the chunk is carried to absorb().
   */
  startChunk(traceStart: number, gcWorkers: Iterable<number>): void {
    if (this.events > 0) throw new Error('startChunk: call it before the first event');
    this.chunk = true;
    this.origin = traceStart;
    this.heap.setOrigin(traceStart);
    this.util.startChunk(gcWorkers);
  }

  /**
   * Joins the chunk read right after this one (`n`, read with startChunk):
   * afterwards this collector holds what one pass over both would have built
   * (before finish()). `n` is consumed. Exact, the heap series too (its
   * buckets count from the trace's first event in every chunk).
   */
  absorb(n: TraceCollector): void {
    if (!n.chunk) throw new Error('absorb: the next chunk must be read after startChunk()');
    const procsBefore = this.procs();
    const heapBefore = this.lastHeap;
    const gcCpuBefore = this.gcCpuNs();
    const countsBefore = this.stateCounts.slice();

    // Goroutines: next's slots on ours (new ones in the order next met them), blocking sites the same.
    const slotMap = new Int32Array(n.nSlots);
    for (let j = 0; j < n.nSlots; j++) slotMap[j] = this.slot(n.sGid[j]);
    const reasonsNew = [...n.blockByReason.keys()].filter((r) => !this.blockByReason.has(r));
    for (const r of reasonsNew) this.blockByReason.set(r, { count: 0, totalNs: 0, maxNs: 0 });
    const siteMap = n.blockSites.map((a) => this.internSite(a.reason, a.stack));

    // What next could not finish alone, in its event order, against our final state.
    const added = new TimedSums();
    const procsAt = (t: number): number => {
      let k = -1;
      for (let lo = 0, hi = n.procsT.length - 1; lo <= hi; ) {
        const mid = (lo + hi) >> 1;
        if (n.procsT[mid] < t) {
          k = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return k < 0 ? procsBefore : n.procsV[k];
    };
    const c = n.carried;
    for (let k = 0; k < c.length; k++) {
      const t = c.t[k];
      const g = c.g[k];
      switch (c.kind[k]) {
        case Carry.First: {
          const i = this.slotOf.get(g)!;
          this.carryFirst(i, t, c.x[k], c.y[k], added);
          break;
        }
        case Carry.AssistEnd: {
          const i = this.slotOf.get(g)!;
          const s = this.sAssist[i];
          if (s >= 0) {
            this.assistNs += t - s;
            added.add(t, t - s);
          }
          this.sAssist[i] = NaN;
          break;
        }
        case Carry.StwEnd: {
          const i = this.openSTW.get(g);
          if (i === undefined) break;
          this.stwEnd[i] = t;
          this.openSTW.delete(g);
          if (c.s[k].includes('GC')) {
            const v = (t - this.stwStart[i]) * procsAt(t);
            this.gcStwProcNs += v;
            added.add(t, v);
          }
          break;
        }
        case Carry.StwProcs: {
          const v = c.x[k] * procsBefore;
          this.gcStwProcNs += v;
          added.add(t, v);
          break;
        }
        case Carry.TaskEnd: {
          const s = this.taskStart.get(g);
          if (!s) break;
          this.taskStart.delete(g);
          this.tasksOpen--;
          agg(this.tasks, s.name, t - s.t);
          break;
        }
        case Carry.RegionEnd: {
          const r = this.regionStack.get(g)?.pop();
          if (!r) break;
          this.openRegionCount--;
          agg(this.regions, r.name, t - r.t);
          break;
        }
      }
    }

    // Generations and counts: next's first event, a Sync, also counts in our last generation (as event() counts it).
    if (this.cur && n.events > 0) this.cur.events++;
    this.endGeneration();
    for (const g of n.generations) this.generations.push(g);
    this.cur = n.cur;
    this.seenCount = n.seenCount;
    this.events += n.events;
    for (let k = 0; k < this.byKind.length; k++) this.byKind[k] += n.byKind[k];
    if (n.events > 0) this.lastTime = n.lastTime;

    // GC cycles: next's, with what it could not know (GC CPU so far, GOMAXPROCS and heap before its first samples).
    const heapKnown = (t: number) => !Number.isNaN(n.firstHeapT) && t > n.firstHeapT;
    const procsKnown = (t: number) => n.procsT.length > 0 && t > n.procsT[0];
    const cycleMap: number[] = [];
    // A cycle running across the boundary also peaks on next's samples before next restates it.
    if (this.openGC >= 0 && n.preGcPeak > this.gcHeapPeak[this.openGC]) this.gcHeapPeak[this.openGC] = n.preGcPeak;
    for (let k = 0; k < n.gcStart.length; k++) {
      if (k === n.contGC && this.openGC >= 0) {
        const i = this.openGC;
        this.gcEnd[i] = n.gcEnd[k];
        if (n.gcHeapPeak[k] > this.gcHeapPeak[i]) this.gcHeapPeak[i] = n.gcHeapPeak[k];
        this.gcLive[i] = n.gcLive[k];
        cycleMap.push(i);
        continue;
      }
      const st = n.gcStart[k];
      const at = st >= 0 ? st : n.gcEnd[k];
      cycleMap.push(this.gcStart.length);
      this.gcStart.push(st);
      this.gcEnd.push(n.gcEnd[k]);
      this.gcCpuAtStart.push(gcCpuBefore + added.before(at) + n.gcCpuAtStart[k]);
      this.procsAtStart.push(procsKnown(at) ? n.procsAtStart[k] : procsBefore);
      const hs = heapKnown(at) ? n.gcHeapStart[k] : st >= 0 ? heapBefore : 0;
      this.gcHeapStart.push(hs);
      this.gcHeapPeak.push(st >= 0 ? Math.max(n.gcHeapPeak[k], hs) : Math.max(n.gcHeapPeak[k], this.peakHeap));
      this.gcLive.push(n.gcLive[k]);
    }
    if (!Number.isNaN(n.firstHeapT)) {
      for (const i of this.liveWaiting) this.gcLive[i] = n.firstHeapV;
      this.liveWaiting.length = 0;
    }
    for (const k of n.liveWaiting) this.liveWaiting.push(cycleMap[k]);
    this.openGC = n.openGC >= 0 ? cycleMap[n.openGC] : n.gcStart.length > 0 ? -1 : this.openGC;
    for (const t of n.forcedGcT) this.forcedGcT.push(t);
    this.gcStwProcNs += n.gcStwProcNs;
    this.workerNs += n.workerNs;
    this.assistNs += n.assistNs;

    // Stop-the-worlds.
    const stwBase = this.stwStart.length;
    for (let k = 0; k < n.stwStart.length; k++) {
      this.stwStart.push(n.stwStart[k]);
      this.stwEnd.push(n.stwEnd[k]);
      this.stwReason.push(n.stwReason[k]);
      this.stwHeap.push(heapKnown(n.stwStart[k]) ? n.stwHeap[k] : heapBefore);
    }
    for (const [g, k] of n.openSTW) this.openSTW.set(g, stwBase + k);

    // Metrics.
    this.heap.append(n.heap);
    if (Number.isNaN(this.firstHeapT)) {
      this.firstHeapT = n.firstHeapT;
      this.firstHeapV = n.firstHeapV;
    }
    if (!Number.isNaN(n.firstHeapT)) this.lastHeap = n.lastHeap;
    if (n.peakHeap > this.peakHeap) this.peakHeap = n.peakHeap;
    for (let k = 0; k < n.goalT.length; k++) {
      this.goalT.push(n.goalT[k]);
      this.goalV.push(n.goalV[k]);
    }
    for (let k = 0; k < n.procsT.length; k++) {
      this.procsT.push(n.procsT[k]);
      this.procsV.push(n.procsV[k]);
    }

    // Goroutine states over time: next counted from zero; ours are its base.
    this.absorbBuckets(n, countsBefore);

    // Per goroutine: next's since-times where it saw the goroutine change, ours where it only restated it.
    for (let j = 0; j < n.nSlots; j++) {
      const i = slotMap[j];
      this.sLatN[i] += n.sLatN[j];
      this.sLatTotal[i] += n.sLatTotal[j];
      if (n.sLatMax[j] > this.sLatMax[i]) this.sLatMax[i] = n.sLatMax[j];
      this.sAlive[i] = n.sAlive[j];
      const as = n.sAssist[j];
      if (n.sFresh[j] === 0) {
        this.sRunnable[i] = n.sRunnable[j];
        this.sBlock[i] = n.sBlock[j];
        this.sBlockIdx[i] = n.sBlockIdx[j] >= 0 ? siteMap[n.sBlockIdx[j]] : -1;
        this.sSyscall[i] = n.sSyscall[j];
        this.sWorker[i] = n.sWorker[j];
        this.sAssist[i] = as;
      } else {
        if (!Number.isNaN(n.sWorker[j])) this.sWorker[i] = n.sWorker[j];
        if (!Number.isNaN(as) && as !== CARRIED) this.sAssist[i] = as;
      }
    }
    this.workers = this.assists = this.aliveCount = 0;
    for (let i = 0; i < this.nSlots; i++) {
      if (!Number.isNaN(this.sWorker[i])) this.workers++;
      if (!Number.isNaN(this.sAssist[i])) this.assists++;
      if (this.sAlive[i]) this.aliveCount++;
    }
    this.latencies.absorb(n.latencies);
    this.util.absorb(n.util);

    // Blocking: next's sites and reasons added to ours (sites, reasons and syscalls carried across were added above).
    n.blockSites.forEach((a, k) => {
      const b = this.blockSites[siteMap[k]];
      b.count += a.count;
      b.totalNs += a.totalNs;
      if (a.maxNs > b.maxNs) b.maxNs = a.maxNs;
    });
    addAggs(this.blockByReason, n.blockByReason);

    // CPU samples, user annotations, logs.
    this.cpuSamples += n.cpuSamples;
    for (const [k, v] of n.cpuByStack) this.cpuByStack.set(k, (this.cpuByStack.get(k) ?? 0) + v);
    addAggs(this.tasks, n.tasks);
    addAggs(this.regions, n.regions);
    for (const [id, s] of n.taskStart) this.taskStart.set(id, s);
    this.tasksOpen += n.tasksOpen;
    for (const [g, st] of n.regionStack) {
      let mine = this.regionStack.get(g);
      if (!mine) this.regionStack.set(g, (mine = []));
      mine.push(...st);
    }
    this.openRegionCount += n.openRegionCount;
    for (const [k, v] of n.logs) if (this.logs.has(k) || this.logs.size < 100) this.logs.set(k, (this.logs.get(k) ?? 0) + v);
  }

  /** Goroutine `ev` leaves running: whether that run was the program's, not a mark worker's (it ends, or its stack says so). */
  private programRun(ev: TraceEvent): boolean {
    return ev.to === GoState.NotExist || this.workerStacks.verdict(ev) === NOT_WORKER;
  }

  /** A goroutine's first change of state in the next chunk, from `from` to `to` at t (| PROGRAM_RUN): closes what it was doing since our last sight of it. */
  private carryFirst(i: number, t: number, from: number, toBits: number, added: TimedSums): void {
    const to = toBits & ~PROGRAM_RUN;
    if (from === GoState.Runnable) this.leaveRunnable(i, t, to);
    else if (from === GoState.Waiting) this.leaveWaiting(i, t, to);
    else if (from === GoState.Syscall) this.leaveSyscall(i, t);
    else if (from === GoState.Running) {
      const ws = this.sWorker[i];
      if (!Number.isNaN(ws)) {
        if ((toBits & PROGRAM_RUN) === 0) {
          this.workerNs += t - ws;
          added.add(t, t - ws);
        }
        this.sWorker[i] = NaN;
      }
      const as = this.sAssist[i];
      if (as >= 0) {
        this.assistNs += t - as;
        added.add(t, t - as);
        this.sAssist[i] = -1;
      }
    }
  }

  /** The goroutine-state buckets of the next chunk (counted from zero) after ours, on the coarser of the two grids. */
  private absorbBuckets(n: TraceCollector, base: Int32Array): void {
    const w = Math.max(this.bucketNs, n.bucketNs);
    const mine = this.regrid(w);
    const theirs = n.regrid(w);
    for (let si = 0; si < SERIES_STATES.length; si++) {
      const b = this.buckets[si];
      const add = base[SERIES_STATES[si]];
      for (let k = mine; k < theirs; k++) b[k] = add + n.buckets[si][k];
    }
    this.nBuckets = Math.max(mine, theirs);
    for (let s = 0; s < this.stateCounts.length; s++) {
      const m = base[s] + n.maxCounts[s];
      if (m > this.maxCounts[s]) this.maxCounts[s] = m;
      this.stateCounts[s] += n.stateCounts[s];
    }
  }

  /** Keeps the buckets that end on a grid of `w` (a multiple of bucketNs, as halveBuckets does); returns how many. */
  private regrid(w: number): number {
    const r = w / this.bucketNs;
    if (r !== 1) {
      const m = Math.floor(this.nBuckets / r);
      for (const b of this.buckets) for (let k = 0; k < m; k++) b[k] = b[(k + 1) * r - 1];
      this.nBuckets = m;
      this.bucketNs = w;
    }
    return this.nBuckets;
  }

  /** Regions begun and not ended when the trace ends, by name. */
  openRegions(): Map<string, number> {
    const out = new Map<string, number>();
    for (const st of this.regionStack.values()) for (const r of st) out.set(r.name, (out.get(r.name) ?? 0) + 1);
    return out;
  }

  /** Scheduler latency per goroutine: count, total and worst wait. */
  latencyPerGoroutine(): { g: number; count: number; maxNs: number; totalNs: number }[] {
    const out: { g: number; count: number; maxNs: number; totalNs: number }[] = [];
    for (let i = 0; i < this.nSlots; i++) {
      if (this.sLatN[i] > 0) out.push({ g: this.sGid[i], count: this.sLatN[i], maxNs: this.sLatMax[i], totalNs: this.sLatTotal[i] });
    }
    return out;
  }

  /** Records bucket ends passed before time t with the counts as they stood. */
  private advanceBuckets(t: number): void {
    if (this.events === 0) return;
    const target = Math.floor((t - this.origin) / this.bucketNs);
    while (this.nBuckets < target) {
      if (this.nBuckets === MAX_BUCKETS * 2) this.halveBuckets();
      if (this.nBuckets >= Math.floor((t - this.origin) / this.bucketNs)) break;
      for (let si = 0; si < SERIES_STATES.length; si++) this.buckets[si][this.nBuckets] = this.stateCounts[SERIES_STATES[si]];
      this.nBuckets++;
    }
  }

  private halveBuckets(): void {
    for (const b of this.buckets) {
      for (let i = 0; i < this.nBuckets / 2; i++) b[i] = b[2 * i + 1];
    }
    this.nBuckets = Math.floor(this.nBuckets / 2);
    this.bucketNs *= 2;
  }

  private endGeneration(): void {
    if (this.cur) {
      this.cur.seen = this.seenCount;
      this.cur.alive = this.aliveCount;
      this.generations.push(this.cur);
      this.cur = null;
    }
  }

  /** Generation counts so far, the one being read included (for early results mid-trace). */
  generationsSoFar(): GenerationCount[] {
    return this.cur ? [...this.generations, { seen: this.seenCount, alive: this.aliveCount, events: this.cur.events }] : this.generations;
  }

  /** Call once after the last event. */
  finish(): void {
    this.endGeneration();
    this.advanceBuckets(this.lastTime + this.bucketNs);
  }

  /**
   * Bytes the collection holds, estimated (the memory bound between
   * generations, src/formats/gotrace/parse.ts): per goroutine slot, heap
   * point, kept wait, utilization change point, GC cycle, stop and blocking
   * site. Arrays that double are counted at their length (their spare
   * capacity is at most as much again).
   */
  bytes(): number {
    const stw = this.stwStart.length * 64;
    const gc = this.gcStart.length * 80 + (this.goalT.length + this.procsT.length + this.forcedGcT.length) * 16;
    const util = this.util.points() * 16;
    const slots = this.cap * 85 + this.nSlots * 48;
    const sites = (this.blockSites.length + this.cpuByStack.size) * 400;
    const user = (this.taskStart.size + this.openRegionCount + this.tasks.size + this.regions.size) * 120;
    return this.heap.length * 16 + this.latencies.bytes() + stw + gc + util + slots + sites + user;
  }

  byKindRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    KIND_NAMES.forEach((n, i) => {
      if (this.byKind[i]) out[n] = this.byKind[i];
    });
    return out;
  }
}
