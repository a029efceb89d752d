// Consecutive output lines that share one reason, so each reason is shown once
// next to the line range it explains.

import type { EmittedLine, Why } from '../../../wizard/types';

export interface LineGroup {
  /** 1-based, inclusive. */
  first: number;
  last: number;
  why: Why;
}

/** Blank lines between two lines with the same reason join them into one group. */
export function lineGroups(lines: EmittedLine[]): LineGroup[] {
  const out: LineGroup[] = [];
  lines.forEach((l, i) => {
    if (!l.why) return;
    const prev = out[out.length - 1];
    const gapIsBlank = prev !== undefined && lines.slice(prev.last, i).every((x) => !x.text.trim());
    if (prev && prev.why === l.why && gapIsBlank) prev.last = i + 1;
    else out.push({ first: i + 1, last: i + 1, why: l.why });
  });
  return out;
}
