// Line iteration over log text of any size, with the wrappers log shippers add
// removed: `kubectl logs --timestamps` / RFC 3339 prefixes are left in place
// (stream parsers match unanchored), CRI `<time> stdout F ` prefixes are cut,
// and JSON records carrying the line in "log"/"msg"/"message" are unwrapped.

import type { ParseContext } from '../types';
import { limitsOf } from '../limits';
import { formatCount } from '../../lib/display';

const CHUNK = 4 << 20;

export interface LineInfo {
  /** 1-based line number in the input. */
  lineNo: number;
  /** True for the last line when the input does not end with a newline. */
  unterminated: boolean;
}

/**
 * Calls `fn` for every line of `data` (UTF-8), after unwrapping. Decodes in
 * chunks so inputs larger than the longest JS string still work. Stops after
 * the `maxLines` limit with a warning: a prefix of a log is still a log.
 */
export function forEachLine(data: Uint8Array, ctx: ParseContext, fn: (line: string, info: LineInfo) => void): number {
  const dec = new TextDecoder('utf-8', { fatal: false });
  const { maxLines, maxLineChars } = limitsOf(ctx);
  let carry = '';
  let lineNo = 0;
  const info: LineInfo = { lineNo: 0, unterminated: false };
  let capped = false;
  // Inside a line longer than maxLineChars: its text is dropped up to its newline.
  let skipping = false;
  let longLines = 0;
  let firstLong = 0;
  for (let off = 0; off < data.length; off += CHUNK) {
    const end = Math.min(off + CHUNK, data.length);
    const text = carry + dec.decode(data.subarray(off, end), { stream: end < data.length });
    let start = 0;
    if (skipping) {
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        skipping = false;
        lineNo++; // the long line ends here
        start = nl + 1;
      } else {
        start = text.length;
      }
    }
    for (;;) {
      if (skipping || lineNo >= maxLines) break;
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let line = text.slice(start, nl);
      if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      info.lineNo = ++lineNo;
      if (line.length > maxLineChars) noteLong(lineNo);
      else fn(unwrap(line), info);
      start = nl + 1;
    }
    carry = text.slice(start);
    if (lineNo >= maxLines && (carry.length > 0 || end < data.length)) {
      capped = true;
      carry = '';
      break;
    }
    if (carry.length > maxLineChars) {
      // A "line" this long is not a log line; drop it up to its newline rather than grow without bound.
      noteLong(lineNo + 1);
      skipping = true;
      carry = '';
    }
    ctx.progress(end, data.length);
    ctx.checkCancelled();
  }
  function noteLong(n: number) {
    if (longLines++ === 0) firstLong = n;
  }
  if (skipping) lineNo++; // the input ended inside the long line
  if (longLines) {
    const limit = maxLineChars % (1 << 20) === 0 ? `${maxLineChars / (1 << 20)} MiB` : `${formatCount(maxLineChars)} characters`;
    ctx.warn(
      longLines === 1
        ? `line ${formatCount(firstLong)} is longer than ${limit} and was skipped (no log line is that long)`
        : `${formatCount(longLines)} lines longer than ${limit} were skipped, the first at line ${formatCount(firstLong)} (no log line is that long)`,
    );
  }
  if (capped) {
    ctx.warn(
      `only the first ${formatCount(maxLines)} lines were read (the limit is ${formatCount(maxLines)} lines per file; the rest, from line ${formatCount(maxLines + 1)}, was not read); ` +
        'the figures cover those lines. To analyse a later part, cut it out (e.g. `tail -n 1000000 FILE > part.log`) and drop that',
    );
    ctx.progress(data.length, data.length);
  }
  if (carry.length > 0) {
    info.lineNo = ++lineNo;
    info.unterminated = true;
    fn(unwrap(carry.endsWith('\r') ? carry.slice(0, -1) : carry), info);
  }
  return lineNo;
}

const CRI = /^\S+ (?:stdout|stderr) [FP] /;

/** Removes CRI prefixes and JSON log-record wrappers; other prefixes stay. */
export function unwrap(line: string): string {
  let s = line;
  const c0 = s.charCodeAt(0);
  // CRI lines start with an RFC 3339 time, so a digit.
  if (c0 >= 48 && c0 <= 57) {
    const m = CRI.exec(s);
    if (m) s = s.slice(m[0].length);
  }
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  if (s.charCodeAt(i) === 123 && s.charCodeAt(s.length - 1) === 125) {
    const inner = jsonLogField(s);
    if (inner !== undefined) return unwrap(inner.endsWith('\n') ? inner.slice(0, inner.endsWith('\r\n') ? -2 : -1) : inner);
  }
  return s;
}

const LOG_KEYS = ['"log"', '"msg"', '"message"'];

/**
 * The string value of the first of "log", "msg", "message" in a one-line JSON
 * record, without parsing the whole record (most log lines are not ours, and
 * JSON.parse of each would dominate the time). Escapes are decoded only when
 * present. Undefined when there is no such string field.
 */
export function jsonLogField(s: string): string | undefined {
  for (const key of LOG_KEYS) {
    let i = s.indexOf(key);
    if (i < 0) continue;
    i += key.length;
    while (s.charCodeAt(i) === 32) i++;
    if (s.charCodeAt(i) !== 58 /* : */) continue;
    i++;
    while (s.charCodeAt(i) === 32) i++;
    if (s.charCodeAt(i) !== 34 /* " */) continue;
    const start = ++i;
    let escaped = false;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 34) break;
      i++;
    }
    if (i >= s.length) return undefined;
    const raw = s.slice(start, i);
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
