// A worker the analysis worker starts to read one chunk of generations of a
// dropped execution trace (./traceChunks.ts). It reads its byte range of the
// File itself, a few MB at a time. Asked to scan, it posts what a label scan
// of its chunk's own generations found (the chunks after it need that);
// asked to read, it posts progress on the way, then the chunk's analyses with
// their buffers transferred. On any error it posts the error's message.

import { readTraceChunk, scanTraceChunk, sendableTraceChunk, type LabelScanSummary, type TraceChunkJob } from '../kinds/gotraceChunks';
import { blobSource } from './blobSource';

/** What the analysis worker sends: scan the chunk's generations, or read the chunk. */
export interface ChunkRequest {
  kind: 'scan' | 'read';
  blob: Blob;
  job: TraceChunkJob;
}

/** What this worker posts: a scan, progress (bytes of its range read), the part, or why it failed. */
export type ChunkMessage = { scan: LabelScanSummary } | { done: number } | { part: unknown } | { error: string };

self.onmessage = (e: MessageEvent<ChunkRequest>) => {
  const post = (m: ChunkMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
  try {
    const { kind, blob, job } = e.data;
    const src = blobSource(blob);
    if (!src) throw new Error('this browser cannot read a file in pieces in a worker (no FileReaderSync)');
    if (kind === 'scan') {
      post({ scan: scanTraceChunk(src, job) });
      return;
    }
    let last = 0;
    const part = readTraceChunk(src, job, (done) => {
      // A message per ~1% of the chunk at most.
      if (done - last >= (job.range.end - job.range.start) / 100) {
        last = done;
        post({ done });
      }
    });
    const transfer = sendableTraceChunk(part);
    post({ part }, transfer);
  } catch (err) {
    post({ error: err instanceof Error ? err.message : String(err) });
  }
};
