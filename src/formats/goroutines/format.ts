// The goroutine dump format (debug=2 / panic / SIGQUIT tracebacks and debug=1
// aggregated profiles).

import type { FormatDef } from '../types';
import type { GoroutineDump } from './model';
import { parseGoroutineDump } from './dump';
import { sniffGoroutines } from './sniff';

export const goroutinesFormat: FormatDef<GoroutineDump> = {
  kind: 'goroutines',
  label: 'goroutine dump (debug=2, debug=1, panic, SIGQUIT; goroutine leak profile from /debug/pprof/goroutineleak, Go 1.27+)',
  sniff: sniffGoroutines,
  parse: parseGoroutineDump,
};
