// A v2 trace read in chunks of whole generations, each with its own reader,
// and the chunks' events joined into the stream the sequential reader
// delivers, field for field. A chunk starts one generation early and reads it
// without delivering it (a warm-up): every generation restates the status of
// every goroutine and P, so after one generation the chunk's ordering state is
// the sequential reader's (checked on every fixture, split at every
// generation: tests/unit/gotrace/split.test.ts). The join then only redoes
// the reader's one cross-chunk rule: timestamps strictly increasing.
//
// Knows nothing of threads: a host (the worker, the CLI) runs the chunks
// where it likes and hands their columns back in order.

import type { GenerationRange } from './boundaries';
import type { Generation } from './generation';
import { newEvent, type TraceEvent } from './order';
import type { ReadLoop } from './parse';
import { readTrace, type ReadOptions, type ReadResult } from './reader';
import type { ByteSource } from '../byteSource';

/** What one chunk reads: `ReadOptions.range`. */
export type ChunkRange = NonNullable<ReadOptions['range']>;

/** The chunks of `ranges` (all the trace's generations) that start at the given generation indexes (the first is 0). */
export function chunksAt(ranges: GenerationRange[], starts: number[], bytes: number): ChunkRange[] {
  const out: ChunkRange[] = [];
  for (let k = 0; k < starts.length; k++) {
    const i = starts[k];
    const j = k + 1 < starts.length ? starts[k + 1] : ranges.length;
    const last = j === ranges.length;
    out.push({
      start: ranges[Math.max(0, i - 1)].start,
      emitFrom: ranges[i].start,
      end: last ? bytes : ranges[j - 1].end,
      syncsBefore: i,
      last,
    });
  }
  return out;
}

/** Up to `n` chunks of about equal bytes (at least one generation each). */
export function planChunks(ranges: GenerationRange[], n: number, bytes: number): ChunkRange[] {
  const starts = [0];
  const total = ranges.length ? ranges[ranges.length - 1].end - ranges[0].start : 0;
  for (let i = 1; i < ranges.length && starts.length < n; i++) {
    if (ranges[i].start - ranges[0].start >= (total * starts.length) / n) starts.push(i);
  }
  return chunksAt(ranges, starts, bytes);
}

/**
 * The time of the trace's first event (its first Sync), which the analyses of
 * a chunk that does not begin the trace count some series from: the first
 * generation is read up to that event and no further.
 */
export function firstEventTime(data: Uint8Array | ByteSource, version: number, ranges: GenerationRange[]): number {
  const stop = {};
  let t = NaN;
  try {
    readTrace(data, version, (ev) => {
      t = ev.time;
      throw stop;
    }, { range: { start: ranges[0].start, emitFrom: ranges[0].start, end: ranges[0].end, syncsBefore: 0, last: ranges.length === 1 } });
  } catch (e) {
    if (e !== stop) throw e;
  }
  return t;
}

/** Fields per event in EventColumns. */
export const EVENT_FIELDS = 12;

/** Events per block of EventColumns (3 MiB): fixed blocks, since doubling one array per generation costs more than reading it. */
const BLOCK_EVENTS = 32768;

/** A chunk's events as Float64Array blocks (type, time, g, p, m, a0–a3, from, to, generation number): transferable. */
export class EventColumns {
  private blocks: Float64Array[] = [];
  private a = new Float64Array(EVENT_FIELDS * BLOCK_EVENTS);
  private o = 0;

  readonly sink = (ev: TraceEvent): void => {
    let a = this.a;
    let o = this.o;
    if (o === a.length) {
      this.blocks.push(a);
      this.a = a = new Float64Array(EVENT_FIELDS * BLOCK_EVENTS);
      o = 0;
    }
    a[o] = ev.type;
    a[o + 1] = ev.time;
    a[o + 2] = ev.g;
    a[o + 3] = ev.p;
    a[o + 4] = ev.m;
    a[o + 5] = ev.a0;
    a[o + 6] = ev.a1;
    a[o + 7] = ev.a2;
    a[o + 8] = ev.a3;
    a[o + 9] = ev.from;
    a[o + 10] = ev.to;
    a[o + 11] = ev.gen ? ev.gen.gen : -1;
    this.o = o + EVENT_FIELDS;
  };

  /** The events so far (the last block cut to its filled part), and an empty start for what follows. */
  take(): Float64Array[] {
    const out = this.blocks;
    if (this.o > 0) out.push(this.a.slice(0, this.o));
    this.blocks = [];
    this.o = 0;
    return out;
  }
}

/** Events in blocks. */
export function eventCount(blocks: Float64Array[]): number {
  let n = 0;
  for (const b of blocks) n += b.length / EVENT_FIELDS;
  return n;
}

/** What a chunk hands back per generation: its events and its tables. */
export interface ChunkGeneration {
  gen: Generation;
  /** Byte offset just past it. */
  offset: number;
  events: Float64Array[];
}

/**
 * Reads one chunk, calling `onGeneration` after each of its generations
 * with that generation's events (the final Sync of the last chunk comes in
 * the `tail` of the result). Throws TraceError as the reader does.
 */
export function readChunk(data: Uint8Array, version: number, range: ChunkRange, onGeneration: (g: ChunkGeneration) => void): { result: ReadResult; tail: Float64Array[] } {
  const cols = new EventColumns();
  const result = readTrace(data, version, cols.sink, {
    range,
    onGeneration(gen, offset) {
      onGeneration({ gen, offset, events: cols.take() });
    },
  });
  return { result, tail: cols.take() };
}

/** Joins chunks' event columns into one stream: the reader's clock, carried across chunks. */
export class EventJoin {
  private readonly ev = newEvent();
  /** Kept in a field: a double in a closure slot is boxed per event. */
  private lastTs = 0;

  /** Delivers `blocks` of events (of generation `gen`; the final Sync names none) to `sink` in order. */
  replay(blocks: Float64Array[], gen: Generation | null, sink: (ev: TraceEvent) => void): void {
    for (const b of blocks) this.replayBlock(b, gen, sink);
  }

  private replayBlock(events: Float64Array, gen: Generation | null, sink: (ev: TraceEvent) => void): void {
    const ev = this.ev;
    for (let o = 0; o < events.length; o += EVENT_FIELDS) {
      let t = events[o + 1];
      if (t <= this.lastTs) t = this.lastTs + 1;
      this.lastTs = t;
      ev.type = events[o];
      ev.time = t;
      ev.g = events[o + 2];
      ev.p = events[o + 3];
      ev.m = events[o + 4];
      ev.a0 = events[o + 5];
      ev.a1 = events[o + 6];
      ev.a2 = events[o + 7];
      ev.a3 = events[o + 8];
      ev.from = events[o + 9];
      ev.to = events[o + 10];
      ev.gen = events[o + 11] < 0 ? null : gen;
      sink(ev);
    }
  }
}

/**
 * A ReadLoop (./parse.ts) over chunks read one after another in this thread:
 * the split read without threads, which the tests compare with the
 * sequential one. A host with threads reads the chunks elsewhere and replays
 * their generations the same way.
 */
export function splitLoop(chunks: ChunkRange[]): ReadLoop {
  return (data, version, sink, opts, res) => {
    const join = new EventJoin();
    let callers: unknown = null;
    try {
      for (const range of chunks) {
        const { tail } = readChunk(data, version, range, (g) => {
          try {
            join.replay(g.events, g.gen, sink);
            res.events += eventCount(g.events);
            res.generations++;
            res.goodOffset = g.offset;
            opts.onGeneration?.(g.gen, g.offset);
          } catch (e) {
            callers = e;
            throw e;
          }
        });
        join.replay(tail, null, sink);
        res.events += eventCount(tail);
      }
    } catch (e) {
      if (e === callers) throw e;
      throw new SplitReadFailed(e);
    }
  };
}

/**
 * A chunk could not be read. The sequential reader delivers a broken
 * generation's events up to the error, which a chunk cannot join in order:
 * the caller reads the trace again sequentially (a trace whose generation scan
 * found no error is not expected to get here).
 */
export class SplitReadFailed extends Error {
  constructor(readonly reason: unknown) {
    super(`a chunk of the trace could not be read apart: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}
