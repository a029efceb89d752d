// The stop-the-world pauses behind one bar of the pause histogram (a bucket
// of lengths in ms and a reason), in time order, so a click on the bar can
// show them one after another on the timeline. A pause falls in [lo, hi) ms,
// the last bucket also taking its upper edge, zero-length pauses in the
// bucket starting at 0 — the histogram's own rule (./analyze.ts).

import type { TimelineCounters } from './timelineCounters';

export interface PauseHit {
  /** Start from the trace's first event, and length, in ns. */
  startNs: number;
  durNs: number;
  /** Which of the bucket's pauses this is (0-based, wraps around), and how many there are. */
  nth: number;
  count: number;
}

export function pauseInBucket(c: TimelineCounters, loMs: number, hiMs: number, last: boolean, reason: string, nth: number): PauseHit | null {
  const hits: number[] = [];
  for (let i = 0; i < c.stwStart.length; i++) {
    if (c.stwEnd[i] < 0 || c.stwReason[i] !== reason) continue;
    const ms = (c.stwEnd[i] - c.stwStart[i]) / 1e6;
    if (ms > 0 ? ms >= loMs && (ms < hiMs || last) : loMs === 0) hits.push(i);
  }
  if (hits.length === 0) return null;
  const k = ((Math.floor(nth) % hits.length) + hits.length) % hits.length;
  const i = hits[k];
  return { startNs: c.stwStart[i] - c.firstTime, durNs: c.stwEnd[i] - c.stwStart[i], nth: k, count: hits.length };
}
