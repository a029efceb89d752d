// Worker methods behind the profile views: the decoded profile stays here;
// the UI asks for one sample type / filter / diff at a time and gets the top
// table rows and the flame graph as typed arrays (transferred, not cloned).

import * as Comlink from 'comlink';
import { diffProfiles, incompatibility, type DiffMode } from '../analysis/pprof/diff';
import { flameData, type FlameData } from '../analysis/pprof/flame';
import { buildNodes, type Granularity } from '../analysis/pprof/nodes';
import { peek, type PeekResult } from '../analysis/pprof/peek';
import { applyFilters, basePrepared, type FilterOptions, type Prepared } from '../analysis/pprof/prepare';
import { profileLabels, topTable, type TopRow, type TopTable } from '../analysis/pprof/top';
import type { PprofProfile } from '../formats/pprof/model';
import { modelOf } from './models';

export interface ProfileQuery {
  id: string;
  sampleIndex: number;
  filters?: FilterOptions;
  noInlines?: boolean;
  /** pprof -filefunctions / -lines (default functions). */
  granularity?: Granularity;
  /** Compare against this input (the base). */
  baseId?: string;
  diffMode?: DiffMode;
  /** pprof -nodefraction for the table (default 0: every row). */
  nodeFraction?: number;
  /** Group the flame graph by this string label (pprof -tagroot). */
  groupBy?: string;
}

export interface ProfileResult {
  sampleType: string;
  unit: string;
  total: number;
  shownTotal: number;
  /** The unit pprof's table would print in. */
  outputUnit: string;
  rows: TopRow[];
  /** Header lines as `go tool pprof -top` prints them. */
  header: string[];
  /** The table as topTable() made it (rows above), for formatTopText on demand. */
  table: Omit<TopTable, 'rows'>;
  unmatched: string[];
  flame: FlameData;
  ms: number;
}

const isProfile = (m: unknown): m is PprofProfile => typeof m === 'object' && m !== null && 'sampleTypes' in m && 'stackLocs' in m;

// Caches: the merged diff profile and the filtered sample set per query shape.
const diffCache = new Map<string, PprofProfile>();
const prepCache = new Map<string, Prepared>();

function profileFor(q: ProfileQuery): PprofProfile {
  const p = modelOf(q.id, isProfile);
  if (!q.baseId) return p;
  const key = `${q.id}\0${q.baseId}\0${q.diffMode ?? 'diff_base'}`;
  let d = diffCache.get(key);
  if (!d) {
    const b = modelOf(q.baseId, isProfile);
    d = diffProfiles(p, b, q.diffMode ?? 'diff_base');
    if (diffCache.size > 4) diffCache.clear();
    diffCache.set(key, d);
  }
  return d;
}

function preparedFor(q: ProfileQuery): { p: PprofProfile; base: Prepared; prep: Prepared } {
  const p = profileFor(q);
  const base = basePrepared(p);
  const key = JSON.stringify([q.id, q.baseId ?? '', q.diffMode ?? '', q.filters ?? {}]);
  let prep = prepCache.get(key);
  if (!prep) {
    prep = applyFilters(base, q.filters ?? {});
    if (prepCache.size > 8) prepCache.clear();
    prepCache.set(key, prep);
  }
  return { p, base, prep };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const pprofApi = {
  /** Callers and callees of one function (exact name), as go tool pprof -peek. */
  async pprofPeek(q: ProfileQuery, name: string): Promise<PeekResult | null> {
    const { prep } = preparedFor(q);
    return peek(prep, buildNodes(prep, !!q.noInlines, q.granularity ?? 'functions'), q.sampleIndex, new RegExp(`^${escapeRe(name)}$`))[0] ?? null;
  },

  /** Why two inputs cannot be compared, or null. */
  async pprofCompatible(idA: string, idB: string): Promise<string | null> {
    return incompatibility(modelOf(idA, isProfile), modelOf(idB, isProfile));
  },

  async pprofQuery(q: ProfileQuery): Promise<ProfileResult> {
    const t0 = performance.now();
    const { p, base, prep } = preparedFor(q);
    const nodes = buildNodes(prep, !!q.noInlines, q.granularity ?? 'functions');
    const table = topTable(p, { sampleIndex: q.sampleIndex, nodeFraction: q.nodeFraction ?? 0, edgeFraction: q.nodeFraction ?? 0, noInlines: q.noInlines, granularity: q.granularity, filters: q.filters }, base, prep);
    const flame = flameData(prep, nodes, q.sampleIndex, 1 / 20000, !!q.baseId, q.groupBy ?? '');
    const result: ProfileResult = {
      sampleType: table.sampleType,
      unit: p.sampleTypes[q.sampleIndex].unit,
      total: table.total,
      shownTotal: table.shownTotal,
      outputUnit: table.outputUnit,
      rows: table.rows,
      header: profileLabels(p, table),
      table: { ...table, rows: undefined } as unknown as Omit<TopTable, 'rows'>,
      unmatched: table.unmatched,
      flame,
      ms: performance.now() - t0,
    };
    const f = flame;
    const buffers = [f.name, f.depth, f.parent, f.start, f.width, f.total, f.self, f.inlined, f.pos, f.neg].filter((x) => x !== undefined).map((x) => x!.buffer as ArrayBuffer);
    return Comlink.transfer(result, buffers);
  },
};
