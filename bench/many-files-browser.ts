// Bench: many small files dropped at once into the app in Chromium, against
// `npm run analyze` on the same files in the same run. The files are copies of
// the committed small fixtures of every kind (tests/fixtures/smallInputs.ts).
// Measured: drop → every input listed as analysed and the session saved, and
// the longest main-thread task (Long Tasks API, PerformanceObserver) from the
// drop on. Run: npx tsx bench/many-files-browser.ts [files]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withServedApp } from './browser';
import { smallInputCopies } from '../tests/fixtures/smallInputs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function run(n: number): Promise<string[]> {
  const copies = smallInputCopies(n);
  const files = new Map(copies.map((c) => [c.name, new Uint8Array(readFileSync(path.join(root, 'tests/fixtures', c.path)))]));
  const bytes = [...files.values()].reduce((s, b) => s + b.length, 0);

  // The CLI on the same files, written to a temporary folder.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gotune-many-'));
  let cliMs: number;
  try {
    for (const [name, b] of files) writeFileSync(path.join(dir, name), b);
    const t0 = performance.now();
    const r = spawnSync('npm', ['run', '--silent', 'analyze', '--', ...[...files.keys()].map((f) => path.join(dir, f))], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    cliMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`npm run analyze failed (${r.status}): ${r.stderr.slice(-500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const b = await withServedApp(files, async (browser, base) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(base);
    await page.evaluate(async (names) => {
      const w = window as unknown as { __files: File[] };
      w.__files = await Promise.all(names.map(async (n) => new File([await (await fetch(`__bench_input/${encodeURIComponent(n)}`)).blob()], n)));
    }, [...files.keys()]);
    // The DataTransfer is filled in a task of its own: only the app's handling of the drop is measured.
    await page.evaluate(() => {
      const w = window as unknown as { __files: File[]; __dt: DataTransfer; __longTasks: { start: number; ms: number }[] };
      w.__dt = new DataTransfer();
      for (const f of w.__files) w.__dt.items.add(f);
      w.__longTasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, ms: e.duration }))).observe({ type: 'longtask', buffered: false });
    });
    const dropAt = await page.evaluate(() => {
      const dt = (window as unknown as { __dt: DataTransfer }).__dt;
      const at = performance.now();
      for (const type of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      return at;
    });
    const t0 = Date.now();
    // Polled twice a second, so the bench's own DOM queries hardly load the page it measures.
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=input-row][data-status=done], [data-testid=input-row][data-status=failed]').length === n && document.querySelector('[data-testid=save-state]')?.getAttribute('data-state') === 'saved',
      n,
      { polling: 500, timeout: 1_200_000 },
    );
    const totalMs = Date.now() - t0;
    const failed = await page.locator('[data-testid=input-row][data-status=failed]').count();
    await page.waitForTimeout(1000); // the report keeps rendering its sections: count those tasks too
    const tasks = await page.evaluate((from) => (window as unknown as { __longTasks: { start: number; ms: number }[] }).__longTasks.filter((t) => t.start >= from).map((t) => t.ms), dropAt);
    const sections = await page.locator('[data-testid=report-body] section.view').count();
    await page.close();
    return { totalMs, failed, tasks, sections };
  });
  const longest = Math.max(0, ...b.tasks);
  return [
    `many files in Chromium: ${n} small files, ${(bytes / 1048576).toFixed(2)} MiB (copies of ${new Set(copies.map((c) => c.path)).size} committed fixtures)`,
    `  drop → all analysed and saved ${b.totalMs} ms; npm run analyze on the same files ${cliMs.toFixed(0)} ms (${(b.totalMs / cliMs).toFixed(2)}× the CLI); ${b.failed} failed; ${b.sections} report sections`,
    `  longest main-thread task ${longest.toFixed(0)} ms (${b.tasks.length} tasks over 50 ms)  goal: none over 100 ms`,
  ];
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 500))).join('\n'));
