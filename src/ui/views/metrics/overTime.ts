// When the "metrics over time" session view applies: Prometheus scrapes from
// two or more files that span some time (same-moment scrapes give no rates).

import type { Report } from '../../../report/schema';
import { ratesFromPoints } from '../../../analysis/metrics/rates';
import { hasAnalysis } from '../withAnalysis';

export function scrapesOverTime(report: Report) {
  const inputs = report.inputs.filter(hasAnalysis('metrics')).filter((i) => i.metrics.source === 'prometheus');
  if (inputs.length < 2) return undefined;
  const points = inputs.flatMap((i) => i.metrics.points);
  const rates = ratesFromPoints(points);
  return rates ? { inputs, points, rates } : undefined;
}
