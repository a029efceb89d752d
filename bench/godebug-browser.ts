// Bench: the 1M-line interleaved GODEBUG log of bench/godebug-interleaved.ts
// dropped into the app in Chromium: worker parse+analyse time, drop → report
// (timeline, heat map, pacer/scavenger/init views drawn) and the longest
// main-thread task. Run: npx tsx bench/godebug-browser.ts [lines]

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withApp } from './browser';
import { buildLog } from './godebug-interleaved';

export async function run(lines: number): Promise<string[]> {
  const data = buildLog(lines);
  const r = await withApp((open) => open(data, 'bench-godebug-interleaved.log'));
  return [
    `interleaved GODEBUG log in Chromium: ${lines} lines, ${(data.length / 1048576).toFixed(1)} MiB`,
    `  worker parse+analyse ${r.workerMs} ms (${(data.length / 1048576 / (r.workerMs / 1000)).toFixed(0)} MiB/s); drop → report ${r.totalMs} ms`,
    `  longest main-thread task ${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} tasks over 50 ms)  goal: none over 50 ms`,
  ];
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 1_000_000))).join('\n'));
