// The worker's API as seen from the main thread (through Comlink). Parsing and
// analysis happen only behind this interface. Formats that need the raw model
// for interactive views add their methods in worker.ts (one spread line).

import type { InputReport } from '../report/schema';

export type ProgressFn = (done: number, total: number, phase: string) => void;
/** Receives early results (reports with `partial` set) of a big input while it is still read. */
export type PartialFn = (report: InputReport) => void;

/** How the page asks an input to be read. */
export interface AnalyzeRequestOptions {
  /** Workers to read a big execution trace's chunks with (the page's ?traceWorkers=N; 1: one read). */
  traceWorkers?: number;
}

export interface CoreWorkerApi {
  /**
   * Sniff, parse and analyse one input. A Blob (a dropped File) is read here
   * in the worker, so the main thread never copies the bytes; an ArrayBuffer
   * is transferred, not copied. The parsed model stays in the worker under
   * `id` for views that need it.
   */
  analyze(id: string, name: string, data: Blob | ArrayBuffer, onProgress?: ProgressFn, onPartial?: PartialFn, options?: AnalyzeRequestOptions): Promise<InputReport>;
  /** Ids of inputs whose models this worker holds. */
  loaded(): string[];
  /** Forget a model. */
  drop(id: string): void;
  /** Labels of the supported input kinds. */
  kinds(): Promise<string[]>;
  /**
   * How many inputs this worker has parsed (tests check reopening does not
   * parse), how many traces it read in chunks by workers of their own, and
   * the last such read's chunks (0: read in one) or why the chunks failed.
   */
  stats(): { parses: number; traceChunkReads: number; lastTraceChunks: number; lastTraceChunkFailure: string };
}
