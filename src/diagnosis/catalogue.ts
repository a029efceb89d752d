// The causes gotune knows, one rule per file under causes/.

import { allocHotspot } from './causes/allocHotspot';
import { cpuSaturated } from './causes/cpuSaturated';
import { gogcTooLow } from './causes/gogcTooLow';
import { gomaxprocsAboveCpu } from './causes/gomaxprocsAboveCpu';
import { goroutineLeak } from './causes/goroutineLeak';
import { heapLeak } from './causes/heapLeak';
import { lockContention } from './causes/lockContention';
import { memlimitBelowLive } from './causes/memlimitBelowLive';
import type { CauseRule } from './causes/rule';
import { syscallThreads } from './causes/syscallThreads';

export const CAUSES: readonly CauseRule[] = [
  gomaxprocsAboveCpu,
  memlimitBelowLive,
  heapLeak,
  goroutineLeak,
  gogcTooLow,
  allocHotspot,
  lockContention,
  syscallThreads,
  cpuSaturated,
];
