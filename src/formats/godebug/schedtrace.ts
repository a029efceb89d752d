// GODEBUG=schedtrace=X[,scheddetail=1] (runtime/proc.go schedtrace). Keyed on
// the text, not on a guessed Go version:
//
//   SCHED <T>ms: gomaxprocs=N idleprocs=N threads=N spinningthreads=N
//     [needspinning=N] idlethreads=N runqueue=N  then either
//     [q0 q1 …] (≤1.25) / [ q0 q1 … ] schedticks=[ t0 t1 … ] (1.26)   plain mode
//     gcwaiting=x nmidlelocked=N stopwait=N sysmonwait=x               detailed mode,
//   followed by indented P, M and G lines:
//   P<i>: status=N schedtick=N syscalltick=N m=<id|nil|-1> runqsize=N gfreecnt=N [timerslen=N]
//   M<id>: p=<id> curg=<goid> mallocing=N throwing=N preemptoff=<text> locks=N dying=N
//          [helpgc=N] spinning=<bool> blocked=<bool> lockedg=<goid>
//   G<goid>: status=N(<wait reason>) m=<id> lockedm=<id>
//
// A detailed sample is a block; other streams and application output may be
// interleaved inside it, so the block runs until the next SCHED line.

import type { ParseContext } from '../types';
import { Cursor, NONE, atWordStart, fieldAt, fieldEnd, valueAt } from './cursor';
import { IssueLog, type StreamIssues } from './issues';
import type { LineInfo } from './lines';
import type { LineStream, StreamDef } from './stream';

/** P status codes printed by the runtime (runtime2.go). */
export const P_STATUS = ['idle', 'running', 'syscall', 'gcstop', 'dead'] as const;

/** A condition that held for the same P, M or G over consecutive detailed samples. */
export interface SchedAnomaly {
  /**
   * p-running: a P kept the same schedtick while running (one goroutine held it);
   * p-syscall: a P stayed in a syscall with the same syscalltick;
   * g-runnable: a goroutine stayed runnable; g-syscall: a goroutine stayed in a syscall;
   * m-locked: a thread stayed locked to the same goroutine (LockOSThread / cgo callbacks).
   */
  kind: 'p-running' | 'p-syscall' | 'g-runnable' | 'g-syscall' | 'm-locked';
  /** P index, goroutine id or M id. */
  id: number;
  /** Consecutive detailed samples the condition held in. */
  samples: number;
  fromMs: number;
  toMs: number;
  /** Line of the first sample's SCHED line. */
  line: number;
}

/** Every SCHED sample of a log, column by column (index i is one SCHED line). */
export interface SchedTraceModel extends StreamIssues {
  /** Process run (0-based): time going back starts a new run. */
  run: number[];
  /** Milliseconds since the first schedtrace call (≈ process start). */
  tMs: number[];
  gomaxprocs: number[];
  idleprocs: number[];
  threads: number[];
  spinning: number[];
  /** NONE when not printed (before Go 1.20). */
  needspinning: number[];
  idlethreads: number[];
  runqueue: number[];
  /** True for scheddetail samples (P/M/G lines follow). */
  detailed: boolean[];
  lineNo: number[];
  /** Per-P values, flattened: sample i's P j is at pStart[i] + j; pCount[i] entries. */
  pStart: number[];
  pCount: number[];
  pRunq: number[];
  /** P status code (detailed samples), NONE in plain samples. */
  pStatus: number[];
  /** schedtick per P (detailed samples, and plain samples from Go 1.26), NONE otherwise. */
  pSchedtick: number[];
  /** Goroutine counts per detailed sample by state (NONE for plain samples). */
  gTotal: number[];
  gRunning: number[];
  gRunnable: number[];
  gWaiting: number[];
  gSyscall: number[];
  gOther: number[];
  /** M lines per detailed sample, and how many were spinning, blocked, locked to a goroutine. */
  mLines: number[];
  mSpinning: number[];
  mBlocked: number[];
  mLocked: number[];
  /** Wait reasons of waiting goroutines, summed over all detailed samples. */
  waitReasons: Record<string, number>;
  /** Longest conditions over consecutive detailed samples, longest first (at most 50). */
  anomalies: SchedAnomaly[];
  /** Text features seen, for the version hint. */
  features: { helpgc: boolean; timerslen: boolean; needspinning: boolean; nilIds: boolean; minusOneIds: boolean; schedticks: boolean };
}

function emptyModel(): SchedTraceModel {
  return {
    run: [], tMs: [], gomaxprocs: [], idleprocs: [], threads: [], spinning: [], needspinning: [], idlethreads: [],
    runqueue: [], detailed: [], lineNo: [], pStart: [], pCount: [], pRunq: [], pStatus: [], pSchedtick: [],
    gTotal: [], gRunning: [], gRunnable: [], gWaiting: [], gSyscall: [], gOther: [],
    mLines: [], mSpinning: [], mBlocked: [], mLocked: [], waitReasons: {}, anomalies: [],
    features: { helpgc: false, timerslen: false, needspinning: false, nilIds: false, minusOneIds: false, schedticks: false },
    badLines: [], badCount: 0,
  };
}

/** A parsed SCHED summary line. */
export interface SchedLine {
  tMs: number;
  fields: Record<string, number>;
  /** Per-P local run queues (plain mode), else undefined. */
  runq?: number[];
  schedticks?: number[];
  /** False when a `[` list was opened but never closed (cut line). */
  complete: boolean;
}

const cur = new Cursor();

/** Parse the SCHED line whose "SCHED " starts at `at`. Undefined if it is not one. */
/** Keys of the SCHED line (with their separators), in the order the runtime prints them. */
const SCHED_KEYS = ['gomaxprocs', 'idleprocs', 'threads', 'spinningthreads', 'needspinning', 'idlethreads', 'runqueue', 'gcwaiting', 'nmidlelocked', 'stopwait', 'sysmonwait'].map((k) => [k, ` ${k}=`] as const);

/** Parse the SCHED line whose "SCHED " starts at `at`. Undefined if it is not one. Unknown fields are ignored. */
export function parseSchedLine(s: string, at: number): SchedLine | undefined {
  const c = cur.reset(s, at + 6);
  const tMs = c.uint();
  if (Number.isNaN(tMs) || !c.lit('ms: ')) return undefined;
  const fields: Record<string, number> = {};
  const out: SchedLine = { tMs, fields, complete: true };
  const from = c.i - 1;
  for (const [k, key] of SCHED_KEYS) {
    const v = fieldAt(s, key, from);
    if (!Number.isNaN(v)) fields[k] = v;
  }
  if (fields.gomaxprocs === undefined || fields.threads === undefined) return undefined;
  // Plain mode: per-P run queues "[q0 q1 …]" (1.26: "[ q0 q1 … ] schedticks=[ t0 t1 … ]").
  const ticks = s.indexOf(' schedticks=[', from);
  const lb = s.indexOf(' [', from);
  if (lb >= 0 && (ticks < 0 || lb < ticks)) {
    const list = readList(s, lb + 1);
    out.runq = list.values;
    if (!list.closed) out.complete = false;
  }
  if (ticks >= 0) {
    const list = readList(s, ticks + 12);
    out.schedticks = list.values;
    if (!list.closed) out.complete = false;
  }
  return out;
}

function readList(s: string, at: number): { values: number[]; end: number; closed: boolean } {
  const values: number[] = [];
  let i = at + 1;
  let v = -1;
  for (; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 48 && ch <= 57) v = (v < 0 ? 0 : v * 10) + (ch - 48);
    else {
      if (v >= 0) values.push(v);
      v = -1;
      if (ch === 93 /* ] */) return { values, end: i + 1, closed: true };
      if (ch !== 32) break;
    }
  }
  if (v >= 0) values.push(v);
  return { values, end: i, closed: false };
}

/** Which detail line kind starts at `at` (index of P/M/G), or 0. */
export type DetailKind = 'P' | 'M' | 'G';

/**
 * Locate a scheddetail P/M/G record in the line: [kind, index of the letter]
 * or undefined. One scan over the ": " separators (usually one per line):
 * `<letter><digits>: status=` is a P or G line, `M<digits>: p=` an M line.
 */
export function findDetail(s: string): [DetailKind, number] | undefined {
  for (let j = s.indexOf(': '); j > 0; j = s.indexOf(': ', j + 2)) {
    const d = s.charCodeAt(j - 1);
    if (d < 48 || d > 57) continue;
    const status = s.startsWith('status=', j + 2);
    if (!status && !s.startsWith('p=', j + 2)) continue;
    let k = j - 2;
    while (k >= 0 && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k--;
    if (k < 0 || !atWordStart(s, k)) continue;
    const letter = s.charCodeAt(k);
    if (status && letter === 80) return ['P', k];
    if (status && letter === 71) return ['G', k];
    if (!status && letter === 77) return ['M', k];
  }
  return undefined;
}

export interface PLine { id: number; status: number; schedtick: number; syscalltick: number; m: number; runqsize: number; gfreecnt: number; timerslen: number }
export interface MLine { id: number; p: number; curg: number; spinning: number; blocked: number; lockedg: number; helpgc: boolean }
/** The wait reason is s.slice(reasonStart, reasonEnd) (sliced only when needed). */
export interface GLine { id: number; status: number; reasonStart: number; reasonEnd: number; m: number; lockedm: number }

// The parse functions below fill and return one shared record each (valid
// until the next call): detail lines are most of a scheddetail log, and an
// object per line was a measurable share of GC time.
const P_REC: PLine = { id: 0, status: 0, schedtick: 0, syscalltick: 0, m: 0, runqsize: 0, gfreecnt: 0, timerslen: 0 };
const M_REC: MLine = { id: 0, p: 0, curg: 0, spinning: 0, blocked: 0, lockedg: 0, helpgc: false };
const G_REC: GLine = { id: 0, status: 0, reasonStart: 0, reasonEnd: 0, m: 0, lockedm: 0 };

export function parsePLine(s: string, at: number): PLine | undefined {
  const colon = s.indexOf(': status=', at);
  const p = P_REC;
  p.id = valueAt(s, at + 1);
  p.status = valueAt(s, colon + 9);
  // Fields in the order the runtime prints them, each searched from the previous one.
  const E = fieldEnd;
  E.at = colon;
  p.schedtick = fieldAt(s, ' schedtick=', E.at);
  p.syscalltick = fieldAt(s, ' syscalltick=', E.at);
  p.m = fieldAt(s, ' m=', E.at);
  p.runqsize = fieldAt(s, ' runqsize=', E.at);
  p.gfreecnt = fieldAt(s, ' gfreecnt=', E.at);
  p.timerslen = fieldAt(s, ' timerslen=', E.at);
  if (Number.isNaN(p.timerslen)) p.timerslen = NONE; // before Go 1.14
  if (Number.isNaN(p.status) || Number.isNaN(p.runqsize) || Number.isNaN(p.schedtick)) return undefined;
  return p;
}

export function parseMLine(s: string, at: number): MLine | undefined {
  const colon = s.indexOf(': p=', at);
  const m = M_REC;
  m.id = valueAt(s, at + 1);
  m.p = valueAt(s, colon + 4);
  const E = fieldEnd;
  E.at = colon;
  m.curg = fieldAt(s, ' curg=', E.at);
  m.spinning = fieldAt(s, ' spinning=', E.at);
  m.blocked = fieldAt(s, ' blocked=', E.at);
  m.lockedg = fieldAt(s, ' lockedg=', E.at);
  m.helpgc = s.indexOf(' helpgc=', colon) >= 0;
  if (Number.isNaN(m.p) || Number.isNaN(m.curg) || Number.isNaN(m.spinning) || Number.isNaN(m.lockedg)) return undefined;
  return m;
}

export function parseGLine(s: string, at: number): GLine | undefined {
  const c = cur.reset(s, at + 1);
  const id = c.uint();
  if (Number.isNaN(id) || !c.lit(': status=')) return undefined;
  const status = c.uint();
  if (Number.isNaN(status) || !c.lit('(')) return undefined;
  // The wait reason may itself contain parentheses: "force gc (idle)".
  const close = s.lastIndexOf(') m=');
  if (close < c.i - 1) return undefined;
  const g = G_REC;
  g.id = id;
  g.status = status;
  g.reasonStart = c.i;
  g.reasonEnd = close;
  g.m = valueAt(s, close + 4);
  g.lockedm = fieldAt(s, ' lockedm=', close);
  if (Number.isNaN(g.m) || Number.isNaN(g.lockedm)) return undefined;
  return g;
}

/** Goroutine status without the scan bit (0x1000). */
const gState = (status: number) => status & 0xfff;

interface Streak {
  ident: number;
  first: number;
  firstMs: number;
  last: number;
  lastMs: number;
  count: number;
  line: number;
}

const MAX_ANOMALIES = 50;

/** Tracks conditions holding for the same key across consecutive detailed samples. */
const KINDS: SchedAnomaly['kind'][] = ['p-running', 'p-syscall', 'g-runnable', 'g-syscall', 'm-locked'];
const [P_RUNNING, P_SYSCALL, G_RUNNABLE, G_SYSCALL, M_LOCKED] = [0, 1, 2, 3, 4];

class Streaks {
  /** Keyed by id × 8 + kind index. */
  private open = new Map<number, Streak>();
  readonly done: SchedAnomaly[] = [];

  observe(kind: number, id: number, ident: number, sample: number, prevSample: number, tMs: number, line: number): void {
    const key = id * 8 + kind;
    const s = this.open.get(key);
    if (s && s.last === prevSample && s.ident === ident) {
      s.last = sample;
      s.lastMs = tMs;
      s.count++;
      return;
    }
    if (s) this.end(key, s);
    this.open.set(key, { ident, first: sample, firstMs: tMs, last: sample, lastMs: tMs, count: 1, line });
  }

  /** End streaks not seen in `sample`. */
  close(sample: number): void {
    for (const [k, s] of this.open) {
      if (s.last !== sample) {
        this.end(k, s);
        this.open.delete(k);
      }
    }
  }

  finish(): SchedAnomaly[] {
    for (const [k, s] of this.open) this.end(k, s);
    this.open.clear();
    this.done.sort((a, b) => b.samples - a.samples || b.toMs - b.fromMs - (a.toMs - a.fromMs));
    return this.done.slice(0, MAX_ANOMALIES);
  }

  private end(key: number, s: Streak): void {
    if (s.count < 2) return;
    this.done.push({
      kind: KINDS[key % 8],
      id: Math.floor(key / 8),
      samples: s.count,
      fromMs: s.firstMs,
      toMs: s.lastMs,
      line: s.line,
    });
    if (this.done.length > MAX_ANOMALIES * 4) {
      this.done.sort((a, b) => b.samples - a.samples);
      this.done.length = MAX_ANOMALIES;
    }
  }
}

class SchedTraceStream implements LineStream<SchedTraceModel> {
  private m = emptyModel();
  private run = 0;
  private lastT = -1;
  /** Index of the open detailed sample, or -1. */
  private block = -1;
  private prevBlock = -1;
  private pSeen = 0;
  private mSeen = 0;
  private gSeen = 0;
  private streaks = new Streaks();
  private issues = new IssueLog();
  private shortLists = 0;
  private orphans = 0;

  accept(line: string, info: LineInfo): boolean {
    const at = line.indexOf('SCHED ');
    if (at >= 0 && atWordStart(line, at)) {
      const end = skipDigits(line, at + 6);
      if (line.startsWith('ms: ', end)) {
        this.summary(line, at, info);
        return true;
      }
      if (info.unterminated && end > at + 6 && end >= line.length - 3) {
        this.issues.bad(info.lineNo, true); // "SCHED 12" or "SCHED 12ms" cut at the end of the input
        return true;
      }
    }
    const d = findDetail(line);
    if (!d) return false;
    const [kind, k] = d;
    const rec = kind === 'P' ? parsePLine(line, k) : kind === 'M' ? parseMLine(line, k) : parseGLine(line, k);
    if (!rec) {
      // "P3: status=" cut short is a truncated block; other near-misses are bad lines.
      this.issues.bad(info.lineNo, info.unterminated);
      return true;
    }
    if (this.block < 0) {
      this.orphans++;
      return true;
    }
    if (kind === 'P') this.pLine(rec as PLine, line);
    else if (kind === 'M') this.mLine(rec as MLine, line);
    else this.gLine(rec as GLine, line);
    return true;
  }

  private summary(line: string, at: number, info: LineInfo): void {
    const p = parseSchedLine(line, at);
    const detailed = p !== undefined && (p.fields.gcwaiting !== undefined || p.fields.nmidlelocked !== undefined);
    // At the end of the input a line without its last field was cut mid-line.
    const cut = info.unterminated && p !== undefined && (!p.complete || (detailed ? p.fields.sysmonwait === undefined : p.runq === undefined));
    if (!p || cut) {
      this.issues.bad(info.lineNo, info.unterminated);
      return;
    }
    this.closeBlock();
    const m = this.m;
    const f = p.fields;
    if (this.lastT >= 0 && p.tMs < this.lastT) {
      this.run++;
      this.prevBlock = -1;
    }
    this.lastT = p.tMs;
    const i = m.tMs.length;
    m.run.push(this.run);
    m.tMs.push(p.tMs);
    m.gomaxprocs.push(f.gomaxprocs);
    m.idleprocs.push(f.idleprocs ?? NONE);
    m.threads.push(f.threads);
    m.spinning.push(f.spinningthreads ?? NONE);
    m.needspinning.push(f.needspinning ?? NONE);
    if (f.needspinning !== undefined) m.features.needspinning = true;
    m.idlethreads.push(f.idlethreads ?? NONE);
    m.runqueue.push(f.runqueue ?? NONE);
    m.detailed.push(detailed);
    m.lineNo.push(info.lineNo);
    m.pStart.push(m.pRunq.length);
    m.pCount.push(0);
    for (const a of [m.gTotal, m.gRunning, m.gRunnable, m.gWaiting, m.gSyscall, m.gOther, m.mLines, m.mSpinning, m.mBlocked, m.mLocked]) {
      a.push(detailed ? 0 : NONE);
    }
    if (!detailed && p.runq) {
      if (p.runq.length !== f.gomaxprocs) this.shortLists++;
      const ticks = p.schedticks;
      if (ticks) m.features.schedticks = true;
      for (let j = 0; j < p.runq.length; j++) {
        m.pRunq.push(p.runq[j]);
        m.pStatus.push(NONE);
        m.pSchedtick.push(ticks && j < ticks.length ? ticks[j] : NONE);
      }
      m.pCount[i] = p.runq.length;
    }
    if (detailed) {
      this.block = i;
      this.pSeen = this.mSeen = this.gSeen = 0;
    }
  }

  private pLine(p: PLine, line: string): void {
    const m = this.m;
    const b = this.block;
    if (p.timerslen !== NONE) m.features.timerslen = true;
    this.noteIds(line);
    m.pRunq.push(p.runqsize);
    m.pStatus.push(p.status);
    m.pSchedtick.push(p.schedtick);
    m.pCount[b]++;
    this.pSeen++;
    const t = m.tMs[b];
    const ln = m.lineNo[b];
    if (p.status === 1) this.streaks.observe(P_RUNNING, p.id, p.schedtick, b, this.prevBlock, t, ln);
    else if (p.status === 2) this.streaks.observe(P_SYSCALL, p.id, p.syscalltick, b, this.prevBlock, t, ln);
  }

  private mLine(r: MLine, line: string): void {
    const m = this.m;
    const b = this.block;
    if (r.helpgc) m.features.helpgc = true;
    this.noteIds(line);
    m.mLines[b]++;
    if (r.spinning === 1) m.mSpinning[b]++;
    if (r.blocked === 1) m.mBlocked[b]++;
    if (r.lockedg !== NONE) {
      m.mLocked[b]++;
      this.streaks.observe(M_LOCKED, r.id, r.lockedg, b, this.prevBlock, m.tMs[b], m.lineNo[b]);
    }
    this.mSeen++;
  }

  private gLine(g: GLine, line: string): void {
    const m = this.m;
    const b = this.block;
    m.gTotal[b]++;
    const st = gState(g.status);
    switch (st) {
      case 1:
        m.gRunnable[b]++;
        this.streaks.observe(G_RUNNABLE, g.id, 0, b, this.prevBlock, m.tMs[b], m.lineNo[b]);
        break;
      case 2:
        m.gRunning[b]++;
        break;
      case 3:
        m.gSyscall[b]++;
        this.streaks.observe(G_SYSCALL, g.id, 0, b, this.prevBlock, m.tMs[b], m.lineNo[b]);
        break;
      case 4:
        m.gWaiting[b]++;
        const reason = line.slice(g.reasonStart, g.reasonEnd);
        m.waitReasons[reason] = (m.waitReasons[reason] ?? 0) + 1;
        break;
      default:
        m.gOther[b]++;
    }
    this.gSeen++;
  }

  private idChecks = 0;

  private noteIds(line: string): void {
    if (++this.idChecks > 4096) return; // the id style does not change within a log
    const f = this.m.features;
    if (!f.nilIds && line.indexOf('=nil') >= 0) f.nilIds = true;
    if (!f.minusOneIds && line.indexOf('=-1') >= 0) f.minusOneIds = true;
  }

  private closeBlock(): void {
    if (this.block < 0) return;
    this.streaks.close(this.block);
    this.prevBlock = this.block;
    this.block = -1;
  }

  finish(ctx: ParseContext): SchedTraceModel | undefined {
    const m = this.m;
    const b = this.block;
    let cutBlock: string | undefined;
    if (b >= 0) {
      const want = m.gomaxprocs[b];
      if (this.pSeen < want || (this.gSeen === 0 && this.mSeen < m.threads[b])) {
        cutBlock = `the last scheddetail block (SCHED ${m.tMs[b]}ms, line ${m.lineNo[b]}) is cut short: ${this.pSeen} of ${want} P lines, ${this.mSeen} of ${m.threads[b]} M lines, ${this.gSeen} G lines`;
      }
    }
    this.closeBlock();
    m.anomalies = this.streaks.finish();
    this.issues.report(ctx, 'schedtrace', m, 'the samples', cutBlock);
    if (this.shortLists) ctx.warn(`schedtrace: ${this.shortLists} SCHED line(s) list fewer per-P run queues than gomaxprocs`);
    if (this.orphans) ctx.warn(`schedtrace: ${this.orphans} P/M/G line(s) came before any scheddetail SCHED line and were not attributed to a sample`);
    return m.tMs.length || this.issues.any || this.orphans ? m : undefined;
  }
}

function skipDigits(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i;
}

export const schedtraceStream: StreamDef<SchedTraceModel> = {
  key: 'schedtrace',
  label: 'GODEBUG=schedtrace=X,scheddetail=1',
  sniffLine: (line) => {
    const at = line.indexOf('SCHED ');
    if (at >= 0) return parseSchedLine(line, at) !== undefined;
    const d = findDetail(line);
    if (!d) return false;
    return (d[0] === 'P' ? parsePLine(line, d[1]) : d[0] === 'M' ? parseMLine(line, d[1]) : parseGLine(line, d[1])) !== undefined;
  },
  create: () => new SchedTraceStream(),
};
