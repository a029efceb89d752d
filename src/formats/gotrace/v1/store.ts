// The merged v1 events, kept in columns of fixed 64 Ki-event chunks (no
// object per event, nothing copied when it grows): a v1 trace is one whole
// "generation", so every event must be held until the trace has been checked
// end to end (Go's tracev1 keeps them all too). 49 bytes per event.

const BITS = 16;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

/** Flag bits stored above the 6-bit event type. */
export const MOVED = 0x40; // a GoSysExit whose time was set back to the real syscall exit
export const BLOCKED = 0x80; // a GoSysCall whose goroutine's next event is GoSysBlock
export const TYPE_MASK = 0x3f;

class Chunk {
  ts = new Float64Array(SIZE);
  g = new Float64Array(SIZE);
  a0 = new Float64Array(SIZE);
  a1 = new Float64Array(SIZE);
  a2 = new Float64Array(SIZE);
  p = new Int32Array(SIZE);
  stk = new Uint32Array(SIZE);
  type = new Uint8Array(SIZE);
}

/** Bytes one stored event takes. */
export const BYTES_PER_EVENT = 8 * 5 + 4 + 4 + 1;

/** One event as the parser hands it over (reused). */
export interface V1Event {
  type: number;
  /** Ticks relative to the trace's first batch (exact below 2^53). */
  ts: number;
  g: number;
  p: number;
  /** Arguments after the timestamp and before the stack; a2 of GoSysExit is its real exit time (NaN: none), of UserLog the inline message's ID. */
  a0: number;
  a1: number;
  a2: number;
  stk: number;
}

export function newV1Event(): V1Event {
  return { type: 0, ts: 0, g: 0, p: 0, a0: 0, a1: 0, a2: 0, stk: 0 };
}

export class EventStore {
  private chunks: Chunk[] = [];
  length = 0;

  push(e: V1Event): void {
    const i = this.length++;
    const ci = i >>> BITS;
    if (ci === this.chunks.length) this.chunks.push(new Chunk());
    const c = this.chunks[ci];
    const j = i & MASK;
    c.ts[j] = e.ts;
    c.g[j] = e.g;
    c.a0[j] = e.a0;
    c.a1[j] = e.a1;
    c.a2[j] = e.a2;
    c.p[j] = e.p;
    c.stk[j] = e.stk;
    c.type[j] = e.type;
  }

  /** Copies event i into e (flag bits stay in e.type). */
  get(i: number, e: V1Event): V1Event {
    const c = this.chunks[i >>> BITS];
    const j = i & MASK;
    e.ts = c.ts[j];
    e.g = c.g[j];
    e.a0 = c.a0[j];
    e.a1 = c.a1[j];
    e.a2 = c.a2[j];
    e.p = c.p[j];
    e.stk = c.stk[j];
    e.type = c.type[j];
    return e;
  }

  ts(i: number): number {
    return this.chunks[i >>> BITS].ts[i & MASK];
  }
  setTs(i: number, v: number): void {
    this.chunks[i >>> BITS].ts[i & MASK] = v;
  }
  type(i: number): number {
    return this.chunks[i >>> BITS].type[i & MASK];
  }
  setType(i: number, v: number): void {
    this.chunks[i >>> BITS].type[i & MASK] = v;
  }
  setP(i: number, v: number): void {
    this.chunks[i >>> BITS].p[i & MASK] = v;
  }
  setStk(i: number, v: number): void {
    this.chunks[i >>> BITS].stk[i & MASK] = v;
  }
}

/**
 * The order the events end in: the merged order, except that GoSysExit
 * events moved back to their real exit time are placed as a stable sort by
 * time would place them (Go: sort.Stable after the fix-up). Unmoved events
 * stay sorted, so the order is a merge of them with the few moved ones.
 */
export class FinalOrder {
  /** Moved events' indices, sorted by (time, index). */
  private moved: number[];
  private mi = 0;
  private ui = 0;

  constructor(
    private readonly store: EventStore,
    moved: number[],
  ) {
    this.moved = moved.sort((a, b) => store.ts(a) - store.ts(b) || a - b);
  }

  /** Starts over. */
  reset(): void {
    this.mi = 0;
    this.ui = 0;
  }

  /** Index of the next event, -1 at the end. */
  next(): number {
    const s = this.store;
    while (this.ui < s.length && s.type(this.ui) & MOVED) this.ui++;
    const m = this.mi < this.moved.length ? this.moved[this.mi] : -1;
    if (this.ui < s.length) {
      if (m >= 0) {
        const tm = s.ts(m);
        const tu = s.ts(this.ui);
        if (tm < tu || (tm === tu && m < this.ui)) {
          this.mi++;
          return m;
        }
      }
      return this.ui++;
    }
    if (m >= 0) this.mi++;
    return m;
  }

  /** Index of the first event without advancing, -1 when there is none. */
  first(): number {
    this.reset();
    const i = this.next();
    this.reset();
    return i;
  }
}
