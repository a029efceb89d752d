// A trace's timeline as bytes, kept with a saved session so that reopening
// it shows the timeline without reading the trace again (issue 19, part 5).
//
// What is kept is what the timeline's queries read once the trace is read:
// the span store's columns (./spanStore.ts: P lanes, their coarse blocks,
// user tasks and regions, the goroutine count, the interned stacks and stop
// reasons) and the collector's series the timeline draws
// (./timelineCounters.ts). Indexes derived from them (the running largest
// end of each lane, the rows of tasks and regions) are not kept: restoring
// builds them again with the classes' own code.
//
// Layout: "GOTUNETL", u32 version, u32 header length, the header (JSON,
// UTF-8), then the columns' bytes, each at a multiple of 8 from the start of
// the data (so a Float64Array view of the buffer needs no copy). The header
// names each column by its index in `arrays` (type, offset, length).
//
// The bytes come back from IndexedDB: untrusted. decodeTimeline checks every
// offset, length, type, count and order before it builds anything, and
// throws an Error saying what is wrong; the page then reads the trace again.

import { Vec, type Typed } from '../../lib/columns';
import { F64Series } from '../../lib/series';
import { CoarseLane } from './coarseLane';
import { Lane, SpanStore } from './spanStore';
import type { UserLane } from './userSpans';
import type { TimelineCounters } from './timelineCounters';

const MAGIC = 'GOTUNETL';
export const TIMELINE_SNAPSHOT_VERSION = 1;
/**
 * Largest snapshot kept with a session: room for the largest timeline
 * (limits.timelineBytes, 256 MiB of lanes) with its series and stacks. A trace
 * over 256 MiB has no bytes kept with the session (MAX_STORED_RAW_BYTES), so
 * for it this file is the only way to see its timeline after a reopen.
 */
export const MAX_TIMELINE_SNAPSHOT_BYTES = 320 * 1024 * 1024;
/** Largest header: stacks and reasons are capped in the store (100 k stacks of 32 frames). */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;
export const MAX_LANES = 100_000;

/** A timeline restored from a snapshot: what the timeline's queries take. */
export interface StoredTimeline {
  spans: SpanStore;
  counters: TimelineCounters;
}

type ArrayType = 'f64' | 'i32' | 'u8';
interface ArrayRef {
  t: ArrayType;
  /** Byte offset from the start of the data. */
  o: number;
  n: number;
}

interface Header {
  budget: number;
  firstTime: number;
  lastTime: number;
  coarseFrom: number | null;
  blockNs: number;
  /** Per lane: P, headT, and its columns start, end, g, kind, endState, endStack, endReason, m; coarse: start, end, count, busy, gcBusy, kind. */
  lanes: { p: number; headT: number; cols: number[]; coarse: number[] | null }[];
  stacks: string[][];
  reasons: string[];
  goroutines: [number, number];
  user: { names: string[]; tasks: number[]; regions: number[] };
  counters: { firstTime: number; lastTime: number; gc: [number, number]; stw: [number, number]; stwReason: string[]; heap: [number, number]; goal: [number, number] };
  arrays: ArrayRef[];
}

const SIZE: Record<ArrayType, number> = { f64: 8, i32: 4, u8: 1 };
const typeOf = (a: Typed): ArrayType => (a instanceof Float64Array ? 'f64' : a instanceof Int32Array ? 'i32' : a instanceof Uint8Array ? 'u8' : fail('a column of an unexpected type'));
const pad8 = (n: number) => (n + 7) & ~7;

export function fail(why: string): never {
  throw new Error(`the stored timeline is damaged: ${why}`);
}

/** Columns of a file being written, each at a multiple of 8 from the start of the data. */
export class Packer {
  readonly arrays: ArrayRef[] = [];
  private readonly data: Typed[] = [];
  private at = 0;

  add(a: Typed): number {
    this.arrays.push({ t: typeOf(a), o: this.at, n: a.length });
    this.data.push(a);
    this.at = pad8(this.at + a.byteLength);
    return this.arrays.length - 1;
  }

  /** The file's parts: magic, version, header length, the header (with `arrays`), the columns; null when over `cap` bytes. */
  parts(magic: string, version: number, header: object, cap: number): Uint8Array[] | null {
    const json = new TextEncoder().encode(JSON.stringify({ ...header, arrays: this.arrays }));
    const head = new Uint8Array(pad8(16 + json.length));
    for (let i = 0; i < magic.length; i++) head[i] = magic.charCodeAt(i);
    const dv = new DataView(head.buffer);
    dv.setUint32(8, version, true);
    dv.setUint32(12, json.length, true);
    head.set(json, 16);
    if (head.length + this.at > cap) return null;
    const parts: Uint8Array[] = [head];
    let written = 0;
    for (const a of this.data) {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      parts.push(bytes);
      written += bytes.length;
      const gap = pad8(written) - written;
      if (gap) parts.push(new Uint8Array(gap));
      written += gap;
    }
    return parts;
  }
}

/**
 * The timeline of a read trace as the parts of one file (a Blob in the
 * worker), or null when it would be over MAX_TIMELINE_SNAPSHOT_BYTES.
 * Call after the store's finish().
 */
export function encodeTimeline(spans: SpanStore, c: TimelineCounters): Uint8Array[] | null {
  const pack = new Packer();
  const add = (a: Typed) => pack.add(a);
  const col = (v: Vec<Typed>) => add(v.a.subarray(0, v.n));
  const series = (s: { toArray(): Float64Array }) => add(s.toArray());
  const header: Omit<Header, 'arrays'> = {
    budget: spans.budget,
    firstTime: spans.firstTime,
    lastTime: spans.lastTime,
    coarseFrom: spans.coarseFrom,
    blockNs: spans.blockNs,
    lanes: [...spans.lanes.values()].map((l) => ({
      p: l.p,
      headT: l.headT,
      cols: [l.start, l.end, l.g, l.kind, l.endState, l.endStack, l.endReason, l.m].map(col),
      coarse: l.coarse ? [l.coarse.start, l.coarse.end, l.coarse.count, l.coarse.busy, l.coarse.gcBusy, l.coarse.kind].map(col) : null,
    })),
    stacks: spans.stacks,
    reasons: spans.reasons,
    goroutines: [series(spans.goroutinesT), series(spans.goroutinesV)],
    user: { names: spans.user.names, tasks: userCols(spans.user.tasks, col), regions: userCols(spans.user.regions, col) },
    counters: {
      firstTime: c.firstTime,
      lastTime: c.lastTime,
      gc: [add(Float64Array.from(c.gcStart)), add(Float64Array.from(c.gcEnd))],
      stw: [add(Float64Array.from(c.stwStart)), add(Float64Array.from(c.stwEnd))],
      stwReason: c.stwReason,
      heap: [series(c.heapT), series(c.heapV)],
      goal: [add(Float64Array.from(c.goalT)), add(Float64Array.from(c.goalV))],
    },
  };
  return pack.parts(MAGIC, TIMELINE_SNAPSHOT_VERSION, header, MAX_TIMELINE_SNAPSHOT_BYTES);
}

function userCols(u: UserLane, col: (v: Vec<Typed>) => number): number[] {
  return [u.start, u.end, u.id, u.name].map(col);
}

export const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
export const isInt = (x: unknown): x is number => Number.isSafeInteger(x);

export function strings(x: unknown, what: string, max: number): string[] {
  if (!Array.isArray(x) || x.length > max || !x.every((s) => typeof s === 'string')) fail(`${what} is not a list of text`);
  return x as string[];
}

export function indices(x: unknown, n: number, what: string): number[] {
  if (!Array.isArray(x) || x.length !== n || !x.every(isInt)) fail(`${what} does not name its ${n} columns`);
  return x as number[];
}

/** Reads the header and gives the columns it names, each checked against the bytes. */
export class Columns {
  private readonly used = new Set<number>();
  constructor(
    private readonly refs: ArrayRef[],
    private readonly buf: ArrayBuffer,
    private readonly base: number,
  ) {}

  get<T extends Typed>(i: number, t: ArrayType, what: string): T {
    const r = this.refs[i];
    if (!r || r.t !== t) fail(`${what} is not a column of ${t}`);
    if (this.used.has(i)) fail(`${what} shares its column with another`);
    this.used.add(i);
    const a = r.t === 'f64' ? new Float64Array(this.buf, this.base + r.o, r.n) : r.t === 'i32' ? new Int32Array(this.buf, this.base + r.o, r.n) : new Uint8Array(this.buf, this.base + r.o, r.n);
    return a as T;
  }

  /** A column of finite numbers in non-decreasing order (times). */
  times(i: number, what: string, sorted: boolean): Float64Array {
    const a = this.get<Float64Array>(i, 'f64', what);
    for (let k = 0; k < a.length; k++) {
      if (!Number.isFinite(a[k])) fail(`${what} holds a value that is not a number`);
      if (sorted && k > 0 && a[k] < a[k - 1]) fail(`${what} is out of order`);
    }
    return a;
  }

  static read(buf: ArrayBuffer, magic = MAGIC, version = TIMELINE_SNAPSHOT_VERSION): { header: Record<string, unknown>; cols: Columns } {
    if (buf.byteLength < 16) fail('it is too short');
    const b = new Uint8Array(buf);
    for (let i = 0; i < magic.length; i++) if (b[i] !== magic.charCodeAt(i)) fail(magic === MAGIC ? 'it is not a timeline' : 'its overview is not one');
    const dv = new DataView(buf);
    const v = dv.getUint32(8, true);
    if (v !== version) fail(`it is of layout ${v}, this page reads layout ${version}`);
    const len = dv.getUint32(12, true);
    if (len > MAX_HEADER_BYTES || 16 + len > buf.byteLength) fail('its header is longer than the file');
    let header: unknown;
    try {
      header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(16, 16 + len)));
    } catch {
      fail('its header is not readable');
    }
    if (!isObj(header) || !Array.isArray(header.arrays)) fail('its header lists no columns');
    const base = pad8(16 + len);
    const room = buf.byteLength - base;
    const refs: ArrayRef[] = header.arrays.map((r: unknown, i: number) => {
      if (!isObj(r) || (r.t !== 'f64' && r.t !== 'i32' && r.t !== 'u8') || !isInt(r.o) || !isInt(r.n) || r.o < 0 || r.n < 0 || r.o % 8 !== 0) fail(`column ${i} is not described`);
      if (r.o + r.n * SIZE[r.t] > room) fail(`column ${i} runs past the end of the file`);
      return { t: r.t, o: r.o, n: r.n };
    });
    return { header, cols: new Columns(refs, buf, base) };
  }
}

const vec = <T extends Typed>(a: T): Vec<T> => {
  const v = new Vec(a.constructor as { new (n: number): T }, 0);
  v.a = a;
  v.n = a.length;
  return v;
};

function seriesOf(a: Float64Array): F64Series {
  const s = new F64Series();
  s.pushAll(a);
  return s;
}

function sameLength(arrays: { length: number }[], what: string): void {
  if (arrays.some((a) => a.length !== arrays[0].length)) fail(`the columns of ${what} differ in length`);
}

function lane(x: unknown, i: number, cols: Columns): Lane {
  if (!isObj(x) || !isInt(x.p) || !isNum(x.headT)) fail(`lane ${i} lacks its P`);
  const what = `lane ${i} (P ${x.p})`;
  const [s, e, g, k, st, sk, rs, m] = indices(x.cols, 8, what);
  const l = new Lane(x.p, x.headT);
  l.start = vec(cols.times(s, `${what}: starts`, true));
  l.end = vec(cols.times(e, `${what}: ends`, false));
  l.g = vec(cols.get<Int32Array>(g, 'i32', `${what}: goroutines`));
  l.kind = vec(cols.get<Uint8Array>(k, 'u8', `${what}: kinds`));
  l.endState = vec(cols.get<Uint8Array>(st, 'u8', `${what}: end states`));
  l.endStack = vec(cols.get<Int32Array>(sk, 'i32', `${what}: stacks`));
  l.endReason = vec(cols.get<Int32Array>(rs, 'i32', `${what}: reasons`));
  l.m = vec(cols.get<Int32Array>(m, 'i32', `${what}: threads`));
  sameLength([l.start.a, l.end.a, l.g.a, l.kind.a, l.endState.a, l.endStack.a, l.endReason.a, l.m.a], what);
  for (let j = 0; j < l.length; j++) if (!(l.end.a[j] >= l.start.a[j])) fail(`${what}: a slice ends before it starts`);
  if (x.coarse !== null) {
    const [cs, ce, cn, cb, cg, ck] = indices(x.coarse, 6, `${what}'s blocks`);
    const c = new CoarseLane();
    c.start = vec(cols.times(cs, `${what}: block starts`, true));
    c.end = vec(cols.times(ce, `${what}: block ends`, false));
    c.count = vec(cols.times(cn, `${what}: block counts`, false));
    c.busy = vec(cols.times(cb, `${what}: block running times`, false));
    c.gcBusy = vec(cols.times(cg, `${what}: block GC times`, false));
    c.kind = vec(cols.get<Uint8Array>(ck, 'u8', `${what}: block kinds`));
    sameLength([c.start.a, c.end.a, c.count.a, c.busy.a, c.gcBusy.a, c.kind.a], `${what}'s blocks`);
    for (let j = 0; j < c.length; j++) if (!(c.end.a[j] >= c.start.a[j]) || !(c.count.a[j] >= 0)) fail(`${what}: a block ends before it starts or counts less than nothing`);
    c.finish();
    l.coarse = c;
  }
  l.indexEnds();
  return l;
}

function userLane(into: UserLane, x: unknown, names: number, cols: Columns, what: string): void {
  const [s, e, id, name] = indices(x, 4, what);
  into.start = vec(cols.times(s, `${what}: starts`, false));
  into.end = vec(cols.times(e, `${what}: ends`, false));
  into.id = vec(cols.times(id, `${what}: ids`, false));
  into.name = vec(cols.get<Int32Array>(name, 'i32', `${what}: names`));
  sameLength([into.start.a, into.end.a, into.id.a, into.name.a], what);
  for (let j = 0; j < into.length; j++) {
    if (!(into.end.a[j] >= into.start.a[j])) fail(`${what}: one ends before it starts`);
    if (into.name.a[j] < -1 || into.name.a[j] >= names) fail(`${what}: one names no name`);
  }
  into.finish();
}

function pair(x: unknown, what: string, cols: Columns, sorted: boolean): [Float64Array, Float64Array] {
  const [a, b] = indices(x, 2, what);
  const t = cols.times(a, `${what}: times`, sorted);
  const v = cols.get<Float64Array>(b, 'f64', `${what}: values`);
  sameLength([t, v], what);
  return [t, v];
}

/** The timeline a snapshot holds, or an Error saying what is wrong with it. */
export function decodeTimeline(buf: ArrayBuffer): StoredTimeline {
  if (buf.byteLength > MAX_TIMELINE_SNAPSHOT_BYTES) fail('it is larger than any this page writes');
  const { header: h, cols } = Columns.read(buf);
  if (!isInt(h.budget) || h.budget < 0 || !isNum(h.firstTime) || !isNum(h.lastTime) || !isNum(h.blockNs) || h.blockNs <= 0 || (h.coarseFrom !== null && !isNum(h.coarseFrom))) fail('its header lacks the trace span');
  if (!Array.isArray(h.lanes) || h.lanes.length > MAX_LANES) fail('its lanes are missing');
  if (!Array.isArray(h.stacks) || h.stacks.length > 100_000) fail('its stacks are not a list');
  const spans = new SpanStore(h.budget);
  spans.firstTime = h.firstTime;
  spans.lastTime = h.lastTime;
  spans.coarseFrom = h.coarseFrom;
  spans.blockNs = h.blockNs;
  for (const [i, s] of h.stacks.entries()) spans.stacks.push(strings(s, `stack ${i}`, 1000));
  spans.reasons.push(...strings(h.reasons, 'the stop reasons', 100_000));
  h.lanes.forEach((x: unknown, i: number) => {
    const l = lane(x, i, cols);
    if (spans.lanes.has(l.p)) fail(`P ${l.p} has two lanes`);
    spans.lanes.set(l.p, l);
  });
  const [gt, gv] = pair(h.goroutines, 'the goroutine count', cols, true);
  spans.goroutinesT = seriesOf(gt);
  spans.goroutinesV = seriesOf(gv);
  const u = h.user;
  if (!isObj(u)) fail('its tasks and regions are missing');
  spans.user.names.push(...strings(u.names, 'the task and region names', 1_000_000));
  userLane(spans.user.tasks, u.tasks, spans.user.names.length, cols, 'tasks');
  userLane(spans.user.regions, u.regions, spans.user.names.length, cols, 'regions');
  const c = h.counters;
  if (!isObj(c) || !isNum(c.firstTime) || !isNum(c.lastTime)) fail('its GC and heap series are missing');
  const [gcStart, gcEnd] = pair(c.gc, 'the GC cycles', cols, false);
  const [stwStart, stwEnd] = pair(c.stw, 'the stop-the-worlds', cols, false);
  const stwReason = strings(c.stwReason, 'the stop-the-world reasons', stwStart.length);
  const [heapT, heapV] = pair(c.heap, 'the heap', cols, true);
  const [goalT, goalV] = pair(c.goal, 'the heap goal', cols, true);
  const counters: TimelineCounters = {
    firstTime: c.firstTime,
    lastTime: c.lastTime,
    gcStart: [...gcStart],
    gcEnd: [...gcEnd],
    stwStart: [...stwStart],
    stwEnd: [...stwEnd],
    stwReason,
    heapT: seriesOf(heapT),
    heapV: seriesOf(heapV),
    goalT: [...goalT],
    goalV: [...goalV],
  };
  return { spans, counters };
}
