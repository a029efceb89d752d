// Scavenger traces (memory returned to the OS), keyed on the text:
//
//   scvg<N>: <MiB> MB released                                              ≤1.12 (gctrace), N may be -1
//   scvg<N>: inuse: <MiB>, idle: <MiB>, sys: <MiB>, released: <MiB>, consumed: <MiB> (MB)
//   [forced ]scvg: <MiB> MB released | <KiB> KB released | inuse: … (MB)    1.13–1.14 (gctrace)
//   scav <gen> <KiB> KiB work, <KiB> KiB total, <pct>% util                  with a generation number (seen in 1.17.13)
//   scav <KiB> KiB work, <KiB> KiB total, <pct>% util                        seen in 1.14.15 and 1.20.14
//   scav <KiB> KiB work (bg), <KiB> KiB work (eager), <KiB> KiB now, <pct>% util   1.21+
//   … each scav line may end with " (forced)" or " [controller reset]".
// (runtime/mgcscavenge.go printScavTrace, mheap.go; older: mheap.go scavenge.)

import type { ParseContext } from '../types';
import { Cursor, NONE, atWordStart } from './cursor';
import { IssueLog, type StreamIssues } from './issues';
import type { LineInfo } from './lines';
import type { LineStream, StreamDef } from './stream';

const KiB = 1024;
const MiB = 1048576;

export interface ScavLine {
  line: number;
  /** Which printer: "scav" (scavtrace, 1.14+) or "scvg" (gctrace, ≤1.14). */
  shape: 'scav' | 'scvg';
  /** Bytes returned to the OS since the previous line (bg + eager), NONE when the line does not say. */
  workBytes: number;
  /** Of which by the background scavenger / synchronously (1.21+), NONE otherwise. */
  bgBytes: number;
  eagerBytes: number;
  /** Memory released to the OS right now (HeapReleased), bytes; NONE when not printed. */
  releasedBytes: number;
  /** In-use heap / retained heap, % (scav lines), NONE otherwise. */
  utilPercent: number;
  /** Old scvg summary: HeapInuse, HeapIdle, HeapSys, consumed (HeapSys − HeapReleased), bytes; NONE otherwise. */
  inuseBytes: number;
  idleBytes: number;
  sysBytes: number;
  retainedBytes: number;
  forced: boolean;
  controllerReset: boolean;
}

export interface ScavengerModel extends StreamIssues {
  lines: ScavLine[];
}

const cur = new Cursor();

function blank(line: number, shape: ScavLine['shape']): ScavLine {
  return {
    line, shape, workBytes: NONE, bgBytes: NONE, eagerBytes: NONE, releasedBytes: NONE, utilPercent: NONE,
    inuseBytes: NONE, idleBytes: NONE, sysBytes: NONE, retainedBytes: NONE, forced: false, controllerReset: false,
  };
}

/** A `scav …` line starting at `at`. */
export function parseScav(s: string, at: number, line = 0): ScavLine | undefined {
  const r = blank(line, 'scav');
  const c = cur.reset(s, at + 5);
  // Fast path for the Go 1.21+ shape; other shapes go through the general reader below.
  const bg = c.uintThen(' KiB work (bg), ');
  const eager = c.uintThen(' KiB work (eager), ');
  const now = c.uintThen(' KiB now, ');
  const util = c.uintThen('% util');
  if (!Number.isNaN(bg + eager + now + util)) {
    r.bgBytes = bg * KiB;
    r.eagerBytes = eager * KiB;
    r.workBytes = r.bgBytes + r.eagerBytes;
    r.releasedBytes = now * KiB;
    r.utilPercent = util;
    r.forced = s.startsWith(' (forced)', c.i);
    r.controllerReset = s.startsWith(' [controller reset]', c.i);
    return r;
  }
  c.i = at + 5;
  let first = c.uint();
  if (Number.isNaN(first)) return undefined;
  // Some versions (seen in 1.17) print a generation number first: "scav 0 1024 KiB work, …"
  const d = s.charCodeAt(c.i + 1);
  if (s.charCodeAt(c.i) === 32 && d >= 48 && d <= 57) {
    c.i++;
    first = c.uint();
  }
  let v = first;
  let parts = 0;
  for (;;) {
    if (!c.lit(' KiB ') && !c.lit('% ')) break;
    const unitPct = s.charCodeAt(c.i - 2) === 37; // '%'
    if (unitPct) {
      if (!c.lit('util')) return undefined;
      r.utilPercent = v;
      parts++;
      break;
    }
    if (c.lit('work (bg)')) {
      r.bgBytes = v * KiB;
    } else if (c.lit('work (eager)')) {
      r.eagerBytes = v * KiB;
    } else if (c.lit('work')) {
      r.workBytes = v * KiB;
    } else if (c.lit('now') || c.lit('total')) {
      r.releasedBytes = v * KiB;
    } else return undefined;
    parts++;
    if (!c.lit(', ')) break;
    v = c.uint();
    if (Number.isNaN(v)) return undefined;
  }
  if (r.utilPercent === NONE || parts < 3) return undefined;
  if (r.bgBytes !== NONE || r.eagerBytes !== NONE) r.workBytes = Math.max(0, r.bgBytes) + Math.max(0, r.eagerBytes);
  r.forced = s.startsWith(' (forced)', c.i);
  r.controllerReset = s.startsWith(' [controller reset]', c.i);
  return r;
}

/** A `scvg…:` line; `at` is the index of "scvg". */
export function parseScvg(s: string, at: number, line = 0): ScavLine | undefined {
  const r = blank(line, 'scvg');
  const c = cur.reset(s, at + 4);
  c.int(); // cycle number (≤1.12), -1 for FreeOSMemory; absent in 1.13+
  if (!c.lit(': ')) return undefined;
  r.forced = at >= 7 && s.startsWith('forced ', at - 7);
  if (c.lit('inuse: ')) {
    const vals: number[] = [];
    const keys = ['', 'idle: ', 'sys: ', 'released: ', 'consumed: '];
    for (let k = 0; k < keys.length; k++) {
      if (k > 0 && !(c.lit(', ') && c.lit(keys[k]))) return undefined;
      const x = c.uint();
      if (Number.isNaN(x)) return undefined;
      vals.push(x * MiB);
    }
    if (!c.lit(' (MB)')) return undefined;
    [r.inuseBytes, r.idleBytes, r.sysBytes, r.releasedBytes, r.retainedBytes] = vals;
    return r;
  }
  const x = c.uint();
  if (Number.isNaN(x)) return undefined;
  if (c.lit(' MB released')) r.workBytes = x * MiB;
  else if (c.lit(' KB released')) r.workBytes = x * KiB;
  else return undefined;
  return r;
}

/** [kind, index] of a scavenger record in the line, or undefined. Cheap. */
export function findScav(s: string): ['scav' | 'scvg', number] | undefined {
  let at = s.indexOf('sc');
  while (at >= 0) {
    const c2 = s.charCodeAt(at + 2);
    const c3 = s.charCodeAt(at + 3);
    if (c2 === 97 && c3 === 118 && s.charCodeAt(at + 4) === 32 && atWordStart(s, at)) return ['scav', at]; // "scav "
    if (c2 === 118 && c3 === 103 && atWordStart(s, at)) return ['scvg', at]; // "scvg"
    at = s.indexOf('sc', at + 2);
  }
  return undefined;
}

class ScavengerStream implements LineStream<ScavengerModel> {
  private m: ScavengerModel = { lines: [], badLines: [], badCount: 0 };
  private issues = new IssueLog();

  accept(line: string, info: LineInfo): boolean {
    const f = findScav(line);
    if (!f) return false;
    const [kind, at] = f;
    // Require the record's shape before claiming the line (application text may say "scav").
    const next = line.charCodeAt(at + (kind === 'scav' ? 5 : 4));
    const looks = kind === 'scav' ? next >= 48 && next <= 57 : next === 58 || next === 45 || (next >= 48 && next <= 57);
    if (!looks) return false;
    const r = kind === 'scav' ? parseScav(line, at, info.lineNo) : parseScvg(line, at, info.lineNo);
    if (r) {
      if (kind === 'scvg' && line.startsWith('scvg-1:', at)) r.forced = true;
      this.m.lines.push(r);
    } else this.issues.bad(info.lineNo, info.unterminated);
    return true;
  }

  finish(ctx: ParseContext): ScavengerModel | undefined {
    const m = this.m;
    this.issues.report(ctx, 'scavenger', m, 'the lines');
    return m.lines.length || this.issues.any ? m : undefined;
  }
}

export const scavengerStream: StreamDef<ScavengerModel> = {
  key: 'scavenger',
  label: 'GODEBUG=scavtrace=1 (scav/scvg)',
  sniffLine: (line) => {
    const f = findScav(line);
    if (!f) return false;
    return (f[0] === 'scav' ? parseScav(line, f[1]) : parseScvg(line, f[1])) !== undefined;
  },
  create: () => new ScavengerStream(),
};
