// Worker side of the execution-trace views: the trace's CPU samples are
// served to the profile views (src/worker/pprof.ts) as the model
// `<trace input id>~cpu`, built from the parsed trace on first use.

import { cpuProfileOf } from '../analysis/gotrace/cpuProfile';
import { TRACE_CPU_SUFFIX } from '../analysis/gotrace/cpuProfileId';
import type { GoTraceModel } from '../formats/gotrace/model';
import { registerDerivedModel } from './models';

const isTrace = (m: unknown): m is GoTraceModel => typeof m === 'object' && m !== null && 'collected' in m && 'cpu' in m;

registerDerivedModel(TRACE_CPU_SUFFIX, (m) => (isTrace(m) ? cpuProfileOf(m) : null));
