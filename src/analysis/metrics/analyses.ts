// The report entries of a metrics input: `metrics`, the `gc` block (the
// gctrace analysis' keys, where the data allows; `source` says where from) and
// findings.

import type { InputAnalyses } from '../inputAnalyses';
import { metricsFindings } from './findings';
import { gcFromMetrics } from './gcBlock';
import type { MetricsAnalysis } from './types';

export function metricsAnalyses(metrics: MetricsAnalysis): InputAnalyses {
  const out: InputAnalyses = { metrics, findings: metricsFindings(metrics) };
  const gc = gcFromMetrics(metrics);
  if (gc) out.gc = gc;
  return out;
}
