// Downsampling long series for charts and the report: keep at most `max`
// indices, and inside each bucket the index where `key` peaks, so spikes
// survive (a plain stride would drop the worst pause).

export function peakIndices(n: number, max: number, key: (i: number) => number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const per = n / max;
  for (let b = 0; b < max; b++) {
    const lo = Math.floor(b * per);
    const hi = Math.min(n, Math.floor((b + 1) * per));
    let best = lo;
    let bestV = -Infinity;
    for (let i = lo; i < hi; i++) {
      const v = key(i);
      if (v > bestV) {
        bestV = v;
        best = i;
      }
    }
    out.push(best);
  }
  return out;
}
