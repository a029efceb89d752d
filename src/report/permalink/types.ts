// The shared report a permalink carries: the session's report reduced to fit a
// URL (summaries, histograms, downsampled series, findings, top stacks and
// groups), with what was dropped to fit and what was redacted, so the page can
// say so. Versioned twice: the link format (LINK_VERSION, the prefix before the
// first ".") and the report schema inside (report.schema).

import type { Report } from '../schema';

/** Version of the link format: `#/p/<LINK_VERSION>.<base64url(deflate-raw(JSON))>`. */
export const LINK_VERSION = 1;

/** Route prefix in the fragment. */
export const LINK_ROUTE = '#/p/';

/** A typical session's link must stay under this many characters (whole URL). */
export const URL_BUDGET = 8192;

/** The decoder never inflates more than this. */
export const MAX_INFLATED_BYTES = 4 << 20;

/**
 * The most inputs a link carries. A session with more gets no link (the page
 * offers the HTML report and the JSON export), and a link with more is not
 * opened: each input draws its own sections and charts, so a crafted link of
 * hundreds of copies of one input froze the page for over a minute. Links of
 * the committed fixtures are over the URL budget from 5 distinct inputs on
 * and reach LINK_MAX_CHARS at about 30–35 (tests/unit/permalink/limits.test.ts).
 */
export const LINK_MAX_INPUTS = 40;

/** The longest link data (after #/p/) gotune makes: 4× the budget; over it even at the least detail, no link is made. */
export const LINK_MAX_CHARS = 4 * URL_BUDGET;

/** Link data longer than this is not even decoded: what gotune makes, with a quarter to spare. */
export const MAX_LINK_CHARS = LINK_MAX_CHARS + LINK_MAX_CHARS / 4;

export interface RedactOptions {
  /** Function and file names → stable short hashes. */
  names: boolean;
  /** pprof and goroutine labels, trace tasks/regions/log keys. */
  labels: boolean;
  /** Input file names and the session name. */
  files: boolean;
  /** Command lines (expvar cmdline, pprof comments). */
  cmdline: boolean;
}

export const NO_REDACTION: RedactOptions = { names: false, labels: false, files: false, cmdline: false };

export interface SharedReport {
  /** Link format version (equal to the prefix). */
  v: typeof LINK_VERSION;
  /** Session name, unless file names were redacted. */
  name: string;
  /** The reduced report. */
  report: Report;
  /** What was left out to fit, one plain sentence each; empty when nothing was. */
  dropped: string[];
  /** Which redactions were applied. */
  redacted: RedactOptions;
  /** Wizard settings prefilled from the session (the query of #/wizard?…), when any. */
  wizard?: string;
}

export type DecodeErrorCode = 'empty' | 'malformed' | 'version' | 'too-large' | 'corrupt' | 'shape';

export interface DecodeError {
  code: DecodeErrorCode;
  /** What is wrong with the link, for a person. */
  message: string;
}

export type DecodeResult = { ok: true; shared: SharedReport } | { ok: false; error: DecodeError };
