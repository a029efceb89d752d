// Preloaded into each benchmark process by bench/run.ts: on exit, writes the
// process's peak resident memory (KiB) to the file named by GOTUNE_BENCH_PEAK.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.GOTUNE_BENCH_PEAK) writeFileSync(process.env.GOTUNE_BENCH_PEAK, String(process.resourceUsage().maxRSS));
});
