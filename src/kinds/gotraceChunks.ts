// An execution trace read in chunks of whole generations, each chunk by
// itself into its own analyses (the collector, the timeline's span store, the
// CPU samples), then joined into the model one sequential read builds. The
// chunks can be read in any thread: a host (the CLI's threads) runs
// readTraceChunk where it likes, sends the part back (classTransfer +
// TRACE_CHUNK_CLASSES) and joins the parts in order. Every analysis is the
// sequential one (tests/unit/gotrace/chunkModel.test.ts); a trace the
// generation scan finds broken, or a chunk that fails, is read sequentially.

import { TraceCollector } from '../analysis/gotrace/collect';
import { CpuSamples } from '../analysis/gotrace/cpuSamples';
import { SpanStore } from '../analysis/gotrace/spanStore';
import { gcWorkersBefore, gcWorkersOf, joinLabelScans, scanLabels, type LabelScanSummary } from '../analysis/gotrace/gcWorkers';

export type { LabelScanSummary };
import type { GoTraceModel } from '../analysis/gotrace/model';
import { scanGenerations } from '../formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../formats/gotrace/header';
import { readTrace } from '../formats/gotrace/reader';
import { firstEventTime, planChunks, SplitReadFailed, type ChunkRange } from '../formats/gotrace/split';
import { headBytes, type ByteSource } from '../formats/byteSource';
import { timelineBudget, type Limits } from '../formats/limits';
import { restoreClasses, tagClasses } from '../lib/classTransfer';
import { TRACE_CHUNK_CLASSES } from '../analysis/gotrace/chunkTransfer';

/** Below this a trace is read in one pass by default: starting threads or workers costs more than they save. */
export const MIN_PARALLEL_BYTES = 32 << 20;
/**
 * Above this too: every chunk after the first keeps a log for the
 * utilization and a timeline of its own until the join, so two chunks of the
 * 299 MB bench trace took 2.6× the file where one read takes 1.45×
 * (bench/RESULTS.md, stop 30; without timelines, as the CLI reads since stop 32,
 * two chunks of a 458 MB trace take 1.33× and one read 0.81×). Past this size
 * one read keeps memory bounded.
 */
export const MAX_PARALLEL_BYTES = 320 << 20;
/**
 * Least cores for reading apart by default: on 2 cores the chunks share them
 * with the join (and, in the page, with the page), and two chunks of the 299
 * MB bench trace took 14.4–15.6 s in Chromium where one read took 13.9–16.4 s
 * (the CLI's two threads: 11.6–12.3 s against 14.8–16.9 s).
 */
export const MIN_PARALLEL_CORES = 4;
/** Least memory (GiB, where known) for reading apart by default: four chunks of the 299 MB trace took 3.3× the file in Chromium. */
export const MIN_PARALLEL_MEMORY_GIB = 8;

/**
 * Chunks a trace of `bytes` is read in when nobody asked: one per core, 4 at
 * most, on MIN_PARALLEL_CORES cores or more and MIN_PARALLEL_MEMORY_GIB or
 * more (where `memoryGiB` is known), for a trace of MIN_PARALLEL_BYTES to
 * MAX_PARALLEL_BYTES; else one. (Each chunk's CPU measured alone, 4 chunks of
 * the 299 MB trace on 4 free cores would take about 6.1 s against 15 s in
 * one pass.)
 */
export function defaultTraceChunks(bytes: number, cores: number, memoryGiB?: number): number {
  if (bytes < MIN_PARALLEL_BYTES || bytes > MAX_PARALLEL_BYTES || !(cores >= MIN_PARALLEL_CORES)) return 1;
  if (memoryGiB !== undefined && !(memoryGiB >= MIN_PARALLEL_MEMORY_GIB)) return 1;
  return Math.min(Math.floor(cores), 4);
}

/** Readies a part to be posted to another thread; returns the buffers to transfer with it. */
export function sendableTraceChunk(part: TraceChunkPart): ArrayBuffer[] {
  return tagClasses(part, TRACE_CHUNK_CLASSES);
}

/** A part as posted by sendableTraceChunk, with its classes back. */
export function receivedTraceChunk(posted: unknown): TraceChunkPart {
  return restoreClasses(posted as TraceChunkPart, TRACE_CHUNK_CLASSES);
}

/** One chunk to read: its byte range and what every chunk must agree on. */
export interface TraceChunkJob {
  range: ChunkRange;
  /** Its place among the chunks (0 begins the trace). */
  index: number;
  version: number;
  /** The time of the trace's first event (firstEventTime). */
  traceStart: number;
  /** The whole trace's timeline budget (each chunk's store may use it; the joined one keeps within it). 0: no timeline. */
  timelineBytes: number;
  maxGoroutines: number;
  readBytes: number;
  /**
   * The mark workers before the chunk, when its host found them already
   * (../analysis/gotrace/gcWorkers.ts: scans of the chunks before it, joined);
   * absent, the chunk scans every generation before it itself.
   */
  gcWorkers?: number[];
}

/** What reading one chunk made. */
export interface TraceChunkPart {
  collected: TraceCollector;
  spans: SpanStore;
  cpu: CpuSamples;
  events: number;
  generations: number;
  /** Times of its first and last events (NaN: none). */
  first: number;
  last: number;
}

/**
 * The chunks to read a trace in (`n` at most), or null when it is not to be
 * read apart: a v1 trace, fewer than two generations, or a generation scan
 * that stopped early (the sequential read then keeps what it can and warns).
 */
export function planTraceChunks(data: Uint8Array | ByteSource, n: number, limits: Limits): TraceChunkJob[] | null {
  const version = checkHeader(headBytes(data, 16));
  if (isV1(version) || n < 2) return null;
  const scan = scanGenerations(data, version);
  if (scan.error || scan.ranges.length < 2) return null;
  const size = data instanceof Uint8Array ? data.length : data.size;
  const ranges = planChunks(scan.ranges, n, size);
  const traceStart = firstEventTime(data, version, scan.ranges);
  return ranges.map((range, index) => ({
    range,
    index,
    version,
    traceStart,
    timelineBytes: timelineBudget(limits, size),
    maxGoroutines: limits.maxTraceGoroutines,
    readBytes: limits.traceReadBytes,
  }));
}

/**
 * Reads one chunk into its own analyses (any thread). Throws as the reader
 * does. `progress`: told the bytes of its range read so far, after each
 * generation.
 */
export function readTraceChunk(data: Uint8Array | ByteSource, job: TraceChunkJob, progress?: (doneBytes: number) => void): TraceChunkPart {
  const collected = new TraceCollector(job.maxGoroutines);
  const spans = new SpanStore(job.timelineBytes);
  const cpu = new CpuSamples();
  if (job.index > 0) {
    collected.startChunk(job.traceStart, job.gcWorkers ?? gcWorkersBefore(data, job.version, job.range));
    spans.startChunk();
  }
  let first = NaN;
  const timeline = job.timelineBytes > 0;
  const res = readTrace(
    data,
    job.version,
    (ev) => {
      if (first !== first) first = ev.time;
      collected.event(ev);
      if (timeline) spans.event(ev);
    },
    {
      range: job.range,
      readBytes: job.readBytes,
      onGeneration: (gen, end) => {
        cpu.addGeneration(gen);
        progress?.(end - job.range.start);
      },
    },
  );
  collected.forgetGenerations();
  spans.forgetGenerations();
  return { collected, spans, cpu, events: res.events, generations: res.generations, first, last: collected.events > 0 ? collected.lastTime : NaN };
}

/**
 * A label scan of the chunk's own generations: what the chunks after it need
 * to know of it before they read (withWorkersBefore). Chunks scan in
 * parallel, each a fraction of the file, where each chunk scanning every
 * generation before it would make the last of n scan (n − 1)/n of it.
 */
export function scanTraceChunk(data: Uint8Array | ByteSource, job: TraceChunkJob): LabelScanSummary {
  return scanLabels(data, job.version, job.range.emitFrom, job.range.end);
}

/** Job k handed the mark workers found by `scans` (those of chunks 0 … k − 1, in any order; k ≥ 1). Throws as gcWorkersBefore does. */
export function withWorkersBefore(job: TraceChunkJob, scans: LabelScanSummary[]): TraceChunkJob {
  return { ...job, gcWorkers: gcWorkersOf(scans.reduce((a, b) => joinLabelScans(a, b))) };
}

/**
 * Joins the parts (in chunk order) into the model of the whole trace. Throws
 * SplitReadFailed when a chunk's first event is not after the previous
 * chunk's last (the reader's clock rule would have moved it in one pass).
 */
export function joinTraceChunks(parts: TraceChunkPart[], version: number, bytes: number): GoTraceModel {
  for (let k = 1; k < parts.length; k++) {
    if (!(parts[k].first > parts[k - 1].last)) throw new SplitReadFailed(new Error(`chunk ${k} begins at ${parts[k].first} ns, not after the chunk before it (${parts[k - 1].last} ns)`));
  }
  const [head, ...rest] = parts;
  let events = head.events;
  let generations = head.generations;
  for (const p of rest) {
    head.collected.absorb(p.collected);
    head.spans.absorb(p.spans);
    head.cpu.absorb(p.cpu);
    events += p.events;
    generations += p.generations;
  }
  head.collected.finish();
  head.spans.finish();
  return { version, bytes, events, generations, collected: head.collected, cpu: head.cpu, spans: head.spans };
}
