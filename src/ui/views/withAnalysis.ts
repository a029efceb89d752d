// An input known to carry analysis K, so session views that pick inputs by
// analysis (the GC + scheduler timeline, metrics over time) read it typed, without a cast.

import type { AnalysisKey, InputAnalyses, InputReport } from '../../report/schema';

export type WithAnalysis<K extends AnalysisKey, I extends InputReport = InputReport> = I & { [P in K]-?: NonNullable<InputAnalyses[P]> };

/** Type guard: `input[key]` is set (chains: filter(hasAnalysis('gc')).filter(hasAnalysis('sched'))). */
export const hasAnalysis =
  <K extends AnalysisKey>(key: K) =>
  <I extends InputReport>(input: I): input is WithAnalysis<K, I> =>
    input[key] !== undefined;
