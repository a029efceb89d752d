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
import { decodeTimeline, encodeTimeline, MAX_TIMELINE_SNAPSHOT_BYTES, type StoredTimeline } from '../analysis/gotrace/timelineSnapshot';
import { modelOf, models } from './models';

const isTrace = (m: unknown): m is GoTraceModel => typeof m === 'object' && m !== null && 'collected' in m && 'spans' in m;

/** Where a timeline restored from a saved session is kept: the trace's id plus a suffix no input id has (ids are hex). */
const storedId = (id: string) => `${id}~timeline`;

/** The timeline of trace `id`: the parsed trace's when it is in memory, else one restored from the session. */
function timelineOf(id: string): { spans: StoredTimeline['spans']; c: StoredTimeline['counters'] } {
  const restored = models.get(storedId(id)) as StoredTimeline | undefined;
  if (restored) {
    if (!models.has(id)) return { spans: restored.spans, c: restored.counters };
    models.delete(storedId(id)); // the trace was read again: its own timeline replaces the stored one
  }
  const m = modelOf(id, isTrace);
  return { spans: m.spans, c: m.collected };
}
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

/** Whether a stored timeline could be used, and why not. */
type Restored = { ok: true } | { ok: false; why: string };

const restoring = new Map<string, Promise<Restored>>();

async function restore(id: string, stored: unknown): Promise<Restored> {
  if (!(stored instanceof Blob)) return { ok: false, why: 'no timeline was stored with it' };
  if (stored.size > MAX_TIMELINE_SNAPSHOT_BYTES) return { ok: false, why: 'its stored timeline is larger than any this page writes' };
  try {
    const t = decodeTimeline(await stored.arrayBuffer());
    if (!models.has(id)) models.set(storedId(id), t);
    return { ok: true };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}

export const traceTimelineApi = {
  /**
   * The timeline of a parsed trace as one file to keep with the session
   * (null: not a trace, no timeline kept, or over MAX_TIMELINE_SNAPSHOT_BYTES).
   * Made here, so the page only hands a Blob to IndexedDB.
   */
  timelineSnapshot(id: string): Blob | null {
    const m = models.get(id);
    if (!isTrace(m) || m.spans.budget === 0) return null;
    const parts = encodeTimeline(m.spans, m.collected);
    return parts ? new Blob(parts as BlobPart[]) : null;
  },
  /**
   * Makes the timeline of trace `id` answer from a stored snapshot
   * (untrusted: checked whole first). ok at once when the trace or a
   * restored timeline is already here; else why it could not be used.
   */
  restoreTimeline(id: string, stored: unknown): Promise<Restored> {
    if (models.has(id) || models.has(storedId(id))) return Promise.resolve({ ok: true });
    // Asked again while it is read (the view re-runs its load): one read of the stored file.
    let p = restoring.get(id);
    if (!p) {
      p = restore(id, stored).finally(() => restoring.delete(id));
      restoring.set(id, p);
    }
    return p;
  },
  /** The trace's time span, its Ps and the scales of the counter tracks. */
  timelineInfo(id: string): TimelineInfo {
    const m = timelineOf(id);
    return timelineInfo(m.spans, m.c);
  },
  /** What is visible of [t0, t1) (ns on the trace clock) drawn `width` pixels wide. */
  timelineTile(id: string, t0: number, t1: number, width: number, filter: LaneFilter | null = null): TimelineTile {
    const m = timelineOf(id);
    const tile = timelineTile(m.spans, m.c, finite(t0, 'start'), finite(t1, 'end'), finite(width, 'width'), laneFilter(filter));
    const lanes = [...tile.lanes, ...(tile.extra?.lanes ?? [])];
    const buffers = [tile.gc, tile.stw, tile.tasks, tile.regions, tile.heap, tile.goal, tile.goroutines, ...lanes.map((l) => l.items)].map((a) => a.buffer as ArrayBuffer);
    return Comlink.transfer(tile, buffers);
  },
  /** The slice on P `p` at time t (or the nearest within `slack` ns), with its goroutine and stack. */
  timelineSlice(id: string, p: number, t: number, slack: number, filter: LaneFilter | null = null): SliceDetail | null {
    const m = timelineOf(id);
    return sliceAt(m.spans, finite(p, 'P'), finite(t, 'time'), Math.max(0, finite(slack, 'tolerance')), laneFilter(filter));
  },
  /** The nth stop-the-world of a pause-histogram bar (lengths [lo, hi) ms, one reason), to show on the timeline. */
  timelinePause(id: string, loMs: number, hiMs: number, last: boolean, reason: string, nth: number): PauseHit | null {
    const m = timelineOf(id);
    return pauseInBucket(m.c, finite(loMs, 'pause length'), finite(hiMs, 'pause length'), last === true, String(reason), finite(nth, 'pause number'));
  },
  /** Statistics of a selected range [t0, t1): CPU time per goroutine (top 10), GC share, stop-the-worlds. */
  timelineRange(id: string, t0: number, t1: number): RangeStats {
    const m = timelineOf(id);
    const a = finite(t0, 'start');
    const b = finite(t1, 'end');
    return rangeStats(m.spans, m.c, Math.min(a, b), Math.max(a, b));
  },
};
