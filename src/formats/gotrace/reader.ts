// The v2 trace reader: generation after generation, one cursor per M over
// its event batches, a min-heap on the cursors' next timestamps, and the
// ordering state machine deciding which M's event happens next. Events go to
// a callback in the order Go's internal/trace Reader returns them (same
// synthetic Sync events, same forced strictly-increasing timestamps).

import { BatchScanner, hasId, readGeneration126, readGenerationWithSpill, type Batch, type Generation } from './generation';
import { Ordering, fillEvent, newEvent, type MState, type RawEvent, type TraceEvent } from './order';
import { Ev, NARGS, STACK_ARG, STACK_ARG2, STRING_ARGS, EV_NAMES } from './spec';
import { TraceError, uvarint, vnext } from './varint';
import { TraceWindow } from './window';
import { isByteSource, type ByteSource } from '../byteSource';

export interface ReadOptions {
  /** Called after each complete generation: its number, bytes consumed so far. */
  onGeneration?(gen: Generation, offset: number): void;
  /**
   * A split read: only the generations in the bytes [start, end) (whole
   * generations, see boundaries.ts), read with fresh ordering state that the
   * first generation's status events seed (every generation restates them).
   * `syncsBefore`: generations before `start`; `last`: whether the range
   * reaches the end of the trace (only then the final Sync is delivered).
   * `emitFrom`: the generations that start before it are read but not
   * delivered (a warm-up: reading the generation before a split point leaves
   * the ordering state the sequential reader has there, see boundaries.ts).
   */
  range?: { start: number; end: number; emitFrom: number; syncsBefore: number; last: boolean };
  /** From a ByteSource: bytes read at least per refill (limits.traceReadBytes). */
  readBytes?: number;
  /**
   * A scan instead of a read: the events are not ordered nor delivered, only
   * the goroutine labels (GoLabel) and GOMAXPROCS changes are reported, M by
   * M with their own times (not in time order): a fraction of the cost of a
   * read. The runtime writes a label only right after a GoStart on the same M
   * (runtime/traceruntime.go GoStart), so a label's goroutine is that
   * start's; a label anywhere else is a TraceError.
   */
  scan?: LabelScan;
}

export interface LabelScan {
  label(goroutine: number, label: string, time: number): void;
  procs(n: number, time: number): void;
}

const BAD_ARG = 'found invalid uvarint';

/**
 * One M's events, decoded one at a time. The cursor is its own RawEvent (the
 * last decoded event): the frontier heap compares `time` on the cursor itself,
 * one load less per comparison than through a separate event object.
 */
class Cursor implements RawEvent {
  type = 0;
  time = 0.5;
  a0 = 0;
  a1 = 0;
  a2 = 0;
  a3 = 0;
  idx = 0;
  off = 0;
  /** End of the current batch (cached: read on every event). */
  end = 0;
  lastTs = 0.5;
  /** The M's ordering state, looked up at its first advance (as Go creates it then). */
  ms: MState | null | undefined = undefined;
  constructor(
    readonly m: number,
    readonly batches: Batch[],
    /** ns per tick; a field rather than an argument so it is never boxed per call. */
    readonly freq: number,
  ) {
    this.time = 0;
    this.lastTs = 0;
    if (batches.length) {
      this.off = batches[0].start;
      this.end = batches[0].end;
    }
  }

  /** Moves past exhausted batches; false when none is left. */
  private nextBatch(): boolean {
    const bs = this.batches;
    while (this.idx < bs.length && bs[this.idx].end === this.off) {
      this.idx++;
      if (this.idx < bs.length) {
        this.off = bs[this.idx].start;
        this.end = bs[this.idx].end;
      }
      this.lastTs = 0;
    }
    return this.idx < bs.length;
  }

  /** Decodes the M's next event into the cursor's fields; false when its batches are exhausted. */
  next(data: Uint8Array): boolean {
    if ((this.off === this.end || this.idx >= this.batches.length) && !this.nextBatch()) return false;
    if (this.lastTs === 0) this.lastTs = Math.trunc(this.batches[this.idx].time * this.freq);
    const end = this.end;
    let p = this.off;
    const typ = data[p++];
    const n = NARGS[typ];
    if (n < 0) {
      if (typ > 136) throw new TraceError(`found invalid event type: ${typ}`);
      throw new TraceError(`found event without a timestamp: type=${typ}`);
    }
    this.type = typ;
    const dt = uvarint(data, p, end, 'found invalid uvarint for timestamp');
    // One varint per argument, each from where the last one ended (vnext); missing ones 0.
    this.a0 = n > 0 ? uvarint(data, vnext, end, BAD_ARG) : 0;
    this.a1 = n > 1 ? uvarint(data, vnext, end, BAD_ARG) : 0;
    this.a2 = n > 2 ? uvarint(data, vnext, end, BAD_ARG) : 0;
    this.a3 = n > 3 ? uvarint(data, vnext, end, BAD_ARG) : 0;
    const time = Math.trunc(dt * this.freq) + this.lastTs;
    this.time = time;
    this.lastTs = time;
    this.off = vnext;
    return true;
  }
}

// The frontier heap, with exactly the sift rules of internal/trace so that
// ties between Ms resolve the same way.
function siftUp(h: Cursor[], i: number): number {
  while (i > 0 && h[(i - 1) >> 1].time > h[i].time) {
    const j = (i - 1) >> 1;
    const t = h[j];
    h[j] = h[i];
    h[i] = t;
    i = j;
  }
  return i;
}
function siftDown(h: Cursor[], i: number): void {
  for (;;) {
    let m = i;
    let minT = i < h.length ? h[i].time : Infinity;
    const l = 2 * i + 1;
    const r = l + 1;
    if (l < h.length && h[l].time < minT) {
      minT = h[l].time;
      m = l;
    }
    if (r < h.length && h[r].time < minT) m = r;
    if (m === i) return;
    const t = h[i];
    h[i] = h[m];
    h[m] = t;
    i = m;
  }
}
function heapInsert(h: Cursor[], c: Cursor): void {
  h.push(c);
  siftUp(h, h.length - 1);
}
function heapUpdate(h: Cursor[], i: number): void {
  if (siftUp(h, i) !== i) return;
  siftDown(h, i);
}
function heapRemove(h: Cursor[], i: number): void {
  while (i > 0) {
    const j = (i - 1) >> 1;
    const t = h[j];
    h[j] = h[i];
    h[i] = t;
    i = j;
  }
  const last = h.length - 1;
  const t = h[0];
  h[0] = h[last];
  h[last] = t;
  h.pop();
  siftDown(h, 0);
}
/** Stable insertion sort by next event time (Go sorts the small frontier the same way). */
function sortFrontier(h: Cursor[]): void {
  for (let i = 1; i < h.length; i++) {
    const c = h[i];
    let j = i - 1;
    while (j >= 0 && h[j].time > c.time) {
      h[j + 1] = h[j];
      j--;
    }
    h[j + 1] = c;
  }
}

export interface ReadResult {
  version: number;
  /** Events delivered (Sync markers and CPU samples included). */
  events: number;
  /** Complete generations delivered. */
  generations: number;
  /** Byte offset after the last complete generation. */
  goodOffset: number;
}

/**
 * Reads a whole v2 trace (header already checked: `version`), calling
 * `sink` for every event. Throws TraceError where Go's reader returns an
 * error; everything delivered before that stays valid. From a ByteSource the
 * trace is read a generation at a time (./window.ts), never held whole; the
 * events and errors are the same as from the whole bytes.
 */
export function readTrace(
  data: Uint8Array | ByteSource,
  version: number,
  sink: (ev: TraceEvent) => void,
  opts: ReadOptions = {},
  /** Filled as reading goes, so a caller still has the counts when reading throws. */
  res: ReadResult = { version, events: 0, generations: 0, goodOffset: 16 },
): ReadResult {
  const range = opts.range;
  // A range of a source is read from its start (the window's base), never past its end.
  const win = range
    ? isByteSource(data)
      ? new TraceWindow({ size: Math.min(data.size, range.end), readInto: (dst, pos) => data.readInto(dst.subarray(0, Math.max(0, range.end - pos)), pos) }, opts.readBytes, range.start)
      : new TraceWindow(data.subarray(0, range.end), opts.readBytes)
    : new TraceWindow(data, opts.readBytes);
  const order = new Ordering();
  // Kept in an object field, not a closure variable: a double stored in a
  // closure slot is boxed anew on every event (one allocation per event).
  const clock = { lastTs: 0.5 };
  clock.lastTs = 0;
  const syncEv = newEvent();
  let syncs = range ? range.syncsBefore : 0;

  // A split read's warm-up generations are read but not delivered.
  let genStart = range ? range.start : 16;
  let quiet = !!range && genStart < range.emitFrom;
  const emit = (o: TraceEvent) => {
    if (o.type !== Ev.SyncMarker) validateIDs(o);
    if (o.time <= clock.lastTs) o.time = clock.lastTs + 1;
    clock.lastTs = o.time;
    if (quiet) return;
    res.events++;
    sink(o);
  };
  const emitSync = (gen: Generation | null, time: number) => {
    if ((gen === null && range && !range.last) || quiet) return;
    syncs++;
    emit(fillEvent(syncEv, Ev.SyncMarker, time, gen, -1, -1, -1, syncs, 0, 0, 0));
  };

  const sc = new BatchScanner(win.bytes, (range ? range.start : 16) - win.base, isByteSource(data) ? (need) => win.grow(need) : undefined);
  const runGeneration = (gen: Generation) => {
    // The generation's batches are all in the window now (offsets relative to it); its end, absolute.
    gen.endOffset += win.base;
    if (opts.scan) scanLabels(gen, sc.data, opts.scan);
    else deliver(gen);
    genStart = gen.endOffset;
    if (quiet) {
      quiet = genStart < range!.emitFrom;
      return;
    }
    res.generations++;
    res.goodOffset = gen.endOffset;
    opts.onGeneration?.(gen, gen.endOffset);
  };
  const deliver = (gen: Generation) => {
    const data = sc.data;
    const frontier: Cursor[] = [];
    for (const m of gen.batchMs) {
      const c = new Cursor(m, gen.batches.get(m)!, gen.freq);
      if (c.next(data)) heapInsert(frontier, c);
    }
    emitSync(gen, Math.trunc(gen.minTs * gen.freq));
    const cpu = gen.cpuSamples;
    let ci = 0;
    const cpuEv = newEvent();
    const q = order.queue;
    const tryAdvance = (i: number): boolean => {
      const c = frontier[i];
      if (c.ms === undefined) c.ms = c.m === -1 ? null : order.mState(c.m);
      if (!order.advance(c, gen, c.m, c.ms)) return false;
      if (c.next(data)) heapUpdate(frontier, i);
      else heapRemove(frontier, i);
      return true;
    };
    while (frontier.length > 0 || ci < cpu.length) {
      if (ci < cpu.length && (frontier.length === 0 || cpu[ci].time < frontier[0].time)) {
        const s = cpu[ci++];
        emit(fillEvent(cpuEv, Ev.CPUSample, s.time, gen, s.g, s.p, s.m, s.stack, 0, 0, 0));
        continue;
      }
      order.qlen = 0;
      if (!tryAdvance(0)) {
        sortFrontier(frontier);
        let ok = false;
        for (let i = 1; i < frontier.length; i++) {
          if (tryAdvance(i)) {
            ok = true;
            break;
          }
        }
        if (!ok) throw new TraceError(`broken trace: failed to advance: gen=${gen.gen}, frontier: ${describeFrontier(frontier)}`);
      }
      for (let i = 0; i < order.qlen; i++) emit(q[i]);
      order.qlen = 0;
    }
  };

  /** Forgets the bytes before relative offset `from` (read generations), moving the scanner and `spill` with them. */
  const dropRead = (from: number, spill: Batch | null) => {
    const shift = win.drop(from);
    if (shift === 0) return;
    sc.pos -= shift;
    sc.data = win.bytes;
    if (spill) {
      spill.start -= shift;
      spill.end -= shift;
    }
  };
  if (version >= 26) {
    for (;;) {
      let gen: Generation | null;
      try {
        gen = readGeneration126(sc);
      } catch (e) {
        emitSync(null, clock.lastTs);
        throw e;
      }
      if (!gen) {
        emitSync(null, clock.lastTs);
        return res;
      }
      runGeneration(gen);
      dropRead(sc.pos, null);
    }
  }
  let spill: { gen: number; batch: Batch } | null = null;
  let spillErr: TraceError | null = null;
  let haveGen = false;
  for (;;) {
    if (spillErr) {
      emitSync(null, clock.lastTs);
      throw spillErr;
    }
    if (haveGen && !spill) {
      emitSync(null, clock.lastTs);
      return res;
    }
    let r;
    try {
      r = readGenerationWithSpill(sc, spill, version);
    } catch (e) {
      emitSync(null, clock.lastTs);
      throw e;
    }
    haveGen = true;
    spill = r.spill;
    spillErr = r.spillErr;
    runGeneration(r.gen!);
    if (spill) dropRead(spill.batch.start, spill.batch);
    else if (!spillErr) dropRead(sc.pos, null);
  }
}

/** ReadOptions.scan over one generation: each M's events in its own order, each label with the goroutine started just before it. */
function scanLabels(gen: Generation, data: Uint8Array, scan: LabelScan): void {
  for (const m of gen.batchMs) {
    let started = -1;
    for (const b of gen.batches.get(m)!) started = scanBatch(gen, data, b, m, started, scan);
  }
}

/**
 * One batch of scanLabels, given the goroutine the M started last (-1: its
 * last event was not a start); returns it at the batch's end. Its own loop
 * rather than a Cursor's: only a start's, label's or GOMAXPROCS change's first
 * argument is decoded, the others are stepped over, and a function per batch
 * is optimized as a whole where one loop over a generation ran on-stack
 * replaced code: a scan of 202 MB took 1,040 → 465 ms (bench/RESULTS.md). It
 * accepts and rejects the bytes a Cursor does.
 */
function scanBatch(gen: Generation, data: Uint8Array, b: Batch, m: number, started: number, scan: LabelScan): number {
  const { GoStart, GoLabel, ProcsChange } = Ev;
  const freq = gen.freq;
  const end = b.end;
  let p = b.start;
  let ts = Math.trunc(b.time * freq);
  while (p < end) {
    const type = data[p++];
    const n = NARGS[type];
    if (n < 0) {
      if (type > 136) throw new TraceError(`found invalid event type: ${type}`);
      throw new TraceError(`found event without a timestamp: type=${type}`);
    }
    const dt = uvarint(data, p, end, 'found invalid uvarint for timestamp');
    p = vnext;
    ts = Math.trunc(dt * freq) + ts;
    let k = 0;
    let a0 = 0;
    if (n > 0 && (type === GoStart || type === GoLabel || type === ProcsChange)) {
      a0 = uvarint(data, p, end, BAD_ARG);
      p = vnext;
      k = 1;
    }
    // The other arguments stepped over, with uvarint's checks: bytes left, ten at most, the tenth 0 or 1.
    for (; k < n; k++) {
      for (let i = 0; ; i++) {
        if (p >= end || i === 10) throw new TraceError(BAD_ARG);
        const c = data[p++];
        if (c < 0x80) {
          if (i === 9 && c > 1) throw new TraceError(BAD_ARG);
          break;
        }
      }
    }
    if (type === GoStart) {
      started = a0;
      continue;
    }
    if (type === GoLabel) {
      if (started < 0) throw new TraceError(`goroutine label not right after a goroutine start: gen=${gen.gen}, M ${m}, time ${ts}`);
      const label = gen.strings.get(a0);
      if (label === undefined) throw new TraceError(`invalid string ID ${a0} for goroutine label at time ${ts}`);
      scan.label(started, label, ts);
    } else if (type === ProcsChange) scan.procs(a0, ts);
    started = -1;
  }
  return started;
}

function describeFrontier(f: Cursor[]): string {
  return f.map((c) => `M ${c.m} [${EV_NAMES[c.type] ?? c.type} time=${c.time}]`).join(', ');
}

/** internal/trace validateTableIDs: every stack and string an event names must exist. */
function validateIDs(o: TraceEvent): void {
  const t = o.type;
  const gen = o.gen!;
  const sa = STACK_ARG[t];
  if (sa >= 0) checkStack(gen, argAt(o, sa), t);
  const sa2 = STACK_ARG2[t];
  if (sa2 >= 0) checkStack(gen, argAt(o, sa2), t);
  const mask = STRING_ARGS[t];
  if (mask) {
    for (let i = 0; i < 4; i++) {
      if (mask & (1 << i)) {
        const id = argAt(o, i);
        if (!hasId(gen.stringIds, gen.strings, id)) throw new TraceError(`found invalid string ID ${id} for event ${EV_NAMES[t]}`);
      }
    }
  }
}
function checkStack(gen: Generation, id: number, t: number): void {
  if (t === Ev.CPUSample) return; // Go checks an argument slot CPU samples leave at 0.
  if (!hasId(gen.stackIds, gen.stacks, id)) throw new TraceError(`found invalid stack ID ${id} for event ${EV_NAMES[t]}`);
}
function argAt(o: TraceEvent, i: number): number {
  return i === 0 ? o.a0 : i === 1 ? o.a1 : i === 2 ? o.a2 : o.a3;
}
