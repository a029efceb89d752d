// The report: one versioned JSON document (documented in docs/report-schema.md).
// Every analysis lives in its input's entry under a key named after it.
// Finding and InputAnalyses belong to the analyses (src/analysis/finding.ts,
// inputAnalyses.ts); the report re-exports them. A new analysis adds its key
// to InputAnalyses (optional keys only).

import type { Finding } from '../analysis/finding';
import type { SessionFinding } from '../diagnosis/sameFact';
import type { AnalysisKey, InputAnalyses } from '../analysis/inputAnalyses';
import type { WhatifResult } from '../whatif/types';
import type { Diagnosis } from '../diagnosis/types';

export type { Finding, Severity } from '../analysis/finding';
export type { AlsoSeen, SessionFinding } from '../diagnosis/sameFact';
export type { AnalysisKey, InputAnalyses } from '../analysis/inputAnalyses';

export const REPORT_SCHEMA = 'gotune.report/1' as const;

/** Analyses of the model layers above src/analysis: src/whatif. */
export interface ModelAnalyses {
  /** GC model calibrated on a gctrace window, with predictions for other GOGC / GOMEMLIMIT (src/whatif). */
  whatif?: WhatifResult;
}

/** Every key an input's report can carry an analysis under (each has a view). */
export type ReportKey = AnalysisKey | keyof ModelAnalyses;

export interface InputReport extends InputAnalyses, ModelAnalyses {
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
  /** Session-level findings from all inputs, most severe first, one per fact (others that saw it in `also`). */
  findings: SessionFinding[];
  /** What the evidence of all inputs together says: settings, resources, ranked causes (src/diagnosis). */
  diagnosis?: Diagnosis;
}
