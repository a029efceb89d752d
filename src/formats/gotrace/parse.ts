// Bytes → GoTraceModel: header check, the reader feeding the collector,
// progress per generation, and the policy for broken traces (keep the
// complete generations and warn; fail only when not even one is complete).

import { TraceCollector } from '../../analysis/gotrace/collect';
import { EarlyResults } from '../../analysis/gotrace/early';
import { CpuSamples } from '../../analysis/gotrace/cpuProfile';
import { FormatError, type ParseContext } from '../types';
import { checkHeader, isV1, writtenBy } from './header';
import type { GoTraceModel } from './model';
import { readTrace, type ReadOptions } from './reader';
import { BYTES_PER_EVENT, readTraceV1 } from './v1/reader';
import { TraceError, TraceLimitError } from './varint';
import { formatCount, limitsOf } from '../limits';

export function parseGoTrace(data: Uint8Array, ctx: ParseContext): GoTraceModel {
  const version = checkHeader(data);
  const collected = new TraceCollector(limitsOf(ctx).maxTraceGoroutines);
  const model: GoTraceModel = { version, bytes: data.length, events: 0, generations: 0, collected, cpu: new CpuSamples() };
  let generations = 0;
  let good = 16;
  const early = ctx.partial ? new EarlyResults(model, ctx.partial.bind(ctx)) : null;
  const maxEvents = limitsOf(ctx).maxTraceEvents;
  const capReason = `only the first ${formatCount(maxEvents)} events are read (the limit per trace, to keep the tab's memory in bounds)`;
  const v1 = isV1(version);
  // A v1 trace is read whole: its events are held (BYTES_PER_EVENT each) besides the collector's ~14 B.
  const v1Max = Math.min(maxEvents, Math.floor(limitsOf(ctx).memoryBudget / (BYTES_PER_EVENT + 14)));
  try {
    const opts: ReadOptions = {
      onGeneration(gen, offset) {
        model.cpu.addGeneration(gen);
        generations++;
        good = offset;
        ctx.progress(offset, data.length);
        ctx.checkCancelled();
        early?.generation(generations, offset);
        // The cap is checked between generations, so what is kept is whole generations.
        if (collected.events >= maxEvents && offset < data.length) throw new TraceLimitError(capReason);
      },
    };
    const r = v1
      ? readTraceV1(data, version, collected.sink, {
          ...opts,
          maxEvents: v1Max,
          capReason: `it has more than ${formatCount(v1Max)} events (the limit for ${writtenBy(version)} traces, which are read whole, to keep the tab's memory in bounds)`,
          onProgress(f) {
            ctx.progress(Math.round(f * data.length), data.length);
            ctx.checkCancelled();
          },
        })
      : readTrace(data, version, collected.sink, opts);
    model.events = r.events;
    model.generations = r.generations;
    if (r.generations === 0) throw new FormatError(`this Go 1.${version} execution trace holds no events (only the header)`, 'gotrace-empty');
  } catch (e) {
    if (!(e instanceof TraceError) && !(e instanceof RangeError)) throw e;
    const reason = e.message;
    if (v1 && e instanceof TraceLimitError) throw new FormatError(`cannot analyse this ${writtenBy(version)} execution trace: ${reason}. Record a shorter trace.`, 'too-large');
    if (v1) {
      throw new FormatError(
        `this ${writtenBy(version)} execution trace ("go 1.${version} trace") is broken or cut: ${reason}. Traces of Go 1.21 and older are read whole (the clock frequency and stacks come last), so nothing of a damaged one can be used.`,
        'gotrace-broken',
      );
    }
    if (generations === 0 && e instanceof TraceLimitError) {
      throw new FormatError(`cannot analyse this Go 1.${version} execution trace: ${reason}, already within its first generation`, 'too-large');
    }
    if (generations === 0) {
      throw new FormatError(`this Go 1.${version} execution trace is broken or cut before its first complete generation: ${reason}`, 'gotrace-broken');
    }
    model.events = collected.events;
    model.generations = generations;
    model.truncated = { reason, bytesLost: data.length - good };
    if (e instanceof TraceLimitError) ctx.warn(`${reason}: ${generations} generations, ${(good / 1e6).toFixed(1)} of ${(data.length / 1e6).toFixed(1)} MB. Figures cover those; record a shorter trace to see the rest.`);
    else ctx.warn(
      `the trace is cut or damaged after generation ${generations} (${(good / 1e6).toFixed(1)} of ${(data.length / 1e6).toFixed(1)} MB read): ${reason}. Figures cover what was read before that point.`,
    );
  }
  collected.finish();
  return model;
}
