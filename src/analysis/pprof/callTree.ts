// The call tree (a trie of expanded stacks, root first) of a Prepared sample
// set, built once per filter and node table and kept in the worker. Every
// report is then computed from the tree instead of from every frame of every
// sample: switching the sample type costs O(samples + tree), not O(frames).
// Tree nodes are keyed by (parent, report node, inlined?), so the same tree
// gives pprof's flame graph (no recursion folding) and, with per-path
// counters, pprof's graph flat/cum (recursion counted once per sample).

import type { NodeTable } from './nodes';
import type { Prepared } from './prepare';
import { i32, u8 } from '../../lib/columns';

export interface CallTree {
  /** Number of tree nodes; node 0 is the synthetic root. */
  size: number;
  parent: Int32Array;
  /** Report node (function) of each tree node; -1 for the root. */
  node: Int32Array;
  /** 1 when the frame was inlined into its caller (not the last line of its location). */
  inlined: Uint8Array;
  depth: Uint16Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** Tree node where each kept sample's stack ends. */
  leafOf: Int32Array;
  /** With a group key: names of the pseudo root frames; their node ids follow the real nodes (nodes.count + i). */
  groupNames: string[];
}

class PairMap {
  cap: number;
  size = 0;
  a: Int32Array;
  b: Int32Array;
  v: Int32Array;
  /** `expect`: roughly how many entries will be stored (sizes the table once). */
  constructor(expect = 1 << 13) {
    this.cap = 1 << Math.min(26, Math.max(14, Math.ceil(Math.log2(expect * 2 + 1))));
    this.a = new Int32Array(this.cap).fill(-1);
    this.b = new Int32Array(this.cap);
    this.v = new Int32Array(this.cap);
  }
  get(x: number, y: number): number {
    const mask = this.cap - 1;
    let h = ((Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) >>> 0) & mask;
    for (;;) {
      const s = this.a[h];
      if (s === -1) return -1;
      if (s === x && this.b[h] === y) return this.v[h];
      h = (h + 1) & mask;
    }
  }
  /** The slot of (x, y): holding it (a[slot] === x), or empty (a[slot] === -1) for put(). */
  slot(x: number, y: number): number {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const mask = this.cap - 1;
    let h = ((Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) >>> 0) & mask;
    for (;;) {
      const s = this.a[h];
      if (s === -1 || (s === x && this.b[h] === y)) return h;
      h = (h + 1) & mask;
    }
  }
  put(h: number, x: number, y: number, val: number): void {
    this.a[h] = x;
    this.b[h] = y;
    this.v[h] = val;
    this.size++;
  }
  set(x: number, y: number, val: number): void {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const mask = this.cap - 1;
    let h = ((Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77)) >>> 0) & mask;
    while (this.a[h] !== -1 && !(this.a[h] === x && this.b[h] === y)) h = (h + 1) & mask;
    if (this.a[h] === -1) this.size++;
    this.a[h] = x;
    this.b[h] = y;
    this.v[h] = val;
  }
  private grow() {
    const { a, b, v } = this;
    this.cap *= 2;
    this.size = 0;
    this.a = new Int32Array(this.cap).fill(-1);
    this.b = new Int32Array(this.cap);
    this.v = new Int32Array(this.cap);
    for (let i = 0; i < a.length; i++) if (a[i] !== -1) this.set(a[i], b[i], v[i]);
  }
}

const cache = new WeakMap<NodeTable, WeakMap<Prepared, Map<string, CallTree>>>();

/**
 * The call tree of `prep` at the granularity of `nodes`. With `groupKey`, each
 * sample's stack starts with a pseudo frame "key=value" from its string label
 * (like pprof -tagroot; samples without the label get none).
 */
export function callTree(prep: Prepared, nodes: NodeTable, groupKey = ''): CallTree {
  let byPrep = cache.get(nodes);
  if (!byPrep) cache.set(nodes, (byPrep = new WeakMap()));
  let byKey = byPrep.get(prep);
  if (!byKey) byPrep.set(prep, (byKey = new Map()));
  let t = byKey.get(groupKey);
  if (!t) byKey.set(groupKey, (t = buildCallTree(prep, nodes, groupKey)));
  return t;
}

/** Per kept sample: index into `names` of its group frame, or -1. */
function groupsOf(prep: Prepared, key: string): { group: Int32Array; names: string[] } {
  const p = prep.p;
  const group = new Int32Array(prep.samples.length).fill(-1);
  const names: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < prep.samples.length; i++) {
    const s = prep.samples[i];
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      if (p.labelStr[j] === 0 || p.strings[p.labelKey[j]] !== key) continue;
      const name = `${key}=${p.strings[p.labelStr[j]]}`;
      let g = index.get(name);
      if (g === undefined) {
        g = names.push(name) - 1;
        index.set(name, g);
      }
      group[i] = g;
      break;
    }
  }
  return { group, names };
}

function buildCallTree(prep: Prepared, nodes: NodeTable, groupKey: string): CallTree {
  const groups = groupKey ? groupsOf(prep, groupKey) : null;
  // Distinct (parent, frame) pairs are at most the frames of all stacks, but
  // real profiles share most prefixes: start small (a 100 MB profile would
  // otherwise reserve a gigabyte of hash table) and let the tables grow.
  const frames = prep.stackLocs.length;
  const children = new PairMap(Math.min(frames >> 2, 1 << 18));
  const init = Math.max(1024, Math.min(frames >> 2, 1 << 18));
  // Tree node columns (src/lib/columns.ts); node 0 is the root.
  const parent = i32(init);
  const node = i32(init);
  const flags = u8(init);
  let size = 1;
  parent.push(-1);
  node.push(-1);
  flags.push(0);
  const { locNodeStart, locNodes } = nodes;
  const { stackStart, stackLocs, samples } = prep;
  const newNode = (from: number, key: number): number => {
    parent.push(from);
    node.push(key >> 1);
    flags.push(key & 1);
    return size++;
  };
  const leafOf = new Int32Array(samples.length);
  // (tree node, location) → tree node after all of the location's lines, so a
  // frame costs one lookup; and the previous sample's root-side path is reused
  // while the new stack shares it (consecutive samples usually share roots).
  const afterLoc = new PairMap(Math.min(frames >> 3, 1 << 17));
  let prevLocs = new Int32Array(64);
  let prevNodes = new Int32Array(64);
  let prevLen = 0;
  let prevRoot = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = stackStart[i];
    const depthN = stackStart[i + 1] - s0;
    if (depthN > prevLocs.length) {
      const n2 = Math.max(depthN, prevLocs.length * 2);
      const a2 = new Int32Array(n2);
      a2.set(prevLocs);
      prevLocs = a2;
      const b2 = new Int32Array(n2);
      b2.set(prevNodes);
      prevNodes = b2;
    }
    let d = 0;
    let root = 0;
    if (groups !== null && groups.group[i] >= 0) {
      const key = (nodes.count + groups.group[i]) * 2;
      const h = children.slot(0, key);
      if (children.a[h] === -1) children.put(h, 0, key, newNode(0, key));
      root = children.v[h];
      if (root !== prevRoot) prevLen = 0; // the previous path hangs under another group
    }
    prevRoot = root;
    const lim = Math.min(prevLen, depthN);
    while (d < lim && prevLocs[d] === stackLocs[s0 + depthN - 1 - d]) d++;
    let cur = d > 0 ? prevNodes[d - 1] : root;
    for (; d < depthN; d++) {
      const loc = stackLocs[s0 + depthN - 1 - d];
      const a = locNodeStart[loc];
      const len = locNodeStart[loc + 1] - a;
      if (len === 1) {
        // One line: the children map is the only lookup needed.
        const key = locNodes[a] * 2;
        const h = children.slot(cur, key);
        if (children.a[h] === -1) children.put(h, cur, key, newNode(cur, key));
        cur = children.v[h];
      } else {
        let next = afterLoc.get(cur, loc);
        if (next === -1) {
          next = cur;
          for (let ni = len - 1; ni >= 0; ni--) {
            const key = locNodes[a + ni] * 2 + (ni !== len - 1 ? 1 : 0);
            const h = children.slot(next, key);
            if (children.a[h] === -1) children.put(h, next, key, newNode(next, key));
            next = children.v[h];
          }
          afterLoc.set(cur, loc, next);
        }
        cur = next;
      }
      prevLocs[d] = loc;
      prevNodes[d] = cur;
    }
    prevLen = depthN;
    leafOf[i] = cur;
  }
  const par = parent.done();
  const firstChild = new Int32Array(size).fill(-1);
  const nextSibling = new Int32Array(size).fill(-1);
  const depth = new Uint16Array(size);
  // Children were created after their parents: one forward pass sets depth;
  // a backward pass links siblings in creation order.
  for (let x = 1; x < size; x++) depth[x] = Math.min(65535, depth[par[x]] + 1);
  for (let x = size - 1; x >= 1; x--) {
    nextSibling[x] = firstChild[par[x]];
    firstChild[par[x]] = x;
  }
  return {
    size,
    parent: par,
    node: node.done(),
    inlined: flags.done(),
    depth,
    firstChild,
    nextSibling,
    leafOf,
    groupNames: groups?.names ?? [],
  };
}

/** Per tree node: the value of samples ending there (self) and in its subtree (total), and the count of non-zero samples below. */
export function treeValues(prep: Prepared, tree: CallTree, t: number): { self: Float64Array; total: Float64Array; nonzero: Int32Array } {
  const self = new Float64Array(tree.size);
  const nonzero = new Int32Array(tree.size);
  const k = prep.p.sampleTypes.length;
  const values = prep.p.values;
  const { samples } = prep;
  for (let i = 0; i < samples.length; i++) {
    const w = values[samples[i] * k + t];
    if (w === 0) continue;
    self[tree.leafOf[i]] += w;
    nonzero[tree.leafOf[i]]++;
  }
  const total = self.slice();
  for (let x = tree.size - 1; x >= 1; x--) {
    total[tree.parent[x]] += total[x];
    nonzero[tree.parent[x]] += nonzero[x];
  }
  return { self, total, nonzero };
}
