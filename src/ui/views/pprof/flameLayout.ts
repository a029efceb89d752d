// Pure helpers for the flame graph canvas: colours by package, per-depth
// indices for hit testing, search matching. No DOM here.

import type { FlameData } from '../../../analysis/pprof/flame';

/** The package of a Go (or dotted) function name: "encoding/json.(*x).y" → "encoding/json". */
export function packageOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot > 0 ? name.slice(0, dot) : name;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function packageColour(name: string, dark: boolean): string {
  const h = hash(packageOf(name)) % 360;
  // Dark: 29% lightness keeps the --text labels at ≥ 4.5:1 on every hue (tests/unit/ui/flame-contrast.test.ts).
  return dark ? `hsl(${h} 42% 29%)` : `hsl(${h} 62% 78%)`;
}

/**
 * Orange-red when the box grew against the base, blue when it shrank; stronger
 * for bigger changes. Not red/green: those collapse for deuteranopes and
 * protanopes (tests/unit/ui/colour-vision.test.ts); the tooltip and status line
 * also give the signed change, so colour is never the only cue.
 */
export function diffColour(pos: number, neg: number, maxAbs: number, dark: boolean): string {
  const d = pos - neg;
  const s = maxAbs > 0 ? Math.min(1, Math.abs(d) / maxAbs) : 0;
  if (d === 0) return dark ? 'hsl(0 0% 30%)' : 'hsl(0 0% 85%)';
  const hue = d > 0 ? 18 : 212;
  return dark ? `hsl(${hue} ${40 + 45 * s}% ${24 + 13 * s}%)` : `hsl(${hue} ${50 + 40 * s}% ${86 - 28 * s}%)`;
}

/** Boxes of each depth in start order (depth-first order keeps them sorted). */
export function byDepth(f: FlameData): Int32Array[] {
  const counts = new Int32Array(f.maxDepth + 1);
  for (let b = 0; b < f.depth.length; b++) counts[f.depth[b]]++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(f.maxDepth + 1);
  for (let b = 0; b < f.depth.length; b++) out[f.depth[b]][fill[f.depth[b]]++] = b;
  return out;
}

/** The box at `depth` containing value-position x, or -1. */
export function boxAt(f: FlameData, rows: Int32Array[], depth: number, x: number): number {
  const row = rows[depth];
  if (!row) return -1;
  let lo = 0;
  let hi = row.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = row[mid];
    if (x < f.start[b]) hi = mid - 1;
    else if (x >= f.start[b] + f.width[b]) lo = mid + 1;
    else return b;
  }
  return -1;
}

/** A case-insensitive matcher from the search box: a regular expression, or plain text when it is not one. */
export function matcher(q: string): ((s: string) => boolean) | null {
  const t = q.trim();
  if (!t) return null;
  try {
    const re = new RegExp(t, 'i');
    return (s) => re.test(s);
  } catch {
    const l = t.toLowerCase();
    return (s) => s.toLowerCase().includes(l);
  }
}

/** Per box: matches the search; and the total width of matches not nested in another match. */
export function searchMatches(f: FlameData, m: (s: string) => boolean): { hit: Uint8Array; matched: number } {
  const hitName = f.names.map(m);
  const n = f.name.length;
  const hit = new Uint8Array(n);
  const under = new Uint8Array(n);
  let matched = 0;
  for (let b = 1; b < n; b++) {
    const p = f.parent[b];
    if (hitName[f.name[b]]) {
      hit[b] = 1;
      if (!under[p] && !hit[p]) matched += f.width[b];
    }
    under[b] = under[p] || hit[p] ? 1 : 0;
  }
  return { hit, matched };
}

/** Ancestors of box b, root first, b included. */
export function pathTo(f: FlameData, b: number): number[] {
  const out: number[] = [];
  for (let x = b; x >= 0; x = f.parent[x]) out.push(x);
  return out.reverse();
}
