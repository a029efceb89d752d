// A time series in bounded memory: samples are kept exactly while fewer than
// `maxPoints` were pushed; from then on time is cut into equal buckets counted
// from a fixed origin, and each bucket keeps only its lowest and its highest
// sample (the first of each, in time order). The bucket width is the least
// power of two (ns) that leaves fewer than maxPoints / 4 buckets between the
// origin and the last sample, so at most half of `maxPoints` points remain.
// Peaks and troughs survive (the heap's sawtooth keeps its tops and its
// post-GC floors); what is lost is the order of the other samples inside a
// bucket. A 1 GB execution trace has ~50 M heap samples (800 MB as doubles);
// kept this way they stay under maxPoints × 16 B.
//
// What is kept depends only on the samples, the origin and maxPoints, not on
// when the buckets widened: buckets of one origin nest, and a bucket's first
// lowest and first highest sample are those of its halves. So a series read
// in chunks and joined with append() (each chunk's series with the trace's
// origin) is the one a single pass keeps (tests/unit/gotrace/bounded.test.ts).

import { F64Series } from './series';

export class DecimatedSeries {
  readonly t = new F64Series();
  readonly v = new F64Series();
  /** Samples pushed (all of them, merged or not). */
  count = 0;
  /** Bucket width (ns) once the series keeps buckets (0: every sample is kept). */
  bucketWidth = 0;
  /** The last sample's time (the span the width is chosen for ends there; a bucket's kept points may end earlier). */
  lastT = NaN;
  /** The buckets' origin: setOrigin(), else the first sample's time. */
  private origin = NaN;
  /** The last bucket (bucketed): its index, how many points it holds (1: its lowest sample is its highest), its lowest and highest sample. */
  private lastB = NaN;
  private lastN = 0;
  private loT = 0;
  private loV = 0;
  private hiT = 0;
  private hiV = 0;
  /** Whether the lowest sample came first (with lastN 2). */
  private loFirst = true;

  constructor(readonly maxPoints = 1 << 20) {
    if (maxPoints < 8) throw new RangeError('maxPoints must be at least 8');
  }

  get length(): number {
    return this.t.length;
  }

  /** Counts the buckets from `t0` (before the first sample): series that share it can be joined exactly. */
  setOrigin(t0: number): void {
    if (this.count > 0) throw new Error('DecimatedSeries.setOrigin: call it before the first sample');
    this.origin = t0;
  }

  push(t: number, v: number): void {
    if (this.count++ === 0 && this.origin !== this.origin) this.origin = t;
    this.lastT = t;
    if (this.bucketWidth === 0) {
      this.t.push(t);
      this.v.push(v);
      if (this.count >= this.maxPoints) this.rebucket(this.widthFor(t));
      return;
    }
    if ((t - this.origin) / this.bucketWidth >= this.maxPoints / 4) this.rebucket(this.widthFor(t));
    this.add(t, v);
  }

  /**
   * Adds the samples of `o` (later samples, the same origin): afterwards this
   * keeps what one series of both would keep. `o` is left as it was.
   */
  append(o: DecimatedSeries): void {
    if (o.count === 0) return;
    if (this.count === 0 && this.origin !== this.origin) this.origin = o.origin;
    if (o.bucketWidth > 0 && o.origin !== this.origin) throw new Error('DecimatedSeries.append: the series count their buckets from different origins');
    const total = this.count + o.count;
    const n = o.t.length;
    if (total < this.maxPoints) {
      // Both keep every sample.
      for (let i = 0; i < n; i++) {
        this.t.push(o.t.get(i));
        this.v.push(o.v.get(i));
      }
      this.count = total;
      this.lastT = o.lastT;
      return;
    }
    const w = this.widthFor(o.lastT);
    if (this.bucketWidth !== w) this.rebucket(w);
    // o's points are samples or bucket extremes of a width that divides w.
    for (let i = 0; i < n; i++) this.add(o.t.get(i), o.v.get(i));
    this.count = total;
    this.lastT = o.lastT;
  }

  /** The least power of two (≥ 1 ns) that leaves fewer than maxPoints / 4 buckets from the origin to time t. */
  private widthFor(t: number): number {
    const span = t - this.origin;
    let w = Math.max(1, this.bucketWidth);
    while (span / w >= this.maxPoints / 4) w *= 2;
    return w;
  }

  /** Adds a sample (or a finer bucket's extreme) at the current width, in time order. */
  private add(t: number, v: number): void {
    const b = Math.floor((t - this.origin) / this.bucketWidth);
    if (b !== this.lastB) {
      this.lastB = b;
      this.loT = this.hiT = t;
      this.loV = this.hiV = v;
      this.loFirst = true;
      this.t.push(t);
      this.v.push(v);
      this.lastN = 1;
      return;
    }
    // Strictly lower / higher: the first of equal samples stays.
    if (v < this.loV) {
      this.loT = t;
      this.loV = v;
      this.loFirst = false;
    } else if (v > this.hiV) {
      this.hiT = t;
      this.hiV = v;
      this.loFirst = true;
    } else return;
    // The bucket's two points, in time order, over the one or two it had (no allocation: once a sample).
    const { t: ts, v: vs } = this;
    if (this.lastN === 1) {
      ts.push(0);
      vs.push(0);
      this.lastN = 2;
    }
    const i = ts.length - 2;
    if (this.loFirst) {
      ts.set(i, this.loT);
      vs.set(i, this.loV);
      ts.set(i + 1, this.hiT);
      vs.set(i + 1, this.hiV);
    } else {
      ts.set(i, this.hiT);
      vs.set(i, this.hiV);
      ts.set(i + 1, this.loT);
      vs.set(i + 1, this.loV);
    }
  }

  /** Re-buckets the points kept (samples, or extremes of buckets that nest in the new ones) at width w. */
  private rebucket(w: number): void {
    const { t, v } = this;
    const n = t.length;
    this.bucketWidth = w;
    this.lastB = NaN;
    this.lastN = 0;
    // The points kept, added anew (each is a sample or the extreme of a bucket that nests in the new ones).
    const ts = t.toArray();
    const vs = v.toArray();
    t.truncate(0);
    v.truncate(0);
    for (let i = 0; i < n; i++) this.add(ts[i], vs[i]);
  }
}
