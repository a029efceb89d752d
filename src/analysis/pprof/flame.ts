// Flame graph data (pprof's flame graph: no recursion folding, inlined frames
// marked) from the call tree, laid out as an icicle: for each kept box its
// depth, start and width in sample units, in depth-first order. Tiny boxes
// (narrower than `minFraction` of the root) are left out to bound drawing work;
// their value still counts in their parent's width.

import { callTree, treeValues } from './callTree';
import type { NodeTable } from './nodes';
import type { Prepared } from './prepare';

export interface FlameData {
  /** Function names, indexed by `name`. */
  names: string[];
  files: string[];
  /** Per box, depth-first (a box's children follow it). Box 0 is the root ("all"). */
  name: Int32Array;
  depth: Uint16Array;
  parent: Int32Array;
  start: Float64Array;
  /** Width: Σ|value| of the samples below the box. */
  width: Float64Array;
  /** Signed cum (total) and self (flat) of the box. */
  total: Float64Array;
  self: Float64Array;
  /** Diff mode: Σ of the positive (source) and negative (base, as positive) parts below the box. */
  pos?: Float64Array;
  neg?: Float64Array;
  inlined: Uint8Array;
  maxDepth: number;
  /** Boxes left out because they were too narrow. */
  omitted: number;
}

/** `groupKey`: a string label key; its values become the first frames (pprof -tagroot). */
export function flameData(prep: Prepared, nodes: NodeTable, t: number, minFraction = 1 / 20000, diff = false, groupKey = ''): FlameData {
  const tree = callTree(prep, nodes, groupKey);
  const names = tree.groupNames.length ? [...nodes.names, ...tree.groupNames] : nodes.names;
  const files = tree.groupNames.length ? [...nodes.files, ...tree.groupNames.map(() => '')] : nodes.files;
  const { self, total } = treeValues(prep, tree, t);
  // Width uses |value| so a diff's base part is visible; pos/neg for colouring.
  const k = prep.p.sampleTypes.length;
  const absW = new Float64Array(tree.size);
  const pos = diff ? new Float64Array(tree.size) : undefined;
  const neg = diff ? new Float64Array(tree.size) : undefined;
  for (let i = 0; i < prep.samples.length; i++) {
    const w = prep.p.values[prep.samples[i] * k + t];
    if (w === 0) continue;
    const leaf = tree.leafOf[i];
    absW[leaf] += Math.abs(w);
    if (diff) {
      if (w > 0) pos![leaf] += w;
      else neg![leaf] -= w;
    }
  }
  for (let x = tree.size - 1; x >= 1; x--) {
    const p = tree.parent[x];
    absW[p] += absW[x];
    if (diff) {
      pos![p] += pos![x];
      neg![p] += neg![x];
    }
  }
  const minW = absW[0] * minFraction;
  // Children are ordered by function name: rank the names once, compare ints.
  const byName = Array.from(names.keys()).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const rank = new Int32Array(names.length);
  byName.forEach((n, i) => (rank[n] = i));
  // Depth-first, children by name; explicit stacks in typed arrays (no tuples).
  const order = new Int32Array(tree.size);
  const startOf = new Float64Array(tree.size);
  const parentBox = new Int32Array(tree.size);
  let nBoxes = 0;
  let omitted = 0;
  const stX = new Int32Array(tree.size);
  const stStart = new Float64Array(tree.size);
  const stParent = new Int32Array(tree.size);
  let sp = 0;
  stX[0] = 0;
  stStart[0] = 0;
  stParent[0] = -1;
  sp = 1;
  const kids = new Int32Array(tree.size);
  const byRank = (a: number, b: number) => rank[tree.node[a]] - rank[tree.node[b]] || a - b;
  while (sp > 0) {
    sp--;
    const x = stX[sp];
    const st = stStart[sp];
    const box = nBoxes++;
    order[box] = x;
    startOf[box] = st;
    parentBox[box] = stParent[sp];
    let nk = 0;
    for (let c = tree.firstChild[x]; c !== -1; c = tree.nextSibling[c]) {
      if (absW[c] === 0) continue;
      if (absW[c] < minW) {
        omitted++;
        continue;
      }
      kids[nk++] = c;
    }
    if (nk > 1) kids.subarray(0, nk).sort(byRank);
    // Push in reverse so the first child is visited first; starts accumulate left to right.
    let s = st;
    for (let i = 0; i < nk; i++) s += absW[kids[i]];
    for (let i = nk - 1; i >= 0; i--) {
      const c = kids[i];
      s -= absW[c];
      stX[sp] = c;
      stStart[sp] = s;
      stParent[sp] = box;
      sp++;
    }
  }
  const n = nBoxes;
  const out: FlameData = {
    names,
    files,
    name: new Int32Array(n),
    depth: new Uint16Array(n),
    parent: parentBox.slice(0, n),
    start: startOf.slice(0, n),
    width: new Float64Array(n),
    total: new Float64Array(n),
    self: new Float64Array(n),
    inlined: new Uint8Array(n),
    maxDepth: 0,
    omitted,
  };
  if (diff) {
    out.pos = new Float64Array(n);
    out.neg = new Float64Array(n);
  }
  for (let b = 0; b < n; b++) {
    const x = order[b];
    out.name[b] = tree.node[x];
    out.depth[b] = tree.depth[x];
    out.width[b] = absW[x];
    out.total[b] = total[x];
    out.self[b] = self[x];
    out.inlined[b] = tree.inlined[x];
    if (diff) {
      out.pos![b] = pos![x];
      out.neg![b] = neg![x];
    }
    if (tree.depth[x] > out.maxDepth) out.maxDepth = tree.depth[x];
  }
  return out;
}
