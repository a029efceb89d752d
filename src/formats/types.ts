// The contract every input format implements. Parsers are pure: bytes in,
// typed model out, no DOM. They run in the worker (app) or in Node (CLI, tests).
// They know nothing of the analyses: the binding table (src/kinds/) ties each
// format to what analyses its model.

import type { Limits } from './limits';

/** What a parser may call while it works. */
export interface ParseContext {
  /** Report progress in bytes of the (decompressed) input. Cheap; call as often as you like. */
  progress(done: number, total: number): void;
  /** Throws CancelledError when the user pressed Cancel (only meaningful in cooperative runs). */
  checkCancelled(): void;
  /** Add a non-fatal warning shown next to the input (e.g. "cut mid-line"). */
  warn(message: string): void;
  /** Caps replacing the defaults of src/formats/limits.ts (tests set low ones); read them with limitsOf(ctx). */
  limits?: Partial<Limits>;
}

/** A parse failure with a message a person can act on. Shown in the UI next to the file name. */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly code: string = 'malformed',
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** The first bytes of an input (after gzip unwrapping), for sniffing by content. */
export interface SniffSample {
  /** Up to the first 64 KiB of the input. */
  bytes: Uint8Array;
  /** The same bytes decoded as UTF-8 (lossy); '' when the sample looks binary. */
  text: string;
  /** Total size of the (decompressed) input in bytes. */
  size: number;
}

export interface FormatDef<Model = unknown> {
  /** Stable id used in the report (`inputs[].kind`). */
  kind: string;
  /** Human name listed in "supported kinds". */
  label: string;
  /**
   * Confidence 0..1 that `sample` is this format. 0 = no. sniffFormat picks the
   * highest; ties go to the earlier one in the binding table (src/kinds/table.ts).
   */
  sniff(sample: SniffSample): number;
  /** Parse the whole input. Throw FormatError for input that is not usable. */
  parse(data: Uint8Array, ctx: ParseContext): Model;
}
