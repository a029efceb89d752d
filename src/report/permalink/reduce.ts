// Report → the reduced report a link carries, generic over whatever analyses
// are present: long numeric series (parallel arrays of one object, or arrays
// of point objects) are downsampled keeping each bucket's peak; long lists of
// objects (top tables, groups, worst pauses) keep their first entries (they are
// ranked); stacks keep their innermost frames; long text is cut. Numbers in
// chart series are rounded to 4 significant digits. Each level is stricter than
// the one before; every cut is recorded in plain words for the page to show.
// Other fractional numbers keep 6 significant digits (the page shows at most 4).

import { peakIndices } from '../../analysis/downsample';
import type { Report } from '../schema';
import { isObject, type Json, type JsonObject } from './json';

export interface Level {
  /** Points kept per series. */
  points: number;
  /** Entries kept per ranked list. */
  items: number;
  /** Frames kept per stack. */
  frames: number;
  /** Characters kept per string. */
  text: number;
}

/** Tried in order until the link fits. */
export const LEVELS: Level[] = [
  { points: 400, items: 50, frames: 32, text: 2000 },
  { points: 240, items: 30, frames: 16, text: 1500 },
  { points: 160, items: 20, frames: 12, text: 1200 },
  { points: 120, items: 15, frames: 8, text: 1000 },
  { points: 80, items: 12, frames: 6, text: 800 },
  { points: 50, items: 8, frames: 4, text: 600 },
  { points: 30, items: 5, frames: 3, text: 500 },
  { points: 16, items: 3, frames: 2, text: 400 },
];

/** Lists never cut: buckets line up with their labels, findings are the point. */
const KEEP_WHOLE = /histogram|bucket|^findings$|^also$|^inputs$|^sampleTypes$|^totals$|^reasons$|^evidence$|^states$|^quantiles$/i;
const STACK_KEYS = new Set(['stack', 'frames', 'runtimeStack']);
/** Example ids (goroutine ids of a group) kept: they help find one goroutine in the dump, a few are enough. */
const IDS = 3;
/** Significant digits kept of fractional figures (pages show at most 4). */
const FIGURE_DIGITS = 6;
/** Series with more entries than this are chart data: their numbers are rounded. */
const SERIES_MIN = 8;

interface Cut {
  input: string;
  path: string;
  kind: 'items' | 'points' | 'frames' | 'text';
  kept: number;
  of: number;
  times: number;
}

const isNumArray = (v: Json): v is (number | null)[] => Array.isArray(v) && v.length > 0 && v.every((x) => x === null || typeof x === 'number');
const isPointArray = (v: Json): v is JsonObject[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && Object.values(x).every((y) => y === null || typeof y === 'number'));

function round(v: number | null, key: string): number | null {
  if (v === null || !Number.isFinite(v)) return v;
  if (Number.isInteger(v) && !/bytes/i.test(key)) return v;
  return Number(v.toPrecision(4));
}

/** Peak-keeping indices over several parallel columns (each normalised to its own max). */
function commonIndices(cols: (number | null)[][], n: number, max: number): number[] {
  const scale = cols.map((c) => {
    let m = 0;
    for (const x of c) if (x !== null && Math.abs(x) > m) m = Math.abs(x);
    return m || 1;
  });
  return peakIndices(n, max, (i) => {
    let best = -Infinity;
    for (let j = 0; j < cols.length; j++) {
      const x = cols[j][i];
      if (x !== null && Math.abs(x) / scale[j] > best) best = Math.abs(x) / scale[j];
    }
    return best;
  });
}

/** Largest numeric field named `name` under v (deep), for index references like leakSuspects[].group → groups. */
function maxRef(v: Json, name: string): number {
  let m = -1;
  const walk = (x: Json) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isObject(x)) {
      for (const [k, y] of Object.entries(x)) {
        if (k === name && typeof y === 'number' && Number.isInteger(y)) m = Math.max(m, y);
        else walk(y);
      }
    }
  };
  walk(v);
  return m;
}

class Reducer {
  cuts = new Map<string, Cut>();
  constructor(
    private level: Level,
    private input: string,
  ) {}

  private cut(path: string, kind: Cut['kind'], kept: number, of: number) {
    const k = `${path}|${kind}`;
    const c = this.cuts.get(k);
    if (c) {
      c.times++;
      c.of = Math.max(c.of, of);
    } else this.cuts.set(k, { input: this.input, path, kind, kept, of, times: 1 });
  }

  value(v: Json, key: string, path: string, parent?: JsonObject): Json {
    if (typeof v === 'string') {
      if (v.length <= this.level.text) return v;
      this.cut(path, 'text', this.level.text, v.length);
      return v.slice(0, this.level.text - 1) + '…';
    }
    if (Array.isArray(v)) return this.array(v, key, path, parent);
    if (isObject(v)) return this.object(v, path);
    if (typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v)) return Number(v.toPrecision(FIGURE_DIGITS));
    return v;
  }

  private array(v: Json[], key: string, path: string, parent?: JsonObject): Json {
    const L = this.level;
    const p = `${path}[]`;
    if (KEEP_WHOLE.test(key)) return v.map((x) => this.value(x, '', p));
    if (isNumArray(v)) {
      // Parallel columns are handled by their object; a lone column here.
      let out = v;
      if (key === 'ids') {
        out = v.slice(0, IDS);
      } else if (v.length > L.points) {
        this.cut(path, 'points', L.points, v.length);
        out = commonIndices([v], v.length, L.points).map((i) => v[i]);
      }
      return out.length > SERIES_MIN ? out.map((x) => round(x, key)) : out;
    }
    if (STACK_KEYS.has(key)) {
      if (v.length > L.frames) this.cut(path, 'frames', L.frames, v.length);
      return v.slice(0, L.frames).map((x) => this.value(x, '', p));
    }
    if (isPointArray(v)) {
      let out = v;
      if (v.length > L.points) {
        this.cut(path, 'points', L.points, v.length);
        const keys = Object.keys(v[0]);
        const cols = keys.map((k) => v.map((o) => (typeof o[k] === 'number' ? (o[k] as number) : null)));
        out = commonIndices(cols, v.length, L.points).map((i) => v[i]);
      }
      if (out.length <= SERIES_MIN) return out;
      return out.map((o) => Object.fromEntries(Object.entries(o).map(([k, x]) => [k, round(x as number | null, k)])));
    }
    let keep = v.length;
    if (v.length > L.items) {
      // Entries other fields point at by index stay (groups ← leakSuspects[].group).
      const singular = key.endsWith('s') ? key.slice(0, -1) : '';
      let ref = -1;
      if (singular && parent) for (const [k, x] of Object.entries(parent)) if (k !== key) ref = Math.max(ref, maxRef(x, singular));
      keep = Math.max(L.items, ref + 1);
      if (keep < v.length) this.cut(path, 'items', keep, v.length);
    }
    return v.slice(0, keep).map((x) => this.value(x, '', p));
  }

  private object(o: JsonObject, path: string): JsonObject {
    const L = this.level;
    // Parallel numeric columns of one length are downsampled together.
    const byLen = new Map<number, string[]>();
    for (const [k, x] of Object.entries(o)) {
      if (k === 'ids' || !isNumArray(x) || x.length <= L.points) continue;
      const ks = byLen.get(x.length) ?? [];
      ks.push(k);
      byLen.set(x.length, ks);
    }
    const picked = new Map<string, number[]>();
    for (const [n, ks] of byLen) {
      const idx = commonIndices(ks.map((k) => o[k] as (number | null)[]), n, L.points);
      for (const k of ks) picked.set(k, idx);
      this.cut(path || '(top)', 'points', L.points, n);
    }
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(o)) {
      const idx = picked.get(k);
      if (idx) {
        const col = x as (number | null)[];
        out[k] = idx.map((i) => round(col[i], k));
      } else out[k] = this.value(x, k, path ? `${path}.${k}` : k, o);
    }
    return out;
  }
}

/** The report's top-level keys, as a person calls them. */
const PART: Record<string, string> = { gc: 'GC log', sched: 'scheduler trace', profile: 'profile', goroutines: 'goroutines', trace: 'execution trace', metrics: 'metrics', config: 'configuration', findings: 'findings', whatif: 'what-if', diagnosis: 'diagnosis' };

/** "gc.worstPauses" → "GC log › worst pauses", "goroutines.groups[].stack" → "goroutines › groups › stack": the share panel lists cuts in words, not JSON paths. */
export function plainPath(path: string): string {
  return path
    .replace(/\[\]/g, '')
    .split('.')
    .filter(Boolean)
    .map((seg, i) => (i === 0 && PART[seg]) || seg.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().replace(/\b(gc|cpu|mmu|stw|p99|rss)\b/g, (w) => w.toUpperCase()))
    .join(' › ');
}

function describe(c: Cut): string {
  const where = `${c.input}: ${plainPath(c.path)}`;
  const many = c.times > 1 ? ` (${c.times} places)` : '';
  switch (c.kind) {
    case 'items':
      return `${where} — first ${c.kept} of ${c.of} entries kept${many}`;
    case 'points':
      return `${where} — series downsampled to ${c.kept} of ${c.of} points (peaks kept)${many}`;
    case 'frames':
      return `${where} — stacks cut to their ${c.kept} innermost frames (longest had ${c.of})${many}`;
    case 'text':
      return `${where} — text cut to ${c.kept} characters (longest was ${c.of})${many}`;
  }
}

/** The report at one level of detail, and what that level left out. */
export function reduceReport(report: Report, level: Level): { report: Report; dropped: string[] } {
  const dropped: string[] = [];
  const inputs = report.inputs.map((inp) => {
    const r = new Reducer(level, inp.name);
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(inp as unknown as JsonObject)) {
      if (k === 'parseMs') continue;
      out[k] = r.value(x, k, k, inp as unknown as JsonObject);
    }
    for (const c of r.cuts.values()) dropped.push(describe(c));
    return out;
  });
  const top = new Reducer(level, 'session');
  const findings = top.value(report.findings as unknown as Json, 'findings', 'findings');
  for (const c of top.cuts.values()) dropped.push(describe(c));
  return { report: { ...report, inputs: inputs as unknown as Report['inputs'], findings: findings as unknown as Report['findings'] }, dropped };
}
