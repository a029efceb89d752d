// The `init` analysis (GODEBUG=inittrace=1): package initialisation cost.

export interface InitRow {
  pkg: string;
  startMs: number;
  clockMs: number;
  bytes: number;
  allocs: number;
  line: number;
}

export interface InitAnalysis {
  source: 'inittrace';
  packages: number;
  /** Sum of init clock times, ms. */
  totalClockMs: number;
  totalBytes: number;
  totalAllocs: number;
  /** End of the last init (start + clock), ms since runtime init. */
  endMs: number;
  /** Top 10 by clock time, by bytes. */
  slowest: InitRow[];
  largest: InitRow[];
  /** Every package in start order (at most 2000), for the sortable table. */
  rows: InitRow[];
  truncated?: string;
}
