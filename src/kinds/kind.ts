// One input kind in the binding table: the format that reads its bytes and
// the analyses that read the model. Parsers (src/formats) know nothing of
// analyses, analyses (src/analysis) nothing of bytes; this is where they meet.

import type { InputAnalyses } from '../analysis/inputAnalyses';
import type { ByteSource } from '../formats/byteSource';
import type { FormatDef, ParseContext } from '../formats/types';
import type { ModelAnalyses, ReportKey } from '../report/schema';
import type { TraceChunkJob, TraceChunkPart } from './gotraceChunks';

/**
 * Reads chunks of an execution trace elsewhere (the CLI's threads, the page's workers) and
 * returns their parts in chunk order; any error it throws sends the trace to
 * the sequential read.
 */
export interface TraceChunkReader {
  /** Chunks to ask for (the threads it has). */
  count: number;
  read(jobs: TraceChunkJob[]): TraceChunkPart[];
  /** Told why reading or joining the chunks failed (the trace is then read sequentially). */
  failed?(e: unknown): void;
}

/** What the binding may call while an input is read: the parser's context plus early results. */
export interface KindContext extends ParseContext {
  /**
   * Publish early analyses while a big input is still being read (kinds that
   * can, like execution traces per generation); absent when nobody listens.
   */
  partial?(analyses: InputAnalyses, doneBytes: number): void;
  /** Where a v2 execution trace's chunks can be read in parallel; absent: one sequential read. */
  traceChunks?: TraceChunkReader;
}

/** A model made from an input's model when a view asks for it, served as `<input id><suffix>`. */
export interface DerivedModel<Model> {
  suffix: string;
  /** Null when the input has nothing to make it from. */
  derive(model: Model): unknown;
  /** Tells this kind's model from other kinds' (models are kept untyped in the worker). */
  accepts(model: unknown): model is Model;
}

export interface Kind<Model = any> {
  /** Sniffs and parses the bytes; `format.kind` is the report's `inputs[].kind`. */
  format: FormatDef<any>;
  /** Bytes → the model the analyses read: the format's parse, unless the kind owns the read loop. */
  read(data: Uint8Array, ctx: KindContext): Model;
  /** The same read from an input not held whole (execution traces read a generation at a time); absent: `read` gets the whole bytes. */
  readSource?(data: ByteSource, ctx: KindContext): Model;
  /** The report analyses of the model. Pure. */
  analyze(model: Model, ctx: ParseContext): InputAnalyses & ModelAnalyses;
  /** The analysis keys this kind can produce (each has a view, tests/unit/kinds checks). */
  produces: readonly ReportKey[];
  derived?: readonly DerivedModel<Model>[];
}

/** A kind whose model is what its format parses. */
export function parsed<Model>(format: FormatDef<Model>, produces: readonly ReportKey[], analyze: (model: Model, ctx: ParseContext) => InputAnalyses & ModelAnalyses): Kind<Model> {
  return { format, read: (data, ctx) => format.parse(data, ctx), analyze, produces };
}
