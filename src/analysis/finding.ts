// A finding: the plain-English conclusion every analysis produces, with the
// numbers behind it. The report (src/report/schema.ts) carries them as they are.

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
  /**
   * What it is about, where one rule's findings in two inputs are the same fact though their
   * figures differ: the function a leak suspect waits in (234 goroutines in one dump, 879 in the next).
   */
  subject?: string;
  /** Id of the input it comes from (set in the session report). */
  input?: string;
}
