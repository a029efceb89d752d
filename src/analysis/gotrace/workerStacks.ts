// Whether a goroutine is one of the runtime's background mark workers, from
// its own stack: every worker runs runtime.gcBgMarkWorker, its entry function
// (runtime/mgc.go gcBgMarkStartWorkers), so that frame is in every stack the
// tracer takes of it; no other goroutine's stack has it. This is what tells a
// real worker from a program goroutine that the runtime labelled "GC (…)": the
// tracer labels whatever goroutine starts on a P whose mark-worker mode is set
// (runtime/traceruntime.go GoStart), and that mode can outlive the worker's
// turn (see mmu.ts). A stack with a frame the trace does not name tells
// nothing.

import type { TraceEvent } from '../../formats/gotrace/order';
import type { Generation } from '../../formats/gotrace/generation';
import { frameFunc } from '../../formats/gotrace/generation';
import { OWN_STACK_ARG } from '../../formats/gotrace/spec';

/** A transition's verdict on its goroutine: no own stack, a mark worker, another goroutine. */
export const NO_STACK = 0;
export const MARK_WORKER = 1;
export const NOT_WORKER = 2;

export const WORKER_FUNC = 'runtime.gcBgMarkWorker';

function argAt(ev: TraceEvent, i: number): number {
  return i === 0 ? ev.a0 : i === 1 ? ev.a1 : i === 2 ? ev.a2 : i === 3 ? ev.a3 : 0;
}

export class WorkerStacks {
  private gen: Generation | null = null;
  /** Stack ID → MARK_WORKER or NOT_WORKER, for the current generation's table. */
  private cache = new Map<number, number>();

  /** What the stack of the goroutine `ev` is about (OWN_STACK_ARG) says of it. */
  verdict(ev: TraceEvent): number {
    const ai = OWN_STACK_ARG[ev.type];
    const gen = ev.gen;
    if (ai < 0 || !gen) return NO_STACK;
    const id = argAt(ev, ai);
    if (id === 0) return NO_STACK;
    if (gen !== this.gen) {
      this.gen = gen;
      this.cache.clear();
    }
    let v = this.cache.get(id);
    if (v === undefined) {
      const pcs = gen.stacks.get(id);
      if (!pcs || pcs.length === 0) return NO_STACK;
      v = NOT_WORKER;
      for (const pc of pcs) {
        const fn = frameFunc(gen, pc);
        if (fn === WORKER_FUNC) {
          v = MARK_WORKER;
          break;
        }
        // A frame the trace does not name (Go 1.23 writes a preempted worker's stack as the one PC 0): the stack says nothing.
        if (fn === '') v = NO_STACK;
      }
      this.cache.set(id, v);
    }
    return v;
  }
}
