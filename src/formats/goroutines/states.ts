// Wait states inferred from frames, for goroutines whose header carries none
// (debug=1 records, goroutine pprof profiles, fragments). debug=1 hides the
// leading runtime frames, so the first visible frame decides where it can.

/** Innermost-first function names → a wait reason as the runtime would print it, or undefined. */
export function inferState(funcs: readonly string[]): string | undefined {
  for (const f of funcs) {
    switch (f) {
      case 'runtime.chanrecv':
      case 'runtime.chanrecv1':
      case 'runtime.chanrecv2':
        return 'chan receive';
      case 'runtime.chansend':
      case 'runtime.chansend1':
        return 'chan send';
      case 'runtime.selectgo':
        return 'select';
      case 'runtime.block':
        return 'select (no cases)';
      case 'internal/poll.runtime_pollWait':
        return 'IO wait';
      case 'time.Sleep':
        return 'sleep';
      case 'sync.runtime_notifyListWait':
        return 'sync.Cond.Wait';
      case 'sync.runtime_SemacquireWaitGroup':
      case 'sync.(*WaitGroup).Wait':
        return 'sync.WaitGroup.Wait';
      case 'sync.runtime_SemacquireMutex':
      case 'internal/sync.runtime_SemacquireMutex':
      case 'sync.(*Mutex).Lock':
      case 'internal/sync.(*Mutex).Lock':
      case 'internal/sync.(*Mutex).lockSlow':
        return 'sync.Mutex.Lock';
      case 'sync.runtime_SemacquireRWMutexR':
      case 'sync.(*RWMutex).RLock':
        return 'sync.RWMutex.RLock';
      case 'sync.runtime_SemacquireRWMutex':
      case 'sync.(*RWMutex).Lock':
        return 'sync.RWMutex.Lock';
      case 'runtime/pprof.runtime_goroutineProfileWithLabels':
      case 'runtime/pprof.writeGoroutineStacks':
        return 'running';
      case 'os/signal.signal_recv':
        return 'syscall';
    }
    if (f.startsWith('syscall.Syscall') || f.startsWith('syscall.RawSyscall') || f.startsWith('internal/runtime/syscall.')) return 'syscall';
    if (!f.startsWith('runtime.') && !f.startsWith('internal/runtime/') && !f.startsWith('sync.') && !f.startsWith('internal/sync.')) return undefined;
  }
  return undefined;
}

/** Runtime-owned goroutines: never leak suspects. */
export const RUNTIME_STATES: ReadonlySet<string> = new Set([
  'GC worker (idle)',
  'GC worker (active)',
  'force gc (idle)',
  'GC sweep wait',
  'GC scavenge wait',
  'finalizer wait',
  'cleanup wait',
  'GOMAXPROCS updater (idle)',
  'trace reader (blocked)',
  'GC weak to strong wait',
  'wait for GC cycle',
  'idle',
]);

/** States in which a large group is a leak suspect (§4.5). */
export const LEAK_PRONE_STATES: ReadonlySet<string> = new Set([
  'chan receive',
  'chan send',
  'select',
  'semacquire',
  'sync.WaitGroup.Wait',
  'sync.Mutex.Lock',
  'sync.RWMutex.Lock',
  'sync.RWMutex.RLock',
  'sync.Cond.Wait',
  'IO wait',
  'sleep',
  'chan receive (nil chan)',
  'chan send (nil chan)',
  'select (no cases)',
]);

/** States that are a bug whatever the count. */
export const ALWAYS_SUSPICIOUS_STATES: ReadonlySet<string> = new Set(['chan receive (nil chan)', 'chan send (nil chan)', 'select (no cases)']);

/** Runtime frames: hidden by "collapse runtime frames" and skipped when naming a group. */
export function isRuntimeFunc(f: string): boolean {
  return f.startsWith('runtime.') || f.startsWith('internal/runtime/') || f.includes('.runtime_') || f === 'panic' || f.startsWith('panic(');
}
