// Whether a profile is of a Go program. Pyroscope and others write pprof for
// Java, .NET, Node.js, Python, Ruby and Rust too, and Go's runtime (its collector,
// heap and locks) is judged only in Go programs.

import type { PprofProfile } from '../../formats/pprof/model';

/** A Go function of the runtime or of package main: no spaces or colons (a Rust profile names "main.rs:127 - server::main"). */
const GO_ANCHOR = /^(runtime|main)\.[^\s:]+$/;

/**
 * True when a function is in Go's runtime or package main, or is in a .go
 * file; false when the profile names functions and none is; null when it names
 * none (an empty or unsymbolised profile), which tells nothing either way.
 * Every Go profile the project holds has a runtime or main function.
 */
export function isGoProgram(p: PprofProfile): boolean | null {
  let named = false;
  for (let f = 0; f < p.numFunctions; f++) {
    const name = p.strings[p.funcName[f]] ?? '';
    if (name) named = true;
    if (GO_ANCHOR.test(name) || /\.go$/.test(p.strings[p.funcFile[f]] ?? '')) return true;
  }
  return named ? false : null;
}
