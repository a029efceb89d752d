// The decoded pprof profile, columnar: typed arrays for samples, locations,
// lines and functions so a 100 MB profile stays small in the worker. Every
// reference is a dense index (not a profile.proto id). String fields hold
// indices into `strings` (index 0 is always "").

export interface ValueType {
  type: string;
  unit: string;
}

export interface PprofMapping {
  id: number;
  memoryStart: number;
  memoryLimit: number;
  fileOffset: number;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

/** Where the profile came from: profile.proto, one of Go's legacy debug=1 texts, or an execution trace's CPU samples. */
export type PprofSource = 'proto' | 'goroutine-text' | 'heap-text' | 'contention-text' | 'threadcreate-text' | 'trace-cpu';

export interface PprofProfile {
  source: PprofSource;
  strings: string[];
  sampleTypes: ValueType[];
  /** The `default_sample_type` string ('' when unset). */
  defaultSampleType: string;
  periodType: ValueType | null;
  period: number;
  timeNanos: number;
  durationNanos: number;
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  docUrl: string;

  // Samples: values[s * sampleTypes.length + t]; stack of sample s is
  // stackLocs[stackStart[s] .. stackStart[s+1]), leaf first (as in the proto).
  numSamples: number;
  values: Float64Array;
  stackStart: Uint32Array;
  stackLocs: Uint32Array;
  // Labels of sample s: [labelStart[s], labelStart[s+1]). labelStr 0 means numeric.
  labelStart: Uint32Array;
  labelKey: Uint32Array;
  labelStr: Uint32Array;
  labelNum: Float64Array;
  labelUnit: Uint32Array;

  // Locations. Lines of location l: [locLineStart[l], locLineStart[l+1]);
  // the LAST line is the outermost function, earlier ones were inlined into it.
  numLocations: number;
  locId: Float64Array;
  /** Dense mapping index, -1 when the location has none. */
  locMapping: Int32Array;
  /** Address, exact, as two 32-bit halves. */
  locAddrLo: Uint32Array;
  locAddrHi: Uint32Array;
  locFolded: Uint8Array;
  locLineStart: Uint32Array;
  /** Dense function index, -1 when the line has no function. */
  lineFunc: Int32Array;
  lineLine: Float64Array;
  lineColumn: Float64Array;

  numFunctions: number;
  funcId: Float64Array;
  funcName: Uint32Array;
  funcSystemName: Uint32Array;
  funcFile: Uint32Array;
  funcStartLine: Float64Array;

  mappings: PprofMapping[];
  /** Only on merged (diff) profiles; see MergedInfo. */
  merged?: MergedInfo;
}

/** The address of location `l` as a number (exact below 2^53). */
export function locAddress(p: PprofProfile, l: number): number {
  return p.locAddrHi[l] * 4294967296 + p.locAddrLo[l];
}

/** The address of location `l` as 16 hex digits, exact. */
export function locAddressHex(p: PprofProfile, l: number): string {
  return p.locAddrHi[l].toString(16).padStart(8, '0') + p.locAddrLo[l].toString(16).padStart(8, '0');
}

/**
 * Set on profiles merged from several inputs (diffs): samples that pprof's
 * profile.Merge would have combined (same stack and labels) share a group.
 * Totals are taken over groups, as pprof takes them over merged samples.
 */
export interface MergedInfo {
  sampleGroup: Uint32Array;
}
