// The goroutine dump model: what a traceback (`debug=2`, panic, SIGQUIT) or an
// aggregated `debug=1` profile says about each goroutine. Frames are interned:
// goroutines hold indexes into `frames`, so a 1M-goroutine dump stays small.

export interface Frame {
  /** Function name without arguments, e.g. `net/http.(*conn).serve`, `main.F[...]`. */
  func: string;
  /** Source file as printed (absolute, module-relative with -trimpath, or `?`). */
  file: string;
  line: number;
}

export interface Goroutine {
  /** Goroutine id; -1 for debug=1 records and fragments without a header. */
  id: number;
  /** How many goroutines this entry stands for: 1 in tracebacks, N in debug=1. */
  count: number;
  /** The wait reason or status in the header (`chan receive`, `IO wait`, `running`…);
   *  for debug=1 records (which carry none) inferred from the frames, or `unknown`. */
  state: string;
  /** True when `state` was inferred from the frames rather than printed. */
  stateInferred?: boolean;
  /** `, N minutes` in the header (a lower bound; 0 when absent). */
  waitMinutes: number;
  lockedToThread?: boolean;
  /** Other comma-separated header items (`scan`, `synctest group 3`, labels…). */
  extra?: string[];
  /** Innermost first; indexes into GoroutineDump.frames. Shared between goroutines with the same stack: never mutate. */
  frames: number[];
  /** Same number ⇔ same frames (within one dump). */
  stackId?: number;
  /** Frames elided by the runtime (`...N frames elided...`); -1 for the pre-1.21 form with no count. */
  elided?: number;
  /** The `created by` frame (index into frames). */
  createdBy?: number;
  /** `in goroutine N` of the creator line (Go 1.21+). */
  parentId?: number;
  /** pprof labels (`# labels:` in debug=1, `{k: v, …}` after the header in Go 1.27+). */
  labels?: Record<string, string>;
  /** `(leaked)` in the header: the runtime's leak detector proved it can never run again (Go 1.26 experiment, Go 1.27). */
  leaked?: boolean;
  /** 1-based line of the header in the input. */
  line: number;
  /** The goroutine started before the input did (a paste beginning mid-stack). */
  partial?: boolean;
  /** The input ended inside this goroutine's stack (only ever the first goroutine, e.g. a panic
   *  pasted without its end): `frames` are the whole frames before the cut; the outer ones are missing. */
  cut?: boolean;
}

/** What killed the process, from the text before the goroutines. */
export interface CrashPreamble {
  kind: 'panic' | 'fatal' | 'signal' | 'test-timeout';
  /** `panic: …` / `fatal error: …` / `SIGQUIT: quit` first line, without the prefix. */
  message: string;
  /** Further lines of the message (nested panics, `[signal …]`, running tests). */
  detail: string[];
  /** `[recovered]` / `[recovered, repanicked]`. */
  recovered?: boolean;
  /** Id of the first goroutine after the preamble: the one that panicked. */
  goroutineId?: number;
  line: number;
}

export interface GoroutineDump {
  /** `traceback` = debug=2 / panic / SIGQUIT; `debug1` = aggregated `N @ 0x…` records. */
  style: 'traceback' | 'debug1';
  frames: Frame[];
  goroutines: Goroutine[];
  /** `goroutine profile: total N` of a debug=1 dump. */
  reportedTotal?: number;
  /**
   * Written by the goroutineleak profile (`goroutineleak profile: total N` in
   * debug=1, runtime/pprof.writeGoroutineLeak on the writer's stack in debug=2):
   * the runtime's leak detection ran just before, so unmarked goroutines are not
   * provably leaked and a debug=1 record is a proven leak.
   */
  leakProfile?: boolean;
  crash?: CrashPreamble;
  /** Frames of the `runtime stack:` section (system stack of a throw). */
  runtimeStack?: number[];
  /** The input ended inside a goroutine; that goroutine was dropped (or, when it was the first, kept with `cut`). */
  truncated: boolean;
  /** Lines that were not part of any goroutine (application logs around a crash). */
  otherLines: number;
  lines: number;
}

/** Sum of counts: the number of goroutines the dump describes. */
export function totalGoroutines(d: GoroutineDump): number {
  let n = 0;
  for (const g of d.goroutines) n += g.count;
  return n;
}
