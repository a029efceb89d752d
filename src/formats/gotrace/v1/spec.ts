// The v1 execution trace event table (headers "go 1.11 trace" for Go
// 1.11–1.18, "go 1.19 trace" for 1.19–1.20, "go 1.21 trace" for 1.21):
// wire numbers, argument counts, which events carry a stack, the first
// version that has each event, the fake Ps and the stop-the-world reasons.
// Facts from Go 1.26's src/internal/trace/internal/tracev1/parser.go and
// src/internal/trace/tracev1.go.

/** The header versions read by the v1 reader. */
export const V1_VERSIONS = [11, 19, 21] as const;

/** Wire event types (runtime/trace.go of Go 1.11–1.21, "trace" prefix dropped). */
export const E = {
  None: 0,
  Batch: 1,
  Frequency: 2,
  Stack: 3,
  Gomaxprocs: 4,
  ProcStart: 5,
  ProcStop: 6,
  GCStart: 7,
  GCDone: 8,
  STWStart: 9,
  STWDone: 10,
  GCSweepStart: 11,
  GCSweepDone: 12,
  GoCreate: 13,
  GoStart: 14,
  GoEnd: 15,
  GoStop: 16,
  GoSched: 17,
  GoPreempt: 18,
  GoSleep: 19,
  GoBlock: 20,
  GoUnblock: 21,
  GoBlockSend: 22,
  GoBlockRecv: 23,
  GoBlockSelect: 24,
  GoBlockSync: 25,
  GoBlockCond: 26,
  GoBlockNet: 27,
  GoSysCall: 28,
  GoSysExit: 29,
  GoSysBlock: 30,
  GoWaiting: 31,
  GoInSyscall: 32,
  HeapAlloc: 33,
  HeapGoal: 34,
  TimerGoroutine: 35,
  FutileWakeup: 36,
  String: 37,
  GoStartLocal: 38,
  GoUnblockLocal: 39,
  GoSysExitLocal: 40,
  GoStartLabel: 41,
  GoBlockGC: 42,
  GCMarkAssistStart: 43,
  GCMarkAssistDone: 44,
  UserTaskCreate: 45,
  UserTaskEnd: 46,
  UserRegion: 47,
  UserLog: 48,
  CPUSample: 49,
  Count: 50,
} as const;

/** name, first header version with the event, has a trailing stack ID, argument count (after the timestamp). */
const TABLE: [string, number, boolean, number][] = [
  ['None', 5, false, 0],
  ['Batch', 5, false, 2],
  ['Frequency', 5, false, 1],
  ['Stack', 5, false, 2],
  ['Gomaxprocs', 5, true, 1],
  ['ProcStart', 5, false, 1],
  ['ProcStop', 5, false, 0],
  ['GCStart', 5, true, 1],
  ['GCDone', 5, false, 0],
  ['GCSTWStart', 5, false, 1],
  ['GCSTWDone', 5, false, 0],
  ['GCSweepStart', 5, true, 0],
  ['GCSweepDone', 5, false, 2],
  ['GoCreate', 5, true, 2],
  ['GoStart', 5, false, 2],
  ['GoEnd', 5, false, 0],
  ['GoStop', 5, true, 0],
  ['GoSched', 5, true, 0],
  ['GoPreempt', 5, true, 0],
  ['GoSleep', 5, true, 0],
  ['GoBlock', 5, true, 0],
  ['GoUnblock', 5, true, 2],
  ['GoBlockSend', 5, true, 0],
  ['GoBlockRecv', 5, true, 0],
  ['GoBlockSelect', 5, true, 0],
  ['GoBlockSync', 5, true, 0],
  ['GoBlockCond', 5, true, 0],
  ['GoBlockNet', 5, true, 0],
  ['GoSysCall', 5, true, 0],
  ['GoSysExit', 5, false, 3],
  ['GoSysBlock', 5, false, 0],
  ['GoWaiting', 5, false, 1],
  ['GoInSyscall', 5, false, 1],
  ['HeapAlloc', 5, false, 1],
  ['HeapGoal', 5, false, 1],
  ['TimerGoroutine', 5, false, 1],
  ['FutileWakeup', 5, false, 0],
  ['String', 7, false, 0],
  ['GoStartLocal', 7, false, 1],
  ['GoUnblockLocal', 7, true, 1],
  ['GoSysExitLocal', 7, false, 2],
  ['GoStartLabel', 8, false, 3],
  ['GoBlockGC', 8, true, 0],
  ['GCMarkAssistStart', 9, true, 0],
  ['GCMarkAssistDone', 9, false, 0],
  ['UserTaskCreate', 11, true, 3],
  ['UserTaskEnd', 11, true, 1],
  ['UserRegion', 11, true, 3],
  ['UserLog', 11, true, 2],
  ['CPUSample', 19, true, 3],
];

export const NAMES: string[] = TABLE.map((r) => r[0]);
export const MIN_VERSION = new Uint8Array(TABLE.map((r) => r[1]));
export const HAS_STACK = new Uint8Array(TABLE.map((r) => (r[2] ? 1 : 0)));
/**
 * Values an event carries on the wire (tracev1 rawEvent.argNum): its
 * arguments, plus the stack ID, plus the timestamp delta except for the
 * untimed Batch, Frequency and TimerGoroutine. Stack events vary.
 */
export const WIRE_ARGS = new Uint8Array(
  TABLE.map((r, t) => r[3] + (r[2] ? 1 : 0) + (t === E.Batch || t === E.Frequency || t === E.TimerGoroutine ? 0 : 1)),
);

/** 1 for the events that park a running goroutine (sleep, channel, select, sync, network, GC assist wait). */
export const BLOCKS = new Uint8Array(E.Count);
for (const t of [E.GoSleep, E.GoBlock, E.GoBlockSend, E.GoBlockRecv, E.GoBlockSelect, E.GoBlockSync, E.GoBlockCond, E.GoBlockNet, E.GoBlockGC]) BLOCKS[t] = 1;

/** Fake Ps the v1 parser moves some events to (tracev1 FakeP + iota). */
export const TimerP = 1000001;
export const NetpollP = 1000002;
export const SyscallP = 1000003;
export const GCP = 1000004;
export const ProfileP = 1000005;

/** Strings the conversion to the v2 event model adds (tracev1.go), in its order. */
export const BUILTIN_STRINGS = [
  // Block reasons.
  'forever',
  'preempted',
  'runtime.Gosched',
  'sleep',
  'chan send',
  'chan receive',
  'network',
  'sync',
  'sync.(*Cond).Wait',
  'select',
  '',
  'GC mark assist wait for work',
  // Stop-the-world kinds (index S_STW_UNKNOWN + reason).
  '',
  'GC mark termination',
  'GC sweep termination',
  'write heap dump',
  'goroutine profile',
  'goroutine profile cleanup',
  'all goroutine stack trace',
  'read mem stats',
  'AllThreadsSyscall',
  'GOMAXPROCS',
  'start trace',
  'stop trace',
  'CountPagesInUse (test)',
  'ReadMetricsSlow (test)',
  'ReadMemStatsSlow (test)',
  'PageCachePagesLeaked (test)',
  'ResetDebugLog (test)',
] as const;

export const S = {
  Forever: 0,
  Preempted: 1,
  Gosched: 2,
  Sleep: 3,
  ChanSend: 4,
  ChanRecv: 5,
  Network: 6,
  Sync: 7,
  SyncCond: 8,
  Select: 9,
  Empty: 10,
  MarkAssistWait: 11,
  STWUnknown: 12,
} as const;

const NUM_STW_REASONS = 17;

/** The STW reason index (0 = unknown) of an STWStart kind argument (tracev1 Trace.STWReason). */
export function stwReason(version: number, kind: number): number {
  if (version < 21) return kind === 0 || kind === 1 ? kind + 1 : 0;
  return kind >= 0 && kind < NUM_STW_REASONS ? kind : 0;
}
