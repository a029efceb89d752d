// The core worker methods: analyse inputs (the page assembles the session report itself: only findings are combined, so sending every report here and back was a copy of the whole session per input).

import type { CoreWorkerApi, ProgressFn } from './api';
import type { InputReport } from '../report/schema';
import { models } from './models';
import { blobSource } from './blobSource';
import { chunkStats } from './traceChunkStats';
import type { ByteSource } from '../formats/byteSource';

let parses = 0;

/** Calls `fn` at most every `ms` milliseconds, plus the final call. */
function throttle(fn: ProgressFn | undefined, ms: number): ProgressFn {
  let last = 0;
  return (done, total, phase) => {
    if (!fn) return;
    const now = performance.now();
    if (done >= total || now - last >= ms) {
      last = now;
      void fn(done, total, phase);
    }
  };
}

/** The parsers and analyses: a chunk of their own, loaded with the first input (see unwrapAndAnalyze.ts). */
const analysisCode = () => import('./unwrapAndAnalyze');

export const coreApi: CoreWorkerApi = {
  async analyze(id, name, data, onProgress, onPartial, options) {
    parses++;
    const progress = throttle(onProgress, 50);
    // A File is read in slices as the parser asks (an execution trace a generation at a time), not whole.
    let input: Uint8Array | ByteSource;
    if (data instanceof Blob) {
      progress(0, data.size, 'read');
      input = blobSource(data) ?? new Uint8Array(await data.arrayBuffer());
    } else input = new Uint8Array(data);
    const partial = onPartial ? (r: InputReport) => void onPartial(r) : undefined;
    const { unwrapAndAnalyze } = await analysisCode();
    const chunked = data instanceof Blob && !(input instanceof Uint8Array) ? { blob: data, ...(options?.traceWorkers !== undefined ? { traceWorkers: options.traceWorkers } : {}) } : {};
    const { report, model } = await unwrapAndAnalyze(id, name, input, { progress, partial, ...chunked });
    if (model !== undefined) models.set(id, model);
    return report;
  },
  loaded: () => [...models.keys()],
  drop: (id) => {
    // With the models restored for it (`<id>~…`: its CPU profile, its timeline).
    for (const k of [...models.keys()]) if (k === id || k.startsWith(`${id}~`)) models.delete(k);
  },
  kinds: async () => (await analysisCode()).supportedKinds(),
  stats: () => ({ parses, traceChunkReads: chunkStats.reads, lastTraceChunks: chunkStats.lastChunks, lastTraceChunkFailure: chunkStats.lastFailure }),
};
