// Bench: a large Go execution trace (made at bench time, see gotrace.ts)
// dropped into the app in Chromium: worker parse+analyse time, drop → report,
// and the longest main-thread task. Needs Go and `npm run build`.
// Run: npx tsx bench/gotrace-browser.ts [minMB]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withApp } from './browser';
import { makeTrace } from './gotrace';

export async function run(minMB: number): Promise<string[]> {
  const data = new Uint8Array(readFileSync(makeTrace(minMB)));
  const r = await withApp((open) => open(data, 'bench.trace'));
  const mib = data.length / 1048576;
  return [
    `execution trace in Chromium: ${mib.toFixed(1)} MiB`,
    `  worker parse+analyse ${r.workerMs} ms (${(mib / (r.workerMs / 1000)).toFixed(1)} MiB/s); drop → report ${r.totalMs} ms; ${r.firstViewMs >= 0 ? `drop → first chart ${r.firstViewMs} ms` : 'first chart not seen'}`,
    `  longest main-thread task ${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} tasks over 50 ms)  goal: none over 50 ms`,
    `  main-thread CPU time per task: longest ${r.longestCpuMs.toFixed(0)} ms (${r.cpuTasks} tasks over 50 ms of CPU; wall times above include waiting for a core)`,
  ];
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 50))).join('\n'));
