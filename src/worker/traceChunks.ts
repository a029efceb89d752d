// A big execution trace dropped in the page is read in chunks of whole
// generations, in parallel, by workers this (the analysis) worker starts, one
// per chunk (./traceChunkWorker.ts); each reads its byte range of the File
// itself. A chunk must know the goroutines labelled as mark workers before it
// (../analysis/gotrace/gcWorkers.ts); rather than each scanning every
// generation before it (the last of n chunks would scan (n − 1)/n of the
// file first), every chunk but the last scans its own generations, in
// parallel, and chunk k is handed the join of the scans before it. The parts
// are then joined, in the sequential pipeline, into exactly the model one read
// makes (src/kinds/gotraceChunks.ts). Any failure (a worker that cannot
// start, a chunk that fails) leaves the trace to the sequential read, which
// gives its own verdict on a broken file. While the chunks are read the page
// shows their progress but no early results (a chunk's figures mean nothing
// before the join).

import { defaultTraceChunks, planTraceChunks, receivedTraceChunk, withWorkersBefore, type LabelScanSummary, type TraceChunkJob, type TraceChunkPart } from '../kinds/gotraceChunks';
import type { TraceChunkReader } from '../kinds/kind';
import type { ByteSource } from '../formats/byteSource';
import { limitsOf } from '../formats/limits';
import type { ChunkMessage, ChunkRequest } from './traceChunkWorker';
import { chunkStats } from './traceChunkStats';

/** Chunk workers at most. */
export const MAX_TRACE_WORKERS = 8;

/**
 * Workers to read a trace of `bytes` with: `asked` (the page's ?traceWorkers=
 * N, 1 to MAX_TRACE_WORKERS) if given, else the binding's default for the
 * machine (defaultTraceChunks: on 4 cores or more, 8 GiB or more where the
 * browser says, traces of 32–320 MiB; else one).
 */
export function traceWorkerCount(bytes: number, cores: number, asked?: number, deviceMemoryGiB?: number): number {
  if (asked !== undefined && Number.isInteger(asked) && asked >= 1) return Math.min(asked, MAX_TRACE_WORKERS);
  return defaultTraceChunks(bytes, cores, deviceMemoryGiB);
}

/**
 * Reads the chunks of the trace in `blob` (read here through `src`) in
 * `count` workers; resolves to a TraceChunkReader that hands the parts to the
 * pipeline, or undefined when the trace is not to be read apart (not a
 * splittable v2 trace, fewer than two workers) or a chunk failed.
 * `progress`: bytes read by all chunks together.
 */
export async function readTraceChunksInWorkers(blob: Blob, src: ByteSource, count: number, progress?: (done: number, total: number) => void): Promise<TraceChunkReader | undefined> {
  if (count < 2 || typeof Worker === 'undefined') return undefined;
  let jobs: TraceChunkJob[] | null;
  try {
    jobs = planTraceChunks(src, count, limitsOf(undefined));
  } catch {
    return undefined;
  }
  if (!jobs) return undefined;
  const planned = jobs;
  const n = planned.length;
  const done = new Float64Array(n);
  const scans: (LabelScanSummary | undefined)[] = new Array(n);
  const workers: Worker[] = [];
  let parts: TraceChunkPart[];
  try {
    parts = await new Promise<TraceChunkPart[]>((resolve, reject) => {
      const got: (TraceChunkPart | undefined)[] = new Array(n);
      let received = 0;
      const reading = new Uint8Array(n);
      const ask = (k: number, kind: ChunkRequest['kind'], job: TraceChunkJob) => workers[k].postMessage({ kind, blob, job } satisfies ChunkRequest);
      // Chunk k reads once the chunks before it were scanned: it is handed the mark workers they found.
      const readWhatCan = () => {
        for (let k = 0; k < n; k++) {
          if (!reading[k]) {
            reading[k] = 1;
            ask(k, 'read', k === 0 ? planned[0] : withWorkersBefore(planned[k], scans.slice(0, k) as LabelScanSummary[]));
          }
          if (k === n - 1 || !scans[k]) break;
        }
      };
      for (const job of planned) {
        const k = job.index;
        const w = new Worker(new URL('./traceChunkWorker.ts', import.meta.url), { type: 'module', name: `gotune-trace-chunk-${k}` });
        workers.push(w);
        w.onerror = (e) => reject(new Error(`chunk ${k}: its worker failed${e.message ? `: ${e.message}` : ''}`));
        w.onmessageerror = () => reject(new Error(`chunk ${k}: its part could not be received`));
        w.onmessage = (e: MessageEvent<ChunkMessage>) => {
          try {
            const m = e.data;
            if ('scan' in m) {
              scans[k] = m.scan;
              readWhatCan();
            } else if ('done' in m) {
              done[k] = m.done;
              progress?.(done.reduce((a, b) => a + b, 0), src.size);
            } else if ('part' in m) {
              got[k] = receivedTraceChunk(m.part);
              if (++received === n) resolve(got as TraceChunkPart[]);
            } else reject(new Error(`chunk ${k}: ${m.error}`));
          } catch (err) {
            reject(err);
          }
        };
      }
      // Every chunk but the last scans its own generations first (in parallel); the first reads right after.
      for (let k = 0; k < n - 1; k++) ask(k, 'scan', planned[k]);
      readWhatCan();
    });
  } catch (e) {
    chunkStats.lastFailure = e instanceof Error ? e.message : String(e);
    chunkStats.lastChunks = 0;
    return undefined;
  } finally {
    for (const w of workers) w.terminate();
  }
  const key = JSON.stringify(planned);
  return {
    count,
    read(js) {
      // The pipeline plans the same chunks again from the same bytes.
      if (JSON.stringify(js) !== key) throw new Error('the chunks planned for the read differ from those read');
      const out = parts;
      parts = [];
      if (out.length !== js.length) throw new Error('the chunks were already handed over');
      chunkStats.reads++;
      chunkStats.lastChunks = out.length;
      chunkStats.lastFailure = '';
      return out;
    },
    failed(e) {
      chunkStats.lastChunks = 0;
      chunkStats.lastFailure = e instanceof Error ? e.message : String(e);
    },
  };
}
