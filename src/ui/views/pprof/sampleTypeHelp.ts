// What each Go sample type means, shown under the sample-type switcher.

const HELP: Record<string, string> = {
  cpu: 'CPU time spent in each function, sampled 100 times a second per running thread (samples × period).',
  samples: 'Number of CPU samples (one per 10 ms of CPU by default).',
  inuse_space: 'Bytes still live at the most recent GC, by the call stack that allocated them: what holds memory now.',
  inuse_objects: 'Objects still live at the most recent GC, by allocation site.',
  alloc_space: 'All bytes allocated since the program started (freed or not): what makes the GC run often.',
  alloc_objects: 'All objects allocated since the program started: many small allocations cost GC work too.',
  delay: 'Time goroutines spent waiting (summed over goroutines, so it can exceed wall time). For mutexes, the stack is where the lock was released.',
  contentions: 'How many times goroutines had to wait.',
  goroutine: 'Goroutines that exist now, grouped by stack: a group that keeps growing is a leak.',
  threadcreate: 'Stacks that created OS threads (often empty: a long-standing Go limitation).',
};

export function sampleTypeHelp(type: string): string {
  return HELP[type] ?? '';
}
