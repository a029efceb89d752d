// The CPU samples of an execution trace as a pprof profile, so the profile
// views (flame graph, top table, sandwich) show them. Built as Go would:
// `go tool trace -pprof=TYPE` (Go 1.26) has no CPU type, so this follows how
// cmd/trace builds its other profiles from a trace (cmd/trace/pprof.go
// stackMap, internal/trace/traceviewer BuildProfile):
//
// - samples are grouped by the PCs of their stack (the first 128 frames);
// - one location per PC with one line (the frame's function, file and line);
//   one function per name and file;
// - one sample type, samples/count: the trace does not record the sampling
//   rate (runtime/pprof's 100 Hz is only a default), so no cpu/nanoseconds;
// - the duration is the trace's (first to last event), as the analysis reports it.
//
// tools/tracecpuprofile builds the same profile with golang.org/x/exp/trace;
// tests/unit/gotrace/cpu-profile.test.ts compares `go tool pprof -top` of it
// with our top table byte for byte.

import type { Generation } from '../../formats/gotrace/generation';
import type { GoTraceModel } from '../../formats/gotrace/model';
import type { PprofProfile } from '../../formats/pprof/model';
import { ProfileBuilder, type TextFrame } from '../../formats/pprof-text/builder';
import type { InputAnalyses } from '../../report/schema';
import { analyzeProfile } from '../pprof/analyze';

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

/** The profile of the trace's CPU samples (null when the trace has none). */
export function traceCpuProfile(samples: CpuSamples, durationNs: number): PprofProfile | null {
  if (samples.count === 0) return null;
  const b = new ProfileBuilder('trace-cpu', [{ type: 'samples', unit: 'count' }]);
  samples.stacks.forEach((frames, i) => b.addSample([samples.counts[i]], frames, []));
  return b.build({ periodType: null, period: 0, durationNanos: durationNs });
}

const built = new WeakMap<GoTraceModel, PprofProfile | null>();

/** The CPU profile of a parsed trace, built once per model. */
export function cpuProfileOf(model: GoTraceModel): PprofProfile | null {
  let p = built.get(model);
  if (p === undefined) {
    const c = model.collected;
    p = traceCpuProfile(model.cpu, c.events === 0 ? 0 : c.lastTime - c.firstTime);
    built.set(model, p);
  }
  return p;
}

/** Adds the profile summary of the trace's CPU samples (what the profile views start from) to the trace analysis. */
export function withCpuProfile(out: InputAnalyses, model: GoTraceModel): InputAnalyses {
  const p = cpuProfileOf(model);
  if (p && out.trace) out.trace.cpuSamples.profile = analyzeProfile(p).profile;
  return out;
}
