// Main-thread tasks of a page from a Chrome trace (browser.startTracing with
// the 'disabled-by-default-devtools.timeline' category): each task's wall time
// and its thread (CPU) time. On a machine shared with other work the wall time
// of a task grows with the load (the thread waits for a core), so a bench also
// reports the CPU time, which is what the page's own code costs.

export const TASK_TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline'];

export interface TaskTimes {
  /** Tasks over 50 ms of wall time: their wall times, ms. */
  wallMs: number[];
  /** Tasks over 50 ms of CPU time: their CPU times, ms. */
  cpuMs: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The renderer main threads' tasks (every renderer of the trace: a reload may change process). */
export function mainThreadTasks(traceJson: Buffer | string): TaskTimes {
  const events = (JSON.parse(traceJson.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}/${e.tid}`));
  const over = (xs: number[]) => xs.filter((x) => x > 50);
  return { wallMs: over(tasks.map((t) => (t.dur ?? 0) / 1000)), cpuMs: over(tasks.map((t) => (t.tdur ?? 0) / 1000)) };
}

interface TimedEvent extends TraceEvent {
  ts: number;
  cat?: string;
}

/**
 * CPU time of the renderer main threads and of its workers between two
 * performance.mark()s of the page (trace category 'blink.user_timing'), ms:
 * what the page's own work cost on the way from one to the other, whatever
 * the load of the machine made of the wall time.
 */
export function cpuBetweenMarks(traceJson: Buffer | string, from: string, to: string): { mainMs: number; workerMs: number } | null {
  const events = (JSON.parse(traceJson.toString()) as { traceEvents: TimedEvent[] }).traceEvents;
  const at = (name: string) => events.find((e) => e.name === name && (e.cat ?? '').includes('user_timing'))?.ts;
  const t0 = at(from);
  const t1 = at(to);
  if (t0 === undefined || t1 === undefined) return null;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, e.args?.name ?? '']));
  let mainMs = 0;
  let workerMs = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.ts < t0 || e.ts > t1) continue;
    const thread = names.get(`${e.pid}/${e.tid}`) ?? '';
    if (thread === 'CrRendererMain') mainMs += (e.tdur ?? 0) / 1000;
    else if (thread.startsWith('DedicatedWorker')) workerMs += (e.tdur ?? 0) / 1000;
  }
  return { mainMs, workerMs };
}

/**
 * CPU time of the main-thread task holding each performance.measure() whose
 * name starts with `prefix` (trace category 'blink.user_timing'): name → ms,
 * the longest when a name recurs.
 */
export function cpuOfMeasures(traceJson: Buffer | string, prefix: string): Record<string, number> {
  const events = (JSON.parse(traceJson.toString()) as { traceEvents: (TimedEvent & { dur?: number })[] }).traceEvents;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, e.args?.name ?? '']));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && names.get(`${e.pid}/${e.tid}`) === 'CrRendererMain');
  const begun = new Map<string, number>();
  const out: Record<string, number> = {};
  for (const e of events.filter((e) => (e.cat ?? '').includes('user_timing') && e.name.startsWith(prefix)).sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'b') begun.set(e.name, e.ts);
    else if (e.ph === 'e' && begun.has(e.name)) {
      const t0 = begun.get(e.name)!;
      begun.delete(e.name);
      const task = tasks.find((t) => t.ts <= t0 && t.ts + (t.dur ?? 0) >= e.ts);
      if (task) out[e.name.slice(prefix.length)] = Math.max(out[e.name.slice(prefix.length)] ?? 0, (task.tdur ?? 0) / 1000);
    }
  }
  return out;
}
