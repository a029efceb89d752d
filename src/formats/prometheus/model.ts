// Prometheus text exposition (0.0.4, and the OpenMetrics text subset scrapes
// of Go services use): samples grouped into scrapes. Values keep NaN/±Inf here;
// the analysis turns them into null for the report.

export interface PromSample {
  name: string;
  /** Label pairs in the order written; empty when there are none. */
  labels: Record<string, string>;
  value: number;
  /** Optional timestamp written after the value, ms since the Unix epoch. */
  timestampMs?: number;
}

export interface PromScrape {
  samples: PromSample[];
  /** `# TYPE` per family name. */
  types: Record<string, string>;
  /** `# HELP` per family name. */
  help: Record<string, string>;
  /** 1-based line where the scrape starts. */
  line: number;
}

export interface PromModel {
  scrapes: PromScrape[];
  /** Lines that were neither samples nor comments (skipped). */
  skippedLines: number;
}
