// The `whatif` analysis of a gctrace log: calibration + the standard grid, or
// the reason the log cannot be calibrated.

import type { GcTraceModel } from '../formats/godebug/gctrace';
import { calibrate, type CalibrationHints } from './calibrate';
import { standardGrid } from './grid';
import type { WhatifResult } from './types';

export function analyzeWhatif(m: GcTraceModel, hints: CalibrationHints = {}): WhatifResult {
  const c = calibrate(m, hints);
  if ('refused' in c) return { refused: c.refused };
  return { calibration: c.calibration, grid: standardGrid(c.calibration) };
}
