// Two reports side by side ("before" A and "after" B): the settings in force
// first (what changed), then GC pause percentiles, GC CPU, heap, top functions
// and goroutine groups, each with its change and, where that means something,
// whether it is better or worse. Figures that depend on a changed setting
// (gctrace's GC CPU % is a share of GOMAXPROCS) are only "changed"; the
// normalised figure (GC share of the CPU used) carries the judgement. Pure;
// works on full reports and on reports opened from permalinks alike.

import type { GcAnalysis } from '../analysis/gc/types';
import type { ProfileAnalysis } from '../analysis/pprof/types';
import type { GoroutinesAnalysis } from '../analysis/goroutines/types';
import type { InputReport, Report } from './schema';
import { diagnose } from '../diagnosis/diagnose';
import type { Diagnosis } from '../diagnosis/types';

export type Unit = 'ms' | 'bytes' | 'percent' | 'count' | 'perSec';
export type Direction = 'better' | 'worse' | 'same' | 'changed' | 'n/a';
/** Which way is better for a figure; 'none' when better/worse means nothing (only "changed"). */
export type Better = 'lower' | 'higher' | 'none';

/** A setting in force on each side (GOMAXPROCS, GOGC, GOMEMLIMIT, Go version, limits). */
export interface SettingRow {
  label: string;
  a: string | null;
  b: string | null;
  direction: 'changed' | 'same' | 'n/a';
}

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
  /** Settings in force on each side, changed ones first. */
  settings: SettingRow[];
  /** The primary cause (or verdict) of each side's diagnosis. */
  causes: { a: string; b: string };
  /** Notes on figures that cannot be judged better or worse as they are. */
  notes: string[];
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

export function row(label: string, unit: Unit, a: number | null | undefined, b: number | null | undefined, better: Better = 'lower'): Row {
  const x = a ?? null;
  const y = b ?? null;
  const delta = x !== null && y !== null ? y - x : null;
  const ratio = x !== null && y !== null && x !== 0 ? y / x : null;
  let direction: Direction = 'n/a';
  if (delta !== null) {
    const scale = Math.max(Math.abs(x!), Math.abs(y!));
    if (scale === 0 || Math.abs(delta) <= SAME * scale) direction = 'same';
    else if (better === 'none') direction = 'changed';
    else direction = delta < 0 === (better === 'lower') ? 'better' : 'worse';
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

/** A report's diagnosis: the stored one, or computed now (sessions saved before it existed). */
function diagnosisOf(r: Report): Diagnosis {
  return r.diagnosis ?? diagnose(r.inputs);
}

function causeText(d: Diagnosis): string {
  if (d.verdict === 'problem') return d.causes[0].title;
  return d.verdict === 'healthy' ? 'healthy' : 'not enough data';
}

const SETTING_ORDER = ['GOMAXPROCS', 'GOGC', 'GOMEMLIMIT', 'Go version', 'CPU limit', 'memory limit', 'CPU request', 'memory request', 'cgo'];

function settingRows(a: Diagnosis, b: Diagnosis): SettingRow[] {
  const rows = SETTING_ORDER.map((label) => {
    const x = a.settings.find((s) => s.name === label)?.value ?? null;
    const y = b.settings.find((s) => s.name === label)?.value ?? null;
    const direction: SettingRow['direction'] = x === null && y === null ? 'n/a' : x === y ? 'same' : x === null || y === null ? 'n/a' : 'changed';
    return { label, a: x, b: y, direction };
  }).filter((r) => r.a !== null || r.b !== null);
  // What changed first, in the order above.
  return [...rows.filter((r) => r.direction === 'changed'), ...rows.filter((r) => r.direction !== 'changed')];
}

export function compareReports(a: Report, b: Report, maxRows = 12): Comparison {
  const xa = diagnosisOf(a);
  const xb = diagnosisOf(b);
  const settings = settingRows(xa, xb);
  const procsChanged = settings.some((r) => r.label === 'GOMAXPROCS' && r.direction === 'changed');
  const notes: string[] = [];
  const ga = gcOf(a);
  const gb = gcOf(b);
  const metrics: Row[] = [];
  const gcShare = (x: Diagnosis) => {
    const r = x.resources.find((r) => r.name === 'GC share of CPU used');
    return r ? r.value * 100 : null;
  };
  if (gcShare(xa) !== null || gcShare(xb) !== null) metrics.push(row('GC share of CPU used', 'percent', gcShare(xa), gcShare(xb)));
  if (ga || gb) {
    // gctrace's GC CPU % is a share of GOMAXPROCS × wall time: with GOMAXPROCS changed it moves for that alone.
    const procsBound: Better = procsChanged ? 'none' : 'lower';
    if (procsChanged) notes.push('GOMAXPROCS changed: GC CPU as gctrace prints it is a share of GOMAXPROCS, so it is only marked "changed"; the GC share of CPU used is the comparable figure.');
    metrics.push(
      row('GC pause p50', 'ms', ga?.pauseMs.p50, gb?.pauseMs.p50),
      row('GC pause p90', 'ms', ga?.pauseMs.p90, gb?.pauseMs.p90),
      row('GC pause p99', 'ms', ga?.pauseMs.p99, gb?.pauseMs.p99),
      row('GC pause max', 'ms', ga?.pauseMs.max, gb?.pauseMs.max),
      row('GC CPU', 'percent', ga?.gcCpuPercent, gb?.gcCpuPercent, procsBound),
      row('GC CPU, worst interval', 'percent', ga?.gcCpuPercentMaxInterval, gb?.gcCpuPercentMaxInterval, procsBound),
      row('Heap peak', 'bytes', ga?.peakHeapBytes, gb?.peakHeapBytes),
      row('Live heap peak', 'bytes', ga?.peakLiveBytes, gb?.peakLiveBytes),
      row('Live heap after the warm-up', 'bytes', ga?.steady?.judgeable ? ga.steady.liveEndBytes : null, gb?.steady?.judgeable ? gb.steady.liveEndBytes : null),
      row('GC cycles per second', 'perSec', ga?.steady?.judgeable ? ga.steady.gcPerSecond : ga?.gcPerSecond, gb?.steady?.judgeable ? gb.steady.gcPerSecond : gb?.gcPerSecond),
    );
  }
  const da = dumpOf(a);
  const db = dumpOf(b);
  // More or fewer goroutines is neither better nor worse by itself (load, pools); leak suspects are.
  if (da || db) metrics.push(row('Goroutines', 'count', da?.total, db?.total, 'none'), row('Leak suspects', 'count', da?.leakSuspects.length, db?.leakSuspects.length));
  const pa = profileOf(a);
  const pb = pa ? profileOf(b, pa.defaultSampleType) : undefined;
  const out: Comparison = {
    settings,
    causes: { a: causeText(xa), b: causeText(xb) },
    notes,
    metrics: metrics.filter((m) => m.a !== null || m.b !== null),
    findings: { gone: [], added: [], kept: [] },
  };
  if (pa && pb && pa.defaultSampleType === pb.defaultSampleType) {
    // Cores used follow the work done as much as the efficiency: only "changed".
    if (pa.cpuCores !== null || pb.cpuCores !== null) out.metrics.push(row('CPU used (cores)', 'count', pa.cpuCores, pb.cpuCores, 'none'));
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
