// The Go execution trace input kind (runtime/trace, go test -trace,
// /debug/pprof/trace, the flight recorder): sniffed by its header.

import type { FormatDef } from '../types';
import { analyzeGoTrace } from '../../analysis/gotrace/analyze';
import { withCpuProfile } from '../../analysis/gotrace/cpuProfile';
import { headerVersion } from './header';
import type { GoTraceModel } from './model';
import { parseGoTrace } from './parse';

export const goTraceFormat: FormatDef<GoTraceModel> = {
  kind: 'gotrace',
  label: 'Go execution trace (runtime/trace, go test -trace, /debug/pprof/trace; Go 1.11–1.26)',
  sniff(sample) {
    return headerVersion(sample.bytes) >= 0 ? 1 : 0;
  },
  parse: parseGoTrace,
  analyze: (model) => withCpuProfile(analyzeGoTrace(model), model),
};
