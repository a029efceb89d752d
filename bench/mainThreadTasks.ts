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
