// The CPU samples of a trace in a compact form to keep with a saved session,
// so reopening it and opening the trace's CPU profile rebuilds the profile
// (./cpuProfile.ts traceCpuProfile) from these tables instead of re-reading
// the trace. Read back from IndexedDB, the form is untrusted: checkCpuTables
// verifies every index and caps every size before anything is built from it.

import type { TextFrame } from '../../formats/pprof-text/builder';
import type { CpuSamples } from './cpuSamples';

/** Layout of the stored tables (bumped when it changes; older ones are ignored and the trace re-read). */
export const CPU_TABLES_VERSION = 1;

/** Caps on what is kept (and accepted back): beyond them the session keeps only the trace bytes. */
export const CPU_TABLES_CAPS = { stacks: 200_000, frames: 500_000, strings: 200_000, stringChars: 4096, stackDepth: 1024, refs: 4_000_000 } as const;

export interface CpuTables {
  v: number;
  /** The trace's duration (first to last event), the profile's duration. */
  durationNs: number;
  /** Function and file names, each once. */
  strings: string[];
  /** Distinct frames, four numbers each: pc, function name index, file name index, line. */
  frames: number[];
  /** Each stack as frame indices, innermost first (CpuSamples order). */
  stacks: number[][];
  /** Samples per stack. */
  counts: number[];
}

/** The samples' grouped stacks as tables, or null when over the caps (or no samples). */
export function cpuTablesOf(samples: Pick<CpuSamples, 'count' | 'stacks' | 'counts'>, durationNs: number): CpuTables | null {
  if (samples.count === 0 || samples.stacks.length > CPU_TABLES_CAPS.stacks) return null;
  const strings: string[] = [];
  const strIdx = new Map<string, number>();
  const str = (s: string) => {
    let i = strIdx.get(s);
    if (i === undefined) strIdx.set(s, (i = strings.push(s.slice(0, CPU_TABLES_CAPS.stringChars)) - 1));
    return i;
  };
  const frames: number[] = [];
  const frameIdx = new Map<string, number>();
  let refs = 0;
  const stacks = samples.stacks.map((st) => {
    refs += st.length;
    return st.map((f) => {
      const fn = str(f.func);
      const file = str(f.file);
      const key = `${f.pc},${fn},${file},${f.line}`;
      let i = frameIdx.get(key);
      if (i === undefined) {
        i = frames.length / 4;
        frames.push(f.pc, fn, file, f.line);
        frameIdx.set(key, i);
      }
      return i;
    });
  });
  if (refs > CPU_TABLES_CAPS.refs || frames.length / 4 > CPU_TABLES_CAPS.frames || strings.length > CPU_TABLES_CAPS.strings) return null;
  if (samples.stacks.some((s) => s.length > CPU_TABLES_CAPS.stackDepth)) return null;
  return { v: CPU_TABLES_VERSION, durationNs, strings, frames, stacks, counts: [...samples.counts] };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isIndex = (n: unknown, len: number): n is number => isCount(n) && n < len;

/**
 * Checks stored tables (untrusted) and turns them back into grouped samples;
 * throws an Error saying what is wrong. Null for an older or newer layout.
 */
export function checkCpuTables(x: unknown): { samples: Pick<CpuSamples, 'count' | 'stacks' | 'counts'>; durationNs: number } | null {
  if (typeof x !== 'object' || x === null) throw new Error('the stored CPU samples are not a record');
  const t = x as Record<string, unknown>;
  if (t.v !== CPU_TABLES_VERSION) return null;
  const { durationNs, strings, frames, stacks, counts } = t;
  const C = CPU_TABLES_CAPS;
  if (!isCount(durationNs)) throw new Error('the stored CPU samples have no valid duration');
  if (!Array.isArray(strings) || strings.length > C.strings || !strings.every((s) => typeof s === 'string' && s.length <= C.stringChars)) throw new Error('the stored CPU samples have a bad name table');
  if (!Array.isArray(frames) || frames.length % 4 !== 0 || frames.length / 4 > C.frames) throw new Error('the stored CPU samples have a bad frame table');
  const fr: TextFrame[] = [];
  for (let i = 0; i < frames.length; i += 4) {
    const [pc, fn, file, line] = frames.slice(i, i + 4) as unknown[];
    if (!isCount(pc) || !isIndex(fn, strings.length) || !isIndex(file, strings.length) || !isCount(line)) throw new Error(`the stored CPU samples have a bad frame ${i / 4}`);
    fr.push({ pc, func: strings[fn] as string, file: strings[file] as string, line });
  }
  if (!Array.isArray(stacks) || !Array.isArray(counts) || stacks.length !== counts.length || stacks.length > C.stacks) throw new Error('the stored CPU samples have a bad stack table');
  let refs = 0;
  let count = 0;
  const out = stacks.map((s: unknown, i) => {
    if (!Array.isArray(s) || s.length > C.stackDepth || (refs += s.length) > C.refs) throw new Error(`the stored CPU samples have a bad stack ${i}`);
    const c = counts[i] as unknown;
    if (!isCount(c) || c === 0) throw new Error(`the stored CPU samples have a bad count for stack ${i}`);
    count += c;
    return s.map((f: unknown) => {
      if (!isIndex(f, fr.length)) throw new Error(`the stored CPU samples have a bad frame reference in stack ${i}`);
      return fr[f] as TextFrame;
    });
  });
  if (!Number.isSafeInteger(count)) throw new Error('the stored CPU samples count too many samples');
  return { samples: { count, stacks: out, counts: counts as number[] }, durationNs };
}
