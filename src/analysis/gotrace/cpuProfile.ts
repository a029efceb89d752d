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

import type { GoTraceModel } from './model';
import type { PprofProfile } from '../../formats/pprof/model';
import { ProfileBuilder } from '../../formats/pprof-text/builder';
import type { CpuSamples } from './cpuSamples';
import type { InputAnalyses } from '../inputAnalyses';
import { analyzeProfile } from '../pprof/analyze';

/** The profile of the trace's CPU samples (null when the trace has none). */
export function traceCpuProfile(samples: Pick<CpuSamples, 'count' | 'stacks' | 'counts'>, durationNs: number): PprofProfile | null {
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
