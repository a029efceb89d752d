// Reading one generation of a v2 trace: batch headers (sizes never trusted
// beyond the 64 KiB limit and the bytes present), then the per-generation
// string, stack, CPU-sample and sync batches. Event batches stay as byte
// ranges of the input, grouped by M in file order; events are decoded lazily
// by the reader. Mirrors internal/trace generation.go / batch.go behaviour,
// including its errors (the conformance tests compare success/failure).

import { Ev, MAX_BATCH_SIZE, MAX_FRAMES, MAX_STRING_SIZE } from './spec';
import { TraceError, uvarint, vnext } from './varint';

export interface Batch {
  m: number;
  /** Batch start time in ticks. */
  time: number;
  start: number;
  end: number;
  exp: number;
}

export interface Frame {
  pc: number;
  fn: number;
  file: number;
  line: number;
}

export interface CpuSample {
  time: number;
  m: number;
  p: number;
  g: number;
  stack: number;
}

export interface Generation {
  gen: number;
  /** Nanoseconds per tick (internal/trace "frequency"). */
  freq: number;
  minTs: number;
  batches: Map<number, Batch[]>;
  /** Ms in order of their first batch. */
  batchMs: number[];
  strings: Map<number, string>;
  stacks: Map<number, number[]>;
  frames: Map<number, Frame>;
  cpuSamples: CpuSample[];
  /** 1 where a stack / string ID exists (IDs below the array length; larger ones: ask the Map). */
  stackIds: Uint8Array;
  stringIds: Uint8Array;
  hasClockSnapshot: boolean;
  /** Wall clock (Unix ns) at the clock snapshot, Go 1.25+. */
  wallNs?: number;
  /** Byte offset just past this generation. */
  endOffset: number;
}

const utf8 = new TextDecoder('utf-8');

/** What the batch scanner returns: a batch, the end-of-generation marker, or EOF. */
interface ReadBatch {
  kind: 'batch' | 'eog' | 'eof';
  batch?: Batch;
  gen: number;
}

/** Errors of readBatch that Go compares against io.EOF by identity. */
const EOF: ReadBatch = { kind: 'eof', gen: 0 };

/** Bytes a batch header takes at most: its type, the experiment byte and four uvarints. */
const MAX_HEADER = 2 + 4 * 10;

export class BatchScanner {
  constructor(
    public data: Uint8Array,
    public pos: number,
    /** Read on demand (./window.ts): makes `data` hold [0, need) or all that is left; absent over whole bytes. */
    private readonly more?: (need: number) => Uint8Array,
  ) {}

  next(): ReadBatch {
    if (this.more && this.pos + MAX_HEADER > this.data.length) this.data = this.more(this.pos + MAX_HEADER);
    let d = this.data;
    let end = d.length;
    if (this.pos >= end) return EOF;
    const typ = d[this.pos++];
    if (typ === Ev.EndOfGeneration) return { kind: 'eog', gen: 0 };
    if (typ !== Ev.EventBatch && typ !== Ev.ExperimentalBatch) throw new TraceError(`expected batch event, got event ${typ}`);
    let exp = 0;
    if (typ === Ev.ExperimentalBatch) {
      // Go returns the bare io.EOF here, which its callers treat as a clean end.
      if (this.pos >= end) return EOF;
      exp = d[this.pos++];
    }
    const gen = uvarint(d, this.pos, end, 'error reading batch gen');
    const m = uvarint(d, vnext, end, 'error reading batch M ID');
    const time = uvarint(d, vnext, end, 'error reading batch timestamp');
    const size = uvarint(d, vnext, end, 'error reading batch size');
    if (size < 0 || size > MAX_BATCH_SIZE) throw new TraceError(`invalid batch size ${size < 0 ? '2^64-1' : size}, maximum is ${MAX_BATCH_SIZE}`);
    const start = vnext;
    if (this.more && start + size > end) {
      d = this.data = this.more(start + size);
      end = d.length;
    }
    if (start + size > end) {
      this.pos = end;
      throw new TraceError(`failed to read full batch: read ${end - start} but wanted ${size}`);
    }
    this.pos = start + size;
    return { kind: 'batch', gen, batch: { m, time, start, end: start + size, exp } };
  }
}

function newGeneration(): Generation {
  return {
    gen: 0,
    freq: 0,
    minTs: 0,
    batches: new Map(),
    batchMs: [],
    strings: new Map(),
    stacks: new Map(),
    frames: new Map(),
    cpuSamples: [],
    stackIds: new Uint8Array(0),
    stringIds: new Uint8Array(0),
    hasClockSnapshot: false,
    endOffset: 0,
  };
}

/** Go 1.26+: reads up to the EndOfGeneration byte. null when the input is exhausted. */
export function readGeneration126(sc: BatchScanner): Generation | null {
  const g = newGeneration();
  for (;;) {
    const r = sc.next();
    if (r.kind === 'eof') {
      if (g.batches.size !== 0) throw new TraceError('incomplete generation found; trace likely truncated');
      return null;
    }
    if (g.gen === 0) g.gen = r.gen;
    if (r.kind === 'eog') break;
    if (r.gen === 0) throw new TraceError(`invalid generation number ${r.gen}`);
    if (r.gen !== g.gen) throw new TraceError('broken trace: missing end-of-generation event, or generations are interleaved');
    const b = r.batch!;
    if (g.minTs === 0 || b.time < g.minTs) g.minTs = b.time;
    processBatch(sc.data, g, b, 26);
  }
  finish(g, 26);
  g.endOffset = sc.pos;
  return g;
}

export interface SpillResult {
  gen: Generation | null;
  spill: { gen: number; batch: Batch } | null;
  /** A read error after some batches of this generation (reported after its events). */
  spillErr: TraceError | null;
}

/** Go 1.22–1.25: a generation ends where a batch of the next one appears (kept as the spill). */
export function readGenerationWithSpill(sc: BatchScanner, spill: { gen: number; batch: Batch } | null, ver: number): SpillResult {
  const g = newGeneration();
  if (spill) {
    g.gen = spill.gen;
    g.minTs = spill.batch.time;
    processBatch(sc.data, g, spill.batch, ver);
    spill = null;
  }
  let spillErr: TraceError | null = null;
  let endOffset = sc.pos;
  for (;;) {
    let r: ReadBatch;
    const before = sc.pos;
    try {
      r = sc.next();
    } catch (e) {
      if (!(e instanceof TraceError)) throw e;
      if (g.gen !== 0) {
        spillErr = e;
        endOffset = before;
        break;
      }
      throw e;
    }
    if (r.kind === 'eof') {
      endOffset = sc.pos;
      break;
    }
    if (r.kind === 'eog') {
      // Before 1.26 this byte is just an unexpected batch type.
      const e = new TraceError(`expected batch event, got event ${Ev.EndOfGeneration}`);
      if (g.gen !== 0) {
        spillErr = e;
        endOffset = before;
        break;
      }
      throw e;
    }
    if (r.gen === 0) throw new TraceError(`invalid generation number ${r.gen}`);
    if (g.gen === 0) g.gen = r.gen;
    if (r.gen === g.gen + 1) {
      spill = { gen: r.gen, batch: r.batch! };
      endOffset = before;
      break;
    }
    if (r.gen !== g.gen) throw new TraceError('generations out of order');
    const b = r.batch!;
    if (g.minTs === 0 || b.time < g.minTs) g.minTs = b.time;
    processBatch(sc.data, g, b, ver);
  }
  finish(g, ver);
  g.endOffset = endOffset;
  return { gen: g, spill, spillErr };
}

function finish(g: Generation, ver: number): void {
  if (g.freq === 0) throw new TraceError('no frequency event found');
  if (ver >= 25 && !g.hasClockSnapshot) throw new TraceError('no clock snapshot event found');
  // validateStackStrings: every frame's function and file must be in the string table.
  for (const [id, pcs] of g.stacks) {
    for (const pc of pcs) {
      const f = g.frames.get(pc);
      if (!f) throw new TraceError(`found unknown pc ${pc.toString(16)} for stack ${id}`);
      if (f.fn !== 0 && !g.strings.has(f.fn)) throw new TraceError(`found invalid func string ID ${f.fn} for stack ${id}`);
      if (f.file !== 0 && !g.strings.has(f.file)) throw new TraceError(`found invalid file string ID ${f.file} for stack ${id}`);
    }
  }
  g.stackIds = presence(g.stacks);
  g.stringIds = presence(g.strings);
  // CPU sample times to ns, sorted (stable).
  for (const s of g.cpuSamples) s.time = Math.trunc(s.time * g.freq);
  g.cpuSamples.sort((a, b) => a.time - b.time);
}

/** Presence bitmap of the IDs below 4× the table size (IDs are dense in practice). */
function presence(m: Map<number, unknown>): Uint8Array {
  const limit = m.size * 4 + 1024;
  let max = 0;
  for (const id of m.keys()) if (id < limit && id > max) max = id;
  const a = new Uint8Array(max + 1);
  a[0] = 1; // ID 0 means "none" and is always valid
  for (const id of m.keys()) if (id <= max) a[id] = 1;
  return a;
}

/** Whether stack/string `id` exists in the table (0 always does). */
export function hasId(bits: Uint8Array, m: Map<number, unknown>, id: number): boolean {
  return id < bits.length ? bits[id] === 1 : m.has(id);
}

function processBatch(d: Uint8Array, g: Generation, b: Batch, ver: number): void {
  const first = b.exp === 0 && b.end > b.start ? d[b.start] : -1;
  if (first === Ev.Strings) addStrings(d, g, b);
  else if (first === Ev.Stacks) addStacks(d, g, b);
  else if (first === Ev.CPUSamples) addCPUSamples(d, g, b);
  else if ((first === Ev.Frequency && ver < 25) || (first === Ev.Sync && ver >= 25)) setSync(d, g, b, ver);
  else if (b.exp !== 0) {
    // Experimental batches (alloc/free type tables) are not needed by any analysis.
  } else if (first === Ev.EndOfGeneration) {
    throw new TraceError('internal error: unexpectedly processing EndOfGeneration; broken trace?');
  } else {
    let list = g.batches.get(b.m);
    if (!list) {
      list = [];
      g.batches.set(b.m, list);
      g.batchMs.push(b.m);
    }
    list.push(b);
  }
}

function addStrings(d: Uint8Array, g: Generation, b: Batch): void {
  let p = b.start + 1;
  const end = b.end;
  while (p < end) {
    const ev = d[p++];
    if (ev !== Ev.String) throw new TraceError(`expected string event, got ${ev}`);
    const id = uvarint(d, p, end, 'unexpected EOF');
    const len = uvarint(d, vnext, end, 'unexpected EOF');
    p = vnext;
    if (len < 0 || len > MAX_STRING_SIZE) throw new TraceError(`invalid string size ${len}, maximum is ${MAX_STRING_SIZE}`);
    if (p + len > end) throw new TraceError(`failed to read full string: read ${end - p} but wanted ${len}`);
    const s = utf8.decode(d.subarray(p, p + len));
    p += len;
    if (id === 0 || g.strings.has(id)) throw new TraceError(`multiple strings with the same ID: id=${id}`);
    g.strings.set(id, s);
  }
}

function addStacks(d: Uint8Array, g: Generation, b: Batch): void {
  let p = b.start + 1;
  const end = b.end;
  while (p < end) {
    const ev = d[p++];
    if (ev !== Ev.Stack) throw new TraceError(`expected stack event, got ${ev}`);
    const id = uvarint(d, p, end, 'unexpected EOF');
    const n = uvarint(d, vnext, end, 'unexpected EOF');
    p = vnext;
    if (n < 0 || n > MAX_FRAMES) throw new TraceError(`invalid stack size ${n}, maximum is ${MAX_FRAMES}`);
    const pcs: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const pc = uvarint(d, p, end, `reading frame ${i + 1}'s PC for stack ${id}: unexpected EOF`);
      const fn = uvarint(d, vnext, end, `reading frame ${i + 1}'s funcID for stack ${id}: unexpected EOF`);
      const file = uvarint(d, vnext, end, `reading frame ${i + 1}'s fileID for stack ${id}: unexpected EOF`);
      const line = uvarint(d, vnext, end, `reading frame ${i + 1}'s line for stack ${id}: unexpected EOF`);
      p = vnext;
      pcs[i] = pc;
      if (!g.frames.has(pc)) g.frames.set(pc, { pc, fn, file, line });
    }
    if (id === 0 || g.stacks.has(id)) throw new TraceError(`multiple stacks with the same ID: id=${id}`);
    g.stacks.set(id, pcs);
  }
}

function addCPUSamples(d: Uint8Array, g: Generation, b: Batch): void {
  let p = b.start + 1;
  const end = b.end;
  while (p < end) {
    const ev = d[p++];
    if (ev !== Ev.CPUSample) throw new TraceError(`expected CPU sample event, got ${ev}`);
    const time = uvarint(d, p, end, 'unexpected EOF');
    const m = uvarint(d, vnext, end, 'unexpected EOF');
    const pp = uvarint(d, vnext, end, 'unexpected EOF');
    const gg = uvarint(d, vnext, end, 'unexpected EOF');
    const stack = uvarint(d, vnext, end, 'unexpected EOF');
    p = vnext;
    g.cpuSamples.push({ time, m, p: pp, g: gg === 0 ? -1 : gg, stack });
  }
}

function setSync(d: Uint8Array, g: Generation, b: Batch, ver: number): void {
  let p = b.start;
  const end = b.end;
  if (ver >= 25) p++; // the EvSync byte
  let lastTs = b.time;
  while (p < end) {
    const ev = d[p++];
    if (ev === Ev.Frequency) {
      if (g.freq !== 0) throw new TraceError('found multiple frequency events');
      const f = uvarint(d, p, end, 'unexpected EOF');
      p = vnext;
      g.freq = 1.0 / (f / 1e9);
    } else if (ev === Ev.ClockSnapshot && ver >= 25) {
      if (g.hasClockSnapshot) throw new TraceError('found multiple clock snapshot events');
      g.hasClockSnapshot = true;
      const dt = uvarint(d, p, end, 'unexpected EOF');
      lastTs += dt;
      uvarint(d, vnext, end, 'unexpected EOF'); // mono
      const sec = uvarint(d, vnext, end, 'unexpected EOF');
      const nsec = uvarint(d, vnext, end, 'unexpected EOF');
      p = vnext;
      g.wallNs = sec * 1e9 + nsec;
    } else {
      throw new TraceError(`expected frequency or clock snapshot event, got ${ev}`);
    }
  }
}

/** Function name of a frame, '' when unknown. */
export function frameFunc(g: Generation, pc: number): string {
  const f = g.frames.get(pc);
  return f ? (g.strings.get(f.fn) ?? '') : '';
}
