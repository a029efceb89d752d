// Nearest-rank percentiles of a stream of non-negative durations in bounded
// memory. Up to `exactMax` values are kept and ranked exactly (./percentiles.ts
// rankValues, as before); past that the values are folded into a log-linear
// histogram and only counts are kept: values below 1024 have a bucket each
// (integer nanoseconds stay exact), larger ones share buckets 1/1024 of their
// size wide (10 bits below the leading one, as in HdrHistogram). A percentile
// read from the histogram is its bucket's lower edge (clamped to the smallest
// and largest value seen): never above the exact nearest-rank value and less
// than 0.1% (1/1024) below it. Count, sum, min and max stay exact.
// A 1 GB trace has ~40 M scheduler waits: 320 MB kept as doubles, 368 KB here.

import { F64Series } from '../lib/series';
import { logHistogramCounts, logHistogram, type HistogramBucket } from './histogram';
import { rankValues } from './percentiles';

const SUB_BITS = 10;
const SUB = 1 << SUB_BITS;
/** Buckets: SUB exact ones, then SUB per power of two from 2^10 to 2^53. */
const BUCKETS = SUB + (54 - SUB_BITS) * SUB;
const TWO32 = 2 ** 32;

/** Relative width of a histogram bucket: the bound on a percentile's error once values are no longer kept. */
export const RANK_ERROR = 1 / SUB;

function bucketOf(v: number): number {
  if (!(v >= SUB)) return v > 0 ? Math.floor(v) : 0;
  const hi = Math.floor(v / TWO32);
  const e = hi > 0 ? 63 - Math.clz32(hi) : 31 - Math.clz32(v >>> 0);
  const m = Math.floor(v / 2 ** (e - SUB_BITS)) - SUB;
  return Math.min(BUCKETS - 1, SUB + (e - SUB_BITS) * SUB + m);
}

/** Smallest value of bucket b. */
export function bucketLow(b: number): number {
  if (b < SUB) return b;
  const k = b - SUB;
  const e = SUB_BITS + Math.floor(k / SUB);
  return (SUB + (k % SUB)) * 2 ** (e - SUB_BITS);
}

export class BoundedRanks {
  count = 0;
  total = 0;
  min = Infinity;
  max = -Infinity;
  private values: F64Series | null = new F64Series();
  private counts: Float64Array | null = null;

  constructor(readonly exactMax = 1 << 21) {}

  /** True while every value is kept (percentiles exact). */
  get exact(): boolean {
    return this.values !== null;
  }

  push(v: number): void {
    this.count++;
    this.total += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    const vs = this.values;
    if (vs) {
      if (vs.length < this.exactMax) {
        vs.push(v);
        return;
      }
      this.fold(vs);
    }
    this.counts![bucketOf(v)]++;
  }

  /** Moves the kept values into the histogram. */
  private fold(vs: F64Series): void {
    const c = new Float64Array(BUCKETS);
    for (const part of vs.chunks()) for (let i = 0; i < part.length; i++) c[bucketOf(part[i])]++;
    this.counts = c;
    this.values = null;
  }

  /**
   * Adds every value `o` holds, as if pushed here: the result is the one a
   * single stream of both would give (percentiles depend on the values, not
   * their order; past exactMax both fold into the histogram).
   */
  absorb(o: BoundedRanks): void {
    this.count += o.count;
    this.total += o.total;
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    const mine = this.values;
    const theirs = o.values;
    if (mine && theirs && mine.length + theirs.length <= this.exactMax) {
      for (const part of theirs.chunks()) for (let i = 0; i < part.length; i++) mine.push(part[i]);
      return;
    }
    if (mine) this.fold(mine);
    const c = this.counts!;
    if (theirs) {
      for (const part of theirs.chunks()) for (let i = 0; i < part.length; i++) c[bucketOf(part[i])]++;
    } else {
      const oc = o.counts!;
      for (let b = 0; b < c.length; b++) c[b] += oc[b];
    }
  }

  /** Bytes held: the kept values, or the histogram. */
  bytes(): number {
    return this.values ? this.values.length * 8 : BUCKETS * 8;
  }

  /** Nearest-rank value for each q in (0, 1] (NaN when empty). */
  ranks(qs: readonly number[]): number[] {
    if (this.values) return this.count ? rankValues(this.values.chunks(), qs).at : qs.map(() => NaN);
    const c = this.counts!;
    const n = this.count;
    return qs.map((q) => {
      const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
      let seen = 0;
      for (let b = 0; b < c.length; b++) {
        seen += c[b];
        if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketLow(b)));
      }
      return this.max;
    });
  }

  /** Log-scale histogram (./histogram.ts logHistogram) of the values, or of the buckets' lower edges once folded. */
  histogram(perDecade: number, divisor: number): HistogramBucket[] {
    if (this.values) return logHistogram(this.values.chunks(), perDecade, divisor);
    const c = this.counts!;
    const at: number[] = [];
    const n: number[] = [];
    for (let b = 0; b < c.length; b++) {
      if (c[b] === 0) continue;
      at.push(Math.min(this.max, Math.max(this.min, bucketLow(b))));
      n.push(c[b]);
    }
    return logHistogramCounts(at, n, perDecade, divisor);
  }
}
