// Text exposition parser. Several scrapes in one text (a `curl` loop appending
// to a file) are split where a family's HELP/TYPE or a series repeats.

import { FormatError, type ParseContext } from '../types';
import { forEachLine } from '../godebug/lines';
import { limitsOf } from '../limits';
import { formatCount } from '../../lib/display';
import type { PromModel, PromSample, PromScrape } from './model';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/** Prometheus float syntax: Go's ParseFloat plus NaN, +Inf, -Inf, Inf. */
export function parsePromFloat(s: string): number {
  switch (s) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  // \d+(?:\.\d*)?, not \d+\.?\d*: two digit runs side by side backtrack quadratically on a long non-number.
  if (s === '' || !/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^[-+]?0x[0-9a-fA-F]+$/.test(s)) return NaN;
  return Number(s);
}

/** Parses `{a="x",b="y\"z"}` starting at `i` (at the `{`); returns labels and the index after `}`. */
function parseLabels(line: string, i: number): [Record<string, string>, number] | null {
  const out: Record<string, string> = {};
  let p = i + 1;
  for (;;) {
    while (line[p] === ' ' || line[p] === ',') p++;
    if (line[p] === '}') return [out, p + 1];
    const m = /^[a-zA-Z_][a-zA-Z0-9_.]*|^"(?:[^"\\]|\\.)*"/.exec(line.slice(p, p + 256));
    if (!m) return null;
    let key = m[0];
    if (key.startsWith('"')) key = key.slice(1, -1);
    p += m[0].length;
    while (line[p] === ' ') p++;
    if (line[p] !== '=') {
      // OpenMetrics 2 / UTF-8 names may put a quoted metric name inside braces.
      if (line[p] === ',' || line[p] === '}') continue;
      return null;
    }
    p++;
    while (line[p] === ' ') p++;
    if (line[p] !== '"') return null;
    p++;
    let v = '';
    for (; p < line.length; p++) {
      const c = line[p];
      if (c === '\\') {
        const n = line[++p];
        v += n === 'n' ? '\n' : n;
      } else if (c === '"') break;
      else v += c;
    }
    if (p >= line.length) return null;
    out[key] = v;
    p++;
  }
}

/** One sample line, or null when it is not one. */
export function parseSampleLine(line: string): PromSample | null {
  const m = NAME.exec(line);
  if (!m) return null;
  const name = m[0];
  let p = name.length;
  let labels: Record<string, string> = {};
  if (line[p] === '{') {
    const r = parseLabels(line, p);
    if (!r) return null;
    [labels, p] = r;
  }
  const rest = line.slice(p).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 3 || rest[0] === '') return null;
  const value = parsePromFloat(rest[0]);
  if (Number.isNaN(value) && rest[0] !== 'NaN') return null;
  const s: PromSample = { name, labels, value };
  if (rest.length >= 2 && rest[1] !== '#') {
    const ts = Number(rest[1]);
    if (!Number.isFinite(ts)) return null;
    s.timestampMs = ts;
  }
  return s;
}

/** Identity of a series: name and labels (the value and timestamp excluded). */
export function seriesKey(s: PromSample): string {
  let k = s.name;
  for (const l in s.labels) k += `\u0000${l}=${s.labels[l]}`;
  return k;
}

export function parsePrometheus(data: Uint8Array, ctx: ParseContext): PromModel {
  const scrapes: PromScrape[] = [];
  let cur: PromScrape | null = null;
  let seen = new Set<string>();
  let skipped = 0;
  const maxSamples = limitsOf(ctx).maxPromSamples;
  let kept = 0;
  let dropped = 0;
  let droppedFrom = 0;
  const start = (lineNo: number) => {
    cur = { samples: [], types: {}, help: {}, line: lineNo };
    scrapes.push(cur);
    seen = new Set();
    return cur;
  };
  const lines = forEachLine(data, ctx, (raw, info) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      // Disjoint classes (\S+ then \s+) and [\s\S] for the rest: linear on any
      // input. `(.*)$` backtracked quadratically when the rest held a character
      // `.` does not match (found by the fuzzer: a 1 MB line took minutes).
      const m = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s+([\s\S]*))?$/.exec(line);
      if (m) {
        const key = m[1] === 'TYPE' ? 'types' : 'help';
        let s: PromScrape = cur ?? start(info.lineNo);
        if (s[key][m[2]] !== undefined) s = start(info.lineNo);
        s[key][m[2]] = m[3] ?? '';
      } else if (line === '# EOF') {
        cur = null;
      }
      return;
    }
    if (kept >= maxSamples) {
      // Over the cap: the rest is counted, not parsed (a prefix of the scrapes is kept).
      if (dropped++ === 0) droppedFrom = info.lineNo;
      return;
    }
    const sample = parseSampleLine(line);
    if (!sample) {
      skipped++;
      if (skipped <= 5) ctx.warn(`line ${info.lineNo} is not a metric sample and was skipped: ${line.slice(0, 80)}`);
      return;
    }
    const id = seriesKey(sample);
    let s: PromScrape = cur ?? start(info.lineNo);
    if (seen.has(id)) s = start(info.lineNo);
    seen.add(id);
    s.samples.push(sample);
    kept++;
  });
  if (dropped) {
    ctx.warn(
      `only the first ${formatCount(maxSamples)} samples were read (the limit is ${formatCount(maxSamples)} samples per file, to keep the tab's memory in bounds); ` +
        `${formatCount(dropped)} more sample lines from line ${formatCount(droppedFrom)} on were left out. Drop fewer scrapes per file, or filter the series first`,
    );
  }
  const withSamples = scrapes.filter((s) => s.samples.length > 0);
  if (withSamples.length === 0) throw new FormatError(`no metric samples found in ${lines} lines of Prometheus text`, 'no-data');
  if (skipped > 5) ctx.warn(`${skipped} lines in all were not metric samples and were skipped`);
  return { scrapes: withSamples, skippedLines: skipped };
}
