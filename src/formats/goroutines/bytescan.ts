// The byte-level driver for plain dumps (no log-shipper wrapping): the lines
// that make up nearly all of a big dump — function lines, file lines, simple
// headers, `created by` lines, blank lines — are matched against what was seen
// before by comparing bytes, without decoding them to strings. Anything else is
// decoded and handed to the string handler (parse.ts), which also teaches the
// byte caches what it resolved. Measured on a 1M-goroutine dump: decoding and
// splitting alone cost ~2× this scan (bench/goroutines.ts).

import type { ParseContext } from '../types';
import { unwrap } from '../godebug/lines';
import { handleLine, type DumpBuilder, type LineState } from './parse';

const CRI = /^\S+ (?:stdout|stderr) [FP] /;
const STAMP = /^\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d/;
const PROGRESS_EVERY = 4 << 20;
const CANDIDATES = 8;

/** True when the first 64 KiB show no timestamp/CRI prefixes or JSON records: the byte driver applies. */
export function plainDump(data: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, 64 * 1024));
  for (const l of head.split('\n').slice(0, 400)) {
    if (l.startsWith('{') || STAMP.test(l) || CRI.test(l)) return false;
  }
  return true;
}

interface FrameSucc {
  /** Function name bytes (the function line up to its last `(`). */
  func: Uint8Array;
  /** The whole raw file line. */
  file: Uint8Array;
  child: number;
}

interface CreatorSucc {
  /** `created by NAME` bytes (without ` in goroutine N`). */
  head: Uint8Array;
  name: string;
  file: Uint8Array;
  id: number;
}

const enc = new TextEncoder();
const G_PREFIX = enc.encode('goroutine ');
const C_PREFIX = enc.encode('created by ');
const IN_G = enc.encode(' in goroutine ');
const SKIP_PREFIXES = [G_PREFIX, C_PREFIX, enc.encode('panic: '), enc.encode('fatal error: ')];

function startsWith(d: Uint8Array, s: number, e: number, p: Uint8Array): boolean {
  if (e - s < p.length) return false;
  for (let i = 0; i < p.length; i++) if (d[s + i] !== p[i]) return false;
  return true;
}

function equals(d: Uint8Array, s: number, e: number, p: Uint8Array): boolean {
  return e - s === p.length && startsWith(d, s, e, p);
}

/** Digits in [s, e) as a number, or -1. */
function digits(d: Uint8Array, s: number, e: number): number {
  if (s >= e || e - s > 15) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = d[i];
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

const MINUTES = enc.encode(' minutes');
const LOCKED = enc.encode('locked to thread');

/**
 * The inside of `[state, N minutes, locked to thread]` (items optional, in that
 * order); null for anything else (gp=/m= headers, labels, other items).
 */
function headerItems(d: Uint8Array, s: number, e: number): { stateStart: number; stateEnd: number; minutes: number; locked: boolean } | null {
  let comma = -1;
  for (let k = s; k < e; k++) {
    const c = d[k];
    if (c === 93 /* ] */ || c === 123 /* { */) return null;
    if (c === 44 && comma < 0) comma = k;
  }
  if (comma < 0) return { stateStart: s, stateEnd: e, minutes: 0, locked: false };
  let minutes = 0;
  let locked = false;
  let p = comma;
  while (p < e) {
    if (d[p] !== 44 || d[p + 1] !== 32) return null;
    let q = p + 2;
    while (q < e && d[q] !== 44) q++;
    if (equals(d, p + 2, q, LOCKED)) locked = true;
    else {
      let k = p + 2;
      while (k < q && d[k] >= 48 && d[k] <= 57) k++;
      const v = digits(d, p + 2, k);
      if (v < 0 || !equals(d, k, q, MINUTES)) return null;
      minutes = v;
    }
    p = q;
  }
  return { stateStart: s, stateEnd: comma, minutes, locked };
}

export function scanBytes(b: DumpBuilder, data: Uint8Array, ctx: ParseContext, st: LineState): { lines: number; unterminated: boolean; lastLine: string } {
  const dec = new TextDecoder('utf-8', { fatal: false });
  const text = (s: number, e: number) => dec.decode(data.subarray(s, e));
  const next: FrameSucc[][] = [];
  const nextCreator: CreatorSucc[][] = [];
  const states: { bytes: Uint8Array; state: string }[] = [];
  // A function line waiting for its file line, by offsets (not decoded).
  let pfS = -1;
  let pfE = -1;
  // A `created by` line matched from the cache, waiting for its file line.
  let pc: CreatorSucc | null = null;
  // The last function/created-by line handed to the string handler, for teaching the caches.
  let slowFuncNode = -1;
  let slowCreator: { s: number; e: number; node: number } | null = null;
  let lineNo = 0;
  let pos = 0;
  let nextProgress = PROGRESS_EVERY;
  const n = data.length;

  const flushPending = () => {
    if (pfS >= 0) {
      b.pendingRaw = text(pfS, pfE);
      slowFuncNode = b.curNode;
      pfS = -1;
    }
    if (pc !== null) pc = null; // b.pendingCreator is already set: the string path resolves the file line
  };

  const slow = (s: number, e: number) => {
    const before = b.curNode;
    const hadFunc = b.pendingRaw !== null || b.pendingFunc !== null;
    const creatorLine = slowCreator;
    const isCreatorLine = startsWith(data, s, e, C_PREFIX);
    const createdBefore = b.cur?.createdBy;
    handleLine(b, ctx, unwrap(text(s, e)), lineNo, st);
    // Teach the caches what the string path resolved.
    if (hadFunc && b.curNode !== before && b.nodeParent[b.curNode] === before && (data[s] === 9 || data[s] === 32)) {
      const func = b.frames[b.nodeFrame[b.curNode]].func;
      const list = (next[before] ??= []);
      if (list.length >= CANDIDATES) list.shift();
      list.push({ func: enc.encode(func), file: data.slice(s, e), child: b.curNode });
    }
    slowFuncNode = -1;
    if (isCreatorLine && b.pendingCreator !== null) {
      slowCreator = { s, e, node: b.curNode };
    } else {
      slowCreator = null;
      if (creatorLine && b.cur && b.cur.createdBy !== undefined && b.cur.createdBy !== createdBefore) {
        let he = creatorLine.e;
        for (let i = creatorLine.s; i + IN_G.length <= creatorLine.e; i++) {
          if (startsWith(data, i, creatorLine.e, IN_G) && digits(data, i + IN_G.length, creatorLine.e) >= 0) {
            he = i;
            break;
          }
        }
        const list = (nextCreator[creatorLine.node] ??= []);
        if (list.length >= CANDIDATES) list.shift();
        list.push({ head: data.slice(creatorLine.s, he), name: b.frames[b.cur.createdBy].func, file: data.slice(s, e), id: b.cur.createdBy });
      }
    }
  };

  while (pos < n) {
    let nl = data.indexOf(10, pos);
    const last = nl < 0;
    if (last) nl = n;
    const s = pos;
    let e = nl;
    if (e > s && data[e - 1] === 13) e--;
    pos = nl + 1;
    lineNo++;
    if (pos >= nextProgress) {
      ctx.progress(Math.min(pos, n), n);
      ctx.checkCancelled();
      nextProgress = pos + PROGRESS_EVERY;
    }
    if (last) {
      // The unterminated last line: the string path and its cut checks.
      flushPending();
      slow(s, e);
      break;
    }
    if (e === s) {
      if (pfS >= 0 || pc !== null) flushPending();
      b.blank();
      slowCreator = null;
      continue;
    }
    const c0 = data[s];
    const fast = b.cur !== null && !b.inAncestors && !b.inRuntimeStack;
    if (fast && (c0 === 9 || c0 === 32)) {
      if (pfS >= 0) {
        const list = next[b.curNode];
        if (list !== undefined) {
          let hit = -1;
          for (let k = 0; k < list.length && hit < 0; k++) {
            const c = list[k];
            const fl = c.func.length;
            if (!equals(data, s, e, c.file) || data[pfS + fl] !== 40 || !startsWith(data, pfS, pfE, c.func)) continue;
            let more = false;
            for (let i = pfS + fl + 1; i < pfE; i++) {
              if (data[i] === 40) {
                more = true;
                break;
              }
            }
            if (!more) hit = c.child;
          }
          if (hit >= 0) {
            b.curNode = hit;
            pfS = -1;
            continue;
          }
        }
      } else if (pc !== null) {
        if (equals(data, s, e, pc.file)) {
          b.cur!.createdBy = pc.id;
          b.pendingCreator = null;
          pc = null;
          continue;
        }
      }
    }
    if (pfS >= 0 || pc !== null) {
      flushPending();
      slow(s, e);
      continue;
    }
    if (c0 === 103 /* g */ && startsWith(data, s, e, G_PREFIX) && data[e - 1] === 58 && data[e - 2] === 93 && !b.pending()) {
      // goroutine N [state]:
      let i = s + G_PREFIX.length;
      while (i < e && data[i] >= 48 && data[i] <= 57) i++;
      const id = digits(data, s + G_PREFIX.length, i);
      if (id >= 0 && data[i] === 32 && data[i + 1] === 91) {
        const h = headerItems(data, i + 2, e - 2);
        if (h !== null) {
          let state: string | undefined;
          for (const x of states) {
            if (equals(data, h.stateStart, h.stateEnd, x.bytes)) {
              state = x.state;
              break;
            }
          }
          if (state === undefined && states.length < 256) {
            state = text(h.stateStart, h.stateEnd);
            states.push({ bytes: data.slice(h.stateStart, h.stateEnd), state });
          }
          // `(leaked)`, `(scan)`, `(durable)` suffixes go through the full header parser.
          if (state !== undefined && (state.charCodeAt(state.length - 1) !== 41 || !/ \((?:leaked|scan|durable)\)$/.test(state))) {
            b.headerParts(id, state, h.minutes, h.locked, lineNo);
            slowCreator = null;
            continue;
          }
        }
      }
    }
    if (fast && c0 === 99 /* c */ && startsWith(data, s, e, C_PREFIX) && !b.pending()) {
      const list = nextCreator[b.curNode];
      if (list !== undefined) {
        let hit: CreatorSucc | null = null;
        let parent = -1;
        for (const c of list) {
          if (!startsWith(data, s, e, c.head)) continue;
          const rest = s + c.head.length;
          if (rest === e) {
            hit = c;
            break;
          }
          if (startsWith(data, rest, e, IN_G)) {
            parent = digits(data, rest + IN_G.length, e);
            if (parent >= 0) {
              hit = c;
              break;
            }
          }
        }
        if (hit !== null) {
          b.pendingCreator = hit.name;
          if (parent >= 0) b.cur!.parentId = parent;
          pc = hit;
          continue;
        }
      }
    }
    if (fast && c0 !== 9 && c0 !== 32 && c0 !== 35 && data[e - 1] === 41 /* ) */ && !b.pending()) {
      let special = false;
      for (const p of SKIP_PREFIXES) {
        if (startsWith(data, s, e, p)) {
          special = true;
          break;
        }
      }
      if (!special) {
        pfS = s;
        pfE = e;
        continue;
      }
    }
    slow(s, e);
  }
  if (pfS >= 0 || pc !== null) flushPending();
  ctx.progress(n, n);
  const unterminated = n > 0 && data[n - 1] !== 10;
  // The last line's text (for the cut check): the last non-terminated line, or ''.
  let ls = n;
  if (unterminated) {
    ls = data.lastIndexOf(10, n - 1) + 1;
  }
  return { lines: lineNo, unterminated, lastLine: unterminated ? text(ls, n) : '' };
}
