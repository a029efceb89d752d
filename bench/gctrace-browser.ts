// Bench: 1M gctrace lines (~125 MiB) dropped into the app in Chromium: worker
// time and the longest main-thread task. Run: npx tsx bench/gctrace-browser.ts [lines]

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGctraceLog } from './gctrace';
import { withApp } from './browser';

export async function run(lines: number): Promise<string[]> {
  const data = buildGctraceLog(lines);
  const r = await withApp((open) => open(data, 'bench-gctrace.log'));
  return [
    `gctrace in Chromium: ${lines} lines, ${(data.length / 1048576).toFixed(1)} MiB`,
    `  worker parse+analyse ${r.workerMs} ms (${(data.length / 1048576 / (r.workerMs / 1000)).toFixed(0)} MiB/s); drop → report ${r.totalMs} ms`,
    `  longest main-thread task ${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} tasks over 50 ms)  goal: none over 50 ms`,
    `  main-thread CPU time per task: longest ${r.longestCpuMs.toFixed(0)} ms (${r.cpuTasks} tasks over 50 ms of CPU; wall times above include waiting for a core)`,
  ];
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 1_000_000))).join('\n'));
