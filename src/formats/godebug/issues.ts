// Problems a stream meets on its lines: a record cut at the end of the input
// (truncated log) and lines that look like the stream but cannot be read.
// Collected while parsing, reported once as warnings at the end.

import type { ParseContext } from '../types';

export interface StreamIssues {
  /** Up to 20 line numbers of unreadable lines. */
  badLines: number[];
  badCount: number;
  /** Set when the stream was cut mid-line or mid-block. */
  truncated?: string;
}

export class IssueLog {
  readonly badLines: number[] = [];
  badCount = 0;
  cutLine = 0;

  /** A line of this stream that could not be read; at the end of the input it means "cut". */
  bad(lineNo: number, unterminated: boolean): void {
    if (unterminated) {
      this.cutLine = lineNo;
      return;
    }
    if (this.badLines.length < 20) this.badLines.push(lineNo);
    this.badCount++;
  }

  get any(): boolean {
    return this.badCount > 0 || this.cutLine > 0;
  }

  /**
   * Warn and copy the issues into the model. `cutDetail` describes a block cut
   * short (schedtrace); `kept` names what survives ("the samples").
   */
  report(ctx: ParseContext, stream: string, model: StreamIssues, kept: string, cutDetail?: string): void {
    const parts: string[] = [];
    if (this.cutLine) parts.push(`line ${this.cutLine} was cut mid-line`);
    if (cutDetail) parts.push(cutDetail);
    if (parts.length) {
      model.truncated = parts.join('; ');
      ctx.warn(`${stream}: truncated — ${model.truncated}; ${kept} before it are kept`);
    }
    model.badLines = this.badLines;
    model.badCount = this.badCount;
    if (this.badCount) {
      ctx.warn(
        `${stream}: ${this.badCount} line(s) looked like ${stream} but could not be read (line ${this.badLines.join(', ')}${this.badCount > this.badLines.length ? ', …' : ''})`,
      );
    }
  }
}
