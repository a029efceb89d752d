// What a P lane keeps once the span store has used its byte budget
// (./spanStore.ts): instead of one row per slice, blocks of a fixed length
// (aligned to the trace start) holding how many slices started in them, how
// long they ran and of which kind. When the blocks of all lanes outgrow their
// share of the budget, every lane merges pairs of blocks (the length
// doubles), so memory stays bounded whatever the trace's size.

import { f64, u8, type Vec } from '../../lib/columns';

/** Bytes per block: start, end, count, busy, gcBusy (f64), kind (u8) and the index of ends made at the finish (f64). */
export const COARSE_BLOCK_BYTES = 49;
/** Kind of a block holding slices of more than one kind (as timelineQuery's KIND_MIXED). */
const MIXED = 3;

export class CoarseLane {
  start: Vec<Float64Array> = f64(64);
  end: Vec<Float64Array> = f64(64);
  count: Vec<Float64Array> = f64(64);
  /** Running time of the block's slices. */
  busy: Vec<Float64Array> = f64(64);
  /** Of which GC mark workers. */
  gcBusy: Vec<Float64Array> = f64(64);
  kind: Vec<Uint8Array> = u8(64);
  /** Largest end up to each block (set by finish). */
  maxEnd = new Float64Array(0);
  private idx = -Infinity;

  get length(): number {
    return this.start.n;
  }

  /** A slice [s, e) of `kind` (`gc`: a GC mark worker's), in blocks of `blockNs` from `origin`. */
  add(s: number, e: number, kind: number, gc: boolean, origin: number, blockNs: number): void {
    this.addBlock(s, e, 1, e - s, gc ? e - s : 0, kind, origin, blockNs);
  }

  /**
   * `count` slices from `s` to `e` that ran `busy` (`gcBusy` of it GC mark
   * workers) of `kind`: one slice, or a block of another store's lane merged
   * in (./spanStore.ts absorb), which goes whole into the block its start is in.
   */
  addBlock(s: number, e: number, count: number, busy: number, gcBusy: number, kind: number, origin: number, blockNs: number): void {
    const b = Math.floor((s - origin) / blockNs);
    const n = this.start.n;
    if (b === this.idx && n > 0) {
      const i = n - 1;
      if (e > this.end.a[i]) this.end.a[i] = e;
      this.count.a[i] += count;
      this.busy.a[i] += busy;
      this.gcBusy.a[i] += gcBusy;
      if (this.kind.a[i] !== kind) this.kind.a[i] = MIXED;
      return;
    }
    this.idx = b;
    this.start.push(s);
    this.end.push(e);
    this.count.push(count);
    this.busy.push(busy);
    this.gcBusy.push(gcBusy);
    this.kind.push(kind);
  }

  /** Merges the blocks that fall in one block of `blockNs` (after the length doubled). */
  remerge(origin: number, blockNs: number): void {
    const n = this.start.n;
    let w = -1;
    let wIdx = -Infinity;
    for (let r = 0; r < n; r++) {
      const b = Math.floor((this.start.a[r] - origin) / blockNs);
      if (w >= 0 && b === wIdx) {
        if (this.end.a[r] > this.end.a[w]) this.end.a[w] = this.end.a[r];
        this.count.a[w] += this.count.a[r];
        this.busy.a[w] += this.busy.a[r];
        this.gcBusy.a[w] += this.gcBusy.a[r];
        if (this.kind.a[w] !== this.kind.a[r]) this.kind.a[w] = MIXED;
        continue;
      }
      w++;
      wIdx = b;
      this.start.a[w] = this.start.a[r];
      this.end.a[w] = this.end.a[r];
      this.count.a[w] = this.count.a[r];
      this.busy.a[w] = this.busy.a[r];
      this.gcBusy.a[w] = this.gcBusy.a[r];
      this.kind.a[w] = this.kind.a[r];
    }
    for (const c of [this.start, this.end, this.count, this.busy, this.gcBusy, this.kind]) c.n = w + 1;
    this.idx = wIdx;
  }

  finish(): void {
    for (const c of [this.start, this.end, this.count, this.busy, this.gcBusy, this.kind] as Vec<Float64Array | Uint8Array>[]) c.a = c.done();
    this.maxEnd = new Float64Array(this.length);
    let hi = -Infinity;
    for (let i = 0; i < this.length; i++) this.maxEnd[i] = hi = Math.max(hi, this.end.a[i]);
  }

  bytes(): number {
    return [this.start, this.end, this.count, this.busy, this.gcBusy, this.kind].reduce((b, c) => b + c.a.byteLength, 0) + this.maxEnd.byteLength;
  }
}
