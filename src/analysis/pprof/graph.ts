// flat and cum per node, exactly as graph.newGraph computes them: walk each
// sample from the root to the leaf, expanding a location's lines from the
// outermost to the innermost; cum once per node per sample (recursion counts
// once), flat to the innermost kept node unless the leaf itself was trimmed.
// Edges are tracked only for pprof's "(inline)" / "(partial-inline)" marks.

import type { NodeTable } from './nodes';
import type { Prepared } from './prepare';

export interface GraphValues {
  flat: Float64Array;
  cum: Float64Array;
  /** Per node: 0 no incoming edge, 1 all incoming inline, 2 none inline, 3 mixed. Only with edges. */
  inlineMark?: Uint8Array;
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
  const seen = new Int32Array(nn).fill(-1);
  const kept = o.kept ?? null;
  const { locNodeStart, locNodes } = nodes;
  const { stackStart, stackLocs, samples } = prep;
  const values = prep.p.values;
  const k = prep.p.sampleTypes.length;
  const trackEdges = !!o.edges;
  // edge key = parent * nn + child → [weight, inline(1/0), stamp]
  const edgeW = new Map<number, number>();
  const edgeInline = new Map<number, boolean>();
  const edgeSeen = new Map<number, number>();
  for (let i = 0; i < samples.length; i++) {
    const w = values[samples[i] * k + t];
    if (w === 0) continue;
    let parent = -1;
    let residual = false;
    for (let j = stackStart[i + 1] - 1; j >= stackStart[i]; j--) {
      const loc = stackLocs[j];
      const a = locNodeStart[loc];
      const len = locNodeStart[loc + 1] - a;
      for (let ni = len - 1; ni >= 0; ni--) {
        const n = locNodes[a + ni];
        if (kept !== null && kept[n] === 0) {
          residual = true;
          continue;
        }
        if (seen[n] !== i) {
          seen[n] = i;
          cum[n] += w;
        }
        if (trackEdges && parent >= 0 && n !== parent) {
          const key = parent * nn + n;
          if (edgeSeen.get(key) !== i) {
            edgeSeen.set(key, i);
            const inline = ni !== len - 1;
            const prev = edgeW.get(key);
            if (prev === undefined) {
              edgeW.set(key, w);
              edgeInline.set(key, inline);
            } else {
              edgeW.set(key, prev + w);
              if (!inline) edgeInline.set(key, false);
            }
          }
        }
        parent = n;
        residual = false;
      }
    }
    if (parent >= 0 && !residual) flat[parent] += w;
  }
  const g: GraphValues = { flat, cum };
  if (trackEdges) {
    const mark = new Uint8Array(nn);
    const cut = o.edgeCutoff ?? 0;
    for (const [key, w] of edgeW) {
      if (Math.abs(w) < cut) continue;
      const child = key % nn;
      mark[child] |= edgeInline.get(key) ? 1 : 2;
    }
    g.inlineMark = mark;
  }
  return g;
}
