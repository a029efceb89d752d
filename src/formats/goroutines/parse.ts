// Goroutine dump parser: the state machine each line goes through (the
// drivers that feed it lines are in ./dump.ts and ./bytescan.ts).
// Handles the traceback form (debug=2, panics, fatal errors, SIGQUIT, test
// timeouts; Go 1.2–1.26 shapes, any indentation, CI timestamp prefixes) and the
// aggregated debug=1 form. See ../shared/docs/go-runtime-formats.md §4.

import type { ParseContext } from '../types';
import type { CrashPreamble, Frame, Goroutine } from './model';

/** `2026-11-23T16:40:00.001Z ` (GitHub Actions, kubectl --timestamps) or `2026/11/23 16:40:00 `. */
const TIME_PREFIX = /^\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? /;
const HEADER = /^goroutine (-?\d+)(?: gp=0x[0-9a-f]+ m=\S+(?: mp=0x[0-9a-f]+)?)? \[(.*)\](?: \{(.*)\})?:?\s*$/;
const DEBUG1_TOTAL = /^goroutine(leak)? profile: total (\d+)/;
/** Status suffixes the runtime prints after the wait reason (traceback.go goroutineheader). */
const STATUS_FLAGS = / \((leaked|scan|durable)\)$/;
const DEBUG1_RECORD = /^(\d+) @(?: 0x[0-9a-f]+)*\s*$/;
const MINUTES = /^(\d+) minutes?$/;
const ELIDED = /^\.\.\.(?:(\d+) frames elided|additional frames elided)\.\.\.$/;
const CREATED_IN = / in goroutine (\d+)$/;
const REGISTER = /^(?:r[a-z0-9]{1,3}|e[a-z]{2}|rip|rflags|cs|fs|gs|pc|sp|lr|fp|x\d+|ctr|fault|trap|err|oldmask)\s+0x[0-9a-f]+$/;

/** Strips `+0x…` and `fp= sp= pc=` from a file line; returns `file:line` text or null. */
function fileLineText(t: string): string | null {
  let s = t;
  const fp = s.indexOf(' fp=');
  if (fp >= 0) s = s.slice(0, fp);
  const off = s.lastIndexOf(' +0x');
  if (off >= 0) s = s.slice(0, off);
  const colon = s.lastIndexOf(':');
  if (colon <= 0 || colon === s.length - 1) return null;
  for (let i = colon + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return s;
}

const NO_FRAMES: number[] = [];

/** `{"k":"v", …}` (debug=1 `# labels:` and Go 1.27 headers) → labels, or undefined. */
function parseLabelObject(text: string): Record<string, string> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = String(x);
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Go 1.27's header labels `k: v, k2: "v 2"` (runtime tracebackStringNeedsQuoting:
 * a key or value is Go-quoted when it has anything but letters, digits, `./_`).
 */
export function parseHeaderLabels(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let i = 0;
  const token = (): string | null => {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return null;
      const q = text.slice(i, j + 1);
      i = j + 1;
      try {
        return String(JSON.parse(q));
      } catch {
        return q.slice(1, -1); // a Go escape JSON does not know (\x, \U): kept as written
      }
    }
    let j = i;
    while (j < text.length && text[j] !== ':' && text[j] !== ',') j++;
    const t = text.slice(i, j);
    i = j;
    return t;
  };
  while (i < text.length) {
    const k = token();
    if (k === null || text.slice(i, i + 2) !== ': ') return undefined;
    i += 2;
    const v = token();
    if (v === null) return undefined;
    out[k] = v;
    if (i === text.length) break;
    if (text.slice(i, i + 2) !== ', ') return undefined;
    i += 2;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Every field set at creation, so a million goroutines share one object shape
 * with in-object fields (fields added later would each grow a side store).
 */
function newGoroutine(id: number, count: number, state: string, line: number): Goroutine {
  return {
    id,
    count,
    state,
    stateInferred: undefined,
    waitMinutes: 0,
    lockedToThread: undefined,
    extra: undefined,
    frames: NO_FRAMES,
    stackId: undefined,
    elided: undefined,
    createdBy: undefined,
    parentId: undefined,
    labels: undefined,
    line,
    partial: undefined,
    leaked: undefined,
  };
}

/** A frame that followed another one, with the raw file line it came from. */
interface Succ {
  func: string;
  fileRaw: string;
  id: number;
  /** Stack-trie node after this frame (-1 for creators). */
  child: number;
}

const SUCC_CANDIDATES = 8;

/** Thrown by the builder when the goroutine cap is reached; the parse keeps what came before. */
export class DumpFull {
  constructor(readonly lineNo: number) {}
}

export class DumpBuilder {
  /** Goroutines kept at most (the rest of the dump is not read). */
  maxGoroutines = Infinity;
  readonly frames: Frame[] = [];
  private readonly frameIds = new Map<string, number>();
  readonly goroutines: Goroutine[] = [];
  cur: Goroutine | null = null;
  /** The current goroutine's header line was seen and nothing proves it complete yet. */
  pendingFunc: string | null = null;
  pendingCreator: string | null = null;
  inAncestors = false;
  inRuntimeStack = false;
  runtimeStack: number[] | undefined;
  style: 'traceback' | 'debug1' = 'traceback';
  reportedTotal: number | undefined;
  /** `goroutineleak profile: total N` was seen. */
  leakProfile = false;
  crash: CrashPreamble | undefined;
  private inCrashDetail = false;
  otherLines = 0;
  /** The last goroutine was closed by a blank line (so it is complete). */
  private closedByBlank = true;

  /**
   * Successor cache for the hot path. For the frame just pushed (index id+1; 0 =
   * none yet) the frame that followed it last time, with the raw file line it was
   * read from: in a big dump most goroutines repeat a few stacks, so most frames
   * resolve by comparing two strings, without slicing, hashing or interning.
   */
  private readonly next: Succ[][] = [];
  private readonly nextCreator: Succ[][] = [];
  /** A function line taken by the fast path, not yet validated or sliced. */
  pendingRaw: string | null = null;

  /**
   * Stack trie: node 0 is the empty stack, each child adds one frame. Goroutines
   * with the same stack end on the same node and share one frames array.
   */
  readonly nodeParent: number[] = [-1];
  readonly nodeFrame: number[] = [-1];
  private readonly nodeChildren: (Map<number, number> | undefined)[] = [undefined];
  private readonly nodeFrames: (number[] | undefined)[] = [[]];
  curNode = 0;

  private childOf(n: number, frame: number): number {
    let m = this.nodeChildren[n];
    if (m === undefined) this.nodeChildren[n] = m = new Map();
    let c = m.get(frame);
    if (c === undefined) {
      c = this.nodeParent.length;
      this.nodeParent.push(n);
      this.nodeFrame.push(frame);
      this.nodeChildren.push(undefined);
      this.nodeFrames.push(undefined);
      m.set(frame, c);
    }
    return c;
  }

  private framesOf(n: number): number[] {
    let f = this.nodeFrames[n];
    if (f === undefined) {
      f = [];
      for (let x = n; x > 0; x = this.nodeParent[x]) f.push(this.nodeFrame[x]);
      f.reverse();
      this.nodeFrames[n] = f;
    }
    return f;
  }

  /** Gives the open goroutine its (shared) frames array and stack id. */
  finalizeCur(): void {
    if (this.cur === null) return;
    this.cur.frames = this.framesOf(this.curNode);
    this.cur.stackId = this.curNode;
  }

  private pushFrame(id: number): void {
    this.curNode = this.childOf(this.curNode, id);
  }

  private prevSlot(): number {
    return this.curNode;
  }

  /** The file line after a function (or creator) line, when the cache knows it. */
  fastFileLine(raw: string): boolean {
    if (this.cur === null || this.inRuntimeStack || this.inAncestors) return false;
    const slot = this.prevSlot();
    if (this.pendingRaw !== null) {
      const fl = this.pendingRaw;
      const cands = this.next[slot];
      if (cands === undefined) return false;
      for (let i = 0; i < cands.length; i++) {
        const s = cands[i];
        if (s.fileRaw === raw && fl.charCodeAt(s.func.length) === 40 && fl.startsWith(s.func) && fl.lastIndexOf('(') === s.func.length) {
          this.curNode = s.child;
          this.pendingRaw = null;
          return true;
        }
      }
      return false;
    }
    if (this.pendingCreator !== null) {
      const cands = this.nextCreator[slot];
      if (cands === undefined) return false;
      for (let i = 0; i < cands.length; i++) {
        const s = cands[i];
        if (s.fileRaw === raw && s.func === this.pendingCreator) {
          this.cur.createdBy = s.id;
          this.pendingCreator = null;
          return true;
        }
      }
    }
    return false;
  }

  /** Turns a fast-path function line into the slow path's pending function (validated). */
  materialize(): void {
    const t = this.pendingRaw;
    if (t === null) return;
    this.pendingRaw = null;
    const paren = t.lastIndexOf('(');
    if (paren > 0 && isFuncWithArgs(t, paren)) this.pendingFunc = t.slice(0, paren);
    else this.otherLines++;
  }

  private remember(creator: boolean, func: string, raw: string, id: number, child: number): void {
    const slot = this.prevSlot();
    const table = creator ? this.nextCreator : this.next;
    const cands = (table[slot] ??= []);
    // Keep a few candidates per predecessor; the newest replaces the oldest.
    if (cands.length >= SUCC_CANDIDATES) cands.shift();
    cands.push({ func, fileRaw: raw, id, child });
  }

  /** Fast path for a function line `name(args)` inside an open goroutine. */
  fastFuncLine(line: string): boolean {
    if (this.cur === null || this.pendingFunc !== null || this.pendingCreator !== null || this.pendingRaw !== null || this.inAncestors || this.inRuntimeStack) return false;
    this.pendingRaw = line;
    return true;
  }

  intern(func: string, fileLine: string): number {
    const key = func + '\u0000' + fileLine;
    let id = this.frameIds.get(key);
    if (id === undefined) {
      const colon = fileLine.lastIndexOf(':');
      id = this.frames.length;
      this.frames.push({ func, file: colon > 0 ? fileLine.slice(0, colon) : fileLine, line: colon > 0 ? Number(fileLine.slice(colon + 1)) : 0 });
      this.frameIds.set(key, id);
    }
    return id;
  }

  close(): void {
    this.finalizeCur();
    this.curNode = 0;
    this.pendingRaw = null;
    this.pendingFunc = null;
    this.pendingCreator = null;
    this.inAncestors = false;
    this.inRuntimeStack = false;
    this.cur = null;
  }

  private open(g: Goroutine): void {
    this.close();
    if (this.goroutines.length >= this.maxGoroutines) throw new DumpFull(g.line);
    this.cur = g;
    this.goroutines.push(g);
    this.closedByBlank = false;
    if (this.crash && this.crash.goroutineId === undefined && g.id >= 0) this.crash.goroutineId = g.id;
    this.inCrashDetail = false;
  }

  /** Frames arrive with no goroutine open: a paste that starts mid-stack. */
  private openPartial(lineNo: number): Goroutine {
    const g = newGoroutine(-1, 1, 'unknown', lineNo);
    g.partial = true;
    this.open(g);
    return g;
  }

  /** Canonical copies of header texts: a slice would keep its whole decoded chunk alive. */
  private readonly texts = new Map<string, string>();

  canon(s: string): string {
    const c = this.texts.get(s);
    if (c !== undefined) return c;
    const copy = (' ' + s).slice(1);
    if (this.texts.size < 10000) this.texts.set(copy, copy);
    return copy;
  }

  /** A header already taken apart by the byte driver (state, minutes, locked only). */
  headerParts(id: number, state: string, waitMinutes: number, locked: boolean, lineNo: number): void {
    const g = newGoroutine(id, 1, state, lineNo);
    g.waitMinutes = waitMinutes;
    if (locked) g.lockedToThread = true;
    this.open(g);
  }

  header(m: RegExpExecArray | { 1: string; 2: string; 3?: string }, lineNo: number): void {
    let bracket = this.canon(m[2]);
    const after = m[3] !== undefined ? parseHeaderLabels(m[3]) : undefined;
    // Go 1.27 prints pprof labels in the header (`labels:{"k": "v", …}`); their commas are not item separators.
    let labels: Record<string, string> | undefined;
    const li = bracket.indexOf('labels:{');
    if (li >= 0) {
      const end = bracket.indexOf('}', li);
      if (end > li) {
        labels = parseLabelObject(bracket.slice(li + 7, end + 1));
        bracket = (bracket.slice(0, li) + bracket.slice(end + 1)).replace(/, (?=, |$)/, '').replace(/, $/, '');
      }
    }
    const simple = bracket.indexOf(',') < 0 && !STATUS_FLAGS.test(bracket);
    const items = simple ? [bracket] : bracket.split(', ');
    let state = simple ? bracket : this.canon(items[0]);
    const g = newGoroutine(Number(m[1]), 1, state, lineNo);
    if (labels ?? after) g.labels = labels ?? after;
    let extra: string[] | undefined;
    // `[chan send (leaked) (scan) (durable)]`: the flags come off the wait reason, last first.
    for (let f = STATUS_FLAGS.exec(state); f; f = STATUS_FLAGS.exec(state)) {
      state = this.canon(state.slice(0, f.index));
      if (f[1] === 'leaked') g.leaked = true;
      else (extra ??= []).unshift(f[1]);
    }
    g.state = state;
    for (let i = 1; i < items.length; i++) {
      const it = items[i];
      const mm = MINUTES.exec(it);
      if (mm) g.waitMinutes = Number(mm[1]);
      else if (it === 'locked to thread') g.lockedToThread = true;
      else (extra ??= []).push(it);
    }
    if (extra) g.extra = extra;
    this.open(g);
  }

  record(count: number, lineNo: number): void {
    this.style = 'debug1';
    this.open(newGoroutine(-1, count, 'unknown', lineNo));
  }

  /** `#\t0x…\tfunc+0x…\tfile:line` of debug=1. */
  debug1Frame(line: string, lineNo: number): void {
    const parts = line.split('\t').filter((p) => p !== '' && p !== '#');
    if (parts.length === 0) return;
    const g = this.cur ?? this.openPartial(lineNo);
    if (g.partial) this.style = 'debug1';
    let func = parts.length >= 2 ? parts[1] : parts[0];
    const plus = func.lastIndexOf('+0x');
    if (plus > 0) func = func.slice(0, plus);
    const fl = parts.length >= 3 ? fileLineText(parts[parts.length - 1].trim()) : null;
    this.pushFrame(this.intern(func.trim(), fl ?? '?:0'));
  }

  labels(text: string): void {
    if (!this.cur) return;
    const l = parseLabelObject(text);
    if (l) this.cur.labels = l;
    else (this.cur.extra ??= []).push(`labels: ${text}`);
  }

  /** One trimmed, non-empty line inside or between goroutines. */
  body(t: string, lineNo: number, raw: string): boolean {
    if (this.pendingFunc !== null || this.pendingCreator !== null) {
      const fl = fileLineText(t);
      if (fl !== null) {
        if (this.pendingCreator !== null) {
          const id = this.intern(this.pendingCreator, fl);
          if (this.cur) {
            this.remember(true, this.pendingCreator, raw, id, -1);
            this.cur.createdBy = id;
          }
        } else {
          const func = this.pendingFunc!;
          const id = this.intern(func, fl);
          if (this.inRuntimeStack) this.runtimeStack!.push(id);
          else if (!this.inAncestors) {
            // openPartial resets pendingFunc (fuzzing: a frame before any goroutine header crashed here).
            if (!this.cur) this.openPartial(lineNo);
            const child = this.childOf(this.curNode, id);
            this.remember(false, func, raw, id, child);
            this.curNode = child;
          }
        }
        this.pendingFunc = null;
        this.pendingCreator = null;
        return true;
      }
      this.pendingFunc = null;
      this.pendingCreator = null;
    }
    if (t.startsWith('created by ')) {
      let name = t.slice(11);
      const inG = name.lastIndexOf(' in goroutine ');
      if (inG > 0 && CREATED_IN.test(name)) {
        if (this.cur && !this.inAncestors) this.cur.parentId = Number(name.slice(inG + 14));
        name = name.slice(0, inG);
      }
      if (this.inAncestors) {
        this.pendingFunc = null;
        return true;
      }
      if (!this.cur) this.openPartial(lineNo);
      this.pendingCreator = name;
      return true;
    }
    if (t.charCodeAt(t.length - 1) === 41 /* ) */) {
      const paren = t.lastIndexOf('(');
      if (paren > 0 && isFuncWithArgs(t, paren)) {
        this.pendingFunc = t.slice(0, paren);
        return true;
      }
    }
    const el = ELIDED.exec(t);
    if (el && this.cur) {
      this.cur.elided = el[1] ? Number(el[1]) : -1;
      return true;
    }
    if (t.startsWith('[originating from goroutine ')) {
      this.inAncestors = true;
      return true;
    }
    if (t === 'goroutine running on other thread; stack unavailable') return true;
    return false;
  }

  startRuntimeStack(): void {
    this.close();
    this.runtimeStack = [];
    this.inRuntimeStack = true;
  }

  startCrash(kind: CrashPreamble['kind'], message: string, lineNo: number): void {
    this.close();
    if (this.crash) {
      // A second preamble (nested panics print one per level with a tab; a new
      // unindented one is a later crash): keep the first, note the rest.
      this.crash.detail.push(message);
      return;
    }
    let msg = message;
    let recovered: boolean | undefined;
    const rec = / \[recovered(?:, repanicked)?\]$/.exec(msg);
    if (rec) {
      recovered = true;
      msg = msg.slice(0, rec.index);
    }
    this.crash = { kind, message: msg, detail: [], line: lineNo, ...(recovered ? { recovered } : {}) };
    this.inCrashDetail = true;
  }

  crashDetail(t: string): boolean {
    if (!this.crash || !this.inCrashDetail || this.cur) return false;
    if (this.crash.detail.length < 20) this.crash.detail.push(t);
    return true;
  }

  blank(): void {
    if (this.cur) this.closedByBlank = true;
    this.close();
  }

  /** At the end: is the last goroutine plausibly complete? */
  lastLooksCut(unterminated: boolean, lastLine: string): boolean {
    const g = this.goroutines[this.goroutines.length - 1];
    if (!g || this.closedByBlank || this.style === 'debug1') return false;
    // An unterminated last line is whole only if its `+0x` offset began (the line number is complete).
    if ((unterminated && !/:\d+ \+0x[0-9a-f]/.test(lastLine)) || this.pending()) return true;
    if (g.frames.length === 0) return true;
    if (g.createdBy !== undefined) return false;
    const last = this.frames[g.frames[g.frames.length - 1]].func;
    return !(last === 'main.main' || last === 'runtime.goexit' || last === 'runtime.main' || last.startsWith('runtime.mstart') || last === 'runtime.rt0_go');
  }

  pending(): boolean {
    return this.pendingFunc !== null || this.pendingCreator !== null || this.pendingRaw !== null;
  }
}

/** `goroutine 123 [state]:` without gp=/m=, parsed by hand (the common case in big dumps). */
function simpleHeader(t: string): { 1: string; 2: string } | null {
  let i = 10;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  if (i === 10 || t.charCodeAt(i) !== 32 || t.charCodeAt(i + 1) !== 91 /* [ */ || !t.endsWith(']:')) return null;
  const inner = t.slice(i + 2, t.length - 2);
  if (inner.indexOf(']') >= 0) return null;
  return { 1: t.slice(10, i), 2: inner };
}

/** `f(args)` where the text before the paren has no space (a function name). */
function isFuncWithArgs(t: string, paren: number): boolean {
  // Method receivers like `pkg.(*T).M(...)` contain no spaces before the args;
  // args may contain spaces. Names never contain a space.
  const sp = t.indexOf(' ');
  return sp < 0 || sp > paren;
}

/** Per-input state of the line handler (the timestamp prefix is detected once). */
export interface LineState {
  prefix: RegExp | null;
  prefixChecked: boolean;
}

/** One line of a dump (already unwrapped from CRI/JSON log records). */
export function handleLine(b: DumpBuilder, ctx: ParseContext, raw: string, lineNo: number, st: LineState): void {
    let prefix = st.prefix;
    let line = raw;
    if (!st.prefixChecked && line.length > 0) {
      if (TIME_PREFIX.test(line)) prefix = st.prefix = TIME_PREFIX;
      st.prefixChecked = line.trim() !== '' && !line.startsWith('# source:');
    }
    if (prefix !== null) {
      const c = line.charCodeAt(0);
      if (c >= 48 && c <= 57) {
        const m = prefix.exec(line);
        if (m) line = line.slice(m[0].length);
      }
    }
    if (line.length === 0) {
      b.blank();
      return;
    }
    const c0 = line.charCodeAt(0);
    // Hot paths (most lines of a big dump): a repeated file line, or a function line.
    if (c0 === 9 || c0 === 32) {
      if (b.fastFileLine(line)) return;
      b.materialize();
    } else if (b.pendingRaw !== null) {
      b.materialize();
    } else if (c0 === 99 /* c */ && line.startsWith('created by ') && b.cur !== null) {
      if (b.body(line.trimEnd(), lineNo, line)) return;
    } else if (
      line.charCodeAt(line.length - 1) === 41 /* ) */ &&
      !line.startsWith('goroutine ') &&
      !line.startsWith('created by ') &&
      !line.startsWith('panic: ') &&
      !line.startsWith('fatal error: ')
    ) {
      if (b.fastFuncLine(line)) return;
    }
    const indented = c0 === 9 || c0 === 32;
    const t = indented ? line.trim() : line.trimEnd();
    if (t.length === 0) {
      b.blank();
      return;
    }
    if (!indented) {
      if (t.startsWith('goroutine ') || t.startsWith('goroutineleak ')) {
        const fast = simpleHeader(t);
        if (fast) {
          b.header(fast, lineNo);
          return;
        }
        const m = HEADER.exec(t);
        if (m) {
          b.header(m, lineNo);
          return;
        }
        const tot = DEBUG1_TOTAL.exec(t);
        if (tot) {
          b.close();
          b.style = 'debug1';
          if (tot[1]) b.leakProfile = true;
          if (b.reportedTotal === undefined) b.reportedTotal = Number(tot[2]);
          else ctx.warn(`line ${lineNo}: a second "goroutine profile: total" header; only the first dump's total is used`);
          return;
        }
      }
      if (c0 === 35 /* # */) {
        if (t.startsWith('#\t') || t.startsWith('# \t')) b.debug1Frame(t, lineNo);
        else if (t.startsWith('# labels: ')) b.labels(t.slice(10));
        else b.otherLines++;
        return;
      }
      if (c0 >= 48 && c0 <= 57) {
        const r = DEBUG1_RECORD.exec(t);
        if (r) {
          b.record(Number(r[1]), lineNo);
          return;
        }
      }
      if (t.startsWith('panic: ')) {
        const msg = t.slice(7);
        b.startCrash(msg.startsWith('test timed out') ? 'test-timeout' : 'panic', msg, lineNo);
        return;
      }
      if (t.startsWith('fatal error: ')) {
        b.startCrash('fatal', t.slice(13), lineNo);
        return;
      }
      if (/^SIG[A-Z0-9]+: /.test(t)) {
        b.startCrash('signal', t, lineNo);
        return;
      }
      if (t === 'runtime stack:') {
        b.startRuntimeStack();
        return;
      }
      if (t.startsWith('[signal ') || t.startsWith('PC=0x') || t.startsWith('[recovered')) {
        if (!b.crashDetail(t)) b.otherLines++;
        return;
      }
      if (REGISTER.test(t) || /^exit status \d+$/.test(t)) return;
    } else if (!b.cur && !b.pending() && b.crashDetail(t)) {
      return;
    }
    if (!b.body(t, lineNo, line)) b.otherLines++;
}
