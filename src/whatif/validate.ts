// A calibration read back from a link, IndexedDB or a pasted report is
// untrusted: every field the model reads is checked before predict() sees it.

import type { WhatifCalibration, WhatifResult } from './types';
import { standardGrid } from './grid';

const NUMS: (keyof WhatifCalibration)[] = [
  'gomaxprocs', 'liveAfterMarkBytes', 'markAllocBytes', 'consMark', 'consMarkMedian', 'liveBytes', 'liveGrowthBytesPerSec', 'stacksBytes',
  'globalsBytes', 'allocBytesPerSec', 'cyclesPerGiB', 'gcCpuPercent', 'gcCpuMsPerCycle', 'gcCpuNsPerScanByte', 'mutatorCpuSecPerGiB',
  'overshootBytes', 'peakHeapBytes', 'nonHeapBytes', 'impliedGogc',
];
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e18;
const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `v` is a calibration the model can use (finite numbers, sane sizes). */
export function isCalibration(v: unknown): v is WhatifCalibration {
  if (!obj(v)) return false;
  if (!NUMS.every((k) => num(v[k]))) return false;
  if (!((v.gogc === null || (num(v.gogc) && v.gogc >= 0)) && (v.memoryLimitBytes === null || (num(v.memoryLimitBytes) && v.memoryLimitBytes >= 0)))) return false;
  if ((v.liveBytes as number) <= 0 || (v.gomaxprocs as number) <= 0) return false;
  const w = v.window;
  if (!obj(w) || !['firstCycle', 'lastCycle', 'cycles', 'startSec', 'endSec'].every((k) => num(w[k]))) return false;
  const f = v.fit;
  if (!obj(f) || !['cyclesPerGiB', 'gcCpu', 'peakHeap'].every((k) => num(f[k]))) return false;
  if (f.gcCpuMean !== undefined && !(num(f.gcCpuMean) && f.gcCpuMean >= 0)) return false;
  if (v.peakSpreadPerMarkAlloc !== undefined && !(num(v.peakSpreadPerMarkAlloc) && v.peakSpreadPerMarkAlloc >= 0 && v.peakSpreadPerMarkAlloc <= 100)) return false;
  for (const k of ['largestHeapBytes', 'medianHeapEndBytes', 'memoryLimitAtMostBytes'] as const) if (v[k] !== undefined && !(num(v[k]) && (v[k] as number) >= 0)) return false;
  if (v.gcCpuNsPerMarkedByte !== undefined && !(num(v.gcCpuNsPerMarkedByte) && v.gcCpuNsPerMarkedByte >= 0)) return false;
  if (v.markRunwayShare !== undefined && !(num(v.markRunwayShare) && v.markRunwayShare > 0 && v.markRunwayShare <= 1)) return false;
  const l = v.limiter;
  if (l !== undefined && !(obj(l) && num(l.maxFill) && (l.engagedAtSec === null || num(l.engagedAtSec)))) return false;
  const nh = v.nonHeap;
  if (nh !== undefined && !(obj(nh) && ['outsideHeapBytes', 'unusedBytes', 'spreadBytes', 'samples'].every((k) => num(nh[k]) && (nh[k] as number) >= 0) && num(nh.growthBytesPerSec))) return false;
  if (nh !== undefined && nh.unusedPerGarbage !== undefined && !(num(nh.unusedPerGarbage) && nh.unusedPerGarbage >= 0 && nh.unusedPerGarbage <= 10)) return false;
  if (nh !== undefined && nh.footprintSpreadBytes !== undefined && !(num(nh.footprintSpreadBytes) && nh.footprintSpreadBytes >= 0)) return false;
  if (!Array.isArray(v.notes) || !v.notes.every((n) => typeof n === 'string')) return false;
  return typeof v.regime === 'string' && typeof v.gogcSource === 'string';
}

/** The `whatif` analysis as a link carries it: the grid is left out (it follows from the calibration). */
export function whatifForLink(w: WhatifResult): WhatifResult {
  return w.calibration ? { calibration: w.calibration, grid: [] } : w;
}

/** A `whatif` analysis from outside: the grid recomputed from a checked calibration, or a refusal saying it is damaged. */
export function whatifFromOutside(v: unknown): WhatifResult {
  if (obj(v) && typeof v.refused === 'string') return { refused: v.refused.slice(0, 500) };
  if (obj(v) && isCalibration(v.calibration)) return { calibration: v.calibration, grid: standardGrid(v.calibration) };
  return { refused: 'the GC model in this report is damaged' };
}
