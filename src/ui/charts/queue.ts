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
  if (job) job();
  if (sections.length || charts.length) setTimeout(pump, 0);
  else scheduled = false;
}

function enqueue(into: (() => void)[], job: () => void): () => void {
  let cancelled = false;
  into.push(() => {
    if (!cancelled) job();
  });
  if (!scheduled) {
    scheduled = true;
    setTimeout(pump, 0);
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
