// A "line" longer than maxLineChars (16 Mi) in a log is skipped up to its
// newline with one warning that counts such lines, and the lines after it are
// read as before. (A 200 MB line used to give the same warning ten times,
// and its tail was read as a line of its own.)

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/formats/limits';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { repoRoot } from '../paths';

const log = readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'), 'utf8');
const lines = log.split('\n');
const plain = analyzeInput('in1', 'gctrace-basic.log', new TextEncoder().encode(log)).report;

/** The real log with `long` inserted as line 3 (and after line 6 when twice). */
function withLong(long: string, times = 1): Uint8Array {
  const l = [...lines];
  l.splice(2, 0, long);
  if (times > 1) l.splice(6, 0, long);
  return new TextEncoder().encode(l.join('\n'));
}

describe('lines longer than the limit', () => {
  it('a 40 MiB line (10 chunks) gives one warning and the log reads as without it', () => {
    // The long line ends with text that reads as a gctrace line: it must not count as one.
    const long = 'x'.repeat(40 << 20) + lines[0];
    const r = analyzeInput('in1', 'big.log', withLong(long));
    expect(r.report.error).toBeUndefined();
    expect(r.report.warnings).toEqual([`line 3 is longer than ${DEFAULT_LIMITS.maxLineChars / (1 << 20)} MiB and was skipped (no log line is that long)`]);
    expect(r.report.gc!.cycles).toBe(plain.gc!.cycles);
    expect(r.report.gc!.peakHeapBytes).toBe(plain.gc!.peakHeapBytes);
  });
  it('several long lines: one warning with their count and the first line number', () => {
    const r = analyzeInput('in1', 'big.log', withLong('y'.repeat(5000), 2), { limits: { maxLineChars: 1000 } });
    expect(r.report.warnings).toEqual(['2 lines longer than 1,000 characters were skipped, the first at line 3 (no log line is that long)']);
    expect(r.report.gc!.cycles).toBe(plain.gc!.cycles);
  });
  it('a log ending inside a long line', () => {
    const r = analyzeInput('in1', 'big.log', new TextEncoder().encode(log.trimEnd() + '\n' + 'z'.repeat(20 << 20)));
    expect(r.report.warnings).toHaveLength(1);
    expect(r.report.warnings![0]).toMatch(/^line \d+ is longer than 16 MiB and was skipped/);
    expect(r.report.gc!.cycles).toBe(plain.gc!.cycles);
  });
});
