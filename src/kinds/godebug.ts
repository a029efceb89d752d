// GODEBUG logs: each stream the parser found (src/formats/godebug) goes to its
// analysis; the findings of all streams are joined.

import { analyzeGc } from '../analysis/gc/analyze';
import { analyzeInit } from '../analysis/init/analyze';
import type { InputAnalyses } from '../analysis/inputAnalyses';
import { analyzePacer } from '../analysis/pacer/analyze';
import { analyzeScavenger } from '../analysis/scavenger/analyze';
import { analyzeSched } from '../analysis/sched/analyze';
import { godebugFormat, STREAMS } from '../formats/godebug/format';
import type { GcTraceModel } from '../formats/godebug/gctrace';
import type { PacerTraceModel } from '../formats/godebug/gcpacertrace';
import type { InitTraceModel } from '../formats/godebug/inittrace';
import type { ScavengerModel } from '../formats/godebug/scavenger';
import type { SchedTraceModel } from '../formats/godebug/schedtrace';
import type { GodebugModel } from '../formats/godebug/stream';
import type { ModelAnalyses } from '../report/schema';
import { analyzeWhatif } from '../whatif/analyze';
import { parsed } from './kind';

/** Each stream's analysis by stream key; `all` gives access to the other streams. Empty streams give nothing. */
const STREAM_ANALYSES: Record<string, (model: any, all: GodebugModel) => InputAnalyses & ModelAnalyses> = {
  // gctrace also calibrates the GC what-if model (src/whatif).
  gctrace: (m: GcTraceModel) => (m.count === 0 ? {} : { ...analyzeGc(m), whatif: analyzeWhatif(m) }),
  schedtrace: (m: SchedTraceModel, all) => (m.tMs.length ? analyzeSched(m, all) : {}),
  gcpacertrace: (m: PacerTraceModel, all) => (m.cycles.line.length || m.assists.line.length ? analyzePacer(m, all) : {}),
  scavenger: (m: ScavengerModel, all) => (m.lines.length ? analyzeScavenger(m, all) : {}),
  inittrace: (m: InitTraceModel) => (m.packages.length ? analyzeInit(m) : {}),
};

export function analyzeGodebug(model: GodebugModel): InputAnalyses & ModelAnalyses {
  const out: InputAnalyses & ModelAnalyses = {};
  const findings = [];
  for (const def of STREAMS) {
    const m = model.streams[def.key];
    if (m === undefined) continue;
    const a = STREAM_ANALYSES[def.key](m, model);
    if (a.findings) findings.push(...a.findings);
    Object.assign(out, a);
  }
  out.findings = findings;
  return out;
}

export const godebugKind = parsed(godebugFormat, ['gc', 'whatif', 'sched', 'pacer', 'scavenger', 'init'], analyzeGodebug);
