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
import { decodeTimeline, type StoredTimeline } from '../analysis/gotrace/timelineSnapshot';
import { decodeOverview, encodeTimelineFile, MAX_TIMELINE_FILE_BYTES, TIMELINE_FILE_HEAD, timelineFileParts } from '../analysis/gotrace/timelineFile';
import { overviewTile, type TimelineOverview } from '../analysis/gotrace/timelineOverview';
import { modelOf, models } from './models';

const isTrace = (m: unknown): m is GoTraceModel => typeof m === 'object' && m !== null && 'collected' in m && 'spans' in m;

/** Where a timeline restored from a saved session is kept: the trace's id plus a suffix no input id has (ids are hex). */
const storedId = (id: string) => `${id}~timeline`;
/** Where its overview is kept until the timeline's columns are read (./timelineFile.ts). */
const overviewId = (id: string) => `${id}~overview`;

/**
 * The columns of a restored overview, read when first needed: after the
 * first tile is drawn from the overview, or by a query the overview cannot
 * answer. Not at once: their decoding holds the worker for a while, and the
 * first paint and the report's other views would wait behind it.
 */
class LazyColumns {
  private started = false;
  private resolve: (r: Restored) => void = () => {};
  readonly done = new Promise<Restored>((r) => (this.resolve = r));
  constructor(private readonly read: () => Promise<Restored>) {}
  start(): Promise<Restored> {
    if (!this.started) {
      this.started = true;
      void this.read().then(this.resolve);
    }
    return this.done;
  }
}

/** Timelines whose overview is restored and whose columns are not read yet, by trace id. */
const details = new Map<string, LazyColumns>();

/** The overview of trace `id` while its columns are read (null: none, or the timeline is here). */
function overviewOf(id: string): TimelineOverview | null {
  if (models.has(id) || models.has(storedId(id))) return null;
  return (models.get(overviewId(id)) as TimelineOverview | undefined) ?? null;
}

/** The timeline of trace `id`: the parsed trace's when it is in memory, else one restored from the session (waiting for its columns). */
async function timelineOf(id: string): Promise<{ spans: StoredTimeline['spans']; c: StoredTimeline['counters'] }> {
  if (!models.has(id) && !models.has(storedId(id))) {
    const pending = details.get(id);
    if (pending) {
      const r = await pending.start();
      if (!r.ok) throw new Error(r.why);
    }
  }
  const restored = models.get(storedId(id)) as StoredTimeline | undefined;
  if (restored) {
    if (!models.has(id)) return { spans: restored.spans, c: restored.counters };
    models.delete(storedId(id)); // the trace was read again: its own timeline replaces the stored one
  }
  models.delete(overviewId(id));
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

const failed = (e: unknown): Restored => ({ ok: false, why: (e as Error).message });

/** Reads the timeline's columns from `part` of the stored file; they take over from its overview. */
async function restoreColumns(id: string, part: Blob): Promise<Restored> {
  try {
    const t = decodeTimeline(await part.arrayBuffer());
    if (!models.has(id)) models.set(storedId(id), t);
    details.delete(id); // read: later asks need not wait (a failure stays, so they say why)
    return { ok: true };
  } catch (e) {
    return failed(e);
  } finally {
    models.delete(overviewId(id));
  }
}

/**
 * Restores the overview at once when the file has one, and reads the columns
 * after it (details); a file without one (layout 1) is read whole first.
 */
async function restore(id: string, stored: unknown): Promise<Restored> {
  if (!(stored instanceof Blob)) return { ok: false, why: 'no timeline was stored with it' };
  if (stored.size > MAX_TIMELINE_FILE_BYTES) return { ok: false, why: 'its stored timeline is larger than any this page writes' };
  try {
    const parts = timelineFileParts(new Uint8Array(await stored.slice(0, TIMELINE_FILE_HEAD).arrayBuffer()), stored.size);
    const columns = stored.slice(...parts.timeline);
    if (!parts.overview) return await restoreColumns(id, columns);
    const o = decodeOverview(await stored.slice(...parts.overview).arrayBuffer());
    if (models.has(id)) return { ok: true };
    models.set(overviewId(id), o);
    details.set(id, new LazyColumns(() => restoreColumns(id, columns)));
    return { ok: true };
  } catch (e) {
    return failed(e);
  }
}

export const traceTimelineApi = {
  /**
   * The timeline of a parsed trace as one file to keep with the session
   * (../analysis/gotrace/timelineFile.ts; null: not a trace, no timeline kept, or its columns over MAX_TIMELINE_SNAPSHOT_BYTES).
   * Made here, so the page only hands a Blob to IndexedDB.
   */
  timelineSnapshot(id: string): Blob | null {
    const m = models.get(id);
    if (!isTrace(m) || m.spans.budget === 0) return null;
    const parts = encodeTimelineFile(m.spans, m.collected);
    return parts ? new Blob(parts as BlobPart[]) : null;
  },
  /**
   * Makes the timeline of trace `id` answer from a stored snapshot
   * (untrusted: checked whole first). ok at once when the trace or a
   * restored timeline is already here; else why it could not be used.
   */
  restoreTimeline(id: string, stored: unknown): Promise<Restored> {
    if (models.has(id) || models.has(storedId(id)) || models.has(overviewId(id))) return Promise.resolve({ ok: true });
    // Asked again while it is read (the view re-runs its load): one read of the stored file.
    let p = restoring.get(id);
    if (!p) {
      p = restore(id, stored).finally(() => restoring.delete(id));
      restoring.set(id, p);
    }
    return p;
  },
  /** Once a restored timeline's columns are read (after its overview): ok, or why they could not be used. */
  timelineDetail(id: string): Promise<Restored> {
    return details.get(id)?.done ?? Promise.resolve({ ok: true });
  },
  /** The trace's time span, its Ps and the scales of the counter tracks. */
  async timelineInfo(id: string): Promise<TimelineInfo> {
    const o = overviewOf(id);
    if (o) return o.info;
    const m = await timelineOf(id);
    return timelineInfo(m.spans, m.c);
  },
  /** What is visible of [t0, t1) (ns on the trace clock) drawn `width` pixels wide. */
  async timelineTile(id: string, t0: number, t1: number, width: number, filter: LaneFilter | null = null): Promise<TimelineTile> {
    const f = laneFilter(filter);
    const o = overviewOf(id);
    // While the columns are read, the whole trace comes from the overview; any other window waits for them.
    let tile = o ? overviewTile(o, finite(t0, 'start'), finite(t1, 'end'), finite(width, 'width'), f !== null) : null;
    if (tile) setTimeout(() => void details.get(id)?.start(), 0); // once this tile is on its way
    else {
      const m = await timelineOf(id);
      tile = timelineTile(m.spans, m.c, finite(t0, 'start'), finite(t1, 'end'), finite(width, 'width'), f);
    }
    const lanes = [...tile.lanes, ...(tile.extra?.lanes ?? [])];
    const buffers = [tile.gc, tile.stw, tile.tasks, tile.regions, tile.heap, tile.goal, tile.goroutines, ...lanes.map((l) => l.items)].map((a) => a.buffer as ArrayBuffer);
    return Comlink.transfer(tile, buffers);
  },
  /** The slice on P `p` at time t (or the nearest within `slack` ns), with its goroutine and stack. */
  async timelineSlice(id: string, p: number, t: number, slack: number, filter: LaneFilter | null = null): Promise<SliceDetail | null> {
    const m = await timelineOf(id);
    return sliceAt(m.spans, finite(p, 'P'), finite(t, 'time'), Math.max(0, finite(slack, 'tolerance')), laneFilter(filter));
  },
  /** The nth stop-the-world of a pause-histogram bar (lengths [lo, hi) ms, one reason), to show on the timeline. */
  async timelinePause(id: string, loMs: number, hiMs: number, last: boolean, reason: string, nth: number): Promise<PauseHit | null> {
    const m = await timelineOf(id);
    return pauseInBucket(m.c, finite(loMs, 'pause length'), finite(hiMs, 'pause length'), last === true, String(reason), finite(nth, 'pause number'));
  },
  /** Statistics of a selected range [t0, t1): CPU time per goroutine (top 10), GC share, stop-the-worlds. */
  async timelineRange(id: string, t0: number, t1: number): Promise<RangeStats> {
    const m = await timelineOf(id);
    const a = finite(t0, 'start');
    const b = finite(t1, 'end');
    return rangeStats(m.spans, m.c, Math.min(a, b), Math.max(a, b));
  },
};
