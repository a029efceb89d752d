// Metrics snapshots: a Prometheus scrape and expvar JSON both become the
// `metrics` analysis, and the `gc` block where the metrics allow one.

import { metricsAnalyses } from '../analysis/metrics/analyses';
import { analyzeExpvar } from '../analysis/metrics/expvar';
import { analyzePrometheus } from '../analysis/metrics/prometheus';
import { expvarFormat } from '../formats/expvar/format';
import { prometheusFormat } from '../formats/prometheus/format';
import { parsed } from './kind';

export const prometheusKind = parsed(prometheusFormat, ['metrics', 'gc'], (model) => metricsAnalyses(analyzePrometheus(model)));

export const expvarKind = parsed(expvarFormat, ['metrics', 'gc'], (model) => metricsAnalyses(analyzeExpvar(model)));
