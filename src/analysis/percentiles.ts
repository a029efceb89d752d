// Nearest-rank percentiles: the value at rank ceil(q·n) of the sorted values,
// so every figure reported is a value that really occurred.

/** Sorted copy (ascending) as a Float64Array. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const a = values instanceof Float64Array ? values.slice() : new Float64Array(values);
  return a.sort();
}

/** Nearest-rank percentile of an ascending array; q in (0, 1]. NaN when empty. */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * n));
  return sorted[Math.min(rank, n) - 1];
}

export interface PercentileSummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
  mean: number;
  count: number;
}

export function summarize(values: ArrayLike<number>): PercentileSummary {
  const s = sortedCopy(values);
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i];
  return {
    p50: nearestRank(s, 0.5),
    p90: nearestRank(s, 0.9),
    p99: nearestRank(s, 0.99),
    max: s.length ? s[s.length - 1] : NaN,
    total,
    mean: s.length ? total / s.length : NaN,
    count: s.length,
  };
}
