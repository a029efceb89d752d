// Where each row of the timeline canvas sits (TraceTimeline.svelte): the
// ruler, the heap and goroutine counters, the GC and stop-the-world rows, the
// rows of user tasks and regions (when the trace has them), one lane per P,
// then the optional lanes per thread or goroutine. The e2e tests read the
// same figures from the canvas's data attributes.

export const RULER = 24;
export const HEAP = 48;
export const GOR = 30;
export const GC = 16;
export const STW = 16;
export const LANE = 18;
export const USER_ROW = 14;
export const GAP = 4;
/** Space above the optional lanes for their heading. */
export const EXTRA_HEAD = 18;

export interface Layout {
  heap: number;
  gor: number;
  gc: number;
  stw: number;
  /** Top of the task rows and of the region rows (each `rows × USER_ROW` tall, 0 rows when none). */
  tasks: number;
  taskRows: number;
  regions: number;
  regionRows: number;
  /** Top of the first P lane. */
  lanes: number;
  /** Top of the first optional lane (below its heading). */
  extra: number;
  height: number;
}

export function layout(taskRows: number, regionRows: number, procs: number, extraLanes: number): Layout {
  const heap = RULER;
  const gor = heap + HEAP + GAP;
  const gc = gor + GOR + GAP;
  const stw = gc + GC + GAP;
  const tasks = stw + STW + GAP;
  const regions = tasks + (taskRows ? taskRows * USER_ROW + GAP : 0);
  const lanes = regions + (regionRows ? regionRows * USER_ROW + GAP : 0);
  const extra = lanes + procs * LANE + (extraLanes ? EXTRA_HEAD : 0);
  return { heap, gor, gc, stw, tasks, taskRows, regions, regionRows, lanes, extra, height: extra + extraLanes * LANE + 4 };
}
