// What a chunk of a trace read apart from the chunks before it (a split read,
// src/formats/gotrace/split.ts) could not finish alone: events whose meaning
// depends on state from before the chunk (how long a goroutine had waited,
// which stop-the-world an end closes, which task an end ends). The collector
// records them in event order while it reads the chunk, and resolves them
// against the previous chunk's final state when the two are joined
// (TraceCollector.absorb). A chunk records about one per goroutine, not per
// event.

export const Carry = {
  /**
   * A goroutine's first state change in the chunk (x: the state it left, y:
   * the state it entered, | PROGRAM_RUN when it left running and its stack
   * there shows it is no mark worker).
   */
  First: 0,
  /** A mark assist that was running when the chunk began has ended. */
  AssistEnd: 1,
  /** A stop-the-world begun before the chunk has ended (s: its reason). */
  StwEnd: 2,
  /** A GC stop-the-world ended before the chunk saw GOMAXPROCS (x: its length, to multiply by the previous GOMAXPROCS). */
  StwProcs: 3,
  /** A task begun before the chunk has ended (g: the task id). */
  TaskEnd: 4,
  /** A region begun before the chunk has ended on goroutine g. */
  RegionEnd: 5,
} as const;

/** Carry.First's y bit: the run it ends is the program's, though the runtime labelled it a mark worker's. */
export const PROGRAM_RUN = 1 << 8;

export class CarryLog {
  kind: number[] = [];
  g: number[] = [];
  t: number[] = [];
  x: number[] = [];
  y: number[] = [];
  s: string[] = [];

  get length(): number {
    return this.kind.length;
  }

  push(kind: number, g: number, t: number, x = 0, y = 0, s = ''): void {
    this.kind.push(kind);
    this.g.push(g);
    this.t.push(t);
    this.x.push(x);
    this.y.push(y);
    this.s.push(s);
  }
}

/**
 * GC CPU time that joining two chunks adds at given times (an assist or a
 * mark worker that ran across the boundary, a stop-the-world that spans it):
 * a cycle's GC CPU "so far" at its start counts those before it.
 */
export class TimedSums {
  private t: number[] = [];
  private sum: number[] = [];

  /** Adds `v` at time t (times in increasing order). */
  add(t: number, v: number): void {
    this.t.push(t);
    this.sum.push((this.sum.length ? this.sum[this.sum.length - 1] : 0) + v);
  }

  /** The sum of what was added before time t. */
  before(t: number): number {
    let lo = 0;
    let hi = this.t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.sum[lo - 1];
  }
}
