// expvar /debug/vars JSON.

import type { FormatDef } from '../types';
import type { ExpvarModel } from './model';
import { parseExpvar } from './parse';
import { sniffExpvar } from './sniff';
import { analyzeExpvar } from '../../analysis/metrics/expvar';
import { metricsAnalyses } from '../../analysis/metrics/analyses';

export const expvarFormat: FormatDef<ExpvarModel> = {
  kind: 'expvar',
  label: 'expvar /debug/vars JSON (memstats)',
  sniff: sniffExpvar,
  parse: parseExpvar,
  analyze: (model) => metricsAnalyses(analyzeExpvar(model)),
};
