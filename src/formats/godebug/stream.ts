// A GODEBUG stream (gctrace, schedtrace, …) inside a log. Several streams are
// interleaved in one log; each line is offered to every stream until one
// accepts it. What analyses each stream's model is the binding's business
// (src/kinds/godebug.ts).

import type { ParseContext } from '../types';
import type { LineInfo } from './lines';

export interface LineStream<M> {
  /** Consume the line if it belongs to this stream; return whether it did. */
  accept(line: string, info: LineInfo): boolean;
  /** End of input: return the stream's model (undefined when it saw nothing). */
  finish(ctx: ParseContext): M | undefined;
}

export interface StreamDef<M> {
  /** Key of the stream's model in GodebugModel.streams, e.g. "gctrace". */
  key: string;
  /** Name used in messages, e.g. "GODEBUG=gctrace=1". */
  label: string;
  /** Cheap test for sniffing: does this line look like the stream? */
  sniffLine(line: string): boolean;
  create(): LineStream<M>;
}

export interface GodebugModel {
  lines: number;
  /** Lines each stream accepted, by stream key. */
  classified: Record<string, number>;
  /** Each stream's model by key (only streams that saw lines). */
  streams: Record<string, unknown>;
}
