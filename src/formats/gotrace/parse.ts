// Bytes → a read execution trace: header check, the reader handing every
// event to the caller's sink, progress per generation, and the policy for
// broken traces (keep the complete generations and warn; fail only when not
// even one is complete). Like Go's internal/trace Reader, it knows nothing of
// what consumes the events: the binding (src/kinds/gotrace.ts) passes the
// analyses' collector as the sink.

import { FormatError, type ParseContext } from '../types';
import type { Generation } from './generation';
import { checkHeader, isV1, writtenBy } from './header';
import type { TraceEvent } from './order';
import { readTrace, type ReadOptions, type ReadResult } from './reader';

/**
 * How a v2 trace's events are produced: the sequential reader by default, or
 * chunks read apart and joined (./split.ts). Same contract as readTrace.
 */
export type ReadLoop = (data: Uint8Array, version: number, sink: (ev: TraceEvent) => void, opts: ReadOptions, res: ReadResult) => void;
import { BYTES_PER_EVENT, readTraceV1 } from './v1/reader';
import { TraceError, TraceLimitError } from './varint';
import { limitsOf } from '../limits';
import { headBytes, isByteSource, wholeBytes, type ByteSource } from '../byteSource';
import { formatBytes, formatCount } from '../../lib/display';

/** What reading a trace established about it. */
export interface GoTraceRead {
  /** N of the "go 1.N trace" header. */
  version: number;
  bytes: number;
  /** Events delivered by the reader, Sync markers and CPU samples included. */
  events: number;
  /** Complete generations read. */
  generations: number;
  /** Set when reading stopped early: the reason, and how many bytes were left unread. */
  truncated?: { reason: string; bytesLost: number };
}

/**
 * Reads the whole trace, calling `onEvent` for every event (the object is
 * reused: keep what you need, not it) and `onGeneration` after each complete
 * generation with its tables (stacks, frames, strings, CPU samples).
 * `keptBytes`: what the caller holds so far (its estimate); a v2 trace stops
 * between generations once that passes the memory budget (limits.ts), so a
 * trace of any length is read whole as long as what is kept of it fits.
 * From a ByteSource a v2 trace is read a generation at a time (the default
 * loop); a v1 trace, or another loop, gets the whole bytes.
 */
export function readGoTrace(
  input: Uint8Array | ByteSource,
  ctx: ParseContext,
  onEvent: (ev: TraceEvent) => void,
  onGeneration?: (gen: Generation, generations: number, doneBytes: number) => void,
  keptBytes?: () => number,
  loop: ReadLoop = readTrace,
): GoTraceRead {
  const version = checkHeader(headBytes(input, 16));
  const size = isByteSource(input) ? input.size : input.length;
  const read: GoTraceRead = { version, bytes: size, events: 0, generations: 0 };
  const res: ReadResult = { version, events: 0, generations: 0, goodOffset: 16 };
  let generations = 0;
  let good = 16;
  const maxEvents = limitsOf(ctx).maxTraceEvents;
  const budget = limitsOf(ctx).memoryBudget;
  const v1 = isV1(version);
  const pieces = isByteSource(input) && !v1 && loop === readTrace;
  const data = pieces ? input : wholeBytes(input);
  // A v1 trace is read whole: its events are held (BYTES_PER_EVENT each) besides the collector's ~14 B.
  const v1Max = Math.min(maxEvents, Math.floor(limitsOf(ctx).memoryBudget / (BYTES_PER_EVENT + 14)));
  try {
    const opts: ReadOptions = {
      readBytes: limitsOf(ctx).traceReadBytes,
      onGeneration(gen, offset) {
        generations++;
        good = offset;
        ctx.progress(offset, size);
        ctx.checkCancelled();
        onGeneration?.(gen, generations, offset);
        // The bound is checked between generations, so what is kept is whole generations.
        if (keptBytes && offset < size) {
          const kept = keptBytes();
          if (kept > budget) {
            throw new TraceLimitError(
              `only the first ${formatBytes(offset)} are read: what the analyses keep of them already takes ~${formatBytes(kept)}, over the ${formatBytes(budget)} limit per trace that keeps the tab's memory in bounds`,
            );
          }
        }
      },
    };
    if (v1) {
      Object.assign(
        res,
        readTraceV1(wholeBytes(data), version, onEvent, {
          ...opts,
          maxEvents: v1Max,
          capReason: `it has more than ${formatCount(v1Max)} events (the limit for ${writtenBy(version)} traces, which are read whole, to keep the tab's memory in bounds)`,
          onProgress(f) {
            ctx.progress(Math.round(f * size), size);
            ctx.checkCancelled();
          },
        }),
      );
    } else if (isByteSource(data)) readTrace(data, version, onEvent, opts, res);
    else loop(data, version, onEvent, opts, res);
    read.events = res.events;
    read.generations = res.generations;
    if (res.generations === 0) throw new FormatError(`this Go 1.${version} execution trace holds no events (only the header)`, 'gotrace-empty');
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
    read.events = res.events;
    read.generations = generations;
    read.truncated = { reason, bytesLost: size - good };
    if (e instanceof TraceLimitError) ctx.warn(`${reason}: ${generations} generations, ${(good / 1e6).toFixed(1)} of ${(size / 1e6).toFixed(1)} MB. Figures cover those; record a shorter trace to see the rest.`);
    else ctx.warn(
      `the trace is cut or damaged after generation ${generations} (${(good / 1e6).toFixed(1)} of ${(size / 1e6).toFixed(1)} MB read): ${reason}. Figures cover what was read before that point.`,
    );
  }
  return read;
}
