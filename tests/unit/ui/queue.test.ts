// The page's turn queue (src/ui/charts/queue.ts): report sections go in before
// charts, in the order they were queued, and each job runs in a task of its own.

import { describe, expect, it } from 'vitest';
import { queueChart, queueSection } from '../../../src/ui/charts/queue';

/** Resolves once `n` jobs have run (the queue pumps with setTimeout 0). */
const drained = (ran: unknown[], n: number) =>
  new Promise<void>((resolve) => {
    const poll = () => (ran.length >= n ? resolve() : setTimeout(poll, 1));
    poll();
  });

describe('turn queue', () => {
  it('runs queued sections in order before charts, even charts queued first', async () => {
    const ran: string[] = [];
    queueChart(() => void ran.push('chart 1'));
    queueSection(() => ran.push('section 1'));
    queueSection(() => ran.push('section 2'));
    queueChart(() => void ran.push('chart 2'));
    await drained(ran, 4);
    expect(ran).toEqual(['section 1', 'section 2', 'chart 1', 'chart 2']);
  });

  it('runs one job per task: a microtask queued by a job runs before the next job', async () => {
    const ran: string[] = [];
    queueSection(() => {
      ran.push('a');
      void Promise.resolve().then(() => ran.push('after a'));
    });
    queueSection(() => ran.push('b'));
    await drained(ran, 3);
    expect(ran).toEqual(['a', 'after a', 'b']);
  });

  it('skips a cancelled job', async () => {
    const ran: string[] = [];
    const cancel = queueSection(() => ran.push('gone'));
    queueSection(() => ran.push('kept'));
    cancel();
    await drained(ran, 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(ran).toEqual(['kept']);
  });

  it("runs a chart's next step in a task of its own, before the other charts; a cancel drops the steps not yet run", async () => {
    const ran: string[] = [];
    queueChart(() => {
      ran.push('chart 1: thin');
      void Promise.resolve().then(() => ran.push('after thin'));
      return () => {
        ran.push('chart 1: init');
        return () => void ran.push('chart 1: set');
      };
    });
    // Cancelled while its first step runs (as a chart left before it was drawn).
    const cancel: () => void = queueChart(() => {
      ran.push('chart 2: thin');
      cancel();
      return () => void ran.push('chart 2: init');
    });
    queueChart(() => void ran.push('chart 3'));
    await drained(ran, 6);
    await new Promise((r) => setTimeout(r, 5));
    expect(ran).toEqual(['chart 1: thin', 'after thin', 'chart 1: init', 'chart 1: set', 'chart 2: thin', 'chart 3']);
  });

  it('a job that throws does not stop the jobs after it', async () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      queueChart(() => {
        throw new Error('a chart ECharts refused');
      });
      queueChart(() => void ran.push('next chart'));
      await drained(ran, 1);
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(ran).toEqual(['next chart']);
  });
});
