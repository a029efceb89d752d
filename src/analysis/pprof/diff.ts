// Comparing two profiles the way `go tool pprof` does (driver/fetch.go):
// the base is scaled by −1 and merged with the source. With -diff_base the
// base samples carry the label pprof::base=true, so they never merge with the
// source and the report total is the base total (percentages against the base).
// With -base values simply net out (for cumulative profiles: allocs, mutex, block).

import type { PprofProfile } from '../../formats/pprof/model';

export type DiffMode = 'diff_base' | 'base';

/** Why two profiles cannot be compared, or null when they can. */
export function incompatibility(a: PprofProfile, b: PprofProfile): string | null {
  const ta = a.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
  const tb = b.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
  if (ta !== tb) return `the profiles have different sample types (${ta} vs ${tb})`;
  const pa = a.periodType ? `${a.periodType.type}/${a.periodType.unit}` : '';
  const pb = b.periodType ? `${b.periodType.type}/${b.periodType.unit}` : '';
  if (pa && pb && pa !== pb) return `the profiles have different period types (${pa} vs ${pb})`;
  return null;
}

function concatF64(a: Float64Array, b: Float64Array, mapB?: (v: number) => number): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  if (mapB) for (let i = 0; i < b.length; i++) out[a.length + i] = mapB(b[i]);
  else out.set(b, a.length);
  return out;
}
function concatU32(a: Uint32Array, b: Uint32Array, add = 0, keepZero = false): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  for (let i = 0; i < b.length; i++) out[a.length + i] = keepZero && b[i] === 0 ? 0 : b[i] + add;
  return out;
}
function concatI32(a: Int32Array, b: Int32Array, add: number): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  for (let i = 0; i < b.length; i++) out[a.length + i] = b[i] < 0 ? b[i] : b[i] + add;
  return out;
}
/** Offsets array (n+1 entries starting at 0) for a followed by b. */
function concatStarts(a: Uint32Array, b: Uint32Array): Uint32Array {
  const na = a.length - 1;
  const out = new Uint32Array(na + b.length);
  out.set(a);
  const base = a[na];
  for (let i = 1; i < b.length; i++) out[na + i] = b[i] + base;
  return out;
}

/** Stable content key per location (what profile.Merge keys locations by). */
function locationKeys(p: PprofProfile, intern: Map<string, number>): Uint32Array {
  const out = new Uint32Array(p.numLocations);
  for (let l = 0; l < p.numLocations; l++) {
    const m = p.locMapping[l];
    const addr = p.locAddrHi[l] * 4294967296 + p.locAddrLo[l];
    let key = m >= 0 ? `${p.mappings[m].file}\0${p.mappings[m].buildId}\0${addr - p.mappings[m].memoryStart}` : `\0\0${addr}`;
    key += `\0${p.locFolded[l]}`;
    for (let x = p.locLineStart[l]; x < p.locLineStart[l + 1]; x++) {
      const f = p.lineFunc[x];
      const fn = f >= 0 ? `${p.strings[p.funcName[f]]}\x01${p.strings[p.funcSystemName[f]]}\x01${p.strings[p.funcFile[f]]}\x01${p.funcStartLine[f]}` : '';
      key += `\0${fn}\x02${p.lineLine[x]}\x02${p.lineColumn[x]}`;
    }
    let id = intern.get(key);
    if (id === undefined) intern.set(key, (id = intern.size));
    out[l] = id;
  }
  return out;
}

/** The merged profile pprof reports on for `-diff_base=base src` or `-base=base src`. */
export function diffProfiles(src: PprofProfile, base: PprofProfile, mode: DiffMode): PprofProfile {
  const why = incompatibility(src, base);
  if (why) throw new Error(`cannot compare: ${why}`);
  const strings = [...src.strings, ...base.strings];
  const off = src.strings.length;
  let baseKey = 0;
  let trueStr = 0;
  if (mode === 'diff_base') {
    baseKey = strings.push('pprof::base') - 1;
    trueStr = strings.push('true') - 1;
  }
  const nsA = src.numSamples;
  const nsB = base.numSamples;
  // Labels: base samples get pprof::base=true appended.
  const labelStart = new Uint32Array(nsA + nsB + 1);
  const lk: number[] = Array.from(src.labelKey);
  const ls: number[] = Array.from(src.labelStr);
  const ln: number[] = Array.from(src.labelNum);
  const lu: number[] = Array.from(src.labelUnit);
  labelStart.set(src.labelStart.subarray(0, nsA + 1));
  const remap = (v: number) => (v === 0 ? 0 : v + off);
  for (let s = 0; s < nsB; s++) {
    for (let j = base.labelStart[s]; j < base.labelStart[s + 1]; j++) {
      lk.push(remap(base.labelKey[j]));
      ls.push(remap(base.labelStr[j]));
      ln.push(base.labelNum[j]);
      lu.push(remap(base.labelUnit[j]));
    }
    if (mode === 'diff_base') {
      lk.push(baseKey);
      ls.push(trueStr);
      ln.push(0);
      lu.push(0);
    }
    labelStart[nsA + s + 1] = lk.length;
  }
  const p: PprofProfile = {
    source: src.source,
    strings,
    sampleTypes: src.sampleTypes,
    defaultSampleType: src.defaultSampleType,
    periodType: src.periodType,
    period: Math.max(src.period, base.period),
    timeNanos: src.timeNanos && base.timeNanos ? Math.min(src.timeNanos, base.timeNanos) : src.timeNanos || base.timeNanos,
    durationNanos: src.durationNanos + base.durationNanos,
    comments: [...new Set([...src.comments, ...base.comments])],
    dropFrames: src.dropFrames,
    keepFrames: src.keepFrames,
    docUrl: src.docUrl,
    numSamples: nsA + nsB,
    values: concatF64(src.values, base.values, (v) => -v),
    stackStart: concatStarts(src.stackStart, base.stackStart),
    stackLocs: concatU32(src.stackLocs, base.stackLocs, src.numLocations),
    labelStart,
    labelKey: Uint32Array.from(lk),
    labelStr: Uint32Array.from(ls),
    labelNum: Float64Array.from(ln),
    labelUnit: Uint32Array.from(lu),
    numLocations: src.numLocations + base.numLocations,
    locId: concatF64(src.locId, base.locId),
    locMapping: concatI32(src.locMapping, base.locMapping, src.mappings.length),
    locAddrLo: concatU32(src.locAddrLo, base.locAddrLo),
    locAddrHi: concatU32(src.locAddrHi, base.locAddrHi),
    locFolded: Uint8Array.from([...src.locFolded, ...base.locFolded]),
    locLineStart: concatStarts(src.locLineStart, base.locLineStart),
    lineFunc: concatI32(src.lineFunc, base.lineFunc, src.numFunctions),
    lineLine: concatF64(src.lineLine, base.lineLine),
    lineColumn: concatF64(src.lineColumn, base.lineColumn),
    numFunctions: src.numFunctions + base.numFunctions,
    funcId: concatF64(src.funcId, base.funcId),
    funcName: concatU32(src.funcName, base.funcName, off, true),
    funcSystemName: concatU32(src.funcSystemName, base.funcSystemName, off, true),
    funcFile: concatU32(src.funcFile, base.funcFile, off, true),
    funcStartLine: concatF64(src.funcStartLine, base.funcStartLine),
    mappings: [...src.mappings, ...base.mappings],
  };
  // Groups: samples profile.Merge would combine (same located stack, same labels).
  const intern = new Map<string, number>();
  const lkA = locationKeys(src, intern);
  const lkB = locationKeys(base, intern);
  const groups = new Map<string, number>();
  const sampleGroup = new Uint32Array(p.numSamples);
  for (let s = 0; s < p.numSamples; s++) {
    const labels: string[] = [];
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      const key = p.strings[p.labelKey[j]];
      labels.push(p.labelStr[j] !== 0 ? `s${key}=${p.strings[p.labelStr[j]]}` : `n${key}=${p.labelNum[j]}${p.strings[p.labelUnit[j]]}`);
    }
    labels.sort();
    const stack: number[] = [];
    for (let j = p.stackStart[s]; j < p.stackStart[s + 1]; j++) {
      const l = p.stackLocs[j];
      stack.push(l < src.numLocations ? lkA[l] : lkB[l - src.numLocations]);
    }
    const key = labels.join('\0') + '|' + stack.join(',');
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = groups.size));
    sampleGroup[s] = g;
  }
  p.merged = { sampleGroup };
  return p;
}
