// Log-scale histograms for durations spanning several orders of magnitude
// (GC pauses go from microseconds to seconds).

export interface HistogramBucket {
  /** Inclusive lower bound. */
  lo: number;
  /** Exclusive upper bound. */
  hi: number;
  count: number;
}

/** Calls f(value, weight) for every value of a histogram's input. */
type EachValue = (f: (v: number, n: number) => void) => void;

/**
 * Buckets with `perDecade` buckets per power of ten, covering [min, max] of the
 * positive values; zeros get their own first bucket [0, lo). Each value is
 * divided by `divisor` first (ns in, ms out) without a scaled copy.
 */
export function logHistogram(values: ArrayLike<number> | readonly Float64Array[], perDecade = 4, divisor = 1): HistogramBucket[] {
  // A series stored in chunks (src/lib/series.ts) is read chunk by chunk.
  const parts: readonly ArrayLike<number>[] = Array.isArray(values) && values[0] instanceof Float64Array ? (values as readonly Float64Array[]) : [values as ArrayLike<number>];
  return logHistogramOf(
    (f) => {
      for (const p of parts) for (let i = 0; i < p.length; i++) f(p[i], 1);
    },
    perDecade,
    divisor,
  );
}

/** The same buckets for values given with how many times each occurred (a histogram's buckets re-binned). */
export function logHistogramCounts(values: readonly number[], counts: readonly number[], perDecade = 4, divisor = 1): HistogramBucket[] {
  return logHistogramOf(
    (f) => {
      for (let i = 0; i < values.length; i++) f(values[i], counts[i]);
    },
    perDecade,
    divisor,
  );
}

function logHistogramOf(each: EachValue, perDecade: number, divisor: number): HistogramBucket[] {
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  each((raw, n) => {
    const v = raw / divisor;
    if (!(v > 0)) {
      zeros += n;
      return;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  });
  const out: HistogramBucket[] = [];
  if (min === Infinity) return zeros ? [{ lo: 0, hi: 0, count: zeros }] : [];
  const step = 1 / perDecade;
  const k0 = Math.floor(Math.log10(min) / step + 1e-9);
  const k1 = Math.floor(Math.log10(max) / step + 1e-9);
  const edge = (k: number) => Number(Math.pow(10, k * step).toPrecision(6));
  // Bucket k covers [edges[k], edges[k + 1]); a binary search over the edges
  // places each value exactly (no log per value, no float error at edges).
  const m = k1 - k0 + 1;
  const edges = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) edges[k] = edge(k0 + k);
  const counts = new Float64Array(m);
  each((raw, n) => {
    const v = raw / divisor;
    if (!(v > 0)) return;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v >= edges[mid]) lo = mid;
      else hi = mid - 1;
    }
    counts[lo] += n;
  });
  if (zeros) out.push({ lo: 0, hi: edges[0], count: zeros });
  for (let k = 0; k < m; k++) out.push({ lo: edges[k], hi: edges[k + 1], count: counts[k] });
  return out;
}
