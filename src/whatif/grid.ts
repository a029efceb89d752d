// The standard grid of predictions carried in the report: GOGC from 25 to 800
// and off, without a memory limit and at the limit the run had (or, when it had
// none, at 1.5× its peak heap plus non-heap memory, a common starting point).

import { predict } from './predict';
import type { WhatifCalibration, WhatifPrediction } from './types';

export const GRID_GOGC: readonly (number | null)[] = [25, 50, 100, 200, 400, 800, null];

/** The GOMEMLIMIT column of the grid besides "none". */
export function gridLimit(cal: WhatifCalibration): number {
  if (cal.memoryLimitBytes !== null) return cal.memoryLimitBytes;
  return Math.round((1.5 * (cal.peakHeapBytes + cal.nonHeapBytes)) / 1048576) * 1048576;
}

export function standardGrid(cal: WhatifCalibration): WhatifPrediction[] {
  const out: WhatifPrediction[] = [];
  for (const memoryLimitBytes of [null, gridLimit(cal)]) {
    for (const gogc of GRID_GOGC) {
      if (gogc === null && memoryLimitBytes === null) continue; // no GC at all: nothing to predict
      out.push(predict(cal, { gogc, memoryLimitBytes, containerLimitBytes: null }));
    }
  }
  return out;
}

/** GOGC values of the what-if curve: 25 to 800, evenly on a log scale. */
export const CURVE_GOGC: readonly number[] = [25, 35, 50, 70, 100, 140, 200, 280, 400, 560, 800];

/** Predictions along GOGC at fixed memory and container limits (the panel's curve). */
export function gogcCurve(cal: WhatifCalibration, memoryLimitBytes: number | null, containerLimitBytes: number | null): WhatifPrediction[] {
  return CURVE_GOGC.map((gogc) => predict(cal, { gogc, memoryLimitBytes, containerLimitBytes }));
}
