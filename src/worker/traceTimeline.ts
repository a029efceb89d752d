// Worker methods behind the trace timeline: the span store stays here with
// the parsed trace (src/analysis/gotrace/spanStore.ts); the page asks for a
// window at its pixel width and gets only what is visible, already merged to
// about one item per pixel, as typed arrays (transferred, not cloned).

import * as Comlink from 'comlink';
import type { GoTraceModel } from '../analysis/gotrace/model';
import { sliceAt, timelineInfo, timelineTile, type SliceDetail, type TimelineInfo, type TimelineTile } from '../analysis/gotrace/timelineQuery';
import { rangeStats, type RangeStats } from '../analysis/gotrace/timelineRange';
import { END_STATES, type LaneFilter } from '../analysis/gotrace/timelineLanes';
import { pauseInBucket, type PauseHit } from '../analysis/gotrace/timelinePauses';
import { modelOf } from './models';

const isTrace = (m: unknown): m is GoTraceModel => typeof m === 'object' && m !== null && 'collected' in m && 'spans' in m;
const finite = (x: number, what: string): number => {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`the timeline was asked for a bad ${what}`);
  return x;
};

/** A lane filter from the page, checked (null: no extra lanes). */
function laneFilter(f: LaneFilter | null | undefined): LaneFilter | null {
  if (!f) return null;
  if (f.by === 'm') return { by: 'm' };
  if (f.by !== 'g') throw new Error('the timeline was asked for an unknown kind of lane');
  const state = f.state && Object.hasOwn(END_STATES, f.state) ? f.state : '';
  return { by: 'g', func: String(f.func ?? '').slice(0, 200), state, minNs: Math.max(0, finite(f.minNs, 'least running time')) };
}

export const traceTimelineApi = {
  /** The trace's time span, its Ps and the scales of the counter tracks. */
  timelineInfo(id: string): TimelineInfo {
    const m = modelOf(id, isTrace);
    return timelineInfo(m.spans, m.collected);
  },
  /** What is visible of [t0, t1) (ns on the trace clock) drawn `width` pixels wide. */
  timelineTile(id: string, t0: number, t1: number, width: number, filter: LaneFilter | null = null): TimelineTile {
    const m = modelOf(id, isTrace);
    const tile = timelineTile(m.spans, m.collected, finite(t0, 'start'), finite(t1, 'end'), finite(width, 'width'), laneFilter(filter));
    const lanes = [...tile.lanes, ...(tile.extra?.lanes ?? [])];
    const buffers = [tile.gc, tile.stw, tile.tasks, tile.regions, tile.heap, tile.goal, tile.goroutines, ...lanes.map((l) => l.items)].map((a) => a.buffer as ArrayBuffer);
    return Comlink.transfer(tile, buffers);
  },
  /** The slice on P `p` at time t (or the nearest within `slack` ns), with its goroutine and stack. */
  timelineSlice(id: string, p: number, t: number, slack: number, filter: LaneFilter | null = null): SliceDetail | null {
    const m = modelOf(id, isTrace);
    return sliceAt(m.spans, finite(p, 'P'), finite(t, 'time'), Math.max(0, finite(slack, 'tolerance')), laneFilter(filter));
  },
  /** The nth stop-the-world of a pause-histogram bar (lengths [lo, hi) ms, one reason), to show on the timeline. */
  timelinePause(id: string, loMs: number, hiMs: number, last: boolean, reason: string, nth: number): PauseHit | null {
    const m = modelOf(id, isTrace);
    return pauseInBucket(m.collected, finite(loMs, 'pause length'), finite(hiMs, 'pause length'), last === true, String(reason), finite(nth, 'pause number'));
  },
  /** Statistics of a selected range [t0, t1): CPU time per goroutine (top 10), GC share, stop-the-worlds. */
  timelineRange(id: string, t0: number, t1: number): RangeStats {
    const m = modelOf(id, isTrace);
    const a = finite(t0, 'start');
    const b = finite(t1, 'end');
    return rangeStats(m.spans, m.collected, Math.min(a, b), Math.max(a, b));
  },
};
