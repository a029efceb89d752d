// One fuzz input against one target: a format's parse+analyse (what the
// pipeline does once the sniffer picked it) or the whole pipeline (gzip →
// sniff → parse → analyse). The only acceptable endings are a result or a
// FormatError; anything else escaping is a crash.

import { gunzipCapped, isGzip } from '../../src/formats/gzip';
import { makeSample } from '../../src/formats/sniff';
import { FormatError, type ParseContext } from '../../src/formats/types';
import type { Kind } from '../../src/kinds/kind';
import { FORMATS, KINDS } from '../../src/kinds/table';
import { analyzeInput } from '../../src/kinds/analyzeInput';
import { openPermalink } from './permalink';
import { openTimelineFile } from './timelineFile';

export const PIPELINE = 'pipeline';
export const PERMALINK = 'permalink';
/** profile.proto mutated at field level (tests/fuzz/protomutate.ts), run through the pprof format. */
export const PPROF_STRUCTURE = 'pprof-structure';
/** Execution traces mutated at batch level (tests/fuzz/tracemutate.ts), run through the gotrace format. */
export const TRACE_STRUCTURE = 'gotrace-structure';
/** A trace's timeline file as a saved session keeps it (tests/fuzz/timelineFile.ts), opened as the worker does. */
export const TIMELINE_FILE = 'timeline-file';

/** Every fuzz target: each registered format, then the pipeline, permalinks, structured profile.proto and traces, stored timelines. */
export function targets(): string[] {
  return [...FORMATS.map((f) => f.kind), PIPELINE, PERMALINK, PPROF_STRUCTURE, TRACE_STRUCTURE, TIMELINE_FILE];
}

export type Outcome = 'result' | 'format-error' | 'crash';

export interface RunResult {
  outcome: Outcome;
  /** CPU time of this process while the input ran (user + system), so a loaded machine does not make inputs look slow. */
  ms: number;
  wallMs: number;
  /** The format's sniffer accepted the input (the app would have picked a parser by then). */
  sniffed: boolean;
  /** The crash message and stack top. */
  detail?: string;
}

/**
 * CPU time an input may take before it counts as a hang: 2 s plus 5 ms per KiB
 * (200 KiB/s; mutated input takes the slow paths, e.g. YAML full of errors reads
 * at ~300 KiB/s). Linear, so a quadratic blow-up on a repeated line shows.
 */
export function timeBoundMs(bytes: number): number {
  return 2000 + (5 * bytes) / 1024;
}

const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn() {} };

function describe(e: unknown): string {
  const err = e as Error;
  const where = (err?.stack ?? '').split('\n').find((l) => l.includes('/src/'))?.trim() ?? '';
  return `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}${where ? ` (${where})` : ''}`;
}

export function runOne(target: string, bytes: Uint8Array, kinds: readonly Kind[] = KINDS): RunResult {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let sniffed = true;
  const done = (outcome: Outcome, detail?: string): RunResult => {
    const c = process.cpuUsage(c0);
    return { outcome, ms: (c.user + c.system) / 1000, wallMs: performance.now() - t0, sniffed, ...(detail ? { detail } : {}) };
  };
  if (target === PERMALINK) {
    try {
      const escaped = openPermalink(bytes);
      return done(escaped ? 'crash' : 'result', escaped);
    } catch (e) {
      return done('crash', describe(e));
    }
  }
  if (target === TIMELINE_FILE) {
    try {
      return done(openTimelineFile(bytes) === 'read' ? 'result' : 'format-error');
    } catch (e) {
      return done('crash', describe(e));
    }
  }
  if (target === PIPELINE) {
    try {
      const { report } = analyzeInput('in1', 'fuzz', bytes);
      JSON.stringify(report);
      if (report.error?.startsWith('internal error')) return done('crash', report.error);
      return done(report.error ? 'format-error' : 'result');
    } catch (e) {
      return done('crash', describe(e));
    }
  }
  const kind = kinds.find((k) => k.format.kind === (target === PPROF_STRUCTURE ? 'pprof' : target === TRACE_STRUCTURE ? 'gotrace' : target));
  if (!kind) throw new Error(`no format ${target}`);
  const format = kind.format;
  try {
    const data = isGzip(bytes) ? gunzipCapped(bytes) : bytes;
    // The parser runs even when its sniffer says no: parsers must reject any
    // bytes with a FormatError, and mutations rarely keep a binary header intact.
    try {
      sniffed = format.sniff(makeSample(data)) > 0;
    } catch {
      sniffed = false; // the registry treats a throwing sniffer as "no"
    }
    const model = kind.read(data, ctx);
    const analyses = kind.analyze(model, ctx);
    JSON.stringify(analyses);
    return done('result');
  } catch (e) {
    if (e instanceof FormatError) return done('format-error');
    return done('crash', describe(e));
  }
}
