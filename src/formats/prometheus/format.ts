// Prometheus text exposition (/metrics of a Go process).

import type { FormatDef } from '../types';
import type { PromModel } from './model';
import { parsePrometheus } from './parse';
import { sniffPrometheus } from './sniff';

export const prometheusFormat: FormatDef<PromModel> = {
  kind: 'prometheus',
  label: 'Prometheus /metrics scrape (one or several)',
  sniff: sniffPrometheus,
  parse: parsePrometheus,
};
