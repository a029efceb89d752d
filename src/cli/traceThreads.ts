// The CLI reads a big execution trace's chunks of generations in worker
// threads (src/kinds/gotraceChunks.ts), each thread opening the file and
// reading its own byte range a few MB at a time, and joins their parts in
// this thread. The pipeline is synchronous, so this thread waits on an
// Atomics flag and takes the parts with receiveMessageOnPort. The same
// module is the worker's code: the CLI's entry calls runTraceChunkWorker()
// when it is not the main thread.

import { availableParallelism, totalmem } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { closeSync, constants, openSync } from 'node:fs';
import { fdSource } from './readInput';
import type { ByteSource } from '../formats/byteSource';
import type { TraceChunkReader } from '../kinds/kind';
import { defaultTraceChunks, readTraceChunk, receivedTraceChunk, scanTraceChunk, sendableTraceChunk, withWorkersBefore, type LabelScanSummary, type TraceChunkJob, type TraceChunkPart } from '../kinds/gotraceChunks';

/**
 * Threads reading a file of `bytes`: as asked (--threads), else the binding's
 * default for this machine (defaultTraceChunks: one per core, 4 at most, on 4
 * cores or more and 8 GiB or more, for traces of 32–320 MiB; else one), as
 * the page does. The CLI keeps no timeline (analyze.ts), so on the 458 MB
 * bench trace two threads take 1.33× the file in memory and one 0.81× (with
 * timelines, on the 299 MB trace: 2.6× and 1.45×; the issue's bound is 1.5×),
 * and two save some wall time on a quiet 2-core machine (12.4 s against 13.9 s;
 * on the 299 MB trace 11.6–12.3 s against 14.8–16.9 s; the
 * chunks' CPU, each measured alone, would make 6.1 s in 4 chunks on 4 free
 * cores: bench/RESULTS.md, stop 30).
 */
export function traceThreadCount(bytes: number, asked?: number, cores = availableParallelism(), memoryGiB = totalmem() / 2 ** 30): number {
  if (asked !== undefined) return Math.max(1, Math.min(64, Math.floor(asked)));
  return defaultTraceChunks(bytes, cores, memoryGiB);
}

/** How long the threads may take to start. */
const START_WAIT_MS = 10_000;

interface ChunkWork {
  /** Scan the chunk's own generations for mark-worker labels, or read the chunk. */
  kind: 'scan' | 'read';
  file: string;
  size: number;
  job: TraceChunkJob;
  port: MessagePort;
  flag: SharedArrayBuffer;
}

type Reply = { part: TraceChunkPart } | { scan: LabelScanSummary } | { error: string };

/** A ByteSource over a file opened by path, with the size the main thread measured. */
function fileSource(file: string, size: number): { src: ByteSource; close(): void } {
  const fd = openSync(file, constants.O_RDONLY);
  return { src: fdSource(fd, size), close: () => closeSync(fd) };
}

/**
 * How to start a worker on `entry`: the bundled CLI's file as it is; under
 * tsx (`npm run analyze`, the entry is TypeScript) a small script that
 * registers tsx's loader in the worker first (Node 20's workers do not take
 * the loader tsx gave the main thread).
 */
function workerEntry(entry: URL): [string | URL, { eval?: boolean }] {
  if (!entry.pathname.endsWith('.ts')) return [entry, {}];
  const api = import.meta.resolve('tsx/esm/api');
  return [`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true }];
}

/** The worker's side: reads its chunk, sends the part (or the error's message), raises the flag. */
export function runTraceChunkWorker(): void {
  const w = workerData as ChunkWork;
  const flag = new Int32Array(w.flag);
  Atomics.add(flag, 1, 1);
  let reply: Reply;
  let transfer: ArrayBuffer[] = [];
  try {
    const { src, close } = fileSource(w.file, w.size);
    try {
      if (w.kind === 'scan') reply = { scan: scanTraceChunk(src, w.job) };
      else {
        const part = readTraceChunk(src, w.job);
        transfer = sendableTraceChunk(part);
        reply = { part };
      }
    } finally {
      close();
    }
  } catch (e) {
    reply = { error: e instanceof Error ? e.message : String(e) };
  }
  w.port.postMessage(reply, transfer);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** Runs `kind` for each job in a worker thread of its own, all at once; the replies in job order. Throws on the first error. */
function runPhase(entry: URL, file: string, size: number, kind: ChunkWork['kind'], jobs: TraceChunkJob[]): Reply[] {
  // [0]: replies sent, [1]: workers started.
  const flagBuf = new SharedArrayBuffer(8);
  const flag = new Int32Array(flagBuf);
  const runs = jobs.map((job) => {
    const { port1, port2 } = new MessageChannel();
    const work: ChunkWork = { kind, file, size, job, port: port2, flag: flagBuf };
    const [script, how] = workerEntry(entry);
    const worker = new Worker(script, { ...how, workerData: work, transferList: [port2] });
    // Errors reach the main thread as this thread's fallback (no reply), never as an uncaught event.
    worker.on('error', () => {});
    return { worker, port: port1, reply: null as Reply | null };
  });
  try {
    let done = 0;
    const t0 = Date.now();
    while (done < runs.length) {
      // A worker that never started (its module failed to load) would be waited for forever.
      if (Atomics.load(flag, 1) < runs.length && Date.now() - t0 > START_WAIT_MS) throw new Error('the reading threads did not start');
      const seen = Atomics.load(flag, 0);
      for (const r of runs) {
        if (r.reply) continue;
        const m = receiveMessageOnPort(r.port);
        if (m) {
          r.reply = m.message as Reply;
          done++;
          // One chunk failed: the trace will be read in one pass, so the others need not finish.
          if ('error' in r.reply) throw new Error(`chunk ${runs.indexOf(r)}: ${r.reply.error}`);
        }
      }
      if (done < runs.length) Atomics.wait(flag, 0, seen, 1000);
    }
  } finally {
    for (const r of runs) {
      r.port.close();
      void r.worker.terminate();
    }
  }
  return runs.map((r) => r.reply!);
}

/**
 * A TraceChunkReader that reads each chunk of `file` in a worker thread
 * running `entry` (the CLI's own module), `count` chunks at most.
 */
export function traceThreads(entry: URL, file: string, size: number, count: number): TraceChunkReader & { chunksRead: number; failure: string } {
  return {
    count,
    /** Chunks the last read() returned (0: none yet, or it failed and the trace was read sequentially). */
    chunksRead: 0,
    /** Why the chunks could not be used ('' if they were, or were not tried). */
    failure: '',
    failed(e) {
      this.chunksRead = 0;
      this.failure = e instanceof Error ? e.message : String(e);
    },
    read(jobs) {
      this.chunksRead = 0;
      // Every chunk but the last scans its own generations for mark-worker labels, in parallel; each chunk
      // then reads knowing the workers the scans before it found (rather than the last of n scanning
      // (n − 1)/n of the file before it reads).
      const scans = runPhase(entry, file, size, 'scan', jobs.slice(0, -1)).map((r, k) => {
        if (!('scan' in r)) throw new Error(`chunk ${k}: its scan sent no result`);
        return r.scan;
      });
      const reads = jobs.map((job, k) => (k === 0 ? job : withWorkersBefore(job, scans.slice(0, k))));
      const parts = runPhase(entry, file, size, 'read', reads).map((r, k) => {
        if (!('part' in r)) throw new Error(`chunk ${k}: its read sent no part`);
        return receivedTraceChunk(r.part);
      });
      this.chunksRead = parts.length;
      return parts;
    },
  };
}
