// Early results while a big execution trace is read: the analyses of the
// generations read so far, published now and then so the first charts show
// long before the end of a 200 MB file. The collector is only read, never
// changed, so the final analysis is the same with or without them.

import type { GoTraceModel } from './model';
import type { InputAnalyses } from '../inputAnalyses';
import { analyzeGoTrace } from './analyze';

/** First early result after this much reading, then at most this often. */
const FIRST_MS = 800;
const EVERY_MS = 2500;
/** Never spend more than this share of the time so far on early results. */
const MAX_SHARE = 0.12;

export class EarlyResults {
  private readonly start: number;
  private last: number;
  private spent = 0;
  /** How many were published (tests and the bench read it). */
  published = 0;

  constructor(
    private readonly model: GoTraceModel,
    private readonly publish: (analyses: InputAnalyses, doneBytes: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = this.last = now();
  }

  /** Called after each complete generation, with the bytes read so far. */
  generation(generations: number, doneBytes: number): void {
    if (doneBytes >= this.model.bytes) return;
    const t = this.now();
    const elapsed = t - this.start;
    if (elapsed < FIRST_MS || t - this.last < (this.published ? EVERY_MS : 0)) return;
    if (this.spent > MAX_SHARE * elapsed) return;
    const c = this.model.collected;
    const snapshot: GoTraceModel = { ...this.model, events: c.events, generations };
    this.publish(analyzeGoTrace(snapshot), doneBytes);
    this.published++;
    const after = this.now();
    this.spent += after - t;
    this.last = after;
  }
}
