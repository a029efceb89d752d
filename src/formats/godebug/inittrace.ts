// GODEBUG=inittrace=1 (Go 1.16+, runtime/proc.go doInit1):
//   init <import path> @<start> ms, <clock> ms clock, <bytes> bytes, <allocs> allocs
// One line per package with init work; times use the gctrace ms formatting.

import type { ParseContext } from '../types';
import { Cursor, atWordStart } from './cursor';
import { IssueLog, type StreamIssues } from './issues';
import type { LineInfo } from './lines';
import type { LineStream, StreamDef } from './stream';

export interface InitLine {
  line: number;
  pkg: string;
  /** Start, ms since runtime init. */
  startMs: number;
  clockMs: number;
  bytes: number;
  allocs: number;
}

export interface InitTraceModel extends StreamIssues {
  packages: InitLine[];
}

const cur = new Cursor();

/** The init record whose "init " starts at `at`. */
export function parseInitLine(s: string, at: number, line = 0): InitLine | undefined {
  const sp = s.indexOf(' @', at + 5);
  if (sp < 0) return undefined;
  const pkg = s.slice(at + 5, sp);
  if (pkg.length === 0 || pkg.indexOf(' ') >= 0) return undefined;
  const c = cur.reset(s, sp + 2);
  const startMs = c.floatThen(' ms, ');
  const clockMs = c.floatThen(' ms clock, ');
  const bytes = c.uintThen(' bytes, ');
  const allocs = c.uintThen(' allocs');
  if (Number.isNaN(startMs + clockMs + bytes + allocs)) return undefined;
  return { line, pkg, startMs, clockMs, bytes, allocs };
}

/** Index of "init " at a word start in a line that has the inittrace shape, or -1. Cheap. */
export function findInit(s: string): number {
  if (s.indexOf('ms clock, ') < 0) return -1;
  // Prefer a record at a word start; otherwise take one glued to other text
  // (the runtime's prints from two threads can interleave mid-line).
  let glued = -1;
  for (let at = s.indexOf('init '); at >= 0; at = s.indexOf('init ', at + 5)) {
    if (atWordStart(s, at)) return at;
    if (glued < 0 && parseInitLine(s, at) !== undefined) glued = at;
  }
  return glued;
}

class InitStream implements LineStream<InitTraceModel> {
  private m: InitTraceModel = { packages: [], badLines: [], badCount: 0 };
  private issues = new IssueLog();

  accept(line: string, info: LineInfo): boolean {
    const at = findInit(line);
    if (at < 0) {
      // A last line cut before " ms clock, " still starts like an init record.
      if (info.unterminated && /(?:^|\s)init \S+ @[\d.]*/.test(line)) {
        this.issues.bad(info.lineNo, true);
        return true;
      }
      return false;
    }
    const r = parseInitLine(line, at, info.lineNo);
    if (r) this.m.packages.push(r);
    else this.issues.bad(info.lineNo, info.unterminated);
    return true;
  }

  finish(ctx: ParseContext): InitTraceModel | undefined {
    const m = this.m;
    this.issues.report(ctx, 'inittrace', m, 'the packages');
    return m.packages.length || this.issues.any ? m : undefined;
  }
}

export const inittraceStream: StreamDef<InitTraceModel> = {
  key: 'inittrace',
  label: 'GODEBUG=inittrace=1',
  sniffLine: (line) => {
    const at = findInit(line);
    return at >= 0 && parseInitLine(line, at) !== undefined;
  },
  create: () => new InitStream(),
};
