// The Go execution trace input kind (runtime/trace, go test -trace,
// /debug/pprof/trace, the flight recorder): sniffed by its header. Parsing on
// its own reads and checks the whole trace and counts its events; the binding
// (src/kinds/gotrace.ts) reads it with the analyses' collector as the sink.

import type { FormatDef } from '../types';
import { headerVersion } from './header';
import { readGoTrace, type GoTraceRead } from './parse';

export const goTraceFormat: FormatDef<GoTraceRead> = {
  kind: 'gotrace',
  label: 'Go execution trace (runtime/trace, go test -trace, /debug/pprof/trace; Go 1.11–1.26)',
  sniff(sample) {
    return headerVersion(sample.bytes) >= 0 ? 1 : 0;
  },
  parse: (data, ctx) => readGoTrace(data, ctx, () => {}),
};
