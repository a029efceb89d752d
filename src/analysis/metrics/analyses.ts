// The report entries of a metrics input: `metrics` (with its `gc` block, the
// gctrace analysis' keys, where the data allows) and findings. The gc block
// lives at metrics.gc: the top-level gc view expects gctrace's per-cycle series,
// which a scrape cannot give.

import type { InputAnalyses } from '../../report/schema';
import { metricsFindings } from './findings';
import { gcFromMetrics } from './gcBlock';
import type { MetricsAnalysis } from './types';

export function metricsAnalyses(metrics: MetricsAnalysis): InputAnalyses {
  const gc = gcFromMetrics(metrics);
  if (gc) metrics.gc = gc;
  return { metrics, findings: metricsFindings(metrics) };
}
