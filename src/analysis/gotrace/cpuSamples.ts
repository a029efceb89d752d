// The CPU samples of an execution trace, grouped by stack as cmd/trace groups
// them (see ./cpuProfile.ts, which turns them into a profile). The binding
// (src/kinds/gotrace.ts) adds each complete generation as the reader ends it.

import type { Generation } from '../../formats/gotrace/generation';
import type { TextFrame } from '../../formats/pprof-text/builder';

/** cmd/trace's pprofMaxStack: stacks are told apart by this many PCs. */
const MAX_STACK = 128;

/**
 * The CPU samples of the complete generations, taken from each generation
 * once the reader has delivered all its events (the reader emits every one of
 * them as an EvCPUSample), so the per-event loop pays nothing for this.
 */
export class CpuSamples {
  count = 0;
  /** Distinct stacks (by PCs) in first-seen order, innermost frame first. */
  readonly stacks: TextFrame[][] = [];
  readonly counts: number[] = [];
  private byPcs = new Map<string, number>();

  addGeneration(gen: Generation): void {
    const byStackId = new Map<number, number>();
    for (const s of gen.cpuSamples) this.add(gen, s.stack, byStackId);
  }

  /** Adds the samples `o` took from the generations after ours (a chunk read apart): as if this had read them. */
  absorb(o: CpuSamples): void {
    this.count += o.count;
    for (const [key, j] of o.byPcs) {
      let i = this.byPcs.get(key);
      if (i === undefined) {
        i = this.stacks.push(o.stacks[j]) - 1;
        this.counts.push(0);
        this.byPcs.set(key, i);
      }
      this.counts[i] += o.counts[j];
    }
  }

  private add(gen: Generation, stackId: number, byStackId: Map<number, number>): void {
    this.count++;
    let i = byStackId.get(stackId);
    if (i === undefined) {
      // Key by PCs first; frames are resolved only for a stack not seen before
      // (most stacks recur in every generation).
      const pcs = stackId === 0 ? undefined : gen.stacks.get(stackId);
      const key = pcs ? pcs.slice(0, MAX_STACK).join(',') : '';
      i = this.byPcs.get(key);
      if (i === undefined) {
        i = this.stacks.push(resolve(gen, stackId)) - 1;
        this.counts.push(0);
        this.byPcs.set(key, i);
      }
      byStackId.set(stackId, i);
    }
    this.counts[i]++;
  }
}

function resolve(gen: Generation, stackId: number): TextFrame[] {
  const pcs = stackId === 0 ? undefined : gen.stacks.get(stackId);
  if (!pcs) return [];
  return pcs.map((pc) => {
    const f = gen.frames.get(pc);
    return { pc, func: f ? (gen.strings.get(f.fn) ?? '') : '', file: f ? (gen.strings.get(f.file) ?? '') : '', line: f ? f.line : 0 };
  });
}
