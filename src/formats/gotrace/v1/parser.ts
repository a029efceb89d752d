// Decoding the v1 wire format (Go 1.11–1.21): one-byte event headers (type
// in the low 6 bits, inline argument count in the top 2, 3 = length-prefixed
// arguments), per-P batches, strings, stacks, the tick frequency and CPU
// samples. Same checks and errors as Go's internal/trace/internal/tracev1
// parser.go, written anew. Two uses: a first pass over the whole file that
// finds the batches of each P and the CPU samples, then one cursor per P that
// decodes its batches lazily, event by event, while the merge asks for them.
//
// Timestamps are absolute CPU ticks that can exceed 2^53, so they are decoded
// exactly relative to the first batch's ticks (doubles stay exact as long as
// the trace spans less than 2^53 ticks).

import type { Frame } from '../generation';
import { TraceError, uvarint, vnext } from '../varint';
import { BLOCKS, E, HAS_STACK, MIN_VERSION, NAMES, ProfileP, WIRE_ARGS } from './spec';
import { newV1Event, type V1Event } from './store';

const EOF = -1;
const SKIP = 1;
const MALFORMED = 'malformatted base-128 varint';
export const ERR_TIME_ORDER = 'time stamps out of order';
/** Length-prefixed argument lists longer than this are refused (Go: "at most 128" seen in 1.19). */
const MAX_ARG_BYTES = 2048;
const MAX_STRING = 1e6;
const MAX_INT32 = 2147483647;
/** Error texts per event type, built once: a template literal per argument read would allocate a string each time. */
const ARG_ERR = Array.from({ length: 64 }, (_, t) => `failed to read event ${t} argument: ${MALFORMED}`);
const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;

/** uint32(v) of a decoded uvarint (-1 stands for all ones). */
export function toU32(v: number): number {
  return v < 0 ? TWO32 - 1 : v % TWO32;
}

/** int32(v) of a decoded uvarint. */
function toI32(v: number): number {
  return v < 0 ? -1 : (v % TWO32) | 0;
}

/** A CPU sample as the first pass finds it (Go keeps them apart until the merge). */
interface Sample {
  ts: number;
  p: number;
  g: number;
  a1: number;
  stk: number;
}

/** The batches of one P, decoded lazily; `ev` holds the next event while `has` is true. */
export class ProcCursor {
  readonly ev: V1Event = newV1Event();
  has = false;
  done = false;
  private bi = 0;
  /** Offset of the next raw event in the current batch, -1 between batches. */
  off = -1;
  gotHeader = false;
  lastTs = 0;
  lastG = 0;
  constructor(
    readonly pid: number,
    readonly batches: number[],
  ) {}

  /** Decodes the next event into `ev`; false when this P has no more. */
  advance(p: V1Parser): boolean {
    this.has = p.nextEvent(this);
    return this.has;
  }

  nextBatch(): number {
    return this.bi < this.batches.length ? this.batches[this.bi++] : -1;
  }
}

/** The CPU samples as one more "P" (Go's ProfileP), sorted by their signal-handler time. */
export class SampleCursor {
  readonly ev: V1Event = newV1Event();
  has = false;
  done = false;
  private i = 0;
  readonly pid = ProfileP;
  constructor(private readonly samples: Sample[]) {
    samples.sort((a, b) => a.ts - b.ts);
  }
  advance(_p?: V1Parser): boolean {
    if (this.i === this.samples.length) return (this.has = false);
    const s = this.samples[this.i++];
    const e = this.ev;
    e.type = E.CPUSample;
    e.ts = s.ts;
    e.p = s.p;
    e.g = s.g;
    e.a0 = 0;
    e.a1 = s.a1;
    e.a2 = s.g;
    e.stk = s.stk;
    return (this.has = true);
  }
}

export class V1Parser {
  private off = 16;
  private readonly end: number;
  // The current raw event.
  private readonly args = new Float64Array(MAX_ARG_BYTES + 8);
  private nargs = 0;
  private sarg = '';
  private batchOff = 0;
  private lastRawZero = false;
  // Exact ticks: the first batch's ticks, split in 32-bit halves (-1: not seen yet).
  private baseHi = -1;
  private baseLo = 0;

  readonly strings = new Map<number, string>();
  readonly inlineStrings: string[] = [];
  private readonly inlineIds = new Map<string, number>();
  readonly stacks = new Map<number, number[]>();
  readonly frames = new Map<number, Frame>();
  readonly timerGoids = new Set<number>();
  ticksPerSec = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly version: number,
  ) {
    this.end = data.length;
  }

  private val(): number {
    const v = uvarint(this.data, this.off, this.end, MALFORMED);
    this.off = vnext;
    return v;
  }

  /** Reads a uvarint of ticks at `p` (before `end`) exactly, relative to the first batch; sets `off`-style position in vnextTicks. */
  private ticks(p: number, end: number): number {
    const d = this.data;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (p >= end) throw new TraceError(MALFORMED);
      const b = d[p++];
      const v = b & 0x7f;
      const s = 7 * i;
      if (i === 9 && b > 1) throw new TraceError(MALFORMED);
      if (s + 7 <= 32) lo += v * 2 ** s;
      else if (s >= 32) hi += v * 2 ** (s - 32);
      else {
        lo += (v & 0xf) * 2 ** 28;
        hi += v >> 4;
      }
      if (b < 0x80) {
        this.tickNext = p;
        this.lastRawZero = lo === 0 && hi === 0;
        if (this.baseHi < 0) {
          this.baseHi = hi;
          this.baseLo = lo;
        }
        return (hi - this.baseHi) * TWO32 + (lo - this.baseLo);
      }
    }
    throw new TraceError(MALFORMED);
  }
  private tickNext = 0;

  /** Argument index (counting the timestamp) that holds absolute ticks, -1 if none. */
  private static ticksArg(t: number): number {
    return t === E.CPUSample ? 1 : t === E.GoSysExit ? 3 : -1;
  }

  private fail(msg: string): never {
    throw new TraceError(msg);
  }

  /**
   * Reads one raw event at `off` (tracev1 readRawEvent): its type, or EOF,
   * or E.None for a string dictionary entry. Arguments land in `args`.
   */
  private readRaw(flags: number): number {
    if (this.off >= this.end) return EOF;
    const b = this.data[this.off++];
    const typ = b & 0x3f;
    const narg = (b >> 6) + 1;
    if (typ === E.None || typ >= E.Count || MIN_VERSION[typ] > this.version) this.fail(`unknown event type ${typ}`);
    this.nargs = 0;
    if (typ === E.String) {
      if (flags & SKIP) {
        this.val();
        const ln = this.val();
        if (ln < 0 || ln > this.end - this.off) this.fail('failed to read trace: EOF');
        this.off += ln;
      } else {
        const id = this.val();
        if (id === 0) this.fail('string has invalid id 0');
        if (this.strings.get(id)) this.fail(`string has duplicate id ${id}`);
        const ln = this.val();
        if (ln === 0) this.fail('string has invalid length 0');
        if (ln < 0 || ln > MAX_STRING) this.fail(`string has too large length ${ln}`);
        if (ln > this.end - this.off) this.fail('failed to read trace: unexpected EOF');
        this.strings.set(id, utf8.decode(this.data.subarray(this.off, this.off + ln)));
        this.off += ln;
      }
      return E.None;
    }
    if (typ === E.Batch) {
      if (narg !== 2) this.fail(`EvBatch has wrong number of arguments: got ${narg}, want 2`);
      this.batchOff = this.off - 1;
      const pid = this.val();
      if (pid !== -1 && pid > MAX_INT32) this.fail(`processor ID ${pid} is larger than maximum of ${MAX_INT32}`);
      this.args[0] = pid;
      this.args[1] = this.ticks(this.off, this.end);
      this.off = this.tickNext;
      this.nargs = 2;
      return typ;
    }
    const ta = V1Parser.ticksArg(typ);
    if (narg <= 3) {
      for (let i = 0; i < narg; i++) {
        if (i === ta && !(flags & SKIP)) {
          this.args[i] = this.ticks(this.off, this.end);
          this.off = this.tickNext;
        } else {
          this.args[i] = uvarint(this.data, this.off, this.end, ARG_ERR[typ]);
          this.off = vnext;
        }
      }
      this.nargs = narg;
      return typ;
    }
    const v = uvarint(this.data, this.off, this.end, ARG_ERR[typ]);
    this.off = vnext;
    if (v < 0 || v > MAX_ARG_BYTES) this.fail(`failed to read event ${typ} argument: length-prefixed argument too big: ${v < 0 ? '18446744073709551615' : v} bytes, limit is ${MAX_ARG_BYTES}`);
    if (!(flags & SKIP) || typ === E.CPUSample) {
      if (v > this.end - this.off) this.fail('failed to read trace: unexpected EOF');
      const stop = this.off + v;
      let p = this.off;
      let n = 0;
      while (p < stop) {
        if (n === ta) {
          this.args[n++] = this.ticks(p, stop);
          p = this.tickNext;
        } else {
          this.args[n++] = uvarint(this.data, p, stop, MALFORMED);
          p = vnext;
        }
      }
      this.nargs = n;
      this.off = stop;
    } else {
      if (v > this.end - this.off) this.fail('failed to read trace: EOF');
      this.off += v;
    }
    if (typ === E.UserLog) {
      if (!(flags & SKIP)) this.sarg = this.readStr();
      else {
        // Go returns a bare io.EOF here, which ends the first pass quietly.
        const n = this.val();
        if (n < 0 || n > this.end - this.off) return EOF;
        this.off += n;
      }
    }
    return typ;
  }

  private readStr(): string {
    const sz = this.val();
    if (sz === 0) return '';
    if (sz < 0 || sz > MAX_STRING) this.fail(`string is too large (len=${sz < 0 ? '18446744073709551615' : sz})`);
    if (sz > this.end - this.off) this.fail('failed to read trace: unexpected EOF');
    const s = utf8.decode(this.data.subarray(this.off, this.off + sz));
    this.off += sz;
    return s;
  }

  /**
   * First pass (tracev1 collectBatchesAndCPUSamples): the batch offsets of
   * each P in file order, the CPU samples, and the number of events.
   */
  scan(): { procs: ProcCursor[]; samples: SampleCursor; events: number } {
    this.off = 16;
    const byPid = new Map<number, number[]>();
    const order: number[] = [];
    const samples: Sample[] = [];
    let cur: number[] | undefined;
    let curP = 0;
    let events = 0;
    for (;;) {
      const t = this.readRaw(SKIP);
      if (t === EOF) break;
      if (t === E.None) continue;
      if (t === E.Batch) {
        curP = this.args[0];
        cur = byPid.get(curP);
        if (!cur) {
          byPid.set(curP, (cur = []));
          order.push(curP);
        }
        cur.push(this.batchOff);
      }
      if (!cur) this.fail(`read event ${t} with current P of ${curP}, but P has no batches yet`);
      if (t !== E.Batch && t !== E.Stack && t !== E.Frequency && t !== E.TimerGoroutine) events++;
      if (t === E.CPUSample) {
        if (this.nargs !== 5) this.fail(`CPU sample has wrong number of arguments: want 5, got ${this.nargs}`);
        const a = this.args;
        samples.push({ ts: a[1], p: toI32(a[2]), g: a[3], a1: a[2], stk: toU32(a[4]) });
      }
    }
    return { procs: order.map((pid) => new ProcCursor(pid, byPid.get(pid)!)), samples: new SampleCursor(samples), events };
  }

  /** Decodes the next event of cursor `c` (tracev1 loadBatch + parseEvent); false when its batches are exhausted. */
  nextEvent(c: ProcCursor): boolean {
    for (;;) {
      if (c.off < 0) {
        const b = c.nextBatch();
        if (b < 0) return false;
        c.off = b;
        c.gotHeader = false;
      }
      this.off = c.off;
      const t = this.readRaw(0);
      if (t === EOF) {
        c.off = -1;
        continue;
      }
      c.off = this.off;
      if (t === E.None || t === E.CPUSample) continue;
      if (t === E.Batch) {
        if (c.gotHeader) {
          c.off = -1;
          continue;
        }
        c.gotHeader = true;
      }
      if (this.parseEvent(t, c)) return true;
    }
  }

  /** tracev1 parseEvent: true when the raw event became an event in c.ev. */
  private parseEvent(t: number, c: ProcCursor): boolean {
    const a = this.args;
    const n = this.nargs;
    const want = t === E.Stack ? n : WIRE_ARGS[t];
    if (n !== want) this.fail(`${NAMES[t]} has wrong number of arguments: want ${want}, got ${n}`);
    switch (t) {
      case E.Batch:
        c.lastTs = a[1];
        return false;
      case E.Frequency: {
        const f = a[0];
        if (f === 0 || f < 0 || f >= TWO63) this.fail(ERR_TIME_ORDER);
        this.ticksPerSec = f;
        return false;
      }
      case E.TimerGoroutine:
        this.timerGoids.add(a[0]);
        return false;
      case E.Stack: {
        if (n < 2) this.fail(`EvStack has wrong number of arguments: want at least 2, got ${n}`);
        const size = a[1];
        if (size < 0 || size > 1000) this.fail(`EvStack has bad number of frames: ${size < 0 ? '18446744073709551615' : size}`);
        if (n !== 2 + 4 * size) this.fail(`EvStack has wrong number of arguments: want ${2 + 4 * size}, got ${n}`);
        const id = toU32(a[0]);
        if (id !== 0 && size > 0) {
          const pcs = new Array<number>(size);
          for (let i = 0; i < size; i++) {
            const pc = a[2 + i * 4];
            pcs[i] = pc;
            if (!this.frames.has(pc)) this.frames.set(pc, { pc, fn: a[3 + i * 4], file: a[4 + i * 4], line: a[5 + i * 4] });
          }
          this.stacks.set(id, pcs);
        }
        return false;
      }
    }
    const e = c.ev;
    e.type = t;
    e.p = c.pid;
    e.g = c.lastG;
    e.ts = c.lastTs + a[0];
    c.lastTs = e.ts;
    e.a0 = e.a1 = e.a2 = 0;
    e.stk = 0;
    const stack = HAS_STACK[t] === 1;
    for (let i = 1; i < n; i++) {
      const v = a[i];
      if (i === n - 1 && stack) e.stk = toU32(v);
      else if (i === 1) e.a0 = v;
      else if (i === 2) e.a1 = v;
      else e.a2 = v;
    }
    // The P no longer runs a goroutine after these.
    if (BLOCKS[t] || t === E.GoEnd || t === E.GoStop || t === E.GoSched || t === E.GoPreempt || t === E.GoSysBlock) c.lastG = 0;
    switch (t) {
      case E.GoStart:
      case E.GoStartLocal:
      case E.GoStartLabel:
        c.lastG = e.a0;
        e.g = e.a0;
        break;
      case E.GoSysExit:
        e.g = e.a0;
        if (this.lastRawZero) e.a2 = NaN; // no real exit time recorded
        break;
      case E.GoWaiting:
      case E.GoInSyscall:
        e.g = e.a0;
        break;
      case E.GoSysExitLocal:
        e.a2 = NaN; // its real time sits in Args[1], which Go's fix-up does not read
        break;
      case E.UserLog: {
        let id = this.inlineIds.get(this.sarg);
        if (id === undefined) {
          id = this.inlineStrings.push(this.sarg) - 1;
          this.inlineIds.set(this.sarg, id);
        }
        e.a2 = id;
        break;
      }
    }
    return true;
  }
}

const utf8 = new TextDecoder('utf-8');
