// Bench: a big Go execution trace dropped into the app in Chromium, read by
// one worker (?traceWorkers=1) and in chunks of generations by several
// (?traceWorkers=N, src/worker/traceChunks.ts), interleaved on the same file:
// the worker's parse+analyse time ("analysed in … ms"), drop → report, and
// the peak memory of all Chromium processes over their level before the drop
// (RSS summed from /proc every 100 ms), against the file's size.
// Needs Go and `npm run build`. Run: npx tsx bench/trace-workers-browser.ts [minMB] [N] [rounds]

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropServed, withServedApp } from './browser';
import { makeTrace } from './gotrace';

/** Resident memory of every Chromium process, bytes (Linux /proc). */
function chromiumRss(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) sum += Number(m[1]) * 1024;
    } catch {
      /* gone */
    }
  }
  return sum;
}

export async function run(minMB: number, n: number, rounds: number): Promise<string[]> {
  const data = new Uint8Array(readFileSync(makeTrace(minMB)));
  const files = new Map([['input', data]]);
  const rows: string[] = [`execution trace in Chromium: ${(data.length / 1e6).toFixed(1)} MB, one worker vs ${n} (interleaved, ${rounds} rounds)`];
  await withServedApp(files, async (browser, base) => {
    for (let r = 0; r < rounds; r++) {
      for (const workers of [1, n]) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
        const page = await context.newPage();
        let peak = 0;
        let before = 0;
        const { t0 } = await dropServed(page, `${base}?traceWorkers=${workers}`, 'bench.trace', async () => {
          await page.waitForTimeout(500);
          before = chromiumRss();
          peak = before;
        });
        const timer = setInterval(() => (peak = Math.max(peak, chromiumRss())), 100);
        const row = page.locator('[data-testid=input-row][data-input-name="bench.trace"]');
        await row.and(page.locator('[data-status=done], [data-status=failed]')).waitFor({ timeout: 900_000 });
        const totalMs = Date.now() - t0;
        clearInterval(timer);
        const status = await row.innerText();
        const workerMs = Number(/analysed in (\d+) ms/.exec(status)?.[1] ?? NaN);
        const chunks = await page.evaluate(() => (window as unknown as { __gotune: { traceChunks(): Promise<{ last: number; failure: string }> } }).__gotune.traceChunks());
        rows.push(
          `  ${workers} worker${workers > 1 ? 's' : ''} (chunks read: ${chunks.last}${chunks.failure ? `, failed: ${chunks.failure}` : ''}): analysed in ${workerMs} ms; drop → report ${totalMs} ms; Chromium memory +${((peak - before) / 1e6).toFixed(0)} MB over the page before the drop (${((peak - before) / data.length).toFixed(2)}× the file)`,
        );
        await context.close();
      }
    }
  });
  return rows;
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 2), Number(process.argv[4] ?? 2))).join('\n'));
