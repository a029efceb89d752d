// The GODEBUG log format: a text log holding one or more runtime trace streams
// (gctrace first; the others join STREAMS), possibly mixed with application
// output and wrapped by log shippers.

import type { FormatDef } from '../types';
import { FormatError } from '../types';
import { limitsOf } from '../limits';
import { formatCount } from '../../lib/display';
import { forEachLine, unwrap } from './lines';
import type { GodebugModel, LineStream, StreamDef } from './stream';
import { gctraceStream } from './gctrace';
import { schedtraceStream } from './schedtrace';
import { gcpacertraceStream } from './gcpacertrace';
import { scavengerStream } from './scavenger';
import { inittraceStream } from './inittrace';

/** Streams in the order lines are offered to them. Add new streams here. */
export const STREAMS: readonly StreamDef<any>[] = [gctraceStream, schedtraceStream, gcpacertraceStream, scavengerStream, inittraceStream];

export const godebugFormat: FormatDef<GodebugModel> = {
  kind: 'godebug',
  label: `GODEBUG runtime log (${STREAMS.map((s) => s.label).join(', ')})`,
  sniff(sample) {
    if (!sample.text) return 0;
    const lines = sample.text.split('\n');
    if (lines.length > 1 && sample.size > sample.bytes.length) lines.pop(); // may be cut
    let nonEmpty = 0;
    let hits = 0;
    for (const raw of lines) {
      const line = unwrap(raw);
      if (line.trim() === '') continue;
      nonEmpty++;
      if (STREAMS.some((s) => s.sniffLine(line))) hits++;
    }
    if (hits === 0) return 0;
    return 0.4 + 0.5 * (hits / nonEmpty);
  },
  parse(data, ctx) {
    const limits = limitsOf(ctx);
    const live: { def: StreamDef<any>; stream: LineStream<any>; count: number; cap: number; fullAt: number; dropped: number }[] = STREAMS.map((def) => ({
      def,
      stream: def.create(),
      count: 0,
      cap: def.key === 'gctrace' ? limits.maxGcCycles : limits.maxStreamRecords,
      fullAt: 0,
      dropped: 0,
    }));
    const lines = forEachLine(data, ctx, (line, info) => {
      // Every stream sees every line: when the runtime's prints from two threads
      // interleave, one line can carry records of two streams (seen in real
      // logs: an inittrace record inside a scheddetail G line). A stream at its
      // cap sees no more lines (its model stays a prefix of the log).
      for (const s of live) {
        if (s.count >= s.cap) {
          if (s.def.sniffLine(line)) {
            if (s.dropped++ === 0) s.fullAt = info.lineNo;
          }
          continue;
        }
        if (s.stream.accept(line, info)) s.count++;
      }
    });
    for (const s of live) {
      if (s.dropped === 0) continue;
      const what = s.def.key === 'gctrace' ? 'GC cycles' : 'lines';
      ctx.warn(
        `${s.def.label}: only the first ${formatCount(s.cap)} ${what} were analysed (the limit is ${formatCount(s.cap)} ${what} per file, to keep the tab's memory in bounds); ` +
          `${formatCount(s.dropped)} more from line ${formatCount(s.fullAt)} on were left out. Cut the log (e.g. \`tail -n\`) to analyse a later part`,
      );
    }
    const model: GodebugModel = { lines, classified: {}, streams: {} };
    for (const s of live) {
      const m = s.stream.finish(ctx);
      if (m !== undefined && s.count > 0) {
        model.classified[s.def.key] = s.count;
        model.streams[s.def.key] = m;
      }
    }
    if (Object.keys(model.streams).length === 0) {
      throw new FormatError(`no GODEBUG trace lines found in ${lines} lines of text`, 'no-data');
    }
    return model;
  },
};
