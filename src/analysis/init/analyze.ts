// inittrace model → the `init` analysis: which packages make start-up slow.

import type { InitTraceModel } from '../../formats/godebug/inittrace';
import { formatBytes } from '../../lib/display';
import type { Finding } from '../finding';
import type { InitAnalysis, InitRow } from './types';

const TOP = 10;
const MAX_ROWS = 2000;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function analyzeInit(m: InitTraceModel): { init: InitAnalysis; findings: Finding[] } {
  const rows: InitRow[] = m.packages.map((p) => ({ pkg: p.pkg, startMs: p.startMs, clockMs: p.clockMs, bytes: p.bytes, allocs: p.allocs, line: p.line }));
  let clock = 0;
  let bytes = 0;
  let allocs = 0;
  let end = 0;
  for (const r of rows) {
    clock += r.clockMs;
    bytes += r.bytes;
    allocs += r.allocs;
    end = Math.max(end, r.startMs + r.clockMs);
  }
  const slowest = [...rows].sort((a, b) => b.clockMs - a.clockMs || a.line - b.line).slice(0, TOP);
  const largest = [...rows].sort((a, b) => b.bytes - a.bytes || a.line - b.line).slice(0, TOP);
  const init: InitAnalysis = {
    source: 'inittrace',
    packages: rows.length,
    totalClockMs: r3(clock),
    totalBytes: bytes,
    totalAllocs: allocs,
    endMs: r3(end),
    slowest,
    largest,
    rows: rows.slice(0, MAX_ROWS),
    truncated: m.truncated,
  };
  const findings: Finding[] = [];
  const top = slowest[0];
  if (top && (clock >= 100 || top.clockMs >= 50)) {
    findings.push({
      rule: 'init.slow',
      severity: clock >= 1000 ? 'warning' : 'info',
      title: `Package initialisation takes ${Math.round(clock)} ms; ${top.pkg} alone ${Math.round(top.clockMs)} ms`,
      detail:
        'init functions and package-level variables run before main, on one goroutine, at every start (and every pod restart or scale-up). Move expensive set-up out of init into lazy initialisation (sync.OnceValue) or into main where it can run concurrently.',
      evidence: slowest.slice(0, 3).map((r) => `${r.pkg}: ${r.clockMs} ms, ${formatBytes(r.bytes)}, ${r.allocs} allocs (line ${r.line})`),
      anchor: { analysis: 'init', chart: 'table' },
    });
  }
  return { init, findings };
}
