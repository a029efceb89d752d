// Percentiles from a Prometheus histogram: nearest rank over bucket counts.
// A histogram only says which bucket a value fell in, so the percentile is
// reported as that bucket's upper bound.

import type { PromSample } from '../../formats/prometheus/model';
import type { BucketPercentiles } from './types';

/** Finite number or null (NaN/±Inf do not go into the report). */
export function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** Upper bound of the bucket holding rank ceil(q·n); null for +Inf or an empty histogram. */
export function bucketRank(buckets: { le: number | null; count: number }[], q: number): number | null {
  let n = 0;
  for (const b of buckets) n += b.count;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let cum = 0;
  for (const b of buckets) {
    cum += b.count;
    if (cum >= rank) return b.le;
  }
  return null;
}

/** The `_bucket`/`_sum`/`_count` series of histogram `name` in one scrape, or undefined. */
export function histogramFrom(samples: PromSample[], name: string, what: string): BucketPercentiles | undefined {
  const cum: { le: number; count: number }[] = [];
  let sum: number | undefined;
  let count: number | undefined;
  for (const s of samples) {
    if (s.name === name + '_bucket' && s.labels.le !== undefined) {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      // client_golang 1.12.0–1.12.1 wrote a -Inf-ish first bucket (le="-5e-324"); it is empty by construction.
      if (!Number.isNaN(le) && le > 0) cum.push({ le, count: s.value });
    } else if (s.name === name + '_sum') sum = s.value;
    else if (s.name === name + '_count') count = s.value;
  }
  if (cum.length === 0) return undefined;
  cum.sort((a, b) => a.le - b.le);
  const buckets: BucketPercentiles['buckets'] = [];
  let prevCount = 0;
  let prevLe = 0;
  for (const c of cum) {
    buckets.push({ gt: prevLe, le: Number.isFinite(c.le) ? c.le : null, count: Math.max(0, c.count - prevCount) });
    prevCount = Math.max(prevCount, c.count);
    prevLe = c.le;
  }
  const total = count ?? prevCount;
  let maxLe: number | null = null;
  for (const b of buckets) if (b.count > 0) maxLe = b.le;
  return {
    name,
    what,
    count: total,
    sumSec: finite(sum),
    buckets,
    p50Sec: bucketRank(buckets, 0.5),
    p90Sec: bucketRank(buckets, 0.9),
    p99Sec: bucketRank(buckets, 0.99),
    maxSec: maxLe,
  };
}
