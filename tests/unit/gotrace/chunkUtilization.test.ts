// Mutator utilization (src/analysis/gotrace/mmu.ts) read in chunks of
// generations and merged with Utilization.absorb, against the sequential
// read, on every v2 trace fixture: split at every generation, in 2 and in 3
// chunks, both series (ours and go tool trace's), their MMU and the whole
// builder's state are deep-equal. A chunk is read by its own TraceCollector,
// whose util is put in chunk mode (startChunk) before its first event, so it
// gets exactly the arguments collect.ts computes. The fixtures' chunk
// boundaries all fall outside a GC, so a generated event stream adds
// boundaries inside one: mark workers running and counted twice by go tool
// trace, assists and stop-the-worlds open, GOMAXPROCS changes, equal times.

import { describe, expect, it } from 'vitest';
import { MMU_WINDOWS } from '../../../src/analysis/gotrace/analyze';
import { TraceCollector, transitionGoroutine } from '../../../src/analysis/gotrace/collect';
import { Utilization } from '../../../src/analysis/gotrace/mmu';
import { MmuCurve } from '../../../src/analysis/gotrace/mmuCurve';
import { gcWorkersBefore } from '../../../src/analysis/gotrace/gcWorkers';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { newEvent, type TraceEvent } from '../../../src/formats/gotrace/order';
import type { Generation } from '../../../src/formats/gotrace/generation';
import { Ev, GoState, K, KIND, ProcState } from '../../../src/formats/gotrace/spec';
import { readTrace } from '../../../src/formats/gotrace/reader';
import type { ChunkRange } from '../../../src/formats/gotrace/split';
import { rng } from '../../fuzz/mutate';
import { splitPlans } from './chunkHelpers';
import { fixtureTraces, readFixture } from './helpers';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));

/** Windows: the report's four, and some that end between change points. */
const WINDOWS = [...Object.values(MMU_WINDOWS), 1e3, 5e4, 2.5e5, 3e6];

/** What the report reads of the utilization: both series closed at the last event, and their MMU. */
function results(u: Utilization, lastT: number, any: boolean) {
  return [u.ours, u.goTool].map((s) => {
    const { t, u: v } = s.finish(lastT, any);
    const curve = new MmuCurve(t, v);
    return { t: [...t], u: [...v], mmu: WINDOWS.map((w) => curve.mmu(w)) };
  });
}

/** The chunks read each by its own collector (chunk mode after the first). */
function readChunks(data: Uint8Array, chunks: ChunkRange[]): TraceCollector[] {
  const version = checkHeader(data);
  return chunks.map((range, k) => {
    const c = new TraceCollector();
    if (k > 0) c.util.startChunk(gcWorkersBefore(data, version, range));
    readTrace(data, version, c.sink, { range });
    c.forgetGenerations();
    return c;
  });
}

describe.each(v2)('%s: utilization read in chunks and merged', (name) => {
  const data = readFixture(name);
  const version = checkHeader(data);
  const scan = scanGenerations(data, version);
  const n = scan.ranges.length;
  const seq = new TraceCollector();
  readTrace(data, version, seq.sink);
  seq.forgetGenerations();
  const want = results(seq.util, seq.lastTime, seq.events > 0);

  const plans = splitPlans(scan.ranges, data.length);

  it.each(plans)('split %s: the same series, MMU and state', (_plan, chunks) => {
    expect(chunks.length).toBe(Math.min(n, chunks.length));
    const parts = readChunks(data, chunks);
    // The clock assumption: no chunk's first time needs the reader's strictly-increasing fix-up.
    for (let k = 1; k < parts.length; k++) {
      if (parts[k].events > 0 && parts[k - 1].events > 0) expect(parts[k].firstTime).toBeGreaterThan(parts[k - 1].lastTime);
    }
    const u = parts[0].util;
    for (let k = 1; k < parts.length; k++) u.absorb(parts[k].util);
    const last = parts[parts.length - 1];
    const any = parts.some((p) => p.events > 0);
    expect(last.lastTime).toBe(seq.lastTime);
    expect(results(u, last.lastTime, any)).toEqual(want);
    expect(u).toEqual(seq.util);
  });

  it('merged as a tree (later chunks joined first) the same', () => {
    const chunks = plans[0][1];
    if (chunks.length < 3) return;
    const parts = readChunks(data, chunks).map((c) => c.util);
    const right = parts[1];
    for (let k = 2; k < parts.length; k++) right.absorb(parts[k]);
    parts[0].absorb(right);
    expect(results(parts[0], seq.lastTime, seq.events > 0)).toEqual(want);
    expect(parts[0]).toEqual(seq.util);
  });
});

/** One generated event and the arguments collect.ts would compute for it. */
interface Synth {
  ev: TraceEvent;
  isGcStw: boolean;
  label: string;
}

/**
 * The goroutines the sequential pass counts as mark workers before event
 * `end`, as ../../../src/analysis/gotrace/gcWorkers.ts finds them in a
 * trace: labelled "GC (…)" but "GC (idle)" once GOMAXPROCS is known.
 */
function workersBefore(events: Synth[], end: number): number[] {
  const out = new Set<number>();
  let procs = false;
  for (const e of events.slice(0, end)) {
    if (e.ev.type === Ev.ProcsChange) procs = true;
    else if (procs && e.ev.type === Ev.GoLabel && e.label.startsWith('GC ') && e.label !== 'GC (idle)') out.add(e.ev.g);
  }
  return [...out];
}

/** As TraceCollector.event feeds its Utilization. */
function feed(u: Utilization, e: Synth): void {
  const kind = KIND[e.ev.type];
  const gid = kind === K.StateTransition ? transitionGoroutine(e.ev) : -2;
  if (!u.ignores(e.ev, kind, gid)) u.event(e.ev, kind, gid, e.isGcStw, e.label);
}

/** The stack tables the generated events point at: stack 1 runs a mark worker, stack 2 a program goroutine. */
const GEN = {
  strings: new Map([
    [1, 'runtime.gcBgMarkWorker'],
    [2, 'main.work'],
    [3, 'runtime.gopark'],
  ]),
  stacks: new Map([
    [1, [0x30, 0x10]],
    [2, [0x30, 0x20]],
  ]),
  frames: new Map([
    [0x10, { fn: 1, file: 0, line: 0 }],
    [0x20, { fn: 2, file: 0, line: 0 }],
    [0x30, { fn: 3, file: 0, line: 0 }],
  ]),
} as unknown as Generation;

/**
 * A trace-like stream of `gens` generations, as the reader delivers it: each
 * begins with a Sync and restates every goroutine (GoStatus, from === to
 * after the first generation, GCMarkAssistActive after an assisting one's),
 * the Ps and GOMAXPROCS; a mark worker's start is followed by its label. With
 * `sameTimes`, about a third of the events share the time of the one before.
 * Some stops, blocks, syscalls and creations carry the goroutine's stack
 * (GEN), so a program goroutine labelled "GC (…)" is told from a worker
 * before, during or after its labelled runs; with `stacks` false, none does.
 */
function synth(seed: number, gens: number, sameTimes: boolean, stacks = true): { events: Synth[]; syncAt: number[] } {
  const rnd = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const events: Synth[] = [];
  const syncAt: number[] = [];
  let t = 1000;
  const emit = (type: number, o: Partial<TraceEvent>, isGcStw = false, label = ''): void => {
    if (!sameTimes || rnd() > 0.3) t += 1 + Math.floor(rnd() * 40);
    events.push({ ev: { ...newEvent(), type, time: t, gen: GEN, ...o }, isGcStw, label });
  };
  /** The stack argument for goroutine g's own stack: half the time none. */
  const own = (g: number): number => (!stacks || rnd() < 0.5 ? 0 : workers.includes(g) ? 1 : 2);
  let nP = 4;
  const run: number[] = new Array(8).fill(-1);
  const state = new Map<number, number>();
  const onP = new Map<number, number>();
  const workers = [100, 101, 102, 103];
  const ordinary: number[] = [];
  for (const g of workers) state.set(g, GoState.Waiting);
  for (let g = 1; g <= 12; g++) {
    ordinary.push(g);
    state.set(g, g % 3 === 0 ? GoState.Waiting : GoState.Runnable);
  }
  let nextG = 200;
  const assist = new Set<number>();
  let stwG = -1;
  let stwGc = false;
  let gc = false;
  let syncs = 0;
  const with_ = (s: number, pool: number[]) => pool.filter((g) => state.get(g) === s);
  const stopOn = (p: number, to: number): void => {
    const g = run[p];
    emit(to === GoState.Waiting ? Ev.GoBlock : Ev.GoStop, { g, p, a1: own(g), from: GoState.Running, to });
    state.set(g, to);
    onP.delete(g);
    run[p] = -1;
  };
  const actions: (() => void)[] = [
    () => {
      // Start a runnable goroutine (a mark worker only in a GC, labelled right after).
      const p = pick([...Array(nP).keys()].filter((i) => run[i] < 0));
      const g = pick(with_(GoState.Runnable, gc ? [...ordinary, ...workers] : ordinary));
      if (p === undefined || g === undefined) return;
      emit(Ev.GoStart, { p, a0: g, from: GoState.Runnable, to: GoState.Running });
      state.set(g, GoState.Running);
      onP.set(g, p);
      run[p] = g;
      if (workers.includes(g)) emit(Ev.GoLabel, { g, p }, false, pick(['GC (dedicated)', 'GC (fractional)', 'GC (idle)']));
      // The runtime labels whatever starts on a P left in mark worker mode: go tool trace counts
      // that goroutine as a worker from then on, also in runs that are not labelled.
      else if (gc && rnd() < 0.03) emit(Ev.GoLabel, { g, p }, false, 'GC (dedicated)');
    },
    () => {
      const p = pick([...Array(nP).keys()].filter((i) => run[i] >= 0 && state.get(run[i]) === GoState.Running));
      if (p !== undefined) stopOn(p, rnd() < 0.5 ? GoState.Waiting : GoState.Runnable);
    },
    () => {
      const g = pick(with_(GoState.Waiting, gc ? [...ordinary, ...workers] : ordinary));
      if (g !== undefined) {
        emit(Ev.GoUnblock, { p: Math.floor(rnd() * nP), a0: g, from: GoState.Waiting, to: GoState.Runnable });
        state.set(g, GoState.Runnable);
      }
    },
    () => {
      const g = nextG++;
      ordinary.push(g);
      emit(rnd() < 0.5 ? Ev.GoCreate : Ev.GoCreateBlocked, { p: Math.floor(rnd() * nP), a0: g, a1: own(g), from: GoState.NotExist, to: GoState.Runnable });
      state.set(g, GoState.Runnable);
    },
    () => {
      // Into a syscall and back (the goroutine keeps its P here).
      const g = pick([...with_(GoState.Running, ordinary), ...with_(GoState.Syscall, ordinary)]);
      if (g === undefined) return;
      const s = state.get(g)!;
      const to = s === GoState.Running ? GoState.Syscall : GoState.Running;
      emit(s === GoState.Running ? Ev.GoSyscallBegin : Ev.GoSyscallEnd, { g, p: onP.get(g), a1: s === GoState.Running ? own(g) : 0, from: s, to });
      state.set(g, to);
    },
    () => {
      if (stwG >= 0) {
        emit(Ev.STWEnd, { g: stwG, p: 0 }, stwGc);
        stwG = -1;
      } else {
        stwG = pick(ordinary);
        stwGc = rnd() < 0.7;
        emit(Ev.STWBegin, { g: stwG, p: 0 }, stwGc);
      }
    },
    () => {
      gc = !gc;
      emit(gc ? Ev.GCBegin : Ev.GCEnd, { p: 0 });
    },
    () => {
      const g = pick(with_(GoState.Running, ordinary));
      if (g === undefined) return;
      if (assist.has(g)) {
        emit(Ev.GCMarkAssistEnd, { g, p: onP.get(g) });
        assist.delete(g);
      } else if (gc) {
        emit(Ev.GCMarkAssistBegin, { g, p: onP.get(g) });
        assist.add(g);
      }
    },
    () => emit(rnd() < 0.5 ? Ev.CPUSample : Ev.HeapAlloc, { p: Math.floor(rnd() * nP), a0: 1 }),
    () => {
      if (rnd() < 0.7) return;
      const n = 2 + Math.floor(rnd() * 5);
      for (let p = n; p < nP; p++) if (run[p] >= 0) stopOn(p, GoState.Runnable);
      nP = n;
      emit(Ev.ProcsChange, { a0: n });
    },
    () => {
      const p = Math.floor(rnd() * nP);
      emit(rnd() < 0.5 ? Ev.ProcStart : Ev.ProcStop, { p, from: ProcState.Idle, to: ProcState.Running });
    },
  ];
  for (let gen = 0; gen < gens; gen++) {
    syncAt.push(events.length);
    emit(Ev.SyncMarker, { a0: ++syncs });
    for (const [g, s] of state) {
      const p = onP.get(g) ?? -1;
      emit(Ev.GoStatus, { a0: g, p, from: gen === 0 ? GoState.Undetermined : s, to: s });
      if (assist.has(g)) emit(Ev.GCMarkAssistActive, { a0: g, p });
    }
    if (gc) emit(Ev.GCActive, {});
    for (let p = 0; p < nP; p++) {
      const s = run[p] >= 0 ? ProcState.Running : ProcState.Idle;
      emit(Ev.ProcStatus, { p, from: gen === 0 ? ProcState.Undetermined : s, to: s });
    }
    emit(Ev.ProcsChange, { a0: nP });
    for (let i = 0; i < 120; i++) pick(actions)();
  }
  emit(Ev.SyncMarker, { a0: ++syncs });
  return { events, syncAt };
}

describe('a generated stream split inside GCs', () => {
  it.each([false, true])('split at every generation and in random chunks, merged: the sequential builder (equal times: %s)', (sameTimes) => {
    let countedAtBoundary = 0;
    let inGcAtBoundary = 0;
    let toldApart = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { events, syncAt } = synth(seed, 8, sameTimes);
      const seq = new Utilization();
      for (const e of events) feed(seq, e);
      // The same stream where no stack tells a program goroutine from a worker.
      const blind = new Utilization();
      for (const e of events) feed(blind, { ...e, ev: { ...e.ev, gen: null } });
      if (JSON.stringify([...blind.ours.u.done()]) !== JSON.stringify([...seq.ours.u.done()])) toldApart++;
      expect(blind.goTool.u.done(), 'go tool trace reads no stacks').toEqual(seq.goTool.u.done());
      const rnd = rng(seed * 7919);
      const plans = [syncAt, [0, ...syncAt.slice(1).filter(() => rnd() < 0.4)]];
      for (const starts of plans) {
        const parts = starts.map((s, k) => {
          const u = new Utilization();
          if (k > 0) u.startChunk(workersBefore(events, s));
          const end = k + 1 < starts.length ? starts[k + 1] : events.length;
          for (let i = s; i < end; i++) feed(u, events[i]);
          return u;
        });
        for (let k = 1; k < parts.length; k++) {
          if (parts[0].ours.ps.some((x) => x > 0)) countedAtBoundary++;
          if (parts[0].goTool.ps.some((x) => x > 0)) inGcAtBoundary++;
          parts[0].absorb(parts[k]);
        }
        parts[0].forgetGenerations();
        seq.forgetGenerations();
        expect(parts[0], `seed ${seed}, chunks at ${starts}`).toEqual(seq);
      }
    }
    // Not vacuous: many boundaries fall where Ps are in GC.
    expect(countedAtBoundary).toBeGreaterThan(50);
    expect(inGcAtBoundary).toBeGreaterThan(100);
    // And the stacks change ours in most streams.
    expect(toldApart).toBeGreaterThan(5);
  });
});

describe('a goroutine labelled once before the chunk', () => {
  it('its unlabelled runs in the chunk still count (go tool trace keeps it as a worker)', () => {
    const at = (time: number, type: number, o: Partial<TraceEvent> = {}, label = ''): Synth => ({ ev: { ...newEvent(), type, time, ...o }, isGcStw: false, label });
    const run = { from: GoState.Runnable, to: GoState.Running };
    const events = [
      at(1, Ev.SyncMarker, { a0: 1 }),
      at(2, Ev.GoStatus, { a0: 7, p: -1, from: GoState.Undetermined, to: GoState.Runnable }),
      at(10, Ev.ProcsChange, { a0: 2 }),
      at(20, Ev.GCBegin, { p: 0 }),
      // Not a mark worker (the trace writer in gc10.trace), started on a P still in worker mode.
      at(30, Ev.GoStart, { p: 0, a0: 7, ...run }),
      at(31, Ev.GoLabel, { g: 7, p: 0 }, 'GC (dedicated)'),
      at(40, Ev.GoBlock, { g: 7, p: 0, from: GoState.Running, to: GoState.Waiting }),
      at(50, Ev.SyncMarker, { a0: 2 }),
      at(51, Ev.GoStatus, { a0: 7, p: -1, from: GoState.Waiting, to: GoState.Waiting }),
      at(60, Ev.GoUnblock, { p: 1, a0: 7, from: GoState.Waiting, to: GoState.Runnable }),
      // Its first event in the chunk is not a start, and its start here is not labelled.
      at(70, Ev.GoStart, { p: 1, a0: 7, ...run }),
      at(80, Ev.GoSyscallBegin, { g: 7, p: 1, from: GoState.Running, to: GoState.Syscall }),
      at(90, Ev.GoSyscallEnd, { g: 7, p: 1, from: GoState.Syscall, to: GoState.Running }),
      at(100, Ev.GoBlock, { g: 7, p: 1, from: GoState.Running, to: GoState.Waiting }),
      at(110, Ev.GCEnd, { p: 0 }),
      at(120, Ev.SyncMarker, { a0: 3 }),
    ];
    const seq = new Utilization();
    for (const e of events) feed(seq, e);
    // Counted in GC at its label and again in its unlabelled run.
    expect([...seq.ours.t.done()]).toEqual([10, 31, 40, 70, 100]);
    expect([...seq.ours.u.done()]).toEqual([1, 0.5, 1, 0.5, 1]);
    const a = new Utilization();
    const b = new Utilization();
    const cut = events.findIndex((e) => e.ev.time === 50);
    b.startChunk(workersBefore(events, cut));
    events.forEach((e, i) => feed(i < cut ? a : b, e));
    a.absorb(b);
    expect(a).toEqual(seq);
  });
});

describe('a chunk boundary inside one timestamp', () => {
  it('a series left dirty by the chunk before: the chunk logs the event after its first', () => {
    const at = (time: number, type: number, o: Partial<TraceEvent> = {}): Synth => ({ ev: { ...newEvent(), type, time, ...o }, isGcStw: false, label: '' });
    const events = [
      at(1, Ev.SyncMarker, { a0: 1 }),
      at(10, Ev.ProcsChange, { a0: 2 }),
      at(20, Ev.GCMarkAssistBegin, { g: 5, p: 0 }),
      // Back up at the same time: the series keeps the lower value and is dirty.
      at(20, Ev.GCMarkAssistEnd, { g: 5, p: 0 }),
      at(20, Ev.SyncMarker, { a0: 2 }),
      // Applied only because the series is dirty: the utilization's return to 1.
      at(30, Ev.CPUSample),
      at(40, Ev.SyncMarker, { a0: 3 }),
    ];
    const seq = new Utilization();
    for (const e of events) feed(seq, e);
    expect([...seq.ours.t.done()]).toEqual([10, 20, 30]);
    const a = new Utilization();
    const b = new Utilization();
    b.startChunk([]);
    events.forEach((e, i) => feed(i < 4 ? a : b, e));
    a.absorb(b);
    expect(a).toEqual(seq);
  });
});
