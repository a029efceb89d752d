// What the main thread's long tasks did, from a Chromium performance trace
// (browser.startTracing, devtools.timeline categories): for each task over
// `minMs` on the renderer's main thread, the self time of what ran inside it
// (scripts by function and file, layout, style, paint, garbage collection),
// largest first. For finding where a long task's time goes.

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number } };
}

const labelOf = (e: TraceEvent): string => {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') return `${e.name} ${d?.functionName || '(anonymous)'} ${(d?.url ?? '').split('/').pop()}:${d?.lineNumber ?? ''}`;
  return e.name;
};

export function longTaskBreakdown(trace: { traceEvents: TraceEvent[] } | TraceEvent[], minMs: number): string[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['  (no renderer main thread in the trace)'];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const all = mine.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! >= minMs * 1000);
  // The outermost only (one task is traced under both names, one inside the other).
  const tasks = all.filter((e) => !all.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur! && (o.dur! > e.dur! || o.ts < e.ts || all.indexOf(o) < all.indexOf(e))));
  const out: string[] = [];
  for (const task of tasks.sort((a, b) => b.dur! - a.dur!).slice(0, 5)) {
    const end = task.ts + task.dur!;
    const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= end);
    // Self time: an event's duration less its direct children's.
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; child: number }[] = [];
    const pop = () => {
      const top = stack.pop()!;
      const k = labelOf(top.e);
      self.set(k, (self.get(k) ?? 0) + top.e.dur! - top.child);
    };
    for (const e of inside) {
      while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= e.ts) pop();
      if (stack.length) stack[stack.length - 1].child += e.dur!;
      stack.push({ e, child: 0 });
    }
    while (stack.length) pop();
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 8);
    out.push(`  long task ${(task.dur! / 1000).toFixed(0)} ms: ${top.map(([k, us]) => `${k} ${(us / 1000).toFixed(1)} ms`).join(' · ')}`);
  }
  return out;
}
