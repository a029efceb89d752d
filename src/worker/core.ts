// The core worker methods: analyse inputs, assemble reports.

import { analyzeInput } from '../kinds/analyzeInput';
import { isGzip } from '../formats/gzip';
import { gunzipNative } from '../formats/gunzipNative';
import { assembleReport } from '../report/assemble';
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

export const coreApi: CoreWorkerApi = {
  async analyze(id, name, data, onProgress, onPartial) {
    parses++;
    const progress = throttle(onProgress, 50);
    if (data instanceof Blob) {
      progress(0, data.size, 'read');
      data = await data.arrayBuffer();
    }
    const partial = onPartial ? (r: InputReport) => void onPartial(r) : undefined;
    const raw = new Uint8Array(data);
    const t0 = Date.now();
    // Native gunzip when it works; otherwise analyzeInput unwraps with fflate (and names the problem).
    const unwrapped = isGzip(raw) ? ((await gunzipNative(raw, undefined, (d, t) => progress(d, t, 'gunzip'))) ?? undefined) : undefined;
    const t1 = Date.now();
    const { report, model } = analyzeInput(id, name, raw, { progress, partial, unwrapped });
    // The time shown covers the native gunzip too.
    if (report.parseMs !== undefined) report.parseMs += t1 - t0;
    if (model !== undefined) models.set(id, model);
    return report;
  },
  assemble: (inputs) => assembleReport(inputs),
  loaded: () => [...models.keys()],
  drop: (id) => void models.delete(id),
  kinds: () => supportedKinds(),
  stats: () => ({ parses }),
};
