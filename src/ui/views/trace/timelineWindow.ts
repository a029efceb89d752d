// The timeline's window arithmetic: where a zoom or a pan takes the window,
// held inside the trace and no narrower than a minimum span. Pure; the
// component and its look-ahead (timelineAhead.ts) share it, so a tile asked
// for ahead of a key press is the one the key press then wants.

export interface TimeWindow {
  t0: number;
  t1: number;
}

/** The window [t0, t1) held inside [lo, hi) and at least `minSpan` wide (as wide as the trace at most). */
export function clampWindow(t0: number, t1: number, lo: number, hi: number, minSpan: number): TimeWindow {
  const span = Math.min(Math.max(t1 - t0, minSpan), hi - lo);
  const s = Math.min(Math.max(t0, lo), hi - span);
  return { t0: s, t1: s + span };
}

/** Zoomed by `factor` about the point `at` (0 = left edge, 1 = right edge) of the window. */
export function zoomWindow(v: TimeWindow, factor: number, at: number, lo: number, hi: number, minSpan: number): TimeWindow {
  const span = v.t1 - v.t0;
  const c = v.t0 + span * at;
  return clampWindow(c - span * factor * at, c + span * factor * (1 - at), lo, hi, minSpan);
}

/** Moved by `frac` of its width (negative: earlier). */
export function panWindow(v: TimeWindow, frac: number, lo: number, hi: number, minSpan: number): TimeWindow {
  const span = v.t1 - v.t0;
  return clampWindow(v.t0 + span * frac, v.t1 + span * frac, lo, hi, minSpan);
}

/** The keyboard's steps (W/S: zoom ×½ and ×2 about the middle; A/D: a fifth of the width either way). */
export const KEY_STEPS = { zoomIn: 0.5, zoomOut: 2, pan: 0.2 } as const;

export type KeyStep = 'in' | 'out' | 'earlier' | 'later';

/** The window one key press of `step` from `v` leads to. */
export function stepWindow(v: TimeWindow, step: KeyStep, lo: number, hi: number, minSpan: number): TimeWindow {
  if (step === 'in') return zoomWindow(v, KEY_STEPS.zoomIn, 0.5, lo, hi, minSpan);
  if (step === 'out') return zoomWindow(v, KEY_STEPS.zoomOut, 0.5, lo, hi, minSpan);
  return panWindow(v, step === 'later' ? KEY_STEPS.pan : -KEY_STEPS.pan, lo, hi, minSpan);
}

/**
 * The windows one key press from `v` leads to, the step pressed last first (a person zooming or panning
 * tends to press the same key again), then in, later, earlier, out; windows equal to `v` or to one
 * before them left out.
 */
export function keyboardNeighbours(v: TimeWindow, lo: number, hi: number, minSpan: number, last: KeyStep | null = null): TimeWindow[] {
  const order: KeyStep[] = ['in', 'later', 'earlier', 'out'];
  if (last) order.sort((a, b) => Number(b === last) - Number(a === last));
  const out = order.map((k) => stepWindow(v, k, lo, hi, minSpan));
  return out.filter((w, i) => (w.t0 !== v.t0 || w.t1 !== v.t1) && out.findIndex((x) => x.t0 === w.t0 && x.t1 === w.t1) === i);
}
