// Execution traces: the binding owns the read loop, as Go's caller of
// internal/trace does. The reader (src/formats/gotrace) hands every event to
// the analyses' collector and the timeline's span store, every complete generation to the CPU samples
// and the early results; the trace analyses then read the collection, and the
// CPU samples become a profile the profile views open (`<id>~cpu`).

import { analyzeGoTrace } from '../analysis/gotrace/analyze';
import { TraceCollector } from '../analysis/gotrace/collect';
import { cpuProfileOf, withCpuProfile } from '../analysis/gotrace/cpuProfile';
import { CpuSamples } from '../analysis/gotrace/cpuSamples';
import { TRACE_CPU_SUFFIX } from '../analysis/gotrace/cpuProfileId';
import { EarlyResults } from '../analysis/gotrace/early';
import { SpanStore } from '../analysis/gotrace/spanStore';
import type { GoTraceModel } from '../analysis/gotrace/model';
import { goTraceFormat } from '../formats/gotrace/format';
import { checkHeader } from '../formats/gotrace/header';
import { readGoTrace, type ReadLoop } from '../formats/gotrace/parse';
import { SplitReadFailed } from '../formats/gotrace/split';
import type { TraceEvent } from '../formats/gotrace/order';
import { limitsOf, timelineBudget } from '../formats/limits';
import type { Kind, KindContext, TraceChunkReader } from './kind';
import { joinTraceChunks, planTraceChunks } from './gotraceChunks';
import { CancelledError } from '../formats/types';
import { headBytes, isByteSource, type ByteSource } from '../formats/byteSource';

/**
 * Reads the trace into the collection the trace analyses read. `loop`: where
 * a v2 trace's events come from (default: the sequential reader; a split read,
 * src/formats/gotrace/split.ts, gives the same events); a split read that
 * fails is redone sequentially, so a broken trace reads as it always did.
 */
export function readTraceModel(data: Uint8Array | ByteSource, ctx: KindContext, loop?: ReadLoop): GoTraceModel {
  // The reader reads the input's file itself: not for bytes made from it (an inflated .gz).
  if (ctx.traceChunks && !loop && isByteSource(data)) {
    const model = readInChunks(data, ctx, ctx.traceChunks);
    if (model) return model;
  }
  if (loop) {
    try {
      return readTraceModelWith(data, ctx, loop);
    } catch (e) {
      if (!(e instanceof SplitReadFailed)) throw e;
    }
  }
  return readTraceModelWith(data, ctx);
}

/**
 * The trace read by `reader` in chunks of generations and joined, or null
 * (then it is read sequentially): not splittable (./gotraceChunks.ts
 * planTraceChunks), or any error while the chunks were read or joined, so a
 * trace the chunks cannot read gets the sequential read's verdict and warnings.
 */
function readInChunks(data: Uint8Array | ByteSource, ctx: KindContext, reader: TraceChunkReader): GoTraceModel | null {
  try {
    const jobs = planTraceChunks(data, reader.count, limitsOf(ctx));
    if (!jobs) return null;
    const bytes = isByteSource(data) ? data.size : data.length;
    const model = joinTraceChunks(reader.read(jobs), jobs[0].version, bytes);
    ctx.progress(bytes, bytes);
    return model;
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    reader.failed?.(e);
    return null;
  }
}

function readTraceModelWith(data: Uint8Array | ByteSource, ctx: KindContext, loop?: ReadLoop): GoTraceModel {
  const bytes = isByteSource(data) ? data.size : data.length;
  const collected = new TraceCollector(limitsOf(ctx).maxTraceGoroutines);
  const budget = timelineBudget(limitsOf(ctx), bytes);
  const spans = new SpanStore(budget);
  const model: GoTraceModel = { version: checkHeader(headBytes(data, 16)), bytes, events: 0, generations: 0, collected, cpu: new CpuSamples(), spans };
  const early = ctx.partial ? new EarlyResults(model, ctx.partial.bind(ctx)) : null;
  // Without a timeline (a budget of 0: the CLI) the span store stays empty: its lanes were ~6% of the read's CPU.
  const sink =
    budget > 0
      ? (ev: TraceEvent): void => {
          collected.event(ev);
          spans.event(ev);
        }
      : (ev: TraceEvent): void => collected.event(ev);
  const read = readGoTrace(
    data,
    ctx,
    sink,
    (gen, generations, doneBytes) => {
      model.cpu.addGeneration(gen);
      early?.generation(generations, doneBytes);
    },
    () => collected.bytes() + spanBytes(spans),
    loop,
  );
  Object.assign(model, read);
  collected.finish();
  spans.finish();
  return model;
}

/** Bytes the timeline's span store holds: its lanes' columns and the goroutine-count series. */
function spanBytes(spans: SpanStore): number {
  let n = (spans.goroutinesT.length + spans.goroutinesV.length) * 8;
  for (const lane of spans.lanes.values()) n += lane.bytes();
  return n;
}

const isTrace = (m: unknown): m is GoTraceModel => typeof m === 'object' && m !== null && 'collected' in m && 'cpu' in m;

export const gotraceKind: Kind<GoTraceModel> = {
  format: goTraceFormat,
  read: readTraceModel,
  readSource: readTraceModel,
  analyze: (model) => withCpuProfile(analyzeGoTrace(model), model),
  produces: ['trace', 'gc'],
  derived: [{ suffix: TRACE_CPU_SUFFIX, derive: cpuProfileOf, accepts: isTrace }],
};
