// How many workers read a dropped execution trace (src/worker/traceChunks.ts),
// and threads the CLI (src/cli/traceThreads.ts): the same default, from the
// binding (src/kinds/gotraceChunks.ts defaultTraceChunks); and what the page
// takes from ?traceWorkers= (src/ui/workerClient.ts): the
// URL is untrusted, so only 1 to 8 is taken, anything else leaves the choice
// to the worker. (Reading the chunks is tested in Chromium:
// tests/e2e/trace-workers.spec.ts.)

import { describe, expect, it } from 'vitest';
import { traceWorkerCount } from '../../../src/worker/traceChunks';
import { MAX_PARALLEL_BYTES, MIN_PARALLEL_BYTES, MIN_PARALLEL_CORES } from '../../../src/kinds/gotraceChunks';
import { traceThreadCount } from '../../../src/cli/traceThreads';
import { traceWorkersAsked } from '../../../src/ui/workerClient';

describe('traceWorkerCount', () => {
  it('reads small and very big traces once, and any trace on fewer than 4 cores; the others with a worker per core (4 at most)', () => {
    expect(traceWorkerCount(MIN_PARALLEL_BYTES - 1, 8)).toBe(1);
    expect(traceWorkerCount(MIN_PARALLEL_BYTES, 4)).toBe(4);
    expect(traceWorkerCount(MIN_PARALLEL_BYTES, 16)).toBe(4);
    expect(traceWorkerCount(MAX_PARALLEL_BYTES, 6)).toBe(4);
    expect(traceWorkerCount(MAX_PARALLEL_BYTES + 1, 8)).toBe(1);
    expect(traceWorkerCount(100 << 20, MIN_PARALLEL_CORES - 1)).toBe(1);
    expect(traceWorkerCount(100 << 20, 2)).toBe(1);
    expect(traceWorkerCount(100 << 20, NaN)).toBe(1);
    // Where the browser tells its memory: only with 8 GiB or more.
    expect(traceWorkerCount(100 << 20, 8, undefined, 4)).toBe(1);
    expect(traceWorkerCount(100 << 20, 8, undefined, 8)).toBe(4);
    expect(traceWorkerCount(100 << 20, 8, undefined, NaN)).toBe(1);
  });

  it('takes what the page asked, whatever the size, up to 8', () => {
    expect(traceWorkerCount(1000, 2, 3)).toBe(3);
    expect(traceWorkerCount(100 << 20, 8, 1)).toBe(1);
    expect(traceWorkerCount(1000, 2, 64)).toBe(8);
    expect(traceWorkerCount(100 << 20, 8, 0)).toBe(4);
    expect(traceWorkerCount(100 << 20, 8, 2.5)).toBe(4);
  });
});

describe('traceThreadCount (the CLI)', () => {
  it('has the default of the page, and takes --threads as asked', () => {
    for (const [bytes, cores, mem] of [
      [MIN_PARALLEL_BYTES - 1, 8, 16],
      [MIN_PARALLEL_BYTES, 8, 16],
      [100 << 20, 2, 16],
      [100 << 20, 4, 4],
      [100 << 20, 16, 64],
      [MAX_PARALLEL_BYTES + 1, 8, 16],
    ] as const) {
      expect(traceThreadCount(bytes, undefined, cores, mem)).toBe(traceWorkerCount(bytes, cores, undefined, mem));
    }
    expect(traceThreadCount(100 << 20, undefined, 16, 64)).toBe(4);
    expect(traceThreadCount(100 << 20, 6, 2, 1)).toBe(6);
  });
});

describe('traceWorkersAsked', () => {
  it('takes 1 to 8 from ?traceWorkers= and nothing else', () => {
    expect(traceWorkersAsked('?traceWorkers=3')).toBe(3);
    expect(traceWorkersAsked('?a=1&traceWorkers=1')).toBe(1);
    for (const bad of ['', '?traceWorkers=', '?traceWorkers=0', '?traceWorkers=9', '?traceWorkers=12', '?traceWorkers=2.5', '?traceWorkers=-1', '?traceWorkers=2x', '?traceWorkers=%3Cscript%3E']) {
      expect(traceWorkersAsked(bad)).toBeUndefined();
    }
  });
});
