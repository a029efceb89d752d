// Shared by the chunk tests: a trace's chunks read apart, each into its own
// collector (as a thread would), joined with absorb(), and the collector's
// figures as plain data to compare with the sequential read's.

import { gcWorkersBefore } from '../../../src/analysis/gotrace/gcWorkers';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader } from '../../../src/formats/gotrace/header';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { chunksAt, firstEventTime, planChunks, type ChunkRange } from '../../../src/formats/gotrace/split';
import type { GenerationRange } from '../../../src/formats/gotrace/boundaries';
import { TraceCollector } from '../../../src/analysis/gotrace/collect';

/** Everything the collector holds that the analyses read (but `util`). */
export function collectorFigures(c: TraceCollector) {
  const lat = c.latencies;
  const buckets = c.buckets.map((b) => Array.from(b.subarray(0, c.nBuckets)));
  return {
    events: c.events,
    byKind: c.byKindRecord(),
    firstTime: c.firstTime,
    lastTime: c.lastTime,
    generations: c.generationsSoFar(),
    gc: { start: c.gcStart, end: c.gcEnd, forced: c.forcedGcT, cpuAtStart: c.gcCpuAtStart, procsAtStart: c.procsAtStart, heapStart: c.gcHeapStart, heapPeak: c.gcHeapPeak, live: c.gcLive },
    gcCpu: { stw: c.gcStwProcNs, workers: c.workerNs, assists: c.assistNs },
    stw: { start: c.stwStart, end: c.stwEnd, reason: c.stwReason, heap: c.stwHeap },
    heap: { t: Array.from({ length: c.heapT.length }, (_, i) => c.heapT.get(i)), v: Array.from({ length: c.heapV.length }, (_, i) => c.heapV.get(i)), last: c.lastHeap, peak: c.peakHeap },
    goal: [c.goalT, c.goalV],
    procs: [c.procsT, c.procsV],
    states: { counts: Array.from(c.stateCounts), max: Array.from(c.maxCounts), bucketNs: c.bucketNs, buckets },
    latency: { count: lat.count, total: lat.total, min: lat.min, max: lat.max, ranks: lat.ranks([0.5, 0.9, 0.99, 1]), hist: lat.histogram(4, 1e6), perG: c.latencyPerGoroutine() },
    blocking: { reasons: [...c.blockByReason.entries()].filter(([, a]) => a.count > 0), sites: c.blockSites.filter((a) => a.count > 0).map(({ reasonAgg: _r, ...a }) => a) },
    cpu: { n: c.cpuSamples, byStack: [...c.cpuByStack.entries()] },
    user: { tasks: [...c.tasks.entries()], open: c.tasksOpen, regions: [...c.regions.entries()], openRegions: [...c.openRegions().entries()], logs: [...c.logs.entries()] },
  };
}

/** The collectors of each chunk, read apart; and the first and last event times each delivered. */
export function readChunks(data: Uint8Array, chunks: ChunkRange[], make: () => TraceCollector = () => new TraceCollector()) {
  const version = checkHeader(data);
  const start = firstEventTime(data, version, scanGenerations(data, version).ranges);
  return chunks.map((range, k) => {
    const c = make();
    if (k > 0) c.startChunk(start, gcWorkersBefore(data, version, range));
    let first = NaN;
    readTrace(data, version, (ev) => {
      if (Number.isNaN(first)) first = ev.time;
      c.event(ev);
    }, { range });
    return { c, first, last: c.lastTime };
  });
}

/** The chunks joined left to right and finished. */
export function joined(parts: { c: TraceCollector }[]): TraceCollector {
  const head = parts[0].c;
  for (const p of parts.slice(1)) head.absorb(p.c);
  head.finish();
  return head;
}


/**
 * The splits the chunk tests read a trace in: at every generation, in 2 and in
 * 3 chunks — each layout once (on a trace of 2 generations they are all the
 * same split, read once).
 */
export function splitPlans(ranges: GenerationRange[], bytes: number): [string, ChunkRange[]][] {
  const plans: [string, ChunkRange[]][] = [
    ['at every generation', chunksAt(ranges, ranges.map((_, i) => i), bytes)],
    ['in 2 chunks', planChunks(ranges, 2, bytes)],
    ['in 3 chunks', planChunks(ranges, 3, bytes)],
  ];
  const seen = new Set<string>();
  return plans.filter(([, chunks]) => {
    const key = JSON.stringify(chunks);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `read` once per chunk layout: the plans of a trace of 1 or 2 generations are
 * one layout (what splitPlans drops), and a test per plan checks the same read.
 */
export function perLayout<T>(read: (chunks: ChunkRange[]) => T): (chunks: ChunkRange[]) => T {
  const done = new Map<string, T>();
  return (chunks) => {
    const key = JSON.stringify(chunks);
    if (!done.has(key)) done.set(key, read(chunks));
    return done.get(key)!;
  };
}
