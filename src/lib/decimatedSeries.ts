// A time series in bounded memory: samples are kept exactly until there are
// `maxPoints` of them; then time is cut into equal buckets and each bucket
// keeps only its lowest and its highest sample (in time order), so at most
// half of `maxPoints` remain and the bucket width doubles as often as needed
// afterwards. Peaks and troughs survive every merge (the heap's sawtooth keeps
// its tops and its post-GC floors); what is lost is the order of the other
// samples inside one bucket. A 1 GB execution trace has ~50 M heap samples
// (800 MB as doubles); kept this way they stay under 2 × maxPoints × 16 B.

import { F64Series } from './series';

export class DecimatedSeries {
  readonly t = new F64Series();
  readonly v = new F64Series();
  /** Samples pushed (all of them, merged or not). */
  count = 0;
  /** Bucket width after the last merge (0: every sample is kept). */
  bucketWidth = 0;
  /** Buckets are counted from the first sample ever pushed, so merges keep one grid. */
  private origin = 0;

  constructor(readonly maxPoints = 1 << 20) {
    if (maxPoints < 8) throw new RangeError('maxPoints must be at least 8');
  }

  get length(): number {
    return this.t.length;
  }

  push(t: number, v: number): void {
    if (this.count++ === 0) this.origin = t;
    if (this.t.length >= this.maxPoints) this.merge();
    this.t.push(t);
    this.v.push(v);
  }

  /**
   * Pushes the samples `o` kept, in order (`o` holds later samples). The same
   * series as one stream of both while `o` has not merged itself; after that
   * only the samples it kept are added.
   */
  append(o: DecimatedSeries): void {
    const n = o.t.length;
    for (let i = 0; i < n; i++) this.push(o.t.get(i), o.v.get(i));
    this.count += o.count - n;
  }

  /** Keeps each bucket's lowest and highest sample, widening buckets until at most maxPoints / 2 remain. */
  private merge(): void {
    const { t, v } = this;
    const n = t.length;
    const t0 = this.origin;
    const span = t.get(n - 1) - t0;
    let w = Math.max(1, this.bucketWidth);
    while (span / w >= this.maxPoints / 4) w *= 2;
    this.bucketWidth = w;
    let out = 0;
    let i = 0;
    while (i < n) {
      const b = Math.floor((t.get(i) - t0) / w);
      let lo = i;
      let hi = i;
      let j = i + 1;
      for (; j < n && Math.floor((t.get(j) - t0) / w) === b; j++) {
        if (v.get(j) < v.get(lo)) lo = j;
        if (v.get(j) > v.get(hi)) hi = j;
      }
      const first = Math.min(lo, hi);
      const second = Math.max(lo, hi);
      // Writes never pass reads: out ≤ i.
      const ft = t.get(first);
      const fv = v.get(first);
      const st = t.get(second);
      const sv = v.get(second);
      t.set(out, ft);
      v.set(out, fv);
      out++;
      if (second !== first) {
        t.set(out, st);
        v.set(out, sv);
        out++;
      }
      i = j;
    }
    t.truncate(out);
    v.truncate(out);
  }
}
