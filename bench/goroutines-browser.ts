// Bench: the 1M-goroutine debug=2 dump (made by the Go fixture program, see
// bench/goroutines.ts) dropped into the app in Chromium: worker parse+group
// time, drop → report, and the longest main-thread task.
// Run: npx tsx bench/goroutines-browser.ts [goroutines]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigDump } from './goroutines';
import { withApp } from './browser';

export async function run(n: number): Promise<string[]> {
  const file = bigDump(n);
  if (!file) return ['goroutines in Chromium: skipped — Go is not installed, so the dump cannot be generated'];
  const data = new Uint8Array(readFileSync(file));
  const r = await withApp((open) => open(data, 'bench-goroutines.txt'));
  return [
    `goroutines in Chromium: debug=2 dump of ${n} goroutines, ${(data.length / 1048576).toFixed(0)} MiB`,
    `  worker parse+group ${r.workerMs} ms (${(data.length / 1048576 / (r.workerMs / 1000)).toFixed(0)} MiB/s); drop → report ${r.totalMs} ms  goal < 3000 ms`,
    `  longest main-thread task ${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} tasks over 50 ms)  goal: none over 50 ms`,
  ];
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 1_000_000))).join('\n'));
