// GODEBUG=gctrace=1 lines, Go 1.5 to 1.26 (see docs/formats/gctrace.md and
// runtime/mgc.go gcMarkTermination). A hand-written scanner rather than one
// big regular expression: ~4× faster on 1M lines, and it tolerates the
// annotations newer runtimes insert (e.g. Go 1.26's "(checking for goroutine
// leaks)" between "%" and ":").
//
//   gc N @S.SSSs P%: C1+C2+C3 ms clock, U1+A/B/I+U3 ms cpu, H0->H1->H2 MB,
//      G MB goal[, K MB stacks, L MB globals], NP P[ (forced)]
// Go 1.5 has five clock phases and two more cpu terms.

import type { ParseContext } from '../types';
import type { LineInfo } from './lines';
import type { LineStream, StreamDef } from './stream';
import { f64 } from '../../lib/columns';

const MiB = 1048576;

/** All cycles of a log, column by column (index i is one `gc` line). */
export interface GcTraceModel {
  /** Number of cycles (the columns' length). */
  count: number;
  /** Process run (0-based): a cycle number going back starts a new run. */
  run: Uint32Array;
  /** Cycle number as printed. */
  n: Float64Array;
  /** Seconds since process start at the start of the cycle. */
  t: Float64Array;
  /** Cumulative GC CPU % since process start (truncated integer as printed). */
  cumCpuPct: Float64Array;
  /** Wall clock of STW sweep termination, ms. */
  sweepTermMs: Float64Array;
  /** Wall clock of the concurrent phases (mark and scan), ms. */
  concurrentMs: Float64Array;
  /** Wall clock of STW mark termination, ms. */
  markTermMs: Float64Array;
  /** CPU ms: STW sweep termination, assist, background, idle, STW mark termination. */
  cpuSweepTermMs: Float64Array;
  cpuAssistMs: Float64Array;
  cpuBackgroundMs: Float64Array;
  cpuIdleMs: Float64Array;
  cpuMarkTermMs: Float64Array;
  /** Heap at start, at mark termination, live after marking; goal; stacks; globals — bytes (printed in MiB, truncated). */
  heapStart: Float64Array;
  heapEnd: Float64Array;
  heapLive: Float64Array;
  heapGoal: Float64Array;
  /** -1 when the line has no stacks/globals fields (before Go 1.18). */
  stacks: Float64Array;
  globals: Float64Array;
  procs: Float64Array;
  /** 1 when the line ends in "(forced)". */
  forced: Uint8Array;
  lineNo: Float64Array;
  /** Number of clock phases printed: 5 means Go 1.5, 3 means Go 1.6+. */
  phases: Uint8Array;
  /** Lines that looked like gctrace but could not be read (line numbers, first 20). */
  badLines: number[];
  badCount: number;
}

// Slots of the scratch record a line is parsed into.
const N = 0, T = 1, CUM = 2, C_SWEEP = 3, C_CONC = 4, C_MARK = 5, U_SWEEP = 6, U_ASSIST = 7, U_BG = 8, U_IDLE = 9, U_MARK = 10,
  H0 = 11, H1 = 12, H2 = 13, GOAL = 14, STACKS = 15, GLOBALS = 16, PROCS = 17, FORCED = 18, PHASES = 19;
export const GC_FIELDS = 20;

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9];

/** Cursor over one line; numbers are read without allocating substrings. */
class Scan {
  s = '';
  i = 0;
  lit(x: string): boolean {
    if (this.s.startsWith(x, this.i)) {
      this.i += x.length;
      return true;
    }
    return false;
  }
  /** The number read by the last successful num(). */
  v = 0;
  /**
   * Read an unsigned decimal (digits, optional fraction) into `v`; false when
   * there is none. Returning the value instead would box a double per call.
   */
  num(): boolean {
    const s = this.s;
    let i = this.i;
    let int = 0;
    let digits = 0;
    let c = s.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      digits++;
      c = s.charCodeAt(++i);
    }
    if (c === 46) {
      let frac = 0;
      let k = 0;
      c = s.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        frac = frac * 10 + (c - 48);
        k++;
        c = s.charCodeAt(++i);
      }
      if (k === 0 && digits === 0) return false;
      // (int·10^k + frac) / 10^k is exactly the double nearest the decimal text for k ≤ 9.
      this.v = k <= 9 && int < 1e6 ? (int * POW10[k] + frac) / POW10[k] : Number(s.slice(this.i, i));
    } else if (digits === 0) return false;
    else this.v = digits > 15 ? Number(s.slice(this.i, i)) : int;
    this.i = i;
    return true;
  }
}

const scan = new Scan();
const CLOCK = new Float64Array(5);
const CPU = new Float64Array(7);

/**
 * Parse the gctrace record starting at `at` (the index of "gc ") into `out`
 * (GC_FIELDS slots). Returns false when it is not a complete record.
 */
export function parseGcLine(s: string, at: number, out: Float64Array): boolean {
  const p = scan;
  p.s = s;
  p.i = at + 3;
  if (!p.num() || !p.lit(' @')) return false;
  out[N] = p.v;
  if (!p.num() || !p.lit('s ')) return false;
  out[T] = p.v;
  if (!p.num() || !p.lit('%')) return false;
  out[CUM] = p.v;
  // Annotations between "%" and ": " (Go 1.26 goroutine leak check) are skipped.
  const colon = s.indexOf(': ', p.i);
  if (colon < 0 || colon - p.i > 80) return false;
  p.i = colon + 2;
  const clock = CLOCK;
  let nc = 0;
  for (;;) {
    if (nc === 5 || !p.num()) return false;
    clock[nc++] = p.v;
    if (!p.lit('+')) break;
  }
  if ((nc !== 3 && nc !== 5) || !p.lit(' ms clock, ')) return false;
  out[PHASES] = nc;
  out[C_SWEEP] = clock[0];
  out[C_CONC] = nc === 5 ? clock[1] + clock[2] + clock[3] : clock[1];
  out[C_MARK] = nc === 5 ? clock[4] : clock[2];
  const cpu = CPU;
  let nu = 0;
  for (;;) {
    if (nu === 7 || !p.num()) return false;
    cpu[nu++] = p.v;
    if (!p.lit('+') && !p.lit('/')) break;
  }
  if (!p.lit(' ms cpu, ')) return false;
  // 1.6+: U1, A, B, I, U3. 1.5: U1, U2, U3, A, B, I, U5 (scan and install-WB terms).
  if (nu === 5) {
    out[U_SWEEP] = cpu[0];
    out[U_ASSIST] = cpu[1];
    out[U_BG] = cpu[2];
    out[U_IDLE] = cpu[3];
    out[U_MARK] = cpu[4];
  } else if (nu === 7) {
    out[U_SWEEP] = cpu[0] + cpu[1] + cpu[2];
    out[U_ASSIST] = cpu[3];
    out[U_BG] = cpu[4];
    out[U_IDLE] = cpu[5];
    out[U_MARK] = cpu[6];
  } else return false;
  if (!p.num() || !p.lit('->')) return false;
  out[H0] = p.v;
  if (!p.num() || !p.lit('->')) return false;
  out[H1] = p.v;
  if (!p.num() || !p.lit(' MB, ')) return false;
  out[H2] = p.v;
  if (!p.num() || !p.lit(' MB goal, ')) return false;
  out[GOAL] = p.v;
  out[STACKS] = -1;
  out[GLOBALS] = -1;
  if (!p.num()) return false;
  if (p.lit(' MB stacks, ')) {
    out[STACKS] = p.v;
    if (!p.num() || !p.lit(' MB globals, ')) return false;
    out[GLOBALS] = p.v;
    if (!p.num()) return false;
  }
  const procs = p.v;
  if (!p.lit(' P')) return false;
  out[PROCS] = procs;
  out[FORCED] = s.startsWith(' (forced)', p.i) ? 1 : 0;
  return true;
}

/** Index of a plausible gctrace record in the line, or -1. Cheap pre-check before parsing. */
export function findGcRecord(line: string): number {
  if (line.indexOf('ms clock, ') < 0) return -1;
  let at = line.indexOf('gc ');
  while (at >= 0) {
    const c = line.charCodeAt(at + 3);
    if (c >= 48 && c <= 57 && (at === 0 || !isWordChar(line.charCodeAt(at - 1)))) return at;
    at = line.indexOf('gc ', at + 3);
  }
  return -1;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** One growable column per field (src/lib/columns.ts). */
class Columns {
  len = 0;
  private readonly cols = Array.from({ length: GC_FIELDS + 2 }, () => f64());
  push(rec: Float64Array, run: number, lineNo: number) {
    const cols = this.cols;
    for (let f = 0; f < GC_FIELDS; f++) cols[f].push(rec[f]);
    cols[GC_FIELDS].push(run);
    cols[GC_FIELDS + 1].push(lineNo);
    this.len++;
  }
  col(f: number): Float64Array {
    return this.cols[f].done();
  }
}

class GcTraceStream implements LineStream<GcTraceModel> {
  private c = new Columns();
  private rec = new Float64Array(GC_FIELDS);
  private run = 0;
  private lastN = -1;
  private lastT = -1;
  private cutLine = 0;
  private badLines: number[] = [];
  private badCount = 0;

  accept(line: string, info: LineInfo): boolean {
    const at = findGcRecord(line);
    if (at < 0) {
      // The last line of a cut log may stop before " ms clock".
      if (info.unterminated && /\bgc \d+ @/.test(line)) {
        this.cutLine = info.lineNo;
        return true;
      }
      return false;
    }
    const r = this.rec;
    if (!parseGcLine(line, at, r)) {
      if (info.unterminated) this.cutLine = info.lineNo;
      else {
        if (this.badLines.length < 20) this.badLines.push(info.lineNo);
        this.badCount++;
      }
      return true;
    }
    if (this.lastN >= 0 && (r[N] <= this.lastN || r[T] < this.lastT)) this.run++;
    this.lastN = r[N];
    this.lastT = r[T];
    this.c.push(r, this.run, info.lineNo);
    return true;
  }

  finish(ctx: ParseContext): GcTraceModel | undefined {
    if (this.cutLine) ctx.warn(`gctrace: line ${this.cutLine} was cut mid-line (truncated log); the cycles before it are kept`);
    if (this.badCount) {
      ctx.warn(
        `gctrace: ${this.badCount} line(s) looked like gctrace but could not be read (line ${this.badLines.join(', ')}${this.badCount > this.badLines.length ? ', …' : ''})`,
      );
    }
    const c = this.c;
    if (!c.len && !this.badCount && !this.cutLine) return undefined;
    const mib = (f: number) => c.col(f).map((x) => x * MiB);
    const mibOrNone = (f: number) => c.col(f).map((x) => (x < 0 ? -1 : x * MiB));
    return {
      count: c.len,
      run: Uint32Array.from(c.col(GC_FIELDS)),
      n: c.col(N),
      t: c.col(T),
      cumCpuPct: c.col(CUM),
      sweepTermMs: c.col(C_SWEEP),
      concurrentMs: c.col(C_CONC),
      markTermMs: c.col(C_MARK),
      cpuSweepTermMs: c.col(U_SWEEP),
      cpuAssistMs: c.col(U_ASSIST),
      cpuBackgroundMs: c.col(U_BG),
      cpuIdleMs: c.col(U_IDLE),
      cpuMarkTermMs: c.col(U_MARK),
      heapStart: mib(H0),
      heapEnd: mib(H1),
      heapLive: mib(H2),
      heapGoal: mib(GOAL),
      stacks: mibOrNone(STACKS),
      globals: mibOrNone(GLOBALS),
      procs: c.col(PROCS),
      forced: Uint8Array.from(c.col(FORCED)),
      lineNo: c.col(GC_FIELDS + 1),
      phases: Uint8Array.from(c.col(PHASES)),
      badLines: this.badLines,
      badCount: this.badCount,
    };
  }
}

const sniffRec = new Float64Array(GC_FIELDS);

export const gctraceStream: StreamDef<GcTraceModel> = {
  key: 'gctrace',
  label: 'GODEBUG=gctrace=1',
  sniffLine: (line) => {
    const at = findGcRecord(line);
    return at >= 0 && parseGcLine(line, at, sniffRec);
  },
  create: () => new GcTraceStream(),
};
