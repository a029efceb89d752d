// Rates over several scrapes (in one file or several): GC cycles/s, allocated
// bytes/s, CPU cores. Pure over ScrapePoints, so the UI can merge the points of
// several inputs and call it again.

import type { MetricsRates, RatePoint, ScrapePoint } from './types';

function rate(a: number | null, b: number | null, dt: number): number | null {
  if (a === null || b === null || dt <= 0 || b < a) return null; // b < a: the process restarted
  return (b - a) / dt;
}

export function ratesFromPoints(points: readonly ScrapePoint[], clock: MetricsRates['clock'] = 'last GC time'): MetricsRates | undefined {
  const ps = points.filter((p) => p.tSec !== null).sort((x, y) => x.tSec! - y.tSec!);
  if (ps.length < 2) return undefined;
  const out: RatePoint[] = [];
  for (let i = 1; i < ps.length; i++) {
    const dt = ps[i].tSec! - ps[i - 1].tSec!;
    if (dt <= 0) continue;
    out.push({
      tSec: ps[i].tSec!,
      gcPerSec: rate(ps[i - 1].gcCycles, ps[i].gcCycles, dt),
      allocBytesPerSec: rate(ps[i - 1].allocBytesTotal, ps[i].allocBytesTotal, dt),
      cpuCores: rate(ps[i - 1].cpuSeconds, ps[i].cpuSeconds, dt),
    });
  }
  const first = ps[0];
  const last = ps[ps.length - 1];
  const span = last.tSec! - first.tSec!;
  if (span <= 0) return undefined;
  return {
    clock,
    spanSec: span,
    gcPerSec: rate(first.gcCycles, last.gcCycles, span),
    allocBytesPerSec: rate(first.allocBytesTotal, last.allocBytesTotal, span),
    cpuCores: rate(first.cpuSeconds, last.cpuSeconds, span),
    points: out,
  };
}
