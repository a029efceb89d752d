// Charts are drawn one per macrotask, so a report with many charts never
// blocks the main thread in one long task (each ECharts init is 20–100 ms).
// Report sections take their turn in the same queue (components/InTurn).

const pending: (() => void)[] = [];
let scheduled = false;

function pump() {
  const job = pending.shift();
  if (job) job();
  if (pending.length) setTimeout(pump, 0);
  else scheduled = false;
}

/** Run `job` in its own task after the ones already queued. Returns a cancel function. */
export function queueChart(job: () => void): () => void {
  let cancelled = false;
  const wrapped = () => {
    if (!cancelled) job();
  };
  pending.push(wrapped);
  if (!scheduled) {
    scheduled = true;
    setTimeout(pump, 0);
  }
  return () => {
    cancelled = true;
  };
}
