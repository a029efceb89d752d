// The core worker methods: analyse inputs (the page assembles the session report itself: only findings are combined, so sending every report here and back was a copy of the whole session per input).

import { analyzeInput, type AnalyzedInput, type AnalyzeOptions } from '../kinds/analyzeInput';
import { FormatError } from '../formats/types';
import { isGzip } from '../formats/gzip';
import { gunzipNative } from '../formats/gunzipNative';
import type { CoreWorkerApi, ProgressFn } from './api';
import type { InputReport } from '../report/schema';
import { models } from './models';
import { supportedKinds } from '../kinds/table';

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

/**
 * analyzeInput after a native gunzip: one pass of the platform's inflater;
 * analyzeInput falls back to fflate only for a corrupt or cut stream (to name
 * the problem), and a stream over the cap ends with the cap's error from the
 * first pass. `gzipCap` is for tests.
 */
export async function unwrapAndAnalyze(id: string, name: string, raw: Uint8Array, opts: AnalyzeOptions & { gzipCap?: number } = {}): Promise<AnalyzedInput> {
  const t0 = Date.now();
  let unwrapped: Uint8Array | FormatError | undefined;
  if (isGzip(raw)) {
    try {
      unwrapped = (await gunzipNative(raw, opts.gzipCap, (d, t) => opts.progress?.(d, t, 'gunzip'))) ?? undefined;
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      unwrapped = e;
    }
  }
  const t1 = Date.now();
  const out = analyzeInput(id, name, raw, { ...opts, unwrapped });
  // The time shown covers the native gunzip too.
  if (out.report.parseMs !== undefined) out.report.parseMs += t1 - t0;
  return out;
}

export const coreApi: CoreWorkerApi = {
  async analyze(id, name, data, onProgress, onPartial) {
    parses++;
    const progress = throttle(onProgress, 50);
    if (data instanceof Blob) {
      progress(0, data.size, 'read');
      data = await data.arrayBuffer();
    }
    const partial = onPartial ? (r: InputReport) => void onPartial(r) : undefined;
    const { report, model } = await unwrapAndAnalyze(id, name, new Uint8Array(data), { progress, partial });
    if (model !== undefined) models.set(id, model);
    return report;
  },
  loaded: () => [...models.keys()],
  drop: (id) => void models.delete(id),
  kinds: () => supportedKinds(),
  stats: () => ({ parses }),
};
