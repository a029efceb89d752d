// The report: one versioned JSON document (documented in docs/report-schema.md).
// Every analysis lives in its input's entry under a key named after it.
// Later formats add their analysis type to InputAnalyses (optional keys only).

import type { GcAnalysis } from '../analysis/gc/types';
import type { TraceAnalysis } from '../analysis/gotrace/types';
import type { SchedAnalysis } from '../analysis/sched/types';
import type { PacerAnalysis } from '../analysis/pacer/types';
import type { ScavengerAnalysis } from '../analysis/scavenger/types';
import type { InitAnalysis } from '../analysis/init/types';
import type { ConfigAnalysis } from '../analysis/config/types';
import type { GoroutinesAnalysis } from '../analysis/goroutines/types';
import type { MetricsAnalysis } from '../analysis/metrics/types';
import type { ProfileAnalysis } from '../analysis/pprof/types';
import type { Diagnosis } from '../diagnosis/types';

export const REPORT_SCHEMA = 'gotune.report/1' as const;

export type Severity = 'critical' | 'warning' | 'info';

/** A plain-English conclusion with the numbers that support it. */
export interface Finding {
  /** Stable id of the rule, e.g. "gc.back-to-back". */
  rule: string;
  severity: Severity;
  title: string;
  /** One or two sentences: what it means and what to do. */
  detail: string;
  /** The measurements behind it, each a short line. */
  evidence: string[];
  /** Where to look: an analysis key and an optional point in its charts. */
  anchor?: { analysis: string; chart?: string; index?: number; timeSec?: number };
  /** Id of the input it comes from (set in the session report). */
  input?: string;
}

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

export interface InputReport extends InputAnalyses {
  /** Unique id within the session. */
  id: string;
  /** The file's name; pasted text gets a generated one. */
  name: string;
  /** Format kind from the registry, or "unknown" when not recognised. */
  kind: string;
  /** Size of the input as given (before gzip unwrapping). */
  bytes: number;
  /** Size after gzip unwrapping, when it was compressed. */
  decompressedBytes?: number;
  /** Set when the input could not be used; the rest of the session carries on. */
  error?: string;
  /** Non-fatal notes (truncated stream, caps hit, lines skipped). */
  warnings?: string[];
  /** Parse+analyse wall time in ms (informative; never asserted). */
  parseMs?: number;
  /**
   * Only on an early result, shown while a big input is still being read
   * (execution traces, per generation): how far reading got. Never saved,
   * exported or put in a link: the final report replaces it.
   */
  partial?: { doneBytes: number; totalBytes: number };
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  generator: string;
  createdAt: string;
  inputs: InputReport[];
  /** Session-level findings from all inputs, most severe first. */
  findings: Finding[];
  /** What the evidence of all inputs together says: settings, resources, ranked causes (src/diagnosis). */
  diagnosis?: Diagnosis;
}
