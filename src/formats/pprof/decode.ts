// profile.proto → columnar PprofProfile. Hand-written on a bounds-checked
// cursor (see README.md for why not pprof-format or pbf, with numbers).
// Two passes: the wire order is arbitrary (Go writes the string table last),
// so ids and string indices are buffered, then remapped and validated.

import { FormatError, type ParseContext } from '../types';
import type { PprofMapping, PprofProfile, ValueType } from './model';
import { ProtoReader } from './protoReader';
import { censusOf, checkBudget } from './budget';
import { limitsOf } from '../limits';
import { f64, i32, u32, u8 } from '../../lib/columns';

const TWO32 = 4294967296;
const PROGRESS_STEP = 1 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: false });

const noCtx: ParseContext = { progress() {}, checkCancelled() {}, warn() {} };

/** Ids above 2^53 are not exact as numbers; they get stable negative stand-ins. */
class IdKeys {
  private big = new Map<string, number>();
  key(r: ProtoReader, end: number): number {
    const buf = r.buf;
    const b = buf[r.pos];
    if (b < 0x80 && r.pos < end) {
      r.pos++;
      return b;
    }
    r.varint64(end);
    if (r.hi < 0x200000) return r.hi * TWO32 + r.lo;
    const s = `${r.hi}:${r.lo}`;
    let k = this.big.get(s);
    if (k === undefined) {
      k = -(this.big.size + 1);
      this.big.set(s, k);
    }
    return k;
  }
}

function readString(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n < 48) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(buf.subarray(start, end));
}

export function decodeProfile(data: Uint8Array, ctx: ParseContext = noCtx): PprofProfile {
  // Counts and the memory estimate first: an input over a limit is refused before the tables below exist.
  checkBudget(censusOf(data), limitsOf(ctx));
  const r = new ProtoReader(data);
  const ids = new IdKeys();
  const end = data.length;

  const strings: string[] = [];
  const sampleTypeRaw: number[] = [];
  let periodTypeRaw: [number, number] | null = null;
  let period = 0;
  let timeNanos = 0;
  let timeSeen = false;
  let durationNanos = 0;
  const commentRaw: number[] = [];
  let dropFrames = 0;
  let keepFrames = 0;
  let defaultSampleType = 0;
  let docUrl = 0;

  // Samples (raw location ids until remapped).
  // Capacities guessed from the input size so big files do not regrow much.
  const guess = Math.max(1024, Math.min(end >> 4, 1 << 24));
  const stackStart = u32(guess >> 2);
  // Location ids of all stacks: uint32 in practice; switches to float64 the
  // first time an id does not fit (huge ids, or the stand-ins for ids ≥ 2^53).
  const stackIds32 = u32(guess * 2);
  let stackIdsBig: ReturnType<typeof f64> | null = null;
  const pushStackId = (key: number) => {
    if (stackIdsBig !== null) stackIdsBig.push(key);
    else if (key >= 0 && key <= 0xffffffff) stackIds32.push(key);
    else {
      stackIdsBig = f64(Math.max(1024, stackIds32.n * 2));
      for (let i = 0; i < stackIds32.n; i++) stackIdsBig.push(stackIds32.a[i]);
      stackIdsBig.push(key);
    }
  };
  const stackCount = () => (stackIdsBig !== null ? stackIdsBig.n : stackIds32.n);
  const valueStart = u32(guess >> 2);
  const values = f64(guess >> 1);
  const labelStart = u32(guess >> 2);
  const labelKey = u32();
  const labelStr = u32();
  const labelNum = f64();
  const labelUnit = u32();

  // Locations and lines (raw mapping / function ids).
  const locId = f64();
  const locMappingId = f64();
  const locAddrLo = u32();
  const locAddrHi = u32();
  const locFolded = u8();
  const locLineStart = u32();
  const lineFuncId = f64(4096);
  const lineLine = f64(4096);
  const lineColumn = f64(4096);

  const funcId = f64();
  const funcName = u32();
  const funcSystemName = u32();
  const funcFile = u32();
  const funcStartLine = f64();

  const mappingRaw: Array<PprofMapping & { fileIdx: number; buildIdx: number }> = [];

  let nextProgress = PROGRESS_STEP;
  let maxStringIdx = 0;
  const str = (v: number): number => {
    if (v > maxStringIdx) maxStringIdx = v;
    if (v < 0) r.fail(`a negative string index (${v})`);
    return v;
  };

  const valueType = (fend: number): [number, number] => {
    let t = 0;
    let u = 0;
    while (r.pos < fend) {
      const tag = r.varint(fend);
      const f = tag >>> 3;
      const wt = tag & 7;
      if (f === 1 && wt === 0) t = str(r.varint(fend));
      else if (f === 2 && wt === 0) u = str(r.varint(fend));
      else r.skip(wt, fend);
    }
    return [t, u];
  };

  const sample = (fend: number) => {
    while (r.pos < fend) {
      const tag = r.varint(fend);
      const f = tag >>> 3;
      const wt = tag & 7;
      if (f === 1) {
        if (wt === 2) {
          const e = r.lenEnd(fend);
          while (r.pos < e) pushStackId(ids.key(r, e));
        } else if (wt === 0) pushStackId(ids.key(r, fend));
        else r.skip(wt, fend);
      } else if (f === 2) {
        if (wt === 2) {
          const e = r.lenEnd(fend);
          while (r.pos < e) values.push(r.varint(e));
        } else if (wt === 0) values.push(r.varint(fend));
        else r.skip(wt, fend);
      } else if (f === 3 && wt === 2) {
        const e = r.lenEnd(fend);
        let k = 0;
        let s = 0;
        let num = 0;
        let unit = 0;
        while (r.pos < e) {
          const t2 = r.varint(e);
          const f2 = t2 >>> 3;
          const w2 = t2 & 7;
          if (w2 !== 0) r.skip(w2, e);
          else if (f2 === 1) k = str(r.varint(e));
          else if (f2 === 2) s = str(r.varint(e));
          else if (f2 === 3) num = r.varint(e);
          else if (f2 === 4) unit = str(r.varint(e));
          else r.skip(w2, e);
        }
        labelKey.push(k);
        labelStr.push(s);
        labelNum.push(num);
        labelUnit.push(unit);
      } else r.skip(wt, fend);
    }
    stackStart.push(stackCount());
    valueStart.push(values.n);
    labelStart.push(labelKey.n);
  };

  const location = (fend: number) => {
    let id = 0;
    let mapping = 0;
    let lo = 0;
    let hi = 0;
    let folded = 0;
    while (r.pos < fend) {
      const tag = r.varint(fend);
      const f = tag >>> 3;
      const wt = tag & 7;
      if (f === 1 && wt === 0) id = ids.key(r, fend);
      else if (f === 2 && wt === 0) mapping = r.varint(fend);
      else if (f === 3 && wt === 0) {
        r.varint64(fend);
        lo = r.lo;
        hi = r.hi;
      } else if (f === 4 && wt === 2) {
        const e = r.lenEnd(fend);
        let fn = 0;
        let line = 0;
        let col = 0;
        while (r.pos < e) {
          const t2 = r.varint(e);
          const f2 = t2 >>> 3;
          const w2 = t2 & 7;
          if (w2 !== 0) r.skip(w2, e);
          else if (f2 === 1) fn = r.varint(e);
          else if (f2 === 2) line = r.varint(e);
          else if (f2 === 3) col = r.varint(e);
          else r.skip(w2, e);
        }
        lineFuncId.push(fn);
        lineLine.push(line);
        lineColumn.push(col);
      } else if (f === 5 && wt === 0) folded = r.varint(fend) ? 1 : 0;
      else r.skip(wt, fend);
    }
    locId.push(id);
    locMappingId.push(mapping);
    locAddrLo.push(lo);
    locAddrHi.push(hi);
    locFolded.push(folded);
    locLineStart.push(lineFuncId.n);
  };

  const func = (fend: number) => {
    let id = 0;
    let name = 0;
    let sys = 0;
    let file = 0;
    let start = 0;
    while (r.pos < fend) {
      const tag = r.varint(fend);
      const f = tag >>> 3;
      const wt = tag & 7;
      if (wt !== 0) r.skip(wt, fend);
      else if (f === 1) id = r.varint(fend);
      else if (f === 2) name = str(r.varint(fend));
      else if (f === 3) sys = str(r.varint(fend));
      else if (f === 4) file = str(r.varint(fend));
      else if (f === 5) start = r.varint(fend);
      else r.skip(wt, fend);
    }
    funcId.push(id);
    funcName.push(name);
    funcSystemName.push(sys);
    funcFile.push(file);
    funcStartLine.push(start);
  };

  const mapping = (fend: number) => {
    const m = {
      id: 0, memoryStart: 0, memoryLimit: 0, fileOffset: 0, file: '', buildId: '', fileIdx: 0, buildIdx: 0,
      hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
    };
    while (r.pos < fend) {
      const tag = r.varint(fend);
      const f = tag >>> 3;
      const wt = tag & 7;
      if (wt !== 0) {
        r.skip(wt, fend);
        continue;
      }
      const v = r.varint(fend);
      switch (f) {
        case 1: m.id = v; break;
        case 2: m.memoryStart = v; break;
        case 3: m.memoryLimit = v; break;
        case 4: m.fileOffset = v; break;
        case 5: m.fileIdx = str(v); break;
        case 6: m.buildIdx = str(v); break;
        case 7: m.hasFunctions = v !== 0; break;
        case 8: m.hasFilenames = v !== 0; break;
        case 9: m.hasLineNumbers = v !== 0; break;
        case 10: m.hasInlineFrames = v !== 0; break;
      }
    }
    mappingRaw.push(m);
  };

  stackStart.push(0);
  valueStart.push(0);
  labelStart.push(0);
  locLineStart.push(0);

  while (r.pos < end) {
    if (r.pos >= nextProgress) {
      ctx.progress(r.pos, end);
      ctx.checkCancelled();
      nextProgress = r.pos + PROGRESS_STEP;
    }
    const tag = r.varint(end);
    const f = tag >>> 3;
    const wt = tag & 7;
    if (f === 0) r.fail('field number 0 (this is not profile.proto data)');
    if (wt === 2) {
      const fend = r.lenEnd(end);
      switch (f) {
        case 1: sampleTypeRaw.push(...valueType(fend)); break;
        case 2: sample(fend); break;
        case 3: mapping(fend); break;
        case 4: location(fend); break;
        case 5: func(fend); break;
        case 6: strings.push(readString(data, r.pos, fend)); r.pos = fend; break;
        case 11: periodTypeRaw = valueType(fend); break;
        case 13: while (r.pos < fend) commentRaw.push(str(r.varint(fend))); break;
        default: r.pos = fend;
      }
      if (r.pos !== fend) r.fail(`field ${f} ended at byte ${r.pos}, not at its declared end ${fend}`);
    } else if (wt === 0) {
      const v = r.varint(end);
      switch (f) {
        case 7: dropFrames = str(v); break;
        case 8: keepFrames = str(v); break;
        case 9:
          if (timeSeen) {
            throw new FormatError('concatenated profiles detected (time_nanos appears twice); merge them with `go tool pprof -proto a b > merged.pb.gz` first', 'concatenated');
          }
          timeSeen = true;
          timeNanos = v;
          break;
        case 10: durationNanos = v; break;
        case 12: period = v; break;
        case 13: commentRaw.push(str(v)); break;
        case 14: defaultSampleType = str(v); break;
        case 15: docUrl = str(v); break;
      }
    } else r.skip(wt, end);
  }
  ctx.progress(end, end);

  // ---- validation and remapping (second pass) ----
  if (strings.length === 0 || strings[0] !== '') {
    throw new FormatError(
      strings.length === 0 && stackStart.n <= 1 && locId.n === 0
        ? 'not a pprof profile: no string table, no samples and no locations were found'
        : 'malformed pprof profile: string_table[0] must be ""',
    );
  }
  if (maxStringIdx >= strings.length) {
    throw new FormatError(`malformed pprof profile: string index ${maxStringIdx} is outside the string table (${strings.length} strings)`);
  }
  const S = (i: number) => strings[i];
  const sampleTypes: ValueType[] = [];
  for (let i = 0; i < sampleTypeRaw.length; i += 2) sampleTypes.push({ type: S(sampleTypeRaw[i]), unit: S(sampleTypeRaw[i + 1]) });
  const numSamples = stackStart.n - 1;
  const k = sampleTypes.length;
  if (numSamples > 0 && k === 0) throw new FormatError('malformed pprof profile: it has samples but no sample types');
  const vs = valueStart.a;
  for (let s = 0; s < numSamples; s++) {
    if (vs[s + 1] - vs[s] !== k) {
      throw new FormatError(`malformed pprof profile: sample ${s} has ${vs[s + 1] - vs[s]} values but there are ${k} sample types`);
    }
  }

  // Mappings.
  const mappings: PprofMapping[] = [];
  const mappingIndex = new Map<number, number>();
  for (const m of mappingRaw) {
    if (m.id === 0) throw new FormatError('malformed pprof profile: a mapping has the reserved id 0');
    if (mappingIndex.has(m.id)) throw new FormatError(`malformed pprof profile: duplicate mapping id ${m.id}`);
    mappingIndex.set(m.id, mappings.length);
    const { fileIdx, buildIdx, ...rest } = m;
    mappings.push({ ...rest, file: S(fileIdx), buildId: S(buildIdx) });
  }

  // Functions: id → dense index. A function with id 0 is invalid for pprof; some
  // .NET writers emit one, so it is kept (lines never point at id 0) with a warning.
  const nf = funcId.n;
  const funcIndex = new Map<number, number>();
  let zeroFuncs = 0;
  for (let i = 0; i < nf; i++) {
    const id = funcId.a[i];
    if (id === 0) {
      zeroFuncs++;
      continue;
    }
    if (funcIndex.has(id)) throw new FormatError(`malformed pprof profile: duplicate function id ${id}`);
    funcIndex.set(id, i);
  }
  if (zeroFuncs) ctx.warn(`${zeroFuncs} function(s) have the reserved id 0 (go tool pprof rejects this file); they were ignored`);

  const nl = lineFuncId.n;
  const lineFunc = new Int32Array(nl);
  let badLines = 0;
  for (let i = 0; i < nl; i++) {
    const id = lineFuncId.a[i];
    if (id === 0) {
      lineFunc[i] = -1;
      continue;
    }
    const fi = funcIndex.get(id);
    if (fi === undefined) {
      badLines++;
      lineFunc[i] = -1;
    } else lineFunc[i] = fi;
  }
  if (badLines) ctx.warn(`${badLines} line(s) refer to functions that are not in the profile; shown without a function`);

  // Locations.
  const nloc = locId.n;
  const locMapping = new Int32Array(nloc);
  let maxLocId = 0;
  let denseIds = true;
  for (let i = 0; i < nloc; i++) {
    const id = locId.a[i];
    if (id === 0) throw new FormatError('malformed pprof profile: a location has the reserved id 0');
    if (id < 0 || id > 4 * nloc + 1024) denseIds = false;
    else if (id > maxLocId) maxLocId = id;
    const mid = locMappingId.a[i];
    if (mid === 0) locMapping[i] = -1;
    else {
      const mi = mappingIndex.get(mid);
      locMapping[i] = mi === undefined ? -1 : mi;
    }
  }
  let locOf: (id: number) => number;
  if (denseIds) {
    const table = new Int32Array(maxLocId + 1).fill(-1);
    for (let i = 0; i < nloc; i++) {
      const id = locId.a[i];
      if (table[id] !== -1) throw new FormatError(`malformed pprof profile: duplicate location id ${id}`);
      table[id] = i;
    }
    locOf = (id) => (id >= 0 && id <= maxLocId ? table[id] : -1);
  } else {
    const m = new Map<number, number>();
    for (let i = 0; i < nloc; i++) {
      const id = locId.a[i];
      if (m.has(id)) throw new FormatError(`malformed pprof profile: duplicate location id ${id}`);
      m.set(id, i);
    }
    locOf = (id) => m.get(id) ?? -1;
  }
  // Ids → dense location indices, in place when the ids were uint32.
  const ns = stackCount();
  const big = stackIdsBig as ReturnType<typeof f64> | null;
  const raw: Float64Array | Uint32Array = big !== null ? big.a : stackIds32.a;
  const out = big !== null ? new Uint32Array(ns) : stackIds32.a;
  for (let i = 0; i < ns; i++) {
    const li = locOf(raw[i]);
    if (li < 0) throw new FormatError(`malformed pprof profile: a sample refers to location id ${raw[i]}, which is not in the profile`);
    out[i] = li;
  }
  // An exact-size copy only when the spare capacity is large.
  const stackLocs = out.length > ns + (ns >> 2) + 1024 ? out.slice(0, ns) : out.subarray(0, ns);

  return {
    source: 'proto',
    strings,
    sampleTypes,
    defaultSampleType: S(defaultSampleType),
    periodType: periodTypeRaw ? { type: S(periodTypeRaw[0]), unit: S(periodTypeRaw[1]) } : null,
    period,
    timeNanos,
    durationNanos,
    comments: commentRaw.map(S),
    dropFrames: S(dropFrames),
    keepFrames: S(keepFrames),
    docUrl: S(docUrl),
    numSamples,
    values: values.done(),
    stackStart: stackStart.done(),
    stackLocs,
    labelStart: labelStart.done(),
    labelKey: labelKey.done(),
    labelStr: labelStr.done(),
    labelNum: labelNum.done(),
    labelUnit: labelUnit.done(),
    numLocations: nloc,
    locId: locId.done(),
    locMapping,
    locAddrLo: locAddrLo.done(),
    locAddrHi: locAddrHi.done(),
    locFolded: locFolded.done(),
    locLineStart: locLineStart.done(),
    lineFunc,
    lineLine: lineLine.done(),
    lineColumn: lineColumn.done(),
    numFunctions: nf,
    funcId: funcId.done(),
    funcName: funcName.done(),
    funcSystemName: funcSystemName.done(),
    funcFile: funcFile.done(),
    funcStartLine: funcStartLine.done(),
    mappings,
  };
}
