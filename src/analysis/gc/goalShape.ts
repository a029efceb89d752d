// Whether a memory limit, not GOGC, sets a gctrace's heap goals. GOGC puts the
// goal a fixed share above the live heap (plus stacks and globals), so the share
// each cycle implies stays put but for gctrace's whole-MB rounding; a memory limit
// that binds sets the goal from the limit less what the runtime holds outside the
// heap, and the share wanders as the live heap does. Measured on the what-if runs
// (tests/fixtures/whatif, Go 1.25.5, 1.26.8 and 1.27.3): the quartiles of every
// GOGC-only run are at most 2.6 points apart, those of every GOMEMLIMIT run at 1.5×
// or 2× the live heap (GOGC=100 or off) 14.9 points or more.

import type { GcAnalysis } from './types';

/** Spread (q3 − q1, GOGC points) a memory limit is read from: at least this, and 4× what rounding alone gives. */
const MIN_SPREAD = 8;

export function limitShapesGoal(gc: Pick<GcAnalysis, 'impliedGogcSpread'>): boolean {
  const s = gc.impliedGogcSpread;
  return !!s && spreadShapesLimit(s.q1, s.q3, s.roundingPoints);
}

/** The same test over the quartiles of the per-cycle implied GOGC and the points 1 MB of rounding moves it. */
export function spreadShapesLimit(q1: number, q3: number, roundingPoints: number): boolean {
  return q3 - q1 > Math.max(MIN_SPREAD, 4 * roundingPoints);
}

/** "2–28%" for a sentence. */
export function spreadText(gc: Pick<GcAnalysis, 'impliedGogcSpread'>): string {
  const s = gc.impliedGogcSpread!;
  return `${Math.round(s.q1)}–${Math.round(s.q3)}%`;
}
