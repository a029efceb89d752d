// GODEBUG=gcpacertrace=1 (runtime/mgcpacer.go, mgcsweep.go). Every line starts
// with "pacer: ". Shapes, keyed on the text:
//
//   assist ratio=<f> (scan <MiB> MB in <MiB>-><MiB> MB) workers=<n>+<f>     all versions (GC start)
//   <U>% CPU (<goal> exp.) for <heap>+<stack>+<globals> B work (<exp> B exp.)
//     in <trigger> B -> <live> B (∆goal <signed>, cons/mark <f>)[ [controller reset]]   1.18+ (mark end)
//   H_m_prev=<b> h_t=<f> H_T=<b> h_a=<f> H_a=<b> h_g=<f> H_g=<b> u_a=<f> u_g=<f> W_a=<b>
//     goalΔ=<f> actualΔ=<f> u_a/u_g=<f>                                         1.5–1.17 (mark end)
//   sweep done at heap size <MiB>MB; allocated <MiB>MB during sweep; swept <n> pages at <f> pages/byte
//
// Floats come as `+9.500000e-001` (old runtimes) or `0.8271590523097826` (1.26).

import type { ParseContext } from '../types';
import { Cursor, NONE, forEachField, valueAt } from './cursor';
import { IssueLog, type StreamIssues } from './issues';
import type { LineInfo } from './lines';
import type { LineStream, StreamDef } from './stream';

const MiB = 1048576;

/** GC start: the assist ratio and the heap goal of the cycle. */
export interface PacerAssist {
  line: number;
  ratio: number;
  /** Scannable heap at GC start, bytes (printed in MiB). */
  scanBytes: number;
  heapStartBytes: number;
  goalBytes: number;
  dedicatedWorkers: number;
  fractionalGoal: number;
}

/** Mark end: how the cycle went against the pacer's plan. */
export interface PacerCycle {
  line: number;
  /** "1.18+" (% CPU line) or "1.5-1.17" (H_m_prev line). */
  shape: '1.18+' | '1.5-1.17';
  /** GC CPU utilisation during mark, % (1.18+: truncated integer; old: u_a×100). */
  utilPercent: number;
  /** Utilisation goal, % (25; old runtimes print u_g). */
  goalPercent: number;
  /** Scan work done, bytes (heap + stacks + globals in 1.18+; W_a in old runtimes). */
  workBytes: number;
  /** Expected scan work, bytes (1.18+), NONE otherwise. */
  expectedWorkBytes: number;
  /** Heap when the cycle was triggered, bytes. */
  triggerBytes: number;
  /** Heap at mark end, bytes. */
  heapLiveBytes: number;
  /** Heap at mark end minus the goal, bytes (positive: the goal was overshot). */
  overGoalBytes: number;
  /** Heap goal, bytes (old runtimes' H_g; NONE in 1.18+ where it comes from the assist line). */
  goalBytes: number;
  /** cons/mark estimate (1.18+), NaN → NONE when absent. */
  consMark: number;
  controllerReset: boolean;
}

export interface PacerSweep {
  line: number;
  heapBytes: number;
  allocatedBytes: number;
  pages: number;
}

/** Records stored column by column (one array per field): no object per line survives parsing. */
export type Columns<T> = { [K in keyof T]: T[K][] };

export interface PacerTraceModel extends StreamIssues {
  assists: Columns<PacerAssist>;
  cycles: Columns<PacerCycle>;
  sweeps: Columns<PacerSweep>;
  /** "pacer:" lines of an unknown shape (kept as classified, counted here). */
  unknown: number;
}

function columnsOf<T extends object>(example: T): Columns<T> {
  const out = {} as Record<string, unknown[]>;
  for (const k of Object.keys(example)) out[k] = [];
  return out as Columns<T>;
}

function pushAssist(c: Columns<PacerAssist>, r: PacerAssist): void {
  c.line.push(r.line);
  c.ratio.push(r.ratio);
  c.scanBytes.push(r.scanBytes);
  c.heapStartBytes.push(r.heapStartBytes);
  c.goalBytes.push(r.goalBytes);
  c.dedicatedWorkers.push(r.dedicatedWorkers);
  c.fractionalGoal.push(r.fractionalGoal);
}

function pushCycle(c: Columns<PacerCycle>, r: PacerCycle): void {
  c.line.push(r.line);
  c.shape.push(r.shape);
  c.utilPercent.push(r.utilPercent);
  c.goalPercent.push(r.goalPercent);
  c.workBytes.push(r.workBytes);
  c.expectedWorkBytes.push(r.expectedWorkBytes);
  c.triggerBytes.push(r.triggerBytes);
  c.heapLiveBytes.push(r.heapLiveBytes);
  c.overGoalBytes.push(r.overGoalBytes);
  c.goalBytes.push(r.goalBytes);
  c.consMark.push(r.consMark);
  c.controllerReset.push(r.controllerReset);
}

function pushSweep(c: Columns<PacerSweep>, r: PacerSweep): void {
  c.line.push(r.line);
  c.heapBytes.push(r.heapBytes);
  c.allocatedBytes.push(r.allocatedBytes);
  c.pages.push(r.pages);
}

const cur = new Cursor();

export function parseAssist(s: string, from: number, line = 0): PacerAssist | undefined {
  const c = cur.reset(s, from);
  if (!c.lit('assist ratio=')) return undefined;
  const ratio = c.floatThen(' (scan ');
  const scan = c.uintThen(' MB in ');
  const h0 = c.uintThen('->');
  const goal = c.uintThen(' MB) workers=');
  const ded = c.uintThen('+');
  const frac = c.float(); // "0.25", "+0.000000e+000" (the "++" of old runtimes), or "0"
  if (Number.isNaN(ratio + scan + h0 + goal + ded + frac)) return undefined;
  return { line, ratio, scanBytes: scan * MiB, heapStartBytes: h0 * MiB, goalBytes: goal * MiB, dedicatedWorkers: ded, fractionalGoal: frac };
}

export function parseCpu(s: string, from: number, line = 0): PacerCycle | undefined {
  const c = cur.reset(s, from);
  const u = c.uintThen('% CPU (');
  const goal = c.uintThen(' exp.) for ');
  if (Number.isNaN(u) || Number.isNaN(goal)) return undefined;
  let work = 0;
  for (;;) {
    const w = c.uint();
    if (Number.isNaN(w)) return undefined;
    work += w;
    if (!c.lit('+')) break;
  }
  if (!c.lit(' B work (')) return undefined;
  const exp = c.uintThen(' B exp.) in ');
  const trigger = c.uintThen(' B -> ');
  const live = c.uint();
  if (Number.isNaN(exp + trigger + live) || !c.skipPast('goal ', 16)) return undefined; // "(∆goal " (U+2206)
  const over = c.int();
  if (Number.isNaN(over) || !c.lit(', cons/mark ')) return undefined;
  const cm = c.floatThen(')');
  if (Number.isNaN(cm)) return undefined;
  return {
    line, shape: '1.18+', utilPercent: u, goalPercent: goal, workBytes: work, expectedWorkBytes: exp, triggerBytes: trigger,
    heapLiveBytes: live, overGoalBytes: over, goalBytes: NONE, consMark: cm, controllerReset: s.indexOf('[controller reset]', c.i) >= 0,
  };
}

export function parseOldCycle(s: string, from: number, line = 0): PacerCycle | undefined {
  const f: Record<string, number> = {};
  forEachField(s, from, s.length, (k, v) => {
    f[k] = Number(v);
  });
  const need = ['H_T', 'H_a', 'H_g', 'u_a', 'u_g', 'W_a'];
  for (const k of need) if (f[k] === undefined || Number.isNaN(f[k])) return undefined;
  return {
    line, shape: '1.5-1.17', utilPercent: f.u_a * 100, goalPercent: f.u_g * 100, workBytes: f.W_a, expectedWorkBytes: NONE,
    triggerBytes: f.H_T, heapLiveBytes: f.H_a, overGoalBytes: f.H_a - f.H_g, goalBytes: f.H_g, consMark: NONE, controllerReset: false,
  };
}

export function parseSweep(s: string, from: number, line = 0): PacerSweep | undefined {
  if (!s.startsWith('sweep done at heap size ', from)) return undefined;
  const heap = valueAt(s, from + 24);
  const a = s.indexOf('allocated ', from + 24);
  const w = s.indexOf('swept ', a);
  // The pages/byte rate is not used; only check the line is complete.
  if (a < 0 || w < 0 || s.indexOf('pages/byte', w) < 0) return undefined;
  const alloc = valueAt(s, a + 10);
  const pages = valueAt(s, w + 6);
  if (Number.isNaN(heap + alloc + pages)) return undefined;
  return { line, heapBytes: heap * MiB, allocatedBytes: alloc * MiB, pages };
}

/** Index just after "pacer: " when the line carries a pacer record, else -1. */
export function findPacer(line: string): number {
  const at = line.indexOf('pacer: ');
  return at < 0 ? -1 : at + 7;
}

class PacerStream implements LineStream<PacerTraceModel> {
  private m: PacerTraceModel = {
    assists: columnsOf<PacerAssist>({ line: 0, ratio: 0, scanBytes: 0, heapStartBytes: 0, goalBytes: 0, dedicatedWorkers: 0, fractionalGoal: 0 }),
    cycles: columnsOf<PacerCycle>({
      line: 0, shape: '1.18+', utilPercent: 0, goalPercent: 0, workBytes: 0, expectedWorkBytes: 0, triggerBytes: 0,
      heapLiveBytes: 0, overGoalBytes: 0, goalBytes: 0, consMark: 0, controllerReset: false,
    }),
    sweeps: columnsOf<PacerSweep>({ line: 0, heapBytes: 0, allocatedBytes: 0, pages: 0 }),
    unknown: 0,
    badLines: [],
    badCount: 0,
  };
  private issues = new IssueLog();

  accept(line: string, info: LineInfo): boolean {
    const at = findPacer(line);
    if (at < 0) return false;
    const m = this.m;
    const c0 = line.charCodeAt(at);
    let ok = true;
    if (c0 === 97 /* a */ && line.startsWith('assist', at)) {
      const r = parseAssist(line, at, info.lineNo);
      if (r) pushAssist(m.assists, r);
      else ok = false;
    } else if (c0 >= 48 && c0 <= 57) {
      const r = parseCpu(line, at, info.lineNo);
      if (r) pushCycle(m.cycles, r);
      else ok = false;
    } else if (c0 === 72 /* H */ && line.startsWith('H_m_prev=', at)) {
      const r = parseOldCycle(line, at, info.lineNo);
      if (r) pushCycle(m.cycles, r);
      else ok = false;
    } else if (c0 === 115 /* s */ && line.startsWith('sweep done', at)) {
      const r = parseSweep(line, at, info.lineNo);
      if (r) pushSweep(m.sweeps, r);
      else ok = false;
    } else {
      m.unknown++;
    }
    if (!ok) this.issues.bad(info.lineNo, info.unterminated);
    return true;
  }

  finish(ctx: ParseContext): PacerTraceModel | undefined {
    const m = this.m;
    this.issues.report(ctx, 'gcpacertrace', m, 'the lines');
    const any = m.assists.line.length + m.cycles.line.length + m.sweeps.line.length + m.unknown;
    return any || this.issues.any ? m : undefined;
  }
}

export const gcpacertraceStream: StreamDef<PacerTraceModel> = {
  key: 'gcpacertrace',
  label: 'GODEBUG=gcpacertrace=1',
  sniffLine: (line) => {
    const at = findPacer(line);
    if (at < 0) return false;
    return !!(parseAssist(line, at) || parseCpu(line, at) || parseOldCycle(line, at) || parseSweep(line, at));
  },
  create: () => new PacerStream(),
};
