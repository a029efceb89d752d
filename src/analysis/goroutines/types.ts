// The `goroutines` analysis of the report: goroutines grouped by identical
// stack, leak suspects with Go-specific diagnoses, and what crashed the process.
// JSON-serialisable (no Map, typed arrays or NaN).

export interface StackFrame {
  func: string;
  file: string;
  line: number;
  /** Runtime frame (hidden when "collapse runtime frames" is on). */
  runtime: boolean;
}

export interface GoroutineGroup {
  /** Position in `groups` (largest first). */
  index: number;
  /** Goroutines in the group. */
  count: number;
  /** The most common state in the group. */
  state: string;
  /** Count per state, when the group mixes states. */
  states: { state: string; count: number }[];
  /** True when the dump printed no state and it was inferred from frames (debug=1). */
  stateInferred?: boolean;
  /** Top non-runtime frame: where these goroutines wait. */
  function: string;
  /** file:line of `function`. */
  location: string;
  /** Function of the `created by` line. */
  createdBy?: string;
  createdAt?: string;
  /** `, N minutes` range in the group (0 when not printed). */
  minWaitMinutes: number;
  maxWaitMinutes: number;
  lockedToThread: number;
  /** Representative stack, innermost first. */
  stack: StackFrame[];
  elidedFrames?: number;
  /** Id of a representative goroutine (-1 in debug=1). */
  representativeId: number;
  /** Up to 20 goroutine ids of the group. */
  ids: number[];
  labels?: Record<string, string>;
  /** Goroutines of the group the runtime proved leaked (`(leaked)`, or a goroutineleak profile record). */
  leaked?: number;
  /** Owned by the runtime or a standard server loop: never a leak suspect. */
  background: boolean;
  /** Key that matches the same stack in another dump of the same program (non-runtime frames' function and line). */
  matchKey: string;
}

export interface LeakDiagnosis {
  /** e.g. "goroutines.http-client-conns". */
  rule: string;
  title: string;
  /** What to do, in plain English. */
  advice: string;
}

export interface LeakSuspect {
  /** Index into `groups`. */
  group: number;
  count: number;
  state: string;
  function: string;
  location: string;
  createdBy?: string;
  maxWaitMinutes: number;
  /** Share of all goroutines, 0..1. */
  share: number;
  /** Ranking score (count weighted by wait time and state). */
  score: number;
  /** Why it is a suspect, one sentence with numbers. */
  reason: string;
  diagnosis?: LeakDiagnosis;
}

export interface CrashInfo {
  kind: 'panic' | 'fatal' | 'signal' | 'test-timeout';
  message: string;
  detail: string[];
  recovered?: boolean;
  goroutineId?: number;
  /** Group of the crashing goroutine. */
  group?: number;
  function?: string;
  location?: string;
  stack?: StackFrame[];
  runtimeStack?: StackFrame[];
}

export interface GoroutinesAnalysis {
  style: 'traceback' | 'debug1';
  /** Goroutines in the dump (sum of counts). */
  total: number;
  /** `goroutine profile: total N` (debug=1). */
  reportedTotal?: number;
  truncated: boolean;
  /** Number of distinct stacks. */
  groupCount: number;
  /** Largest first; at most 500 (the rest are summarised in `otherGroups`). */
  groups: GoroutineGroup[];
  otherGroups?: { groups: number; goroutines: number };
  states: { state: string; count: number }[];
  /** Heuristic suspects (never a group with proven leaks: those are in `leakDetection`). */
  leakSuspects: LeakSuspect[];
  /**
   * Present when the runtime's leak detection ran (a goroutineleak profile, or a
   * dump with `(leaked)` marks): how many goroutines it proved leaked (0: none)
   * and their groups (indices into `groups`), largest first.
   */
  leakDetection?: { leaked: number; groups: number[] };
  crash?: CrashInfo;
  maxWaitMinutes: number;
  lockedToThread: number;
}

/** One stack matched across two dumps. */
export interface GroupGrowth {
  matchKey: string;
  function: string;
  location: string;
  state: string;
  createdBy?: string;
  before: number;
  after: number;
  delta: number;
  /** after/before; null when before is 0. */
  ratio: number | null;
  /** Index in the later dump's groups (or the earlier one's if the stack disappeared). */
  group: number;
  inAfter: boolean;
  /** A 0 on one side may be a group below the report's top 500 of that dump. */
  uncertain?: boolean;
}

export interface DumpComparison {
  totalBefore: number;
  totalAfter: number;
  /** Sorted by growth, largest first. */
  groups: GroupGrowth[];
}
