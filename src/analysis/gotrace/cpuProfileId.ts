// The worker model id of a trace's CPU profile (cpuProfile.ts): the trace
// input's id plus a suffix no input id has (ids are hex). Its own module so
// the UI can name the model without bundling the profile builder.

export const TRACE_CPU_SUFFIX = '~cpu';

export const traceCpuProfileId = (traceInputId: string): string => traceInputId + TRACE_CPU_SUFFIX;
