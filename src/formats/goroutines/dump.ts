// A whole goroutine dump: picks the driver (the byte-level scanner of
// ./bytescan.ts for plain dumps, the line-by-line one for wrapped logs), runs
// the state machine of ./parse.ts over it, and applies the policies for caps,
// cut dumps and inferred states.

import { FormatError, type ParseContext } from '../types';
import { forEachLine } from '../godebug/lines';
import { limitsOf } from '../limits';
import { formatCount } from '../../lib/display';
import type { GoroutineDump } from './model';
import { inferState } from './states';
import { plainDump, scanBytes } from './bytescan';
import { DumpBuilder, DumpFull, handleLine, type LineState } from './parse';

/**
 * `driver` is for tests: by default plain dumps take the byte-level driver and
 * wrapped ones (timestamps, CRI, JSON records) the string one.
 */
export function parseGoroutineDump(data: Uint8Array, ctx: ParseContext, driver?: 'bytes' | 'strings'): GoroutineDump {
  const b = new DumpBuilder();
  b.maxGoroutines = limitsOf(ctx).maxGoroutines;
  const st: LineState = { prefix: null, prefixChecked: false };
  let lastUnterminated = false;
  let lastRaw = '';
  let lines = 0;
  try {
    if (driver === 'bytes' || (driver === undefined && plainDump(data))) {
      const r = scanBytes(b, data, ctx, st);
      lines = r.lines;
      lastUnterminated = r.unterminated;
      lastRaw = r.lastLine;
    } else {
      lines = forEachLine(data, ctx, (raw, info) => {
        lastUnterminated = info.unterminated;
        lastRaw = raw;
        handleLine(b, ctx, raw, info.lineNo, st);
      });
    }
  } catch (e) {
    if (!(e instanceof DumpFull)) throw e;
    // The goroutines before the cap are complete (the last one was closed by the next header).
    lines = e.lineNo - 1;
    lastUnterminated = false;
    lastRaw = '';
    ctx.warn(
      `only the first ${formatCount(b.maxGoroutines)} goroutines were read (the limit is ${formatCount(b.maxGoroutines)} goroutines per dump, to keep the tab's memory in bounds); ` +
        `the dump was not read from line ${formatCount(e.lineNo)} on, so counts are lower bounds. Cut the dump or group it first (\`?debug=1\` gives one record per distinct stack)`,
    );
  }
  b.finalizeCur();
  const cut = b.lastLooksCut(lastUnterminated, lastRaw);
  if (cut && b.goroutines.length === 1) {
    // Cut inside the first goroutine (a panic pasted without its end): that goroutine is all
    // there is, and for a panic it is the one that panicked. Keep its header and whole frames.
    const g = b.goroutines[0];
    g.cut = true;
    ctx.warn(
      `the dump is cut inside its first goroutine: goroutine ${g.id >= 0 ? g.id : '(unnamed)'} at line ${g.line} is shown with the ${g.frames.length} ` +
        `frame${g.frames.length === 1 ? '' : 's'} before the cut; the frames below them${g.createdBy === undefined ? ', its "created by" line' : ''} and any other goroutines are missing`,
    );
  } else if (cut) {
    const g = b.goroutines.pop()!;
    ctx.warn(
      `the dump is cut in the middle: goroutine ${g.id >= 0 ? g.id : '(unnamed)'} at line ${g.line} is incomplete and was left out; ` +
        `${b.goroutines.length} complete goroutines were kept`,
    );
  }
  const cutLine = !cut && lastUnterminated && lastRaw.trim() !== '';
  if (cutLine) ctx.warn(`the text ends in the middle of line ${lines}; the ${b.goroutines.length} goroutines before it are complete`);
  for (const g of b.goroutines) {
    if (g.state === 'unknown' && g.frames.length > 0) {
      const s = inferState(g.frames.map((i) => b.frames[i].func));
      if (s) {
        g.state = s;
        g.stateInferred = true;
      }
    }
  }
  const partial = b.goroutines.filter((g) => g.partial).length;
  if (partial) ctx.warn(`the text starts in the middle of a goroutine's stack (line ${b.goroutines.find((g) => g.partial)!.line}); that goroutine is kept without its header`);
  if (b.goroutines.length === 0 && cut) {
    throw new FormatError(`the dump is cut before its first goroutine is complete (the text ends at line ${lines})`, 'truncated');
  }
  const emptyLeakProfile = b.leakProfile && b.reportedTotal === 0;
  if (b.goroutines.length === 0 && !b.crash && !emptyLeakProfile) {
    throw new FormatError(`no goroutines found in ${lines} lines: expected "goroutine N [state]:" headers (debug=2 / panic output) or "N @ 0x…" records (debug=1)`, 'no-data');
  }
  const dump: GoroutineDump = {
    style: b.style,
    frames: b.frames,
    goroutines: b.goroutines,
    truncated: cut || cutLine,
    otherLines: b.otherLines,
    lines,
  };
  if (b.reportedTotal !== undefined) {
    dump.reportedTotal = b.reportedTotal;
    const sum = b.goroutines.reduce((s, g) => s + g.count, 0);
    if (sum < b.reportedTotal) {
      dump.truncated = true;
      ctx.warn(`the records add up to ${sum} goroutines but the header says total ${b.reportedTotal}: the dump is probably cut`);
    }
  }
  if (b.crash) dump.crash = b.crash;
  // debug=2 of the goroutineleak profile is runtime.Stack(all) written by runtime/pprof.writeGoroutineLeak.
  if (b.leakProfile || b.goroutines.some((g) => g.leaked) || b.frames.some((f) => f.func === 'runtime/pprof.writeGoroutineLeak')) dump.leakProfile = true;
  if (b.runtimeStack && b.runtimeStack.length) dump.runtimeStack = b.runtimeStack;
  return dump;
}
