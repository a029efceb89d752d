// Content sniffing for goroutine dumps. Confident only when the dump's
// structure dominates the sample: GODEBUG logs can end in a crash dump, and a
// dump can start with a few gctrace lines; the higher score wins (registry.ts).

import type { SniffSample } from '../types';

const HEADER = /^goroutine -?\d+(?: gp=0x[0-9a-f]+ m=\S+(?: mp=0x[0-9a-f]+)?)? \[[^\]]*\](?: \{.*\})?:/;
const FILE_LINE = /^\s+\S.*:\d+(?: \+0x[0-9a-f]+)?(?: fp=.*)?$/;
const FUNC_LINE = /^\S+\(.*\)$/;
const STAMP = /^\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? /;

export function sniffGoroutines(sample: SniffSample): number {
  if (!sample.text) return 0;
  const lines = sample.text.split('\n');
  if (lines.length > 1 && sample.size > sample.bytes.length) lines.pop();
  let nonEmpty = 0;
  let structure = 0;
  let headers = 0;
  let debug1 = false;
  let prev = '';
  for (let raw of lines) {
    if (STAMP.test(raw)) raw = raw.replace(STAMP, '');
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      prev = '';
      continue;
    }
    nonEmpty++;
    if (line.startsWith('goroutine profile: total ') || line.startsWith('goroutineleak profile: total ')) {
      debug1 = true;
      structure++;
    } else if (HEADER.test(line)) {
      headers++;
      structure++;
    } else if (/^\d+ @( 0x[0-9a-f]+)+\s*$/.test(line) || line.startsWith('#\t0x') || line.startsWith('# labels: ')) {
      structure++;
      if (!line.startsWith('#')) debug1 = true;
    } else if (FILE_LINE.test(line) && FUNC_LINE.test(prev.trim())) {
      structure += 2; // the function line before it counts too
    } else if (/^created by \S/.test(line.trim()) || /^(panic|fatal error): /.test(line) || line === 'runtime stack:') {
      structure++;
    }
    prev = line;
  }
  if (structure === 0 || nonEmpty === 0) return 0;
  const share = Math.min(1, structure / nonEmpty);
  if (debug1 && share > 0.5) return 0.95;
  if (headers > 0) return share >= 0.6 ? 0.6 + 0.35 * share : 0.2 + 0.4 * share;
  // Frames without any header: a paste that starts mid-stack.
  return share >= 0.6 ? 0.5 + 0.3 * share : 0;
}
