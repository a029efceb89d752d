// The sample set a report is built from, after pprof's filtering steps, in
// pprof's order: drop_frames/keep_frames pruning (profile.RemoveUninteresting),
// then focus/ignore/hide/show (FilterSamplesByName), show_from, then
// tagfocus/tagignore (FilterSamplesByTag). Nothing here copies sample values:
// a Prepared is sample indices plus (possibly shortened) stacks and line lists.

import type { PprofProfile } from '../../formats/pprof/model';
import { withDisplayNames } from './displayName';
import { goRegexp } from './goRegexp';
import { scale } from './units';

export interface FilterOptions {
  focus?: string;
  ignore?: string;
  hide?: string;
  show?: string;
  showFrom?: string;
  tagFocus?: string;
  tagIgnore?: string;
}

export interface Prepared {
  p: PprofProfile;
  /** Original sample index of each kept sample. */
  samples: Uint32Array;
  /** Stack of kept sample i: stackLocs[stackStart[i] .. stackStart[i+1]), leaf first. */
  stackStart: Uint32Array;
  stackLocs: Uint32Array;
  /** Lines of location l: locLines[locLineStart[l] .. locLineStart[l+1]) (original line indices, innermost first). */
  locLineStart: Uint32Array;
  locLines: Uint32Array;
  /** Filters that matched nothing (pprof prints "no matches found for regexp"). */
  unmatched: string[];
}

/** pprof's -symbolize: 'default' applies its display rule for names (displayName.ts), 'none' keeps them. */
export type Symbolize = 'default' | 'none';

const baseCache = { default: new WeakMap<PprofProfile, Prepared>(), none: new WeakMap<PprofProfile, Prepared>() };

/** The profile as pprof sees it right after reading: its displayed function names
 *  (default symbolization, see displayName.ts), drop_frames applied. Memoized per profile. */
export function basePrepared(p: PprofProfile, symbolize: Symbolize = 'default'): Prepared {
  const cache = baseCache[symbolize];
  let b = cache.get(p);
  if (!b) cache.set(p, (b = makeBasePrepared(symbolize === 'none' ? p : withDisplayNames(p))));
  return b;
}

function makeBasePrepared(p: PprofProfile): Prepared {
  const nloc = p.numLocations;
  const prep: Prepared = {
    p,
    samples: Uint32Array.from({ length: p.numSamples }, (_, i) => i),
    stackStart: p.stackStart,
    stackLocs: p.stackLocs,
    locLineStart: p.locLineStart,
    locLines: Uint32Array.from({ length: p.locLineStart[nloc] }, (_, i) => i),
    unmatched: [],
  };
  if (p.dropFrames) return prune(prep);
  return prep;
}

/** Line lists rewritten by `f(loc, lines) → kept lines` (in order). */
function rewriteLines(prep: Prepared, f: (loc: number, lines: number[]) => number[] | null): void {
  const nloc = prep.p.numLocations;
  const start = new Uint32Array(nloc + 1);
  const out: number[] = [];
  for (let l = 0; l < nloc; l++) {
    const cur: number[] = [];
    for (let j = prep.locLineStart[l]; j < prep.locLineStart[l + 1]; j++) cur.push(prep.locLines[j]);
    const kept = f(l, cur) ?? cur;
    for (const x of kept) out.push(x);
    start[l + 1] = out.length;
  }
  prep.locLineStart = start;
  prep.locLines = Uint32Array.from(out);
}

/** Rebuilds the sample list from `f(i, stack) → new stack or null to drop`. */
function rewriteSamples(prep: Prepared, f: (i: number, stack: Uint32Array) => Uint32Array | null): void {
  const samples: number[] = [];
  const start: number[] = [0];
  const locs: number[] = [];
  for (let i = 0; i < prep.samples.length; i++) {
    const st = prep.stackLocs.subarray(prep.stackStart[i], prep.stackStart[i + 1]);
    const ns = f(i, st);
    if (!ns) continue;
    samples.push(prep.samples[i]);
    for (const x of ns) locs.push(x);
    start.push(locs.length);
  }
  prep.samples = Uint32Array.from(samples);
  prep.stackStart = Uint32Array.from(start);
  prep.stackLocs = Uint32Array.from(locs);
}

/** Go's simplifyFunc: strip an argument list, keeping reserved C++ names. */
function simplifyFunc(f: string): string {
  let name = f.startsWith('.') ? f.slice(1) : f;
  const re = /\(anonymous namespace\)|operator\(\)|\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(name))) {
    if (m[0] === '(') {
      name = name.slice(0, m.index);
      break;
    }
  }
  return name;
}

/** profile.Prune with the profile's drop_frames / keep_frames. */
function prune(prep: Prepared): Prepared {
  const p = prep.p;
  let drop: RegExp;
  let keep: RegExp | null = null;
  try {
    drop = goRegexp(`^(${p.dropFrames})$`);
    if (p.keepFrames) keep = goRegexp(`^(${p.keepFrames})$`);
  } catch {
    return prep; // pprof fails the whole read here; we keep the frames instead
  }
  const cache = new Map<string, boolean>();
  const pruneFromHere = (s: string) => {
    let r = cache.get(s);
    if (r === undefined) {
      const fn = simplifyFunc(s);
      r = drop.test(fn) && !(keep && keep.test(fn));
      cache.set(s, r);
    }
    return r;
  };
  const nloc = p.numLocations;
  const pruneLoc = new Uint8Array(nloc);
  const pruneBeneath = new Uint8Array(nloc);
  rewriteLines(prep, (l, lines) => {
    let i = lines.length - 1;
    for (; i >= 0; i--) {
      const f = p.lineFunc[lines[i]];
      if (f >= 0) {
        const name = p.strings[p.funcName[f]];
        if (name !== '' && pruneFromHere(name)) break;
      }
    }
    if (i < 0) return null;
    pruneBeneath[l] = 1;
    if (i === lines.length - 1) {
      pruneLoc[l] = 1;
      return null;
    }
    return lines.slice(i + 1);
  });
  rewriteSamples(prep, (_i, st) => {
    let foundUser = false;
    for (let i = st.length - 1; i >= 0; i--) {
      const id = st[i];
      if (!pruneLoc[id] && !pruneBeneath[id]) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      if (pruneLoc[id]) return st.subarray(i + 1);
      return st.subarray(i);
    }
    return st;
  });
  return prep;
}

function cloneP(prep: Prepared): Prepared {
  return { ...prep, unmatched: [...prep.unmatched] };
}

/** True when no filter is set. */
export function noFilters(o: FilterOptions | undefined): boolean {
  return !o || !(o.focus || o.ignore || o.hide || o.show || o.showFrom || o.tagFocus || o.tagIgnore);
}

/** Applies the filters to a copy of `base` (`base` itself when there are none). */
export function applyFilters(base: Prepared, o: FilterOptions): Prepared {
  if (noFilters(o)) return base;
  let prep = cloneP(base);
  if (o.focus || o.ignore || o.hide || o.show) prep = filterByName(prep, o);
  if (o.showFrom) showFrom(prep, goRegexp(o.showFrom, 'show_from'));
  if (o.tagFocus || o.tagIgnore) filterByTag(prep, o);
  return prep;
}

function filterByName(prep: Prepared, o: FilterOptions): Prepared {
  const p = prep.p;
  const focus = o.focus ? goRegexp(o.focus, 'focus') : null;
  const ignore = o.ignore ? goRegexp(o.ignore, 'ignore') : null;
  const hide = o.hide ? goRegexp(o.hide, 'hide') : null;
  const show = o.show ? goRegexp(o.show, 'show') : null;
  const lineMatches = (line: number, re: RegExp) => {
    const f = p.lineFunc[line];
    if (f < 0) return null; // no function: neither matches nor fails
    return re.test(p.strings[p.funcName[f]]) || re.test(p.strings[p.funcFile[f]]);
  };
  const mappingMatches = (l: number, re: RegExp) => {
    const m = p.locMapping[l];
    return m >= 0 && re.test(p.mappings[m].file);
  };
  const locMatches = (l: number, lines: number[], re: RegExp) =>
    lines.some((ln) => lineMatches(ln, re) === true) || mappingMatches(l, re);

  const nloc = p.numLocations;
  // 0: neither, 1: focused, 2: ignored
  const fi = new Uint8Array(nloc);
  const hidden = new Uint8Array(nloc);
  let anyHidden = false;
  let fm = false;
  let im = false;
  let hm = false;
  let hnm = false;
  rewriteLines(prep, (l, lines) => {
    if (ignore && locMatches(l, lines, ignore)) {
      im = true;
      fi[l] = 2;
    } else if (!focus || locMatches(l, lines, focus)) {
      fm = true;
      fi[l] = 1;
    }
    let cur = lines;
    if (hide && locMatches(l, cur, hide)) {
      hm = true;
      cur = mappingMatches(l, hide) ? [] : cur.filter((ln) => lineMatches(ln, hide) !== true);
      if (cur.length === 0) hidden[l] = 1;
    }
    if (show) {
      if (!mappingMatches(l, show)) cur = cur.filter((ln) => lineMatches(ln, show) !== false);
      if (cur.length === 0) hidden[l] = 1;
      else hnm = true;
    }
    if (hidden[l]) anyHidden = true;
    return cur;
  });
  rewriteSamples(prep, (_i, st) => {
    let f = false;
    for (const l of st) {
      if (fi[l] === 1) f = true;
      else if (fi[l] === 2) return null;
    }
    if (!f) return null;
    if (!anyHidden) return st;
    const kept = st.filter((l) => !hidden[l]);
    return kept.length ? kept : null;
  });
  if (focus && !fm) prep.unmatched.push(`focus=${o.focus}`);
  if (ignore && !im) prep.unmatched.push(`ignore=${o.ignore}`);
  if (hide && !hm) prep.unmatched.push(`hide=${o.hide}`);
  if (show && !hnm) prep.unmatched.push(`show=${o.show}`);
  return prep;
}

function showFrom(prep: Prepared, re: RegExp): void {
  const p = prep.p;
  const nloc = p.numLocations;
  const match = new Uint8Array(nloc);
  rewriteLines(prep, (l, lines) => {
    const m = p.locMapping[l];
    if (m >= 0 && re.test(p.mappings[m].file)) {
      match[l] = 1;
      return lines;
    }
    for (let i = lines.length - 1; i >= 0; i--) {
      const f = p.lineFunc[lines[i]];
      if (f >= 0 && (re.test(p.strings[p.funcName[f]]) || re.test(p.strings[p.funcFile[f]]))) {
        match[l] = 1;
        return lines.slice(0, i + 1);
      }
    }
    return lines;
  });
  rewriteSamples(prep, (_i, st) => {
    for (let i = st.length - 1; i >= 0; i--) if (match[st[i]]) return st.subarray(0, i + 1);
    return null;
  });
}

/** Units of numeric label keys, as profile.NumLabelUnits infers them. */
export function numLabelUnits(p: PprofProfile): Map<string, string> {
  const units = new Map<string, string>();
  const keys = new Set<string>();
  for (let j = 0; j < p.labelKey.length; j++) {
    if (p.labelStr[j] !== 0 || (p.labelNum[j] === 0 && p.labelUnit[j] === 0)) continue;
    const k = p.strings[p.labelKey[j]];
    keys.add(k);
    const u = p.strings[p.labelUnit[j]];
    if (u !== '' && !units.has(k)) units.set(k, u);
  }
  for (const k of keys) if (!units.has(k)) units.set(k, k === 'request' || k === 'alignment' ? 'bytes' : k);
  return units;
}

type SampleMatch = (s: number) => boolean;

/** driver.compileTagFilter. */
export function compileTagFilter(p: PprofProfile, value: string, what: string): SampleMatch {
  let wantKey = '';
  let v = value;
  const eq = value.indexOf('=');
  if (eq >= 0) {
    wantKey = value.slice(0, eq);
    v = value.slice(eq + 1);
  }
  const units = numLabelUnits(p);
  const numFilter = parseTagFilterRange(v);
  const S = p.strings;
  if (numFilter) {
    return (s) => {
      for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
        if (p.labelStr[j] !== 0 || (p.labelNum[j] === 0 && p.labelUnit[j] === 0)) continue;
        const k = S[p.labelKey[j]];
        if (wantKey !== '' && k !== wantKey) continue;
        if (numFilter(p.labelNum[j], units.get(k) ?? k)) return true;
      }
      return false;
    };
  }
  const rxs = v.split(',').map((x) => goRegexp(x, what));
  if (wantKey === '') {
    return (s) => {
      outer: for (const rx of rxs) {
        for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
          if (p.labelStr[j] === 0) continue;
          if (rx.test(`${S[p.labelKey[j]]}:${S[p.labelStr[j]]}`)) continue outer;
        }
        return false;
      }
      return true;
    };
  }
  return (s) => {
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      if (p.labelStr[j] === 0 || S[p.labelKey[j]] !== wantKey) continue;
      const val = S[p.labelStr[j]];
      if (rxs.some((rx) => rx.test(val))) return true;
    }
    return false;
  };
}

/** driver.parseTagFilterRange: "32kb", ":64kb", "4mb:", "12kb:64mb". */
function parseTagFilterRange(filter: string): ((v: number, unit: string) => boolean) | null {
  const rx = /([+-]?[0-9]+)([A-Za-z]+)?/g;
  const ranges: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while (ranges.length < 2 && (m = rx.exec(filter))) ranges.push(m);
  if (ranges.length === 0) return null;
  const [sv1, unit] = scale(Number(ranges[0][1]), ranges[0][2] ?? '', ranges[0][2] ?? '');
  const conv = (v: number, u: string) => scale(v, u, unit);
  if (ranges.length === 1) {
    const match = ranges[0][0];
    if (filter === match) return (v, u) => { const [x, xu] = conv(v, u); return xu === unit && x === sv1; };
    if (filter === match + ':') return (v, u) => { const [x, xu] = conv(v, u); return xu === unit && x >= sv1; };
    if (filter === ':' + match) return (v, u) => { const [x, xu] = conv(v, u); return xu === unit && x <= sv1; };
    return null;
  }
  if (filter !== ranges[0][0] + ':' + ranges[1][0]) return null;
  const [sv2, unit2] = scale(Number(ranges[1][1]), ranges[1][2] ?? '', unit);
  if (unit !== unit2) return null;
  return (v, u) => { const [x, xu] = conv(v, u); return xu === unit && x >= sv1 && x <= sv2; };
}

function filterByTag(prep: Prepared, o: FilterOptions): void {
  const p = prep.p;
  const focus = o.tagFocus ? compileTagFilter(p, o.tagFocus, 'tagfocus') : null;
  const ignore = o.tagIgnore ? compileTagFilter(p, o.tagIgnore, 'tagignore') : null;
  let fm = false;
  let im = false;
  rewriteSamples(prep, (i, st) => {
    const s = prep.samples[i];
    const focused = focus ? focus(s) : true;
    const ignored = ignore ? ignore(s) : false;
    fm ||= focused;
    im ||= ignored;
    return focused && !ignored ? st : null;
  });
  if (focus && !fm) prep.unmatched.push(`tagfocus=${o.tagFocus}`);
  if (ignore && !im) prep.unmatched.push(`tagignore=${o.tagIgnore}`);
}
