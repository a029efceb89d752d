// The `go tool pprof -top` table: report.newTrimmedGraph + TextItems +
// printText. Totals follow report.computeTotal (sum of |value| over all
// samples before filtering; only the pprof::base samples in a -diff_base
// profile), trimming follows nodefraction (nodes with |cum| below
// nodefraction × Σflat are dropped and the graph rebuilt without them).

import type { PprofProfile } from '../../formats/pprof/model';
import { computeGraph } from './graph';
import { buildNodes, type Granularity } from './nodes';
import { applyFilters, basePrepared, type FilterOptions, type Prepared, type Symbolize } from './prepare';
import { percentage, rowsOutputUnit, scale, scaledLabel } from './units';

export interface TopOptions {
  sampleIndex: number;
  /** pprof -nodefraction (default 0.005); 0 lists every node. */
  nodeFraction?: number;
  /** pprof -edgefraction (default 0.001); only affects the (inline) marks. */
  edgeFraction?: number;
  /** Sort by cum (pprof -cum) instead of flat. */
  cum?: boolean;
  noInlines?: boolean;
  /** pprof -filefunctions / -lines (default functions). */
  granularity?: Granularity;
  dropNegative?: boolean;
  filters?: FilterOptions;
  /** pprof -symbolize=none keeps names as recorded; the default shows pprof's display names. */
  symbolize?: Symbolize;
}

export interface TopRow {
  name: string;
  /** '', '(inline)' or '(partial-inline)', as pprof marks the row. */
  inline: string;
  flat: number;
  cum: number;
  /** Source file of the function, '' when unknown. */
  file: string;
}

export interface TopTable {
  sampleType: string;
  sampleUnit: string;
  /** pprof's total: the denominator of every percentage. */
  total: number;
  /** Σ flat of the rows shown. */
  shownTotal: number;
  droppedNodes: number;
  /** The cum threshold quoted in "Dropped N nodes (cum <= X)". */
  dropCutoff: number;
  /** The unit pprof would print values in (unit=minimum). */
  outputUnit: string;
  rows: TopRow[];
  /** Filters given that matched nothing. */
  unmatched: string[];
  activeFilters: string[];
}

export function isBaseSample(p: PprofProfile, s: number): boolean {
  for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
    if (p.labelStr[j] !== 0 && p.strings[p.labelKey[j]] === 'pprof::base') return true;
  }
  return false;
}

/** report.computeTotal for sample type t over all samples of p. */
export function computeTotal(p: PprofProfile, t: number): number {
  const k = p.sampleTypes.length;
  let total = 0;
  let diffTotal = 0;
  const hasBase = p.labelKey.length > 0 && p.strings.includes('pprof::base');
  if (p.merged) {
    const g = p.merged.sampleGroup;
    let ng = 0;
    for (let s = 0; s < p.numSamples; s++) if (g[s] + 1 > ng) ng = g[s] + 1;
    const sums = new Float64Array(ng);
    const base = new Uint8Array(ng);
    for (let s = 0; s < p.numSamples; s++) {
      sums[g[s]] += p.values[s * k + t];
      if (hasBase && isBaseSample(p, s)) base[g[s]] = 1;
    }
    for (let i = 0; i < ng; i++) {
      const v = Math.abs(sums[i]);
      total += v;
      if (base[i]) diffTotal += v;
    }
  } else {
    for (let s = 0; s < p.numSamples; s++) {
      const v = Math.abs(p.values[s * k + t]);
      total += v;
      if (hasBase && isBaseSample(p, s)) diffTotal += v;
    }
  }
  return diffTotal > 0 ? diffTotal : total;
}

function activeFilterList(f: FilterOptions | undefined): string[] {
  if (!f) return [];
  const out: string[] = [];
  const add = (k: string, v: string | undefined) => {
    if (v) out.push(`${k}=${v}`);
  };
  add('focus', f.focus);
  add('ignore', f.ignore);
  add('hide', f.hide);
  add('show', f.show);
  add('show_from', f.showFrom);
  add('tagfocus', f.tagFocus);
  add('tagignore', f.tagIgnore);
  return out;
}

function isNegative(flat: number, cum: number): boolean {
  return flat < 0 || (flat === 0 && cum < 0);
}

const tableCache = new WeakMap<PprofProfile, Map<string, TopTable>>();

/**
 * The top table for `o` (memoized per profile and options: the report and the
 * first view ask for the same one). `filtered`: applyFilters(base, o.filters)
 * when the caller already has it.
 */
export function topTable(p: PprofProfile, o: TopOptions, base?: Prepared, filtered?: Prepared): TopTable {
  const f = o.filters ?? {};
  const key = JSON.stringify([o.sampleIndex, o.nodeFraction ?? 0.005, o.edgeFraction ?? 0.001, !!o.cum, !!o.noInlines, o.granularity ?? 'functions', !!o.dropNegative,
    f.focus ?? '', f.ignore ?? '', f.hide ?? '', f.show ?? '', f.showFrom ?? '', f.tagFocus ?? '', f.tagIgnore ?? '', o.symbolize ?? 'default']);
  let byKey = tableCache.get(p);
  if (!byKey) tableCache.set(p, (byKey = new Map()));
  let t = byKey.get(key);
  if (!t) {
    t = makeTopTable(p, o, base, filtered);
    if (byKey.size >= 16) byKey.clear();
    byKey.set(key, t);
  }
  return t;
}

function makeTopTable(p: PprofProfile, o: TopOptions, base?: Prepared, filtered?: Prepared): TopTable {
  const t = o.sampleIndex;
  const st = p.sampleTypes[t];
  const sampleUnit = st.unit.toLowerCase();
  const b = base ?? basePrepared(p, o.symbolize);
  const total = computeTotal(p, t);
  const prep = filtered ?? applyFilters(b, o.filters ?? {});
  const nodes = buildNodes(prep, !!o.noInlines, o.granularity ?? 'functions');
  const nodeFraction = o.nodeFraction ?? 0.005;
  const edgeFraction = o.edgeFraction ?? 0.001;
  const inGraph = (flat: number, cum: number) => !(flat === 0 && cum === 0) && !(o.dropNegative && isNegative(flat, cum));

  let kept: Uint8Array | null = null;
  let droppedNodes = 0;
  let edgeCutoff = 0;
  if (nodeFraction > 0 || edgeFraction > 0) {
    // First pass: the untrimmed graph gives Σflat, the base of both cutoffs.
    const g0 = computeGraph(prep, nodes, t);
    let totalValue = 0;
    let graphCount = 0;
    for (let n = 0; n < nodes.count; n++) {
      if (!inGraph(g0.flat[n], g0.cum[n])) continue;
      totalValue += g0.flat[n];
      graphCount++;
    }
    const nodeCutoff = Math.abs(Math.trunc(totalValue * nodeFraction));
    edgeCutoff = Math.abs(Math.trunc(totalValue * edgeFraction));
    if (nodeCutoff > 0) {
      kept = new Uint8Array(nodes.count);
      let nk = 0;
      for (let n = 0; n < nodes.count; n++) {
        if (inGraph(g0.flat[n], g0.cum[n]) && Math.abs(g0.cum[n]) >= nodeCutoff) {
          kept[n] = 1;
          nk++;
        }
      }
      if (nk === graphCount) kept = null;
      else droppedNodes = graphCount - nk;
    }
  }
  const g = computeGraph(prep, nodes, t, { kept, edges: true, edgeCutoff });

  const ids: number[] = [];
  for (let n = 0; n < nodes.count; n++) {
    if (kept && !kept[n]) continue;
    if (inGraph(g.flat[n], g.cum[n])) ids.push(n);
  }
  const { flat, cum } = g;
  const names = nodes.names;
  const byName = (a: number, b2: number) => (names[a] < names[b2] ? -1 : names[a] > names[b2] ? 1 : 0);
  ids.sort((a, c) => {
    if (o.cum) {
      const d = Math.abs(cum[c]) - Math.abs(cum[a]);
      if (d !== 0) return d;
      const nm = byName(a, c);
      if (nm !== 0) return nm;
      return Math.abs(flat[c]) - Math.abs(flat[a]) || a - c;
    }
    const d = Math.abs(flat[c]) - Math.abs(flat[a]);
    if (d !== 0) return d;
    const nm = byName(a, c);
    if (nm !== 0) return nm;
    return Math.abs(cum[c]) - Math.abs(cum[a]) || a - c;
  });

  let shownTotal = 0;
  const rows: TopRow[] = ids.map((n) => {
    shownTotal += flat[n];
    const mark = g.inlineMark![n];
    return { name: names[n], inline: mark === 1 ? '(inline)' : mark === 3 ? '(partial-inline)' : '', flat: flat[n], cum: cum[n], file: nodes.files[n] };
  });
  const outputUnit = rowsOutputUnit(rows, total, sampleUnit);
  return {
    sampleType: st.type,
    sampleUnit,
    total,
    shownTotal,
    droppedNodes,
    dropCutoff: Math.abs(Math.trunc(total * nodeFraction)),
    outputUnit,
    rows,
    unmatched: prep.unmatched,
    activeFilters: activeFilterList(o.filters),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Go's time.Format("2006-01-02 15:04:05 MST") in UTC. */
export function formatTimeUTC(nanos: number): string {
  const d = new Date(Math.floor(nanos / 1e6));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} UTC`;
}

/** report.ProfileLabels: the header lines above the table. */
export function profileLabels(p: PprofProfile, table: TopTable): string[] {
  const out: string[] = [];
  const fmt = (v: number) => scaledLabel(v, table.sampleUnit, table.outputUnit);
  if (p.mappings.length) {
    const m = p.mappings[0];
    if (m.file) out.push('File: ' + m.file.slice(Math.max(m.file.lastIndexOf('/'), m.file.lastIndexOf('\\')) + 1));
    if (m.buildId) out.push('Build ID: ' + m.buildId);
  }
  for (const c of p.comments) if (!c.startsWith('#')) out.push(c);
  out.push('Type: ' + table.sampleType);
  if (p.docUrl) out.push('Doc: ' + p.docUrl);
  if (p.timeNanos !== 0) out.push('Time: ' + formatTimeUTC(p.timeNanos));
  if (p.durationNanos !== 0) {
    const dur = scaledLabel(p.durationNanos, 'nanoseconds', 'auto');
    const [totalNanos, unit] = scale(table.total, table.sampleUnit, 'nanoseconds');
    const ratio = unit === 'ns' && totalNanos !== 0 ? '(' + percentage(Math.trunc(totalNanos), p.durationNanos) + ')' : '';
    out.push(`Duration: ${dur}, Total samples = ${fmt(table.total)} ${ratio}`);
  }
  return out;
}

/** The text `go tool pprof -top` prints for this table (header optional). */
export function formatTopText(table: TopTable, p?: PprofProfile): string {
  const fmt = (v: number) => scaledLabel(v, table.sampleUnit, table.outputUnit);
  const lines: string[] = p ? profileLabels(p, table) : [];
  if (table.activeFilters.length) {
    lines.push('Active filters:');
    for (const f of table.activeFilters) lines.push('   ' + (f.length > 80 ? f.slice(0, 80) + '…' : f));
  }
  lines.push(`Showing nodes accounting for ${fmt(table.shownTotal)}, ${percentage(table.shownTotal, table.total).trim()} of ${fmt(table.total)} total`);
  if (table.total !== 0 && table.droppedNodes > 0) {
    lines.push(`Dropped ${table.droppedNodes} node${table.droppedNodes > 1 ? 's' : ''} (cum <= ${fmt(table.dropCutoff)})`);
  }
  lines.push(`${'flat'.padStart(10)} ${'flat'.padStart(5)}% ${'sum'.padStart(5)}% ${'cum'.padStart(10)} ${'cum'.padStart(5)}%`);
  let sum = 0;
  for (const r of table.rows) {
    sum += r.flat;
    lines.push(
      `${fmt(r.flat).padStart(10)} ${percentage(r.flat, table.total)} ${percentage(sum, table.total)} ${fmt(r.cum).padStart(10)} ${percentage(r.cum, table.total)}  ${r.name}${r.inline ? ' ' + r.inline : ''}`,
    );
  }
  return lines.join('\n') + '\n';
}
