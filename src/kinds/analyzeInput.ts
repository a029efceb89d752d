// One input, start to end: gzip → sniff → read → analyse, with the kind the
// binding table (./table.ts) picks. Shared by the worker (the app) and the
// CLI, so both produce the same report entry.

import { gunzipCapped, isGzip } from '../formats/gzip';
import { makeSample } from '../formats/sniff';
import { CancelledError, FormatError } from '../formats/types';
import type { Limits } from '../formats/limits';
import type { InputReport } from '../report/schema';
import type { KindContext } from './kind';
import { sniffKind, supportedKinds } from './table';

export interface AnalyzeOptions {
  progress?: (done: number, total: number, phase: string) => void;
  checkCancelled?: () => void;
  /** The content of a gzip `raw`, when the caller unwrapped it already (the worker does, natively),
   *  or the error that unwrapping ended with (the cap: the stream is not inflated a second time). */
  unwrapped?: Uint8Array | FormatError;
  /** Early results of a big input (a report with `partial` set), before the final one. */
  partial?: (report: InputReport) => void;
  /** Caps replacing the defaults of src/formats/limits.ts (tests). */
  limits?: Partial<Limits>;
}

export interface AnalyzedInput {
  report: InputReport;
  /** The parsed model, kept by the worker for views that need raw data. */
  model?: unknown;
}

export function analyzeInput(id: string, name: string, raw: Uint8Array, opts: AnalyzeOptions = {}): AnalyzedInput {
  const t0 = Date.now();
  const report: InputReport = { id, name, kind: 'unknown', bytes: raw.length };
  const warnings: string[] = [];
  const ctx: KindContext = {
    progress: (done, total) => opts.progress?.(done, total, 'parse'),
    checkCancelled: () => opts.checkCancelled?.(),
    warn: (m) => {
      if (warnings.length < 50) warnings.push(m);
      else if (warnings.length === 50) warnings.push('more warnings not shown');
    },
    ...(opts.limits ? { limits: opts.limits } : {}),
  };
  let model: unknown;
  try {
    if (raw.length === 0) throw new FormatError('the file is empty', 'empty');
    let data = raw;
    if (isGzip(raw)) {
      if (opts.unwrapped instanceof FormatError) throw opts.unwrapped;
      data = opts.unwrapped ?? gunzipCapped(raw, undefined, (d, t) => opts.progress?.(d, t, 'gunzip'));
      report.decompressedBytes = data.length;
    }
    const kind = sniffKind(makeSample(data));
    if (!kind) {
      throw new FormatError(`not recognised: the content is none of the supported kinds (${supportedKinds().join('; ')})`, 'unknown-format');
    }
    const kindId = kind.format.kind;
    report.kind = kindId;
    if (opts.partial) {
      const publish = opts.partial;
      ctx.partial = (analyses, doneBytes) => publish({ id, name, kind: kindId, bytes: raw.length, ...analyses, partial: { doneBytes, totalBytes: data.length } });
    }
    model = kind.read(data, ctx);
    Object.assign(report, kind.analyze(model, ctx));
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    model = undefined;
    if (e instanceof FormatError) report.error = e.message;
    else report.error = `internal error while reading it${report.kind !== 'unknown' ? ` as ${report.kind}` : ''}: ${(e as Error)?.message ?? String(e)}`;
  }
  if (warnings.length) report.warnings = warnings;
  report.parseMs = Date.now() - t0;
  return { report, model };
}
