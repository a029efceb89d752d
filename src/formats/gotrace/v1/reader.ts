// The v1 trace reader (Go 1.11–1.21): bytes → the same `TraceEvent` stream
// the v2 reader gives its sink, so the same collector and analyses run.
// Go reads these traces whole (no generations): find the batches, merge them
// into one checked order, check the trace end to end, then convert. Events
// are held in columns (store.ts), never as objects. Throws TraceError where
// Go's reader fails; a v1 trace has nothing to keep from a broken part.

import type { Generation } from '../generation';
import type { TraceEvent } from '../order';
import type { ReadResult } from '../reader';
import { TraceError, TraceLimitError } from '../varint';
import { addConversionStrings, convertEvents } from './convert';
import { mergeEvents } from './merge';
import { V1Parser } from './parser';
import { BYTES_PER_EVENT } from './store';
import { validate } from './validate';
import { fillEvent, newEvent } from '../order';
import { Ev } from '../spec';

export { BYTES_PER_EVENT };

export interface V1ReadOptions {
  /** Called once, after the only generation (the whole trace): like the v2 reader's per-generation callback. */
  onGeneration?(gen: Generation, offset: number): void;
  /** Called during the passes with a fraction 0..1 of the work done. */
  onProgress?(fraction: number): void;
  /** Most events read; beyond it a TraceLimitError with `capReason` (v1 traces cannot be cut at a generation). */
  maxEvents?: number;
  capReason?: string;
}

/**
 * Reads a whole v1 trace (header already checked: `version` 11, 19 or 21),
 * calling `sink` for every event, two Sync markers included.
 */
export function readTraceV1(data: Uint8Array, version: number, sink: (ev: TraceEvent) => void, opts: V1ReadOptions = {}): ReadResult {
  const maxEvents = opts.maxEvents ?? Infinity;
  const capReason = opts.capReason ?? `the trace has more than ${maxEvents} events`;
  const parser = new V1Parser(data, version);
  const { procs, samples, events } = parser.scan();
  if (events > maxEvents) throw new TraceLimitError(capReason);
  opts.onProgress?.(0.1);
  const { store, order } = mergeEvents(parser, procs, samples, {
    maxEvents,
    capReason,
    onProgress: (n) => opts.onProgress?.(0.1 + (0.4 * n) / Math.max(1, events)),
  });
  if (parser.ticksPerSec === 0) throw new TraceError('no EvFrequency event');
  opts.onProgress?.(0.5);
  const first = order.first();
  const minTs = first >= 0 ? store.ts(first) : 0;
  const nsPerTick = 1e9 / parser.ticksPerSec;
  validate(store, order, parser.stacks, parser.timerGoids, (t) => Math.trunc((t - minTs) * nsPerTick));
  opts.onProgress?.(0.6);

  const { inlineIds, builtinIds } = addConversionStrings(parser.strings, parser.inlineStrings);
  const gen: Generation = {
    gen: 1,
    freq: nsPerTick,
    minTs: 0,
    batches: new Map(),
    batchMs: [],
    strings: parser.strings,
    stacks: parser.stacks,
    frames: parser.frames,
    cpuSamples: [],
    stackIds: new Uint8Array(0),
    stringIds: new Uint8Array(0),
    hasClockSnapshot: false,
    endOffset: data.length,
  };
  const res: ReadResult = { version, events: 0, generations: 0, goodOffset: 16 };
  const r = convertEvents({ store, order, gen, version, minTs, inlineIds, builtinIds }, sink, (f) => opts.onProgress?.(0.6 + 0.4 * f));
  res.events = r.events;
  if (first >= 0) {
    res.generations = 1;
    res.goodOffset = data.length;
    opts.onGeneration?.(gen, data.length);
  }
  res.events++;
  sink(fillEvent(newEvent(), Ev.SyncMarker, r.lastTs + 1, null, -1, -1, -1, first >= 0 ? 2 : 1, 0, 0, 0));
  return res;
}
