// Optional timeline lanes built on request from the P lanes of the span
// store: one per thread (M) the slices ran on, or one per goroutine for the
// goroutines a filter picks (a function on their stacks, how their slices
// ended, a least running time), longest-running first. Built once per filter
// and kept while the trace is open (memory follows what is asked for).

import { GoState } from '../../formats/gotrace/spec';
import { Lane, TRACE_END, type SpanStore } from './spanStore';

/** Goroutine lanes shown at most. */
export const MAX_G_LANES = 16;

/** How a goroutine's slices ended, for the state filter. */
export const END_STATES = { blocked: [GoState.Waiting], syscall: [GoState.Syscall], preempted: [GoState.Runnable], exited: [GoState.NotExist], running: [TRACE_END] } as const;
export type EndState = keyof typeof END_STATES;

export type LaneFilter = { by: 'm' } | { by: 'g'; func: string; state: EndState | ''; minNs: number };

export interface ExtraLanes {
  /** Lane keys: M ids or goroutine ids. */
  keys: number[];
  lanes: Lane[];
  /** Goroutines the filter matched (more than shown when over MAX_G_LANES). */
  matched: number;
}

const cache = new WeakMap<SpanStore, Map<string, ExtraLanes>>();

const keyOf = (f: LaneFilter): string => (f.by === 'm' ? 'm' : `g\u0000${f.func.toLowerCase()}\u0000${f.state}\u0000${f.minNs}`);

/** Every slice of the P lanes with `pick(lane, i)` true, grouped by `group(lane, i)`, each group's lane in start order with the P of each slice. */
function regroup(spans: SpanStore, group: (lane: Lane, i: number) => number, keep: (key: number) => boolean): Map<number, Lane> {
  const refs = new Map<number, number[]>();
  const lanes = [...spans.lanes.values()];
  lanes.forEach((lane, li) => {
    for (let i = 0; i < lane.length; i++) {
      const k = group(lane, i);
      if (!keep(k)) continue;
      let r = refs.get(k);
      if (!r) refs.set(k, (r = []));
      r.push(li, i);
    }
  });
  const out = new Map<number, Lane>();
  for (const [k, r] of refs) {
    const order = Array.from({ length: r.length / 2 }, (_, j) => j).sort((a, b) => lanes[r[2 * a]].start.a[r[2 * a + 1]] - lanes[r[2 * b]].start.a[r[2 * b + 1]] || a - b);
    const l = new Lane(k);
    const srcP = new Float64Array(order.length);
    order.forEach((j, n) => {
      const src = lanes[r[2 * j]];
      const i = r[2 * j + 1];
      l.append(src.start.a[i], src.end.a[i], src.g.a[i], src.kind.a[i], src.endState.a[i], src.endStack.a[i], src.endReason.a[i], src.m.a[i]);
      srcP[n] = src.p;
    });
    l.compact();
    l.srcP = srcP;
    l.indexEnds();
    out.set(k, l);
  }
  return out;
}

/** The lanes a filter asks for (cached). */
export function extraLanes(spans: SpanStore, f: LaneFilter): ExtraLanes {
  let byKey = cache.get(spans);
  if (!byKey) cache.set(spans, (byKey = new Map()));
  const key = keyOf(f);
  const hit = byKey.get(key);
  if (hit) return hit;
  let out: ExtraLanes;
  if (f.by === 'm') {
    const m = regroup(spans, (l, i) => l.m.a[i], (k) => k >= 0);
    const keys = [...m.keys()].sort((a, b) => a - b);
    out = { keys, lanes: keys.map((k) => m.get(k)!), matched: keys.length };
  } else {
    const needle = f.func.trim().toLowerCase();
    const stackHit = needle ? spans.stacks.map((st) => st.some((fr) => fr.toLowerCase().includes(needle))) : null;
    const states: readonly number[] | null = f.state ? END_STATES[f.state] : null;
    const total = new Map<number, number>();
    const funcOk = new Set<number>();
    const stateOk = new Set<number>();
    for (const lane of spans.lanes.values()) {
      for (let i = 0; i < lane.length; i++) {
        const g = lane.g.a[i];
        total.set(g, (total.get(g) ?? 0) + lane.end.a[i] - lane.start.a[i]);
        // A stack where a slice resumed is the one where the goroutine's previous slice stopped: end stacks cover both.
        if (stackHit && lane.endStack.a[i] >= 0 && stackHit[lane.endStack.a[i]]) funcOk.add(g);
        if (states && states.includes(lane.endState.a[i])) stateOk.add(g);
      }
    }
    const picked = [...total]
      .filter(([g, ns]) => ns >= f.minNs && (!stackHit || funcOk.has(g)) && (!states || stateOk.has(g)))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const keys = picked.slice(0, MAX_G_LANES).map(([g]) => g);
    const want = new Set(keys);
    const lanes = regroup(spans, (l, i) => l.g.a[i], (g) => want.has(g));
    out = { keys, lanes: keys.map((k) => lanes.get(k)!), matched: picked.length };
  }
  byKey.set(key, out);
  return out;
}
