// The shared shape of Go's debug=1 profile texts: a record line ending in
// "@ 0xpc 0xpc …", then optional "# labels: {…}" and "#\t0xpc\tfunc+0xoff\tfile:line"
// lines, then a blank line. Line-oriented, one pass, no backtracking.

import { FormatError, type ParseContext } from '../types';
import type { TextFrame } from './builder';
import { limitsOf } from '../limits';
import { formatBytes } from '../../lib/display';

export interface TextRecord {
  /** The part of the record line before '@'. */
  head: string;
  addrs: number[];
  frames: TextFrame[];
  labels: [string, string][];
  lineNo: number;
}

const HEX = /^0x[0-9a-f]+$/;
const DIGITS = /^\d+$/;

/**
 * A symbol line "#\t0xpc\tfunc+0xoff\t\tfile:line", scanned by hand: every
 * regular expression tried here was quadratic on some long line the fuzzer
 * made (4 MB without ":line"; 2 MB of tabs), this is linear.
 */
export function parseFrameLine(line: string): TextFrame | null {
  if (!line.startsWith('#\t')) return null;
  const a = line.indexOf('\t', 2);
  if (a < 0) return null;
  const pc = line.slice(2, a);
  if (pc.length > 18 || !HEX.test(pc)) return null;
  const b = line.indexOf('\t', a + 1);
  if (b < 0) return null;
  let func = line.slice(a + 1, b);
  const plus = func.lastIndexOf('+0x');
  if (plus > 0 && HEX.test(func.slice(plus + 1))) func = func.slice(0, plus);
  let c = b;
  while (c < line.length && line.charCodeAt(c) === 9) c++;
  const colon = line.lastIndexOf(':');
  if (colon < c) return null;
  const num = line.slice(colon + 1);
  if (num.length === 0 || num.length > 10 || !DIGITS.test(num)) return null;
  return { pc: parseInt(pc, 16), func, file: line.slice(c, colon), line: Number(num) };
}

export function* textLines(data: Uint8Array, ctx: ParseContext): Generator<[string, number]> {
  const max = limitsOf(ctx).maxTextBytes;
  if (data.length > max) {
    throw new FormatError(`this profile text is ${formatBytes(data.length)}, over the ${formatBytes(max)} limit for debug=1 profile texts; fetch it as a protobuf instead (drop \`?debug=1\`)`, 'too-large');
  }
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
        const f = parseFrameLine(line);
        if (f) cur.frames.push(f);
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
