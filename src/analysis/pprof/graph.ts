// flat and cum per node, with the results of graph.newGraph: samples walked
// root to leaf, a location's lines outermost to innermost; cum once per node
// per sample (recursion counts once), flat to the innermost frame unless that
// frame was trimmed. Computed on the call tree (callTree.ts) with per-path
// counters, which gives the same once-per-sample counting in O(tree).
// Edges are tracked only for pprof's "(inline)" / "(partial-inline)" marks.

import { callTree, treeValues } from './callTree';
import type { NodeTable } from './nodes';
import type { Prepared } from './prepare';

export interface GraphValues {
  flat: Float64Array;
  cum: Float64Array;
  /** Per node: 0 no incoming edge, 1 all incoming inline, 2 none inline, 3 mixed. Only with edges. */
  inlineMark?: Uint8Array;
  /** Only with edges: every edge (src → dst node) with its weight, counted once per sample. */
  edges?: EdgeTable;
}

export interface GraphOptions {
  /** Only these nodes exist (pprof's KeptNodes); others are skipped (residual). */
  kept?: Uint8Array | null;
  /** Track edges for inline marks; edges with |weight| < edgeCutoff are dropped first. */
  edges?: boolean;
  edgeCutoff?: number;
}

/** Sample weight of kept sample i for sample type t. */
export function sampleWeight(prep: Prepared, i: number, t: number): number {
  const k = prep.p.sampleTypes.length;
  return prep.p.values[prep.samples[i] * k + t];
}

export function computeGraph(prep: Prepared, nodes: NodeTable, t: number, o: GraphOptions = {}): GraphValues {
  const nn = nodes.count;
  const flat = new Float64Array(nn);
  const cum = new Float64Array(nn);
  const onPath = new Int32Array(nn);
  const kept = o.kept ?? null;
  const tree = callTree(prep, nodes);
  const { self, total, nonzero } = treeValues(prep, tree, t);
  const edges = o.edges ? new EdgeTable(tree.size) : null;
  const { firstChild, nextSibling, node, inlined } = tree;
  // Iterative DFS. On entering x: count cum once per path (= once per sample),
  // add the edge from the nearest kept ancestor once per path; undo on exit.
  const stack = new Int32Array(tree.size + 1);
  const lastKept = new Int32Array(tree.size).fill(-1);
  const edgeSlot = new Int32Array(tree.size).fill(-1);
  let sp = 0;
  for (let c = firstChild[0]; c !== -1; c = nextSibling[c]) stack[sp++] = c;
  const exitMark = 1 << 30;
  while (sp > 0) {
    const x = stack[--sp];
    if (x >= exitMark) {
      const y = x - exitMark;
      const n = node[y];
      if (kept === null || kept[n] !== 0) onPath[n]--;
      if (edgeSlot[y] !== -1) edges!.leave(edgeSlot[y]);
      continue;
    }
    if (nonzero[x] === 0) continue;
    const n = node[x];
    const p = tree.parent[x];
    const up = p > 0 ? (kept === null || kept[node[p]] !== 0 ? node[p] : lastKept[p]) : -1;
    if (kept === null || kept[n] !== 0) {
      if (onPath[n] === 0) cum[n] += total[x];
      onPath[n]++;
      if (self[x] !== 0) flat[n] += self[x];
      if (edges !== null && up >= 0 && up !== n) edgeSlot[x] = edges.enter(up, n, total[x], inlined[x] === 1);
      lastKept[x] = n;
    } else lastKept[x] = up;
    stack[sp++] = x + exitMark;
    for (let c = firstChild[x]; c !== -1; c = nextSibling[c]) stack[sp++] = c;
  }
  const g: GraphValues = { flat, cum };
  if (edges !== null) {
    g.inlineMark = edges.marks(nn, o.edgeCutoff ?? 0);
    g.edges = edges;
  }
  return g;
}

/**
 * Edges (parent → child) with their summed weight and pprof's inline flag
 * (inline only if every occurrence was inline), counted once per sample.
 * Open addressing over typed arrays: tens of millions of frame visits on a
 * large profile would be seconds with a Map.
 */
export class EdgeTable {
  private cap: number;
  private size = 0;
  private src: Int32Array;
  private dst: Int32Array;
  private w: Float64Array;
  private inline: Uint8Array;
  private stamp: Int32Array;

  /**
   * `maxEdges`: an upper bound on distinct edges (a call tree has at most one
   * per tree node). Sized once so slots never move while a walk holds them.
   */
  constructor(maxEdges = 1 << 11) {
    this.cap = 1 << Math.max(12, Math.ceil(Math.log2(maxEdges * 2 + 2)));
    this.src = new Int32Array(this.cap).fill(-1);
    this.dst = new Int32Array(this.cap);
    this.w = new Float64Array(this.cap);
    this.inline = new Uint8Array(this.cap);
    this.stamp = new Int32Array(this.cap).fill(-1);
  }

  private slot(a: number, b: number): number {
    const mask = this.cap - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const s = this.src[h];
      if (s === -1 || (s === a && this.dst[h] === b)) return h;
      h = (h + 1) & mask;
    }
  }

  /**
   * The pair (a → b) is entered on the current path with `weight` below it.
   * Counted only when it is not already on the path (once per sample). Returns
   * a token for leave(), or -1 when nothing was counted.
   */
  enter(a: number, b: number, weight: number, inline: boolean): number {
    let h = this.slot(a, b);
    if (this.src[h] === -1) {
      if ((this.size + 1) * 2 > this.cap) {
        this.grow();
        h = this.slot(a, b);
      }
      this.src[h] = a;
      this.dst[h] = b;
      this.inline[h] = inline ? 1 : 0;
      this.stamp[h] = 0;
      this.w[h] = 0;
      this.size++;
    } else if (this.stamp[h] > 0) return -1;
    this.stamp[h] = 1;
    this.w[h] += weight;
    if (!inline) this.inline[h] = 0;
    return h;
  }

  /** The pair entered (slot `h` from enter) leaves the path. */
  leave(h: number): void {
    this.stamp[h] = 0;
  }

  private grow(): void {
    const { src, dst, w, inline, stamp } = this;
    this.cap *= 2;
    this.src = new Int32Array(this.cap).fill(-1);
    this.dst = new Int32Array(this.cap);
    this.w = new Float64Array(this.cap);
    this.inline = new Uint8Array(this.cap);
    this.stamp = new Int32Array(this.cap).fill(-1);
    for (let i = 0; i < src.length; i++) {
      if (src[i] === -1) continue;
      const h = this.slot(src[i], dst[i]);
      this.src[h] = src[i];
      this.dst[h] = dst[i];
      this.w[h] = w[i];
      this.inline[h] = inline[i];
      this.stamp[h] = stamp[i];
    }
  }

  /** Calls `f(src, dst, weight, inline)` for every edge. */
  forEach(f: (src: number, dst: number, w: number, inline: boolean) => void): void {
    for (let i = 0; i < this.cap; i++) if (this.src[i] !== -1) f(this.src[i], this.dst[i], this.w[i], this.inline[i] === 1);
  }

  /** Per child node: 1 all kept incoming edges inline, 2 none, 3 mixed (edges with |w| < cutoff dropped). */
  marks(nodes: number, cutoff: number): Uint8Array {
    const mark = new Uint8Array(nodes);
    for (let i = 0; i < this.cap; i++) {
      if (this.src[i] === -1 || Math.abs(this.w[i]) < cutoff) continue;
      mark[this.dst[i]] |= this.inline[i] ? 1 : 2;
    }
    return mark;
  }
}
