// Nearest-rank percentiles: the value at rank ceil(q·n) of the sorted values,
// so every figure reported is a value that really occurred.
//
// Long series (millions of scheduler latencies in a trace, a million GC
// pauses in a log) are not sorted: `rankValues` finds the same values with a
// counting pass over the top bits of each double, then a linear-time
// selection inside only the few buckets that hold the wanted ranks (about 2
// passes instead of n·log n compares, and no full copy of the input).

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

/** 1-based nearest rank of q among n values. */
function rankOf(q: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil(q * n)));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Buckets: sign + 11 exponent bits + 8 mantissa bits of the high word. */
const SHIFT = 12;
const TOP = 1 << (31 - SHIFT);

/**
 * Bucket of a double from its high word, in value order: non-negative
 * numbers above negative ones, and negative ones reversed (a larger
 * magnitude has larger bits but is smaller).
 */
function bucketOf(hi: number): number {
  return hi >>> 31 ? (~hi >>> SHIFT) & (TOP - 1) : (hi >>> SHIFT) | TOP;
}
const BELOW_SELECT = 4096;

/** One array, or a series stored in chunks (src/lib/series.ts). */
export type Doubles = Float64Array | readonly Float64Array[];

function partsOf(values: Doubles): readonly Float64Array[] {
  return values instanceof Float64Array ? [values] : values;
}

function sortedFallback(parts: readonly Float64Array[], n: number, qs: readonly number[]): { at: number[]; max: number; total: number } {
  const s = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    s.set(p, at);
    at += p.length;
  }
  s.sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += s[i];
  return { at: qs.map((q) => nearestRank(s, q)), max: n ? s[n - 1] : NaN, total };
}

/**
 * Nearest-rank values for each q, the same as `nearestRank(sortedCopy(values), q)`
 * for every q, plus the max and the sum. Values must not be NaN. The input is
 * not changed.
 */
export function rankValues(values: Doubles, qs: readonly number[]): { at: number[]; max: number; total: number } {
  const parts = partsOf(values);
  let n = 0;
  for (const p of parts) n += p.length;
  if (n < BELOW_SELECT || !LITTLE_ENDIAN) return sortedFallback(parts, n, qs);
  const counts = new Uint32Array(1 << (32 - SHIFT));
  let max = -Infinity;
  let total = 0;
  for (const p of parts) {
    const words = new Uint32Array(p.buffer, p.byteOffset, 2 * p.length);
    for (let i = 0; i < p.length; i++) {
      const v = p[i];
      total += v;
      if (v > max) max = v;
      counts[bucketOf(words[2 * i + 1])]++;
    }
  }
  // Which bucket holds each wanted rank, and how many values come before that bucket.
  const ranks = qs.map((q) => rankOf(q, n));
  const bucketAt = ranks.map(() => -1);
  const before = ranks.map(() => 0);
  const order = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b]);
  let seen = 0;
  let k = 0;
  for (let b = 0; b < counts.length && k < order.length; b++) {
    const c = counts[b];
    while (k < order.length && ranks[order[k]] <= seen + c) {
      bucketAt[order[k]] = b;
      before[order[k]] = seen;
      k++;
    }
    seen += c;
  }
  // Gather the wanted buckets' values (one pass), then sort each small bucket.
  const slot = new Map<number, number>();
  const lists: Float64Array[] = [];
  const fill: number[] = [];
  for (const b of bucketAt) {
    if (!slot.has(b)) {
      slot.set(b, lists.length);
      lists.push(new Float64Array(counts[b]));
      fill.push(0);
    }
  }
  const mark = new Int32Array(counts.length).fill(-1);
  for (const [b, i] of slot) mark[b] = i;
  for (const p of parts) {
    const words = new Uint32Array(p.buffer, p.byteOffset, 2 * p.length);
    for (let i = 0; i < p.length; i++) {
      const j = mark[bucketOf(words[2 * i + 1])];
      if (j >= 0) lists[j][fill[j]++] = p[i];
    }
  }
  const at = ranks.map((r, i) => selectKth(lists[slot.get(bucketAt[i])!], r - before[i] - 1));
  return { at, max, total };
}

/**
 * The k-th smallest (0-based) of `a`, reordering `a`: quickselect with a
 * median-of-three pivot and a three-way partition (buckets of equal
 * latencies are common), falling back to a sort after too many rounds so
 * that no input can make it quadratic.
 */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  for (let round = 0; lo < hi; round++) {
    if (round > 48) {
      const part = a.subarray(lo, hi + 1).sort();
      return part[k - lo];
    }
    const x = a[lo];
    const y = a[(lo + hi) >>> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k];
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
  const a = values instanceof Float64Array ? values : Float64Array.from(values);
  const r = rankValues(a, [0.5, 0.9, 0.99]);
  const n = a.length;
  return {
    p50: r.at[0],
    p90: r.at[1],
    p99: r.at[2],
    max: r.max,
    total: r.total,
    mean: n ? r.total / n : NaN,
    count: n,
  };
}
