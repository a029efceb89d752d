// The worker's parsers and analyses, behind one entry point. The worker loads
// this module (a chunk of its own) with the first input it is asked to read:
// it starts with only what a reopened session's views ask of it (profile
// queries, a trace's CPU profile rebuilt from stored tables, the timeline), so
// its script is compiled sooner.

import { analyzeInput, type AnalyzedInput, type AnalyzeOptions } from '../kinds/analyzeInput';
import { FormatError } from '../formats/types';
import { isGzip } from '../formats/gzip';
import { gunzipNative } from '../formats/gunzipNative';
import { KINDS } from '../kinds/table';
import { useDerivations } from './models';
import { headBytes, isByteSource, wholeBytes, type ByteSource } from '../formats/byteSource';
import { readTraceChunksInWorkers, traceWorkerCount } from './traceChunks';

export { supportedKinds } from '../kinds/table';

// A model from this module may have derived models (a trace's CPU samples as a profile).
useDerivations(KINDS.flatMap((k) => k.derived ?? []));

/**
 * analyzeInput after a native gunzip: one pass of the platform's inflater;
 * analyzeInput falls back to fflate only for a corrupt or cut stream (to name
 * the problem), and a stream over the cap ends with the cap's error from the
 * first pass. `gzipCap` is for tests.
 */
export async function unwrapAndAnalyze(
  id: string,
  name: string,
  raw: Uint8Array | ByteSource,
  opts: AnalyzeOptions & {
    gzipCap?: number;
    /** The File `raw` reads, so that an execution trace's chunks can be read by workers of their own (./traceChunks.ts); `traceWorkers`: how many (the page's ?traceWorkers=). */
    blob?: Blob;
    traceWorkers?: number;
  } = {},
): Promise<AnalyzedInput> {
  const t0 = Date.now();
  let unwrapped: Uint8Array | FormatError | undefined;
  if (isGzip(headBytes(raw, 3))) {
    // A gzip input is inflated whole (the native inflater takes the whole stream).
    raw = wholeBytes(raw);
    try {
      unwrapped = (await gunzipNative(raw, opts.gzipCap, (d, t) => opts.progress?.(d, t, 'gunzip'))) ?? undefined;
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      unwrapped = e;
    }
  }
  let traceChunks = opts.traceChunks;
  if (!traceChunks && opts.blob && !unwrapped && isByteSource(raw)) {
    const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
    const count = traceWorkerCount(raw.size, nav?.hardwareConcurrency ?? 1, opts.traceWorkers, nav?.deviceMemory);
    traceChunks = await readTraceChunksInWorkers(opts.blob, raw, count, (d, t) => opts.progress?.(d, t, 'parse'));
  }
  const t1 = Date.now();
  const out = analyzeInput(id, name, raw, { ...opts, unwrapped, ...(traceChunks ? { traceChunks } : {}) });
  // The time shown covers the native gunzip and the chunks read by other workers too.
  if (out.report.parseMs !== undefined) out.report.parseMs += t1 - t0;
  return out;
}
