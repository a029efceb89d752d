// What the timeline reads of the collector (./collect.ts): the trace's time
// span, GC cycles, stop-the-worlds and the heap and heap-goal series. The
// timeline's queries take only this, so a timeline restored from a saved
// session (./timelineSnapshot.ts) needs no collector.

import type { TraceCollector } from './collect';

export type TimelineCounters = Pick<TraceCollector, 'firstTime' | 'lastTime' | 'gcStart' | 'gcEnd' | 'stwStart' | 'stwEnd' | 'stwReason' | 'heapT' | 'heapV' | 'goalT' | 'goalV'>;
