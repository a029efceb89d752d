// The events a chunk of a trace logs for the mutator utilization (./mmu.ts
// Utilization.startChunk), in typed columns: 24 bytes an event, where an
// array of numbers took 40, and nothing the garbage collector walks.

import { f64, i32 } from '../../lib/columns';

/** Entries a log may hold (16 M, 384 MB): past it, reading apart costs more memory than it is worth. */
export const UTIL_LOG_MAX = 1 << 24;

export class UtilLog {
  /** Time (ns). */
  readonly t = f64();
  /** Event type | from << 8 | to << 12 | GC stop-the-world << 16 | code << 17 (mmu.ts). */
  readonly packed = i32();
  readonly p = i32();
  readonly g = i32();
  /** The goroutine a transition is about, or the event's first argument. */
  readonly x = i32();

  get length(): number {
    return this.t.n;
  }

  /** Appends an entry; throws past UTIL_LOG_MAX or when an ID does not fit 32 bits (then the trace is read in one pass). */
  push(t: number, packed: number, p: number, g: number, x: number): void {
    if (this.t.n >= UTIL_LOG_MAX) throw new Error(`a chunk's utilization log passed ${UTIL_LOG_MAX} events: the trace is read in one pass instead`);
    if ((p | 0) !== p || (g | 0) !== g || (x | 0) !== x) throw new Error(`a chunk's utilization log holds 32-bit IDs, not ${p}, ${g}, ${x}: the trace is read in one pass instead`);
    this.t.push(t);
    this.packed.push(packed);
    this.p.push(p);
    this.g.push(g);
    this.x.push(x);
  }

  /** Appends `other`'s entries after this log's. */
  append(other: UtilLog): void {
    for (let i = 0; i < other.length; i++) this.push(other.t.a[i], other.packed.a[i], other.p.a[i], other.g.a[i], other.x.a[i]);
  }
}
