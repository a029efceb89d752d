// The function names `go tool pprof` shows. With its default symbolization
// (any -symbolize mode but none) pprof passes every function name through
// symbolizer.demangleSingleFunction (google/pprof internal/symbolizer/symbolizer.go):
// a name that is not mangled but "looks like demangled C++" — it contains one of
// `<>[]` or `::`, and neither `.<` (Java) nor `]).` (a Go method on a generic
// type) — loses every `(…)` and `<…>` group (removeMatching, nesting-aware).
// For Go that is the generic instantiations over shapes with parentheses:
// main.applyEach[go.shape.func(int) int] is printed main.applyEach[go.shape.func int].
// Names whose system name differs from the name were demangled already and stay.

import type { PprofProfile } from '../../formats/pprof/model';

/** symbolizer.looksLikeDemangledCPlusPlus. */
function looksLikeDemangledCPlusPlus(name: string): boolean {
  if (name.includes('.<')) return false;
  if (name.includes(']).')) return false;
  return /[<>[\]]/.test(name) || name.includes('::');
}

/** symbolizer.removeMatching: drops each outermost start…end group; a stray end leaves the name as is. */
function removeMatching(name: string, start: string, end: string): string {
  let nesting = 0;
  let first = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === start) {
      nesting++;
      if (nesting === 1) first = i;
    } else if (c === end) {
      nesting--;
      if (nesting < 0) return name;
      if (nesting === 0) {
        name = name.slice(0, first) + name.slice(i + 1);
        i = first - 1;
      }
    }
  }
  return name;
}

/** The name pprof prints for a function named `name` (system name `systemName`). */
export function pprofDisplayName(name: string, systemName: string): string {
  if (name !== '' && systemName !== name) return name;
  // demangle.Filter leaves a Go (unmangled) name as it is; only its heuristic applies.
  const raw = systemName;
  if (!looksLikeDemangledCPlusPlus(raw)) return raw === '' ? name : raw;
  return removeMatching(removeMatching(raw, '(', ')'), '<', '>');
}

/** The profile with pprof's displayed function names (the same object when none changes). */
export function withDisplayNames(p: PprofProfile): PprofProfile {
  let strings: string[] | null = null;
  let funcName: Uint32Array | null = null;
  const added = new Map<string, number>();
  for (let f = 0; f < p.numFunctions; f++) {
    const name = p.strings[p.funcName[f]];
    const shown = pprofDisplayName(name, p.strings[p.funcSystemName[f]]);
    if (shown === name) continue;
    if (!strings || !funcName) {
      strings = p.strings.slice();
      funcName = p.funcName.slice();
    }
    let s = added.get(shown);
    if (s === undefined) {
      s = strings.length;
      strings.push(shown);
      added.set(shown, s);
    }
    funcName[f] = s;
  }
  return strings && funcName ? { ...p, strings, funcName } : p;
}
