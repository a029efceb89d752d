// Resource limits applied to every input, in one place. Named so error
// messages can cite them; every count cap below is injectable (ParseContext
// `limits`, see limitsOf) so tests can hit it with small real inputs.

/** Largest input after gzip unwrapping. Hitting it stops decompression with a clear error. */
export const MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024; // 1 GiB

/** Largest original file kept in a stored session so it can be re-analysed later. */
export const MAX_STORED_RAW_BYTES = 256 * 1024 * 1024; // 256 MiB

/** Bytes handed to sniffers. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Per-format caps. The model of one input should stay under MEMORY_BUDGET
 * (~1.5 GiB: a browser tab dies somewhere between 2 and 4 GiB, and the worker
 * also holds the input itself). Bytes per unit were measured with
 * `node --expose-gc --import tsx bench/limits-memory.ts` (retained V8 heap +
 * array buffers after parse + analyse of real fixtures repeated; go1.26
 * fixtures, Node 22):
 *
 *   gctrace cycle          198 B   schedtrace line   296 B   interleaved log line 224 B
 *   goroutine (debug=2)    198 B   Prometheus sample 694 B
 *   pprof sample        95–125 B   (27–36 input bytes per sample)
 *   trace event          ~0 B for the analyses (bounded state, see src/analysis/gotrace/collect.ts),
 *                        ~34 B per running slice for the timeline's span store (~1.25 × the trace)
 *
 * Columns grow by doubling, so the peak is up to ~2× what is retained; each
 * cap is budget / (2 × measured bytes per unit), rounded down.
 */
export interface Limits {
  /** Text lines read from one input (logs, goroutine dumps, scrapes). Lines no parser keeps cost
   *  no model memory; this bounds the time: ~2.9 µs per line measured → ~1 min at the cap. */
  maxLines: number;
  /** UTF-16 units of one text line (16 Mi): a longer "line" is no log line; it is skipped up to its
   *  newline (the carry would otherwise grow with the input), and one warning counts them. */
  maxLineChars: number;
  /** gctrace cycles kept: 1.5 GiB / (2 × 198 B) ≈ 4.07 M. */
  maxGcCycles: number;
  /** Records kept by each other GODEBUG stream (schedtrace, gcpacertrace, …): 1.5 GiB / (2 × 296 B) ≈ 2.72 M. */
  maxStreamRecords: number;
  /** Goroutines kept from a dump: 198 B measured with shared stacks; 400 B allowed for unique stacks,
   *  × 2 growth → 1.5 GiB / 800 B ≈ 2.0 M. */
  maxGoroutines: number;
  /** Prometheus samples kept over all scrapes: 1.5 GiB / (2 × 694 B) ≈ 1.16 M. */
  maxPromSamples: number;
  /** profile.proto samples (and debug=1 records). The memory estimate below is the real bound; this caps
   *  the decode time (~1.2 µs per sample measured with analysis → ~12 s). */
  maxProfileSamples: number;
  /** profile.proto locations, functions and strings (each ~30–50 B of model plus its bytes). */
  maxProfileLocations: number;
  maxProfileFunctions: number;
  maxProfileStrings: number;
  /** Inputs decoded whole into one JS string (debug=1 profile texts): V8 strings end at 2^29−24 chars
   *  (~512 M); half that leaves room for the slices. A debug=1 record is ≥ ~100 B, so ≤ ~2.7 M records. */
  maxTextBytes: number;
  /** Events of a Go 1.11–1.21 (v1) trace, which is held whole before it is converted: 48–53 B per event
   *  measured (real 5–9 MB traces), so src/formats/gotrace/parse.ts caps it further, at memoryBudget /
   *  (49 B held + 14 B collected) ≈ 25 M. A Go 1.22+ (v2) trace has no event cap: it is read a generation
   *  at a time and the analyses keep bounded state, so it stops (between generations, keeping whole ones)
   *  only when what is kept (the collector's and the timeline's estimates) passes memoryBudget. */
  maxTraceEvents: number;
  /** Goroutines a trace may name. Each costs the collector ~73 B of per-goroutine columns (×2 while
   *  they double) plus a Map entry (~80 B) in the first generation: 1.5 GiB / ~230 B ≈ 7 M; 5 M leaves
   *  room. Real traces name thousands; only a crafted one (goroutine creations only) gets near. */
  maxTraceGoroutines: number;
  /** Bytes of model an input may need, estimated before the big allocations. */
  memoryBudget: number;
  /** Most bytes the trace timeline's lanes keep (src/analysis/gotrace/spanStore.ts): 34 B per slice,
   *  about 1.4× a trace's size when every slice is kept. A trace gets timelineBudget(): a share of its
   *  size, at most this. Past ¾ of it the rest of the trace is kept in coarse blocks (the last ¼).
   *  0: no timeline is kept at all (the CLI, whose report has none). */
  timelineBytes: number;
  /** Least bytes a trace read in pieces (a file, not bytes in memory) reads at a time
   *  (src/formats/gotrace/window.ts); it holds one generation at a time, plus this. */
  traceReadBytes: number;
}

export const MEMORY_BUDGET = 1.5 * 1024 * 1024 * 1024; // 1.5 GiB

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxLines: 20_000_000,
  maxLineChars: 16 * 1024 * 1024,
  maxGcCycles: 4_000_000,
  maxStreamRecords: 2_500_000,
  maxGoroutines: 2_000_000,
  maxPromSamples: 1_000_000,
  maxProfileSamples: 10_000_000,
  maxProfileLocations: 5_000_000,
  maxProfileFunctions: 5_000_000,
  maxProfileStrings: 10_000_000,
  maxTextBytes: 256 * 1024 * 1024,
  maxTraceEvents: 50_000_000,
  maxTraceGoroutines: 5_000_000,
  memoryBudget: MEMORY_BUDGET,
  timelineBytes: 256 * 1024 * 1024,
  traceReadBytes: 4 * 1024 * 1024,
};

/** The timeline's share of a trace's size (see timelineBudget; bench/RESULTS.md, "branch stream"). */
export const TIMELINE_SHARE = 0.25;
/** Least budget of the timeline: ~740 k slices kept one by one (all of a trace up to ~18 MB). */
export const TIMELINE_FLOOR = 32 * 1024 * 1024;

/**
 * The timeline's byte budget for a trace of `traceBytes`: a share of its size
 * (at least TIMELINE_FLOOR, at most limits.timelineBytes), so that with what
 * the analyses keep the whole process stays near 1.5x the trace. 0 when the
 * limits keep no timeline (limits.timelineBytes 0).
 */
export function timelineBudget(limits: Limits, traceBytes: number): number {
  return Math.min(limits.timelineBytes, Math.max(Math.min(TIMELINE_FLOOR, limits.timelineBytes), Math.round(traceBytes * TIMELINE_SHARE)));
}

/** The limits a parse runs under: the defaults, with any the caller set (tests) replacing them. */
export function limitsOf(ctx: { limits?: Partial<Limits> } | undefined): Limits {
  return ctx?.limits ? { ...DEFAULT_LIMITS, ...ctx.limits } : (DEFAULT_LIMITS as Limits);
}
