// The list of input formats gotune understands. A later format joins by adding
// one import and one entry here: sniffing, the worker, the CLI and the report
// pick it up from this list.

import type { FormatDef } from './types';
import { godebugFormat } from './godebug/format';
import { configFormat } from './config/format';
import { goroutinesFormat } from './goroutines/format';
import { prometheusFormat } from './prometheus/format';
import { expvarFormat } from './expvar/format';
import { pprofFormat } from './pprof/format';
import { pprofTextFormats } from './pprof-text/formats';
import { goTraceFormat } from './gotrace/format';

export const FORMATS: readonly FormatDef<any>[] = [godebugFormat, configFormat, goroutinesFormat, prometheusFormat, expvarFormat, pprofFormat, ...pprofTextFormats, goTraceFormat];

/** "kind — label" lines for the "not recognised" message. */
export function supportedKinds(): string[] {
  return FORMATS.map((f) => f.label);
}
