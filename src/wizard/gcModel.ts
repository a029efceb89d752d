// The wizard's use of the GC what-if model (src/whatif): which calibration of
// the session to use, and the model's figures for a GOGC / GOMEMLIMIT choice in
// the words the wizard prints.

import type { Report } from '../report/schema';
import { predict } from '../whatif/predict';
import type { WhatifCalibration, WhatifPrediction } from '../whatif/types';
import { isCalibration } from '../whatif/validate';
import { MEMORY, runtimeMetricsFacts, withRuntimeMetrics } from '../whatif/runtimeMetrics';
import { describeBytes } from '../rules/quantity';

export interface GcModel {
  calibration: WhatifCalibration;
  /** Where it comes from, e.g. "gctrace in app.log". */
  from: string;
}

/**
 * A calibration with what the session's runtime/metrics scrape adds: when the session holds a scrape with the
 * memory classes (Prometheus go_memory_classes_*), the model's memory-limit goal subtracts the non-heap memory
 * the runtime itself counts (whatif/runtimeMetrics.ts). The wizard and the GC view's what-if panel both use it.
 */
export function withSessionMetrics(c: WhatifCalibration, report: Report | null | undefined, from: string): GcModel {
  for (const other of report?.inputs ?? []) {
    const facts = other.error ? null : memoryClassFacts(other.metrics?.memoryClasses);
    if (facts) return { calibration: withRuntimeMetrics(c, facts, `runtime/metrics in ${other.name}`), from: `${from} + runtime/metrics in ${other.name}` };
  }
  return { calibration: c, from };
}

/** The first calibrated GC model of the session, if any, with the session's runtime/metrics (withSessionMetrics). */
export function gcModelFromReport(report: Report | null | undefined): GcModel | null {
  for (const input of report?.inputs ?? []) {
    const c = input.whatif?.calibration;
    if (input.error || !isCalibration(c)) continue;
    return withSessionMetrics(c, report, `gctrace in ${input.name}`);
  }
  return null;
}

/** One reading of the memory classes (class names as the metrics analysis gives them: "heap/free", "metadata/other"…); total = their sum, as in runtime/metrics. */
function memoryClassFacts(classes: { name: string; bytes: number }[] | undefined): ReturnType<typeof runtimeMetricsFacts> {
  if (!classes?.length) return null;
  const values: Record<string, number> = {};
  let total = 0;
  for (const c of classes) {
    if (!(Number.isFinite(c.bytes) && c.bytes >= 0)) return null;
    values[`/memory/classes/${c.name}:bytes`] = c.bytes;
    total += c.bytes;
  }
  values[MEMORY.total] = total;
  return runtimeMetricsFacts([{ tSec: 0, values }]);
}

export function modelPredict(m: GcModel, gogc: number | null, memoryLimitBytes: number | null, containerLimitBytes: number | null): WhatifPrediction {
  return predict(m.calibration, { gogc, memoryLimitBytes, containerLimitBytes });
}

const pm = (x: number) => `±${Math.round(x * 100)}%`;

/** One evidence line: what the model predicts at these settings. */
export function describePrediction(m: GcModel, p: WhatifPrediction): string {
  const gogc = p.gogc === null ? 'off' : String(p.gogc);
  const limit = p.memoryLimitBytes === null ? 'no GOMEMLIMIT' : `GOMEMLIMIT ${describeBytes(p.memoryLimitBytes)}`;
  const peak = p.peakTotalBytes === null ? 'unbounded memory' : `peak memory ≈ ${describeBytes(Math.round(p.peakTotalBytes))}`;
  const limiter = p.limiter === 'yes' ? ', the 50% GC CPU limiter engaged' : p.limiter === 'uncertain' ? ', the 50% GC CPU limiter on the edge of engaging' : '';
  // predict.ts likelyLow: the mutator's CPU per GiB was read in another GC regime than this one
  const low = (k: WhatifPrediction['likelyLow']) => (p.likelyLow === k ? ' (likely more: the run measured the program in another GC regime)' : '');
  return `GC model (${m.from}) at GOGC=${gogc}, ${limit}: GC CPU ≈ ${p.gcCpuPercent.toFixed(1)}% ${pm(p.uncertainty.gcCpu)}${low('gcCpu')}, ${p.cyclesPerGiB.toFixed(1)} cycles per GiB allocated${low('cycles')}, ${peak} ${pm(p.uncertainty.peakHeap)}${limiter}`;
}
