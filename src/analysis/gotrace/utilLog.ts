// The events a chunk of a trace logs for the mutator utilization (./mmu.ts
// Utilization.startChunk), in typed columns kept in fixed chunks: 16 bytes an
// event (time; type, states, flags and P in one word; one goroutine ID), with
// no slack past the last chunk and no copy as it grows, and nothing the
// garbage collector walks. (It was 24 bytes in doubling arrays: on the 299 MB
// bench trace the second chunk's log held 403 MB of buffers.)

import { F64Series, I32Series, U32Series } from '../../lib/series';

/** Bytes a log may hold (384 MB): past it, reading apart costs more memory than it is worth. */
const UTIL_LOG_MAX_BYTES = 384 << 20;
/** Bytes an entry takes. */
const ENTRY_BYTES = 16;
/** Entries a log may hold. */
export const UTIL_LOG_MAX = Math.floor(UTIL_LOG_MAX_BYTES / ENTRY_BYTES);

/** The P is kept plus one (−1, no P, is 0) in the word's top bits. */
const P_SHIFT = 21;
const P_MAX = (1 << (32 - P_SHIFT)) - 2;

/** One logged event, as replay() hands it out. */
export interface UtilLogEntry {
  t: number;
  /** Event type | from << 8 | to << 12 | GC stop-the-world << 16 | code << 17 | verdict << 19 (mmu.ts). */
  packed: number;
  p: number;
  /** The goroutine the event's ID is about: a transition's, or the event's own (labels, assists). */
  g: number;
  /** The event's first argument: a transition's goroutine, a Sync's count, GOMAXPROCS, an active assist's goroutine. */
  x: number;
}

export class UtilLog {
  /** Time (ns). */
  private readonly t = new F64Series();
  /** `packed` (21 bits) | (P + 1) << P_SHIFT. */
  private readonly word = new U32Series();
  /** x when `xOnly`, else g. */
  private readonly id = new I32Series();
  /** The x of each entry that needs both g and x (an active assist), in order. */
  private readonly both: number[] = [];

  get length(): number {
    return this.t.length;
  }

  /**
   * Appends an entry; throws past UTIL_LOG_MAX, or when a P or an ID does not
   * fit (then the trace is read in one pass). `use`: which of g and x replay
   * needs ('x': a transition, a Sync, GOMAXPROCS; 'g': a label or an assist;
   * 'both': an active assist).
   */
  push(t: number, packed: number, p: number, g: number, x: number, use: 'g' | 'x' | 'both'): void {
    if (this.t.length >= UTIL_LOG_MAX) throw new Error(`a chunk's utilization log passed ${UTIL_LOG_MAX} events: the trace is read in one pass instead`);
    if ((g | 0) !== g || (x | 0) !== x) throw new Error(`a chunk's utilization log holds 32-bit IDs, not ${g}, ${x}: the trace is read in one pass instead`);
    if (!(p >= -1 && p <= P_MAX && (p | 0) === p)) throw new Error(`a chunk's utilization log holds Ps up to ${P_MAX}, not ${p}: the trace is read in one pass instead`);
    this.t.push(t);
    this.word.push((packed | ((p + 1) << P_SHIFT)) >>> 0);
    this.id.push(use === 'x' ? x : g);
    if (use === 'both') this.both.push(x);
  }

  /**
   * Calls `fn` with each entry in order (one object, refilled). `xOnly(packed)`
   * tells, as push's `use` did, whether the stored ID is x; an entry that had
   * both gets x from the side list.
   */
  replay(fn: (e: UtilLogEntry) => void, use: (packed: number) => 'g' | 'x' | 'both'): void {
    const e: UtilLogEntry = { t: 0, packed: 0, p: 0, g: -1, x: 0 };
    const ts = this.t.chunks();
    const ws = this.word.chunks();
    const ids = this.id.chunks();
    let b = 0;
    for (let c = 0; c < ts.length; c++) {
      const tc = ts[c];
      const wc = ws[c];
      const ic = ids[c];
      for (let i = 0; i < tc.length; i++) {
        const w = wc[i];
        e.t = tc[i];
        e.packed = w & ((1 << P_SHIFT) - 1);
        e.p = (w >>> P_SHIFT) - 1;
        const how = use(e.packed);
        if (how === 'x') {
          e.x = ic[i];
          e.g = -1;
        } else {
          e.g = ic[i];
          e.x = how === 'both' ? this.both[b++] : 0;
        }
        fn(e);
      }
    }
  }

  /** Appends `other`'s entries after this log's. */
  append(other: UtilLog, use: (packed: number) => 'g' | 'x' | 'both'): void {
    other.replay((e) => this.push(e.t, e.packed, e.p, e.g, e.x, use(e.packed)), use);
  }
}
