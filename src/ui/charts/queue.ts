// Charts are drawn one per macrotask, so a report with many charts never
// blocks the main thread in one long task (each ECharts init is 20–100 ms). A
// chart's drawing may itself come in steps, each in a task of its own, the
// next step before any other chart.
// Report sections take their turn in the same way (components/InTurn), ahead
// of the charts: the page's parts are all there (a flame graph section can
// ask the worker for its data) before the slower chart drawing starts.

const sections: (() => void)[] = [];
const charts: (() => void)[] = [];
let scheduled = false;

function pump() {
  const job = sections.shift() ?? charts.shift();
  try {
    job?.();
  } finally {
    // A job that throws (a chart ECharts refuses) does not stop the ones after it.
    if (sections.length || charts.length) nextTask();
    else scheduled = false;
  }
}

/**
 * Runs pump in a task of its own, at the browser's background priority where it has one
 * (scheduler.postTask): the report's sections and charts then give way to the worker's answers
 * (a reopened trace's flame graph waited ~190 ms behind queued sections for its answer) and to
 * input. Else a message to ourselves; not setTimeout(0), which Chrome runs ahead of messages
 * and holds back to 4 ms once nested.
 */
type PostTask = (f: () => void, o: { priority: 'background' }) => Promise<unknown>;
const postTask = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler?.postTask;
const channel = !postTask && typeof MessageChannel === 'function' ? new MessageChannel() : null;
if (channel) {
  channel.port1.onmessage = pump;
  // Node (the unit tests): an open port would keep the process alive.
  (channel.port1 as { unref?: () => void }).unref?.();
}
function nextTask() {
  if (postTask) void postTask.call((globalThis as unknown as { scheduler: unknown }).scheduler, pump, { priority: 'background' });
  else if (channel) channel.port2.postMessage(null);
  else setTimeout(pump, 0);
}

function enqueue(into: (() => void)[], job: () => void): () => void {
  let cancelled = false;
  into.push(() => {
    if (!cancelled) job();
  });
  if (!scheduled) {
    scheduled = true;
    nextTask();
  }
  return () => {
    cancelled = true;
  };
}

/** A step of drawing a chart; it may return the next step. */
export type ChartStep = () => ChartStep | void;

/**
 * Run `job` (drawing a chart) in its own task after the ones already queued; a step it
 * returns runs in the next task, ahead of the other charts. Returns a cancel function
 * (the steps not yet run are dropped).
 */
export function queueChart(job: ChartStep): () => void {
  let cancelled = false;
  const run = (step: ChartStep) => () => {
    if (cancelled) return;
    const next = step();
    if (next) charts.unshift(run(next));
  };
  const cancel = enqueue(charts, run(job));
  return () => {
    cancelled = true;
    cancel();
  };
}

/** Run `job` (putting a report section in the page) in its own task, before any queued chart. Returns a cancel function. */
export function queueSection(job: () => void): () => void {
  return enqueue(sections, job);
}
