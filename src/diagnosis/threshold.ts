// The confidences the diagnosis reports a cause at and names a problem at:
// apart from diagnose.ts so a cause rule can keep below the verdict's.

/** Causes below this confidence are not listed. */
export const REPORT_THRESHOLD = 0.35;
/** The verdict names a problem only when a cause reaches this. */
export const PROBLEM_THRESHOLD = 0.5;
