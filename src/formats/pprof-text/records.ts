// The shared shape of Go's debug=1 profile texts: a record line ending in
// "@ 0xpc 0xpc …", then optional "# labels: {…}" and "#\t0xpc\tfunc+0xoff\tfile:line"
// lines, then a blank line. Line-oriented, one pass, no backtracking.

import { FormatError, type ParseContext } from '../types';
import type { TextFrame } from './builder';

export interface TextRecord {
  /** The part of the record line before '@'. */
  head: string;
  addrs: number[];
  frames: TextFrame[];
  labels: [string, string][];
  lineNo: number;
}

// The name holds no tab (tabs separate the fields); `.+?` here made a long
// line without ":line" at its end quadratic (fuzzing: 4 MB line, 30 s).
const FRAME = /^#\t(0x[0-9a-f]+)\t([^\t]+?)(?:\+0x[0-9a-f]+)?\t+(.*):(\d+)$/;

export function* textLines(data: Uint8Array, ctx: ParseContext): Generator<[string, number]> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
  let start = 0;
  let n = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    n++;
    if ((n & 0xffff) === 0) {
      ctx.progress(start, text.length);
      ctx.checkCancelled();
    }
    yield [text.slice(start, end).replace(/\r$/, ''), n];
    start = end + 1;
  }
}

function parseLabels(s: string, lineNo: number): [string, string][] {
  try {
    const o = JSON.parse(s) as Record<string, unknown>;
    return Object.entries(o).map(([k, v]) => [k, String(v)]);
  } catch {
    throw new FormatError(`line ${lineNo}: "# labels:" is not a JSON object`);
  }
}

/** Records of a debug=1 text, starting after the header lines the caller consumed. */
export function* textRecords(lines: Iterator<[string, number]>, stopAt: (line: string) => boolean): Generator<TextRecord> {
  let cur: TextRecord | null = null;
  for (let it = lines.next(); !it.done; it = lines.next()) {
    const [line, lineNo] = it.value;
    if (line.startsWith('#')) {
      if (!cur) continue;
      if (line.startsWith('# labels: ')) cur.labels = parseLabels(line.slice(10), lineNo);
      else {
        const m = FRAME.exec(line);
        if (m) cur.frames.push({ pc: parseInt(m[1], 16), func: m[2], file: m[3], line: Number(m[4]) });
      }
      continue;
    }
    if (line.trim() === '') continue;
    if (stopAt(line)) break;
    const at = line.indexOf('@');
    if (at < 0) throw new FormatError(`line ${lineNo}: expected a record "… @ 0x…", got "${line.slice(0, 80)}"`);
    if (cur) yield cur;
    const addrs: number[] = [];
    for (const a of line.slice(at + 1).trim().split(/\s+/)) {
      if (a === '') continue;
      if (!/^0x[0-9a-f]+$/i.test(a)) throw new FormatError(`line ${lineNo}: "${a}" is not a hex address`);
      addrs.push(parseInt(a, 16));
    }
    cur = { head: line.slice(0, at).trim(), addrs, frames: [], labels: [], lineNo };
  }
  if (cur) yield cur;
}
