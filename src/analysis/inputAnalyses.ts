// What the analyses of one input produce: one optional key per analysis. The
// report's InputReport extends it (src/report/schema.ts); the binding table
// (src/kinds/) says which keys each input kind can produce.

import type { GcAnalysis } from './gc/types';
import type { TraceAnalysis } from './gotrace/types';
import type { SchedAnalysis } from './sched/types';
import type { PacerAnalysis } from './pacer/types';
import type { ScavengerAnalysis } from './scavenger/types';
import type { InitAnalysis } from './init/types';
import type { ConfigAnalysis } from './config/types';
import type { GoroutinesAnalysis } from './goroutines/types';
import type { MetricsAnalysis } from './metrics/types';
import type { ProfileAnalysis } from './pprof/types';
import type { Finding } from './finding';

/** Analyses an input can carry; each key is one analysis. */
export interface InputAnalyses {
  gc?: GcAnalysis;
  trace?: TraceAnalysis;
  sched?: SchedAnalysis;
  pacer?: PacerAnalysis;
  scavenger?: ScavengerAnalysis;
  init?: InitAnalysis;
  config?: ConfigAnalysis;
  goroutines?: GoroutinesAnalysis;
  metrics?: MetricsAnalysis;
  profile?: ProfileAnalysis;
  findings?: Finding[];
}

/** The key of one analysis (views are registered by it). */
export type AnalysisKey = Exclude<keyof InputAnalyses, 'findings'>;
