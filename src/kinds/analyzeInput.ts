// One input, start to end: gzip → sniff → read → analyse, with the kind the
// binding table (./table.ts) picks. Shared by the worker (the app) and the
// CLI, so both produce the same report entry.

import { gunzipCapped, isGzip } from '../formats/gzip';
import { makeSample } from '../formats/sniff';
import { headBytes, isByteSource, wholeBytes, type ByteSource } from '../formats/byteSource';
import { SNIFF_BYTES } from '../formats/limits';
import { isLegacyCpuProfile } from '../formats/pprof/legacyCpu';
import { CancelledError, FormatError } from '../formats/types';
import type { Limits } from '../formats/limits';
import type { InputReport } from '../report/schema';
import type { KindContext, TraceChunkReader } from './kind';
import { sniffKind, supportedKinds } from './table';

/** More than 10% control bytes (other than tab, newline, carriage return) in the first 4 KiB. */
function looksBinary(data: Uint8Array): boolean {
  const n = Math.min(data.length, 4096);
  let ctl = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b < 9 || (b > 13 && b < 32) || b === 127) ctl++;
  }
  return ctl > n / 10;
}

export interface AnalyzeOptions {
  progress?: (done: number, total: number, phase: string) => void;
  checkCancelled?: () => void;
  /** The content of a gzip `raw`, when the caller unwrapped it already (the worker does, natively),
   *  or the error that unwrapping ended with (the cap: the stream is not inflated a second time). */
  unwrapped?: Uint8Array | FormatError;
  /** Early results of a big input (a report with `partial` set), before the final one. */
  partial?: (report: InputReport) => void;
  /** Caps replacing the defaults of src/formats/limits.ts (tests; the CLI keeps no trace timeline). */
  limits?: Partial<Limits>;
  /** Reads an execution trace's chunks in parallel (src/cli/traceThreads.ts); absent: sequentially. */
  traceChunks?: TraceChunkReader;
}

export interface AnalyzedInput {
  report: InputReport;
  /** The parsed model, kept by the worker for views that need raw data. */
  model?: unknown;
}

/**
 * `input`: the bytes, or a ByteSource for an input not held whole (a file the
 * CLI or the worker reads in pieces): kinds that can (`readSource`) read it
 * piece by piece, the others get its whole bytes; a gzip input is inflated whole.
 */
export function analyzeInput(id: string, name: string, input: Uint8Array | ByteSource, opts: AnalyzeOptions = {}): AnalyzedInput {
  const t0 = Date.now();
  const inputBytes = isByteSource(input) ? input.size : input.length;
  const report: InputReport = { id, name, kind: 'unknown', bytes: inputBytes };
  const warnings: string[] = [];
  const ctx: KindContext = {
    progress: (done, total) => opts.progress?.(done, total, 'parse'),
    checkCancelled: () => opts.checkCancelled?.(),
    warn: (m) => {
      if (warnings.length < 50) warnings.push(m);
      else if (warnings.length === 50) warnings.push('more warnings not shown');
    },
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.traceChunks ? { traceChunks: opts.traceChunks } : {}),
  };
  let model: unknown;
  try {
    if (inputBytes === 0) throw new FormatError('the file is empty', 'empty');
    let data: Uint8Array | ByteSource = input;
    let head = headBytes(input, SNIFF_BYTES);
    if (isGzip(head)) {
      if (opts.unwrapped instanceof FormatError) throw opts.unwrapped;
      data = opts.unwrapped ?? gunzipCapped(wholeBytes(input), undefined, (d, t) => opts.progress?.(d, t, 'gunzip'));
      report.decompressedBytes = data.length;
      head = data.subarray(0, SNIFF_BYTES);
    }
    const dataBytes = isByteSource(data) ? data.size : data.length;
    const kind = sniffKind(makeSample(head, dataBytes));
    if (!kind && isLegacyCpuProfile(head)) {
      throw new FormatError('not recognised: a CPU profile in the legacy binary format of Go before 1.9; gotune reads the protobuf format, which `go tool pprof -proto FILE > FILE.pb.gz` writes from it', 'unknown-format');
    }
    if (!kind) {
      // Short: the list of kinds is one click away in the page (InputList), not in every error.
      throw new FormatError(`not recognised: ${looksBinary(head) ? 'binary data' : 'text'} that is none of the ${supportedKinds().length} kinds gotune reads`, 'unknown-format');
    }
    const kindId = kind.format.kind;
    report.kind = kindId;
    if (opts.partial) {
      const publish = opts.partial;
      ctx.partial = (analyses, doneBytes) => publish({ id, name, kind: kindId, bytes: inputBytes, ...analyses, partial: { doneBytes, totalBytes: dataBytes } });
    }
    model = isByteSource(data) && kind.readSource ? kind.readSource(data, ctx) : kind.read(wholeBytes(data), ctx);
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
