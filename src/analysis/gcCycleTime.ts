// Lines of gcpacertrace and scavtrace carry no time of their own; the gctrace
// line next to them does. These map a line number of the same log to the GC
// cycle it belongs to, so those streams share gctrace's time axis.

import type { GcTraceModel } from '../formats/godebug/gctrace';
import type { GodebugModel } from '../formats/godebug/stream';

export function gctraceOf(all: GodebugModel | undefined): GcTraceModel | undefined {
  const g = all?.streams.gctrace as GcTraceModel | undefined;
  return g && g.n.length ? g : undefined;
}

/** Index of the first gc line after `line` (pacer lines precede their cycle's gc line), or -1. */
export function cycleAfter(gc: GcTraceModel, line: number): number {
  const a = gc.lineNo;
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] > line) hi = mid;
    else lo = mid + 1;
  }
  return lo < a.length ? lo : -1;
}

/** Index of the last gc line before `line` (sweep and scavenger lines follow their cycle), or -1. */
export function cycleBefore(gc: GcTraceModel, line: number): number {
  const i = cycleAfter(gc, line);
  return i < 0 ? gc.lineNo.length - 1 : i - 1;
}
