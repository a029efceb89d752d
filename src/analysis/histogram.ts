// Log-scale histograms for durations spanning several orders of magnitude
// (GC pauses go from microseconds to seconds).

export interface HistogramBucket {
  /** Inclusive lower bound. */
  lo: number;
  /** Exclusive upper bound. */
  hi: number;
  count: number;
}

/**
 * Buckets with `perDecade` buckets per power of ten, covering [min, max] of the
 * positive values; zeros get their own first bucket [0, lo).
 */
export function logHistogram(values: ArrayLike<number>, perDecade = 4): HistogramBucket[] {
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v > 0)) {
      zeros++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out: HistogramBucket[] = [];
  if (min === Infinity) return zeros ? [{ lo: 0, hi: 0, count: zeros }] : [];
  const step = 1 / perDecade;
  const k0 = Math.floor(Math.log10(min) / step + 1e-9);
  const k1 = Math.floor(Math.log10(max) / step + 1e-9);
  const edge = (k: number) => Number(Math.pow(10, k * step).toPrecision(6));
  if (zeros) out.push({ lo: 0, hi: edge(k0), count: zeros });
  for (let k = k0; k <= k1; k++) out.push({ lo: edge(k), hi: edge(k + 1), count: 0 });
  const base = zeros ? 1 : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v > 0)) continue;
    let k = Math.floor(Math.log10(v) / step + 1e-9) - k0;
    // Guard floating error at the edges so lo <= v < hi holds exactly.
    while (k > 0 && v < out[base + k].lo) k--;
    while (k < k1 - k0 && v >= out[base + k].hi) k++;
    out[base + k].count++;
  }
  return out;
}
