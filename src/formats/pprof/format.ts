// profile.proto as a gotune input format (Go and any other pprof producer).

import type { FormatDef } from '../types';
import { decodeProfile } from './decode';
import type { PprofProfile } from './model';
import { sniffPprofProto } from './sniff';

export const pprofFormat: FormatDef<PprofProfile> = {
  kind: 'pprof',
  label: 'pprof profile (profile.proto: CPU, heap, allocs, goroutine, mutex, block, threadcreate; any language)',
  sniff: sniffPprofProto,
  parse: (data, ctx) => decodeProfile(data, ctx),
};
