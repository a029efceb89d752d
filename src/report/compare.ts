// Two reports side by side ("before" A and "after" B): GC pause percentiles,
// GC CPU, heap peak, top functions and goroutine groups, each with its change
// and whether that change is better or worse. Pure; works on full reports and
// on reports opened from permalinks alike.

import type { GcAnalysis } from '../analysis/gc/types';
import type { ProfileAnalysis } from '../analysis/pprof/types';
import type { GoroutinesAnalysis } from '../analysis/goroutines/types';
import type { InputReport, Report } from './schema';

export type Unit = 'ms' | 'bytes' | 'percent' | 'count' | 'perSec';
export type Direction = 'better' | 'worse' | 'same' | 'n/a';

export interface Row {
  label: string;
  unit: Unit;
  a: number | null;
  b: number | null;
  /** b − a. */
  delta: number | null;
  /** b ÷ a (null when a is 0 or missing). */
  ratio: number | null;
  direction: Direction;
}

export interface Comparison {
  /** Headline figures: pauses, GC CPU, heap, cycle rate, goroutines. */
  metrics: Row[];
  /** Share of the profile total per function (percent), matched by name. */
  functions?: { sampleType: string; unit: Unit; rows: Row[] };
  /** Goroutines per group, matched by stack. */
  goroutines?: { rows: Row[] };
  findings: { gone: string[]; added: string[]; kept: string[] };
}

/** Changes smaller than this share of the larger value count as the same. */
const SAME = 0.02;

export function row(label: string, unit: Unit, a: number | null | undefined, b: number | null | undefined, lowerIsBetter = true): Row {
  const x = a ?? null;
  const y = b ?? null;
  const delta = x !== null && y !== null ? y - x : null;
  const ratio = x !== null && y !== null && x !== 0 ? y / x : null;
  let direction: Direction = 'n/a';
  if (delta !== null) {
    const scale = Math.max(Math.abs(x!), Math.abs(y!));
    if (scale === 0 || Math.abs(delta) <= SAME * scale) direction = 'same';
    else direction = delta < 0 === lowerIsBetter ? 'better' : 'worse';
  }
  return { label, unit, a: x, b: y, delta, ratio, direction };
}

/** The input whose analysis under `key` covers most (gctrace over a metrics snapshot). */
function best<K extends 'gc' | 'profile' | 'goroutines'>(r: Report, key: K, weight: (x: NonNullable<InputReport[K]>) => number): NonNullable<InputReport[K]> | undefined {
  let out: NonNullable<InputReport[K]> | undefined;
  let w = -1;
  for (const i of r.inputs) {
    const x = i[key] as NonNullable<InputReport[K]> | undefined;
    if (!x || i.error) continue;
    const v = weight(x);
    if (v > w) {
      w = v;
      out = x;
    }
  }
  return out;
}

const gcOf = (r: Report) => best(r, 'gc', (g: GcAnalysis) => g.cycles);
const dumpOf = (r: Report) => best(r, 'goroutines', (g: GoroutinesAnalysis) => g.total);

/** CPU profiles first, then the profile with most samples. */
function profileOf(r: Report, type?: string): ProfileAnalysis | undefined {
  return best(r, 'profile', (p: ProfileAnalysis) => (type ? (p.defaultSampleType === type ? 1e12 : 0) : p.cpuCores !== null ? 1e12 : 0) + p.numSamples);
}

function functionRows(a: ProfileAnalysis, b: ProfileAnalysis, max: number): Row[] {
  const share = (p: ProfileAnalysis) => {
    const total = p.totals[p.defaultSampleIndex] || 0;
    return new Map(p.top.map((t) => [t.name, total ? (100 * t.flat) / total : 0]));
  };
  const sa = share(a);
  const sb = share(b);
  const names = [...new Set([...sa.keys(), ...sb.keys()])];
  names.sort((x, y) => Math.max(sb.get(y) ?? 0, sa.get(y) ?? 0) - Math.max(sb.get(x) ?? 0, sa.get(x) ?? 0));
  // A function missing from one top table is below that table's last row, not 0: leave it unknown.
  return names.slice(0, max).map((n) => row(n, 'percent', sa.get(n) ?? null, sb.get(n) ?? null));
}

function groupRows(a: GoroutinesAnalysis, b: GoroutinesAnalysis, max: number): Row[] {
  const count = (g: GoroutinesAnalysis) => {
    const m = new Map<string, { label: string; n: number }>();
    for (const x of g.groups) {
      const e = m.get(x.matchKey);
      if (e) e.n += x.count;
      else m.set(x.matchKey, { label: `${x.function} (${x.state})`, n: x.count });
    }
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const keys = [...new Set([...ca.keys(), ...cb.keys()])];
  const size = (k: string) => Math.max(ca.get(k)?.n ?? 0, cb.get(k)?.n ?? 0);
  keys.sort((x, y) => Math.abs((cb.get(y)?.n ?? 0) - (ca.get(y)?.n ?? 0)) - Math.abs((cb.get(x)?.n ?? 0) - (ca.get(x)?.n ?? 0)) || size(y) - size(x));
  const fullA = !a.otherGroups;
  const fullB = !b.otherGroups;
  return keys.slice(0, max).map((k) => row((cb.get(k) ?? ca.get(k))!.label, 'count', ca.get(k)?.n ?? (fullA ? 0 : null), cb.get(k)?.n ?? (fullB ? 0 : null)));
}

export function compareReports(a: Report, b: Report, maxRows = 12): Comparison {
  const ga = gcOf(a);
  const gb = gcOf(b);
  const metrics: Row[] = [];
  if (ga || gb) {
    metrics.push(
      row('GC pause p50', 'ms', ga?.pauseMs.p50, gb?.pauseMs.p50),
      row('GC pause p90', 'ms', ga?.pauseMs.p90, gb?.pauseMs.p90),
      row('GC pause p99', 'ms', ga?.pauseMs.p99, gb?.pauseMs.p99),
      row('GC pause max', 'ms', ga?.pauseMs.max, gb?.pauseMs.max),
      row('GC CPU', 'percent', ga?.gcCpuPercent, gb?.gcCpuPercent),
      row('GC CPU, worst interval', 'percent', ga?.gcCpuPercentMaxInterval, gb?.gcCpuPercentMaxInterval),
      row('Heap peak', 'bytes', ga?.peakHeapBytes, gb?.peakHeapBytes),
      row('Live heap peak', 'bytes', ga?.peakLiveBytes, gb?.peakLiveBytes),
      row('GC cycles per second', 'perSec', ga?.gcPerSecond, gb?.gcPerSecond),
    );
  }
  const da = dumpOf(a);
  const db = dumpOf(b);
  if (da || db) metrics.push(row('Goroutines', 'count', da?.total, db?.total), row('Leak suspects', 'count', da?.leakSuspects.length, db?.leakSuspects.length));
  const pa = profileOf(a);
  const pb = pa ? profileOf(b, pa.defaultSampleType) : undefined;
  const out: Comparison = { metrics: metrics.filter((m) => m.a !== null || m.b !== null), findings: { gone: [], added: [], kept: [] } };
  if (pa && pb && pa.defaultSampleType === pb.defaultSampleType) {
    if (pa.cpuCores !== null || pb.cpuCores !== null) out.metrics.push(row('CPU used (cores)', 'count', pa.cpuCores, pb.cpuCores));
    out.functions = { sampleType: pa.defaultSampleType, unit: 'percent', rows: functionRows(pa, pb, maxRows) };
  }
  if (da && db) out.goroutines = { rows: groupRows(da, db, maxRows) };
  const ra = new Set(a.findings.filter((f) => f.severity !== 'info').map((f) => f.title.replace(/\d[\d.,]*/g, 'N') + '|' + f.rule));
  const rb = new Set(b.findings.filter((f) => f.severity !== 'info').map((f) => f.title.replace(/\d[\d.,]*/g, 'N') + '|' + f.rule));
  const titleOf = (r: Report, key: string) => r.findings.find((f) => f.title.replace(/\d[\d.,]*/g, 'N') + '|' + f.rule === key)!.title;
  for (const k of ra) (rb.has(k) ? out.findings.kept : out.findings.gone).push(titleOf(a, k));
  for (const k of rb) if (!ra.has(k)) out.findings.added.push(titleOf(b, k));
  return out;
}
