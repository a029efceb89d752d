// Callers and callees of a function (the "sandwich"), as `go tool pprof -peek`
// lists them: edge weights counted once per sample, recursion (a function
// calling itself) left out, percentages of the function's cum.

import { computeGraph } from './graph';
import type { NodeTable } from './nodes';
import type { Prepared } from './prepare';

export interface PeekEdge {
  name: string;
  weight: number;
  inline: boolean;
}

export interface PeekResult {
  name: string;
  flat: number;
  cum: number;
  callers: PeekEdge[];
  callees: PeekEdge[];
}

/** Every function whose name matches `re`, in pprof's order (|flat| descending, then name). */
export function peek(prep: Prepared, nodes: NodeTable, t: number, re: RegExp): PeekResult[] {
  const g = computeGraph(prep, nodes, t, { edges: true });
  const want = new Map<number, PeekResult>();
  for (let n = 0; n < nodes.count; n++) {
    if (!re.test(nodes.names[n]) || (g.flat[n] === 0 && g.cum[n] === 0)) continue;
    want.set(n, { name: nodes.names[n], flat: g.flat[n], cum: g.cum[n], callers: [], callees: [] });
  }
  g.edges!.forEach((src, dst, w, inline) => {
    if (w === 0) return;
    want.get(dst)?.callers.push({ name: nodes.names[src], weight: w, inline });
    want.get(src)?.callees.push({ name: nodes.names[dst], weight: w, inline });
  });
  const order = (a: PeekEdge, b: PeekEdge) => Math.abs(b.weight) - Math.abs(a.weight) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const out = [...want.values()];
  for (const r of out) {
    r.callers.sort(order);
    r.callees.sort(order);
  }
  return out.sort((a, b) => Math.abs(b.flat) - Math.abs(a.flat) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
