// The v2 execution trace event table (Go 1.22–1.26): wire numbers, argument
// counts and which arguments are string or stack IDs. Facts from
// src/internal/trace/tracev2/events.go and version/version.go (Go 1.26).

/** Wire event types. Numbers are the iota order of tracev2.EventType. */
export const Ev = {
  None: 0,
  EventBatch: 1,
  Stacks: 2,
  Stack: 3,
  Strings: 4,
  String: 5,
  CPUSamples: 6,
  CPUSample: 7,
  Frequency: 8,
  ProcsChange: 9,
  ProcStart: 10,
  ProcStop: 11,
  ProcSteal: 12,
  ProcStatus: 13,
  GoCreate: 14,
  GoCreateSyscall: 15,
  GoStart: 16,
  GoDestroy: 17,
  GoDestroySyscall: 18,
  GoStop: 19,
  GoBlock: 20,
  GoUnblock: 21,
  GoSyscallBegin: 22,
  GoSyscallEnd: 23,
  GoSyscallEndBlocked: 24,
  GoStatus: 25,
  STWBegin: 26,
  STWEnd: 27,
  GCActive: 28,
  GCBegin: 29,
  GCEnd: 30,
  GCSweepActive: 31,
  GCSweepBegin: 32,
  GCSweepEnd: 33,
  GCMarkAssistActive: 34,
  GCMarkAssistBegin: 35,
  GCMarkAssistEnd: 36,
  HeapAlloc: 37,
  HeapGoal: 38,
  GoLabel: 39,
  UserTaskBegin: 40,
  UserTaskEnd: 41,
  UserRegionBegin: 42,
  UserRegionEnd: 43,
  UserLog: 44,
  GoSwitch: 45,
  GoSwitchDestroy: 46,
  GoCreateBlocked: 47,
  GoStatusStack: 48,
  ExperimentalBatch: 49,
  Sync: 50,
  ClockSnapshot: 51,
  EndOfGeneration: 52,
  // Experimental (AllocFree), 128..136.
  Span: 128,
  GoroutineStackFree: 136,
  /** Not on the wire: the reader's synthetic generation marker (internal/trace's evSync). */
  SyncMarker: 255,
} as const;

/** Event names, for error messages and the text test format. */
export const EV_NAMES: Record<number, string> = {};
for (const [k, v] of Object.entries(Ev)) if (k !== 'SyncMarker') EV_NAMES[v] = k;
const EXP_NAMES = ['Span', 'SpanAlloc', 'SpanFree', 'HeapObject', 'HeapObjectAlloc', 'HeapObjectFree', 'GoroutineStack', 'GoroutineStackAlloc', 'GoroutineStackFree'];
EXP_NAMES.forEach((n, i) => (EV_NAMES[128 + i] = n));

/** Argument names per timed event (dt first), as in the spec table; used by the text format too. */
export const TIMED_ARGS: Record<number, readonly string[]> = {
  9: ['dt', 'procs_value', 'stack'],
  10: ['dt', 'p', 'p_seq'],
  11: ['dt'],
  12: ['dt', 'p', 'p_seq', 'm'],
  13: ['dt', 'p', 'pstatus'],
  14: ['dt', 'new_g', 'new_stack', 'stack'],
  15: ['dt', 'new_g'],
  16: ['dt', 'g', 'g_seq'],
  17: ['dt'],
  18: ['dt'],
  19: ['dt', 'reason_string', 'stack'],
  20: ['dt', 'reason_string', 'stack'],
  21: ['dt', 'g', 'g_seq', 'stack'],
  22: ['dt', 'p_seq', 'stack'],
  23: ['dt'],
  24: ['dt'],
  25: ['dt', 'g', 'm', 'gstatus'],
  26: ['dt', 'kind_string', 'stack'],
  27: ['dt'],
  28: ['dt', 'gc_seq'],
  29: ['dt', 'gc_seq', 'stack'],
  30: ['dt', 'gc_seq'],
  31: ['dt', 'p'],
  32: ['dt', 'stack'],
  33: ['dt', 'swept_value', 'reclaimed_value'],
  34: ['dt', 'g'],
  35: ['dt', 'stack'],
  36: ['dt'],
  37: ['dt', 'heapalloc_value'],
  38: ['dt', 'heapgoal_value'],
  39: ['dt', 'label_string'],
  40: ['dt', 'task', 'parent_task', 'name_string', 'stack'],
  41: ['dt', 'task', 'stack'],
  42: ['dt', 'task', 'name_string', 'stack'],
  43: ['dt', 'task', 'name_string', 'stack'],
  44: ['dt', 'task', 'key_string', 'value_string', 'stack'],
  45: ['dt', 'g', 'g_seq'],
  46: ['dt', 'g', 'g_seq'],
  47: ['dt', 'new_g', 'new_stack', 'stack'],
  48: ['dt', 'g', 'm', 'gstatus', 'stack'],
  51: ['dt', 'mono', 'sec', 'nsec'],
  128: ['dt', 'id', 'npages_value', 'kindclass'],
  129: ['dt', 'id', 'npages_value', 'kindclass'],
  130: ['dt', 'id'],
  131: ['dt', 'id', 'type'],
  132: ['dt', 'id', 'type'],
  133: ['dt', 'id'],
  134: ['dt', 'id', 'order'],
  135: ['dt', 'id', 'order'],
  136: ['dt', 'id'],
};

/**
 * Arguments after dt, per wire type (-1: not a timed event). Go's reader
 * decodes event batches with the full table whatever the header version.
 */
export const NARGS = new Int8Array(256).fill(-1);
/** Index (after dt) of the event's own stack ID argument, -1 if none. */
export const STACK_ARG = new Int8Array(256).fill(-1);
/** Second stack argument (GoCreate's new_stack), -1 if none. */
export const STACK_ARG2 = new Int8Array(256).fill(-1);
/**
 * Index (after dt) of the stack of the goroutine a state transition is about,
 * -1 if none: the new goroutine's start stack for GoCreate(Blocked), the
 * goroutine's own stack where it stops, blocks or enters a syscall, and the
 * stack a GoStatusStack restates (x/exp/trace event.go StateTransition,
 * `s.Stack`). GoUnblock's stack is the unblocker's, so it is not one.
 */
export const OWN_STACK_ARG = new Int8Array(256).fill(-1);
/** Bitmask over argument indices (after dt) that are string IDs. */
export const STRING_ARGS = new Uint8Array(256);
for (const [k, names] of Object.entries(TIMED_ARGS)) {
  const t = Number(k);
  NARGS[t] = names.length - 1;
  names.slice(1).forEach((n, i) => {
    if (n === 'stack') STACK_ARG[t] = i;
    if (n === 'new_stack') STACK_ARG2[t] = i;
    if (n.endsWith('_string')) STRING_ARGS[t] |= 1 << i;
  });
}
for (const t of [Ev.GoCreate, Ev.GoCreateBlocked]) OWN_STACK_ARG[t] = STACK_ARG2[t];
for (const t of [Ev.GoStop, Ev.GoBlock, Ev.GoSyscallBegin, Ev.GoStatusStack]) OWN_STACK_ARG[t] = STACK_ARG[t];

/** Kinds of the reference reader's Event API (event.go tracev2Type2Kind), by wire type. */
export const KIND_NAMES = [
  'Bad',
  'Sync',
  'Metric',
  'Label',
  'StackSample',
  'RangeBegin',
  'RangeActive',
  'RangeEnd',
  'TaskBegin',
  'TaskEnd',
  'RegionBegin',
  'RegionEnd',
  'Log',
  'StateTransition',
  'Experimental',
] as const;
export const K = {
  Bad: 0,
  Sync: 1,
  Metric: 2,
  Label: 3,
  StackSample: 4,
  RangeBegin: 5,
  RangeActive: 6,
  RangeEnd: 7,
  TaskBegin: 8,
  TaskEnd: 9,
  RegionBegin: 10,
  RegionEnd: 11,
  Log: 12,
  StateTransition: 13,
  Experimental: 14,
} as const;
/**
 * The number of a wire type or kind, for switch labels written as literals:
 * `case 16 satisfies EvNum<'GoStart'>:` (tsc checks the number). V8 compiles a
 * switch over number literals to a jump table, and one over `Ev.GoStart` to a
 * chain of property loads and compares: on the per-event paths (ordering,
 * collector, utilization) the chains cost ~15% of the reader's CPU time.
 */
export type EvNum<N extends keyof typeof Ev> = (typeof Ev)[N];
export type KindNum<N extends keyof typeof K> = (typeof K)[N];
export const KIND = new Uint8Array(256);
{
  const set = (k: number, ...ts: number[]) => ts.forEach((t) => (KIND[t] = k));
  set(K.StackSample, Ev.CPUSample);
  set(K.Metric, Ev.ProcsChange, Ev.HeapAlloc, Ev.HeapGoal);
  set(K.StateTransition, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 45, 46, 47, 48);
  set(K.RangeBegin, Ev.STWBegin, Ev.GCBegin, Ev.GCSweepBegin, Ev.GCMarkAssistBegin);
  set(K.RangeEnd, Ev.STWEnd, Ev.GCEnd, Ev.GCSweepEnd, Ev.GCMarkAssistEnd);
  set(K.RangeActive, Ev.GCActive, Ev.GCSweepActive, Ev.GCMarkAssistActive);
  set(K.Label, Ev.GoLabel);
  set(K.TaskBegin, Ev.UserTaskBegin);
  set(K.TaskEnd, Ev.UserTaskEnd);
  set(K.RegionBegin, Ev.UserRegionBegin);
  set(K.RegionEnd, Ev.UserRegionEnd);
  set(K.Log, Ev.UserLog);
  for (let t = 128; t <= 136; t++) KIND[t] = K.Experimental;
  KIND[Ev.SyncMarker] = K.Sync;
}

/** Goroutine status on the wire (tracev2.GoStatus). */
export const GoStatus = { Bad: 0, Runnable: 1, Running: 2, Syscall: 3, Waiting: 4 } as const;
/** Proc status on the wire (tracev2.ProcStatus). */
export const ProcStatus = { Bad: 0, Running: 1, Idle: 2, Syscall: 3, SyscallAbandoned: 4 } as const;

/** API goroutine states (internal/trace GoState). */
export const GoState = { Undetermined: 0, NotExist: 1, Runnable: 2, Running: 3, Waiting: 4, Syscall: 5 } as const;
export const GO_STATE_NAMES = ['Undetermined', 'NotExist', 'Runnable', 'Running', 'Waiting', 'Syscall'];
/** Wire GoStatus → API GoState (Bad maps to the zero state, as in Go). */
export const GO_STATUS_TO_STATE = [GoState.Undetermined, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting];
/** API proc states (internal/trace ProcState). */
export const ProcState = { Undetermined: 0, NotExist: 1, Running: 2, Idle: 3 } as const;
/** Wire ProcStatus → API ProcState (Syscall counts as Running, SyscallAbandoned as Idle). */
export const PROC_STATUS_TO_STATE = [ProcState.Undetermined, ProcState.Running, ProcState.Idle, ProcState.Running, ProcState.Idle];

/** Size limits from tracev2 (spec.go). */
export const MAX_BATCH_SIZE = 64 << 10;
export const MAX_STRING_SIZE = 1024;
export const MAX_FRAMES = 128;
