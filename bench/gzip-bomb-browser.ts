// Peak memory of a gzip bomb dropped into the real app in the system Chromium
// (the issue measured +2.1 GB there for a 44.7 MiB bomb): the resident memory
// of the browser's processes (page, worker, GPU…: every descendant of this
// process), sampled every 25 ms from the drop until the error is on screen,
// above what they held just before the drop, as a multiple of the 1 GiB cap.
// Goal (issue 13): under 1.3× the cap.
//
//   npx tsx bench/gzip-bomb-browser.ts [MiB of zeros, default 1.25 × the cap]

import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { preview, type Plugin } from 'vite';
import { gzipOfZeros } from './gzipOfZeros';
import { MAX_DECOMPRESSED_BYTES } from '../src/formats/limits';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1 << 20;
const zerosMiB = Number(process.argv[2] ?? Math.ceil((1.25 * MAX_DECOMPRESSED_BYTES) / MiB));

/** Resident bytes of every descendant process of this one (Linux /proc). */
function descendantsRss(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      rss.set(Number(d), Number(f[21]) * 4096);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(Number(d));
    } catch {
      // the process ended meanwhile
    }
  }
  let sum = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    sum += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return sum;
}

if (!existsSync(path.join(root, 'dist/index.html'))) execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
const input = await gzipOfZeros(zerosMiB);
const serveInput: Plugin = {
  name: 'bench-input',
  configurePreviewServer(server) {
    server.middlewares.use('/__bench_input', (_req, res) => {
      res.setHeader('content-type', 'application/octet-stream');
      res.end(input);
    });
  },
};
const server = await preview({ root, plugins: [serveInput], preview: { port: 4178, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
const browser = await chromium.launch({
  executablePath: process.env.GOTUNE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto('http://127.0.0.1:4178/');
  await page.evaluate(async () => {
    (window as unknown as { __file: File }).__file = new File([await (await fetch('__bench_input')).blob()], 'bomb.log.gz');
  });
  await page.waitForTimeout(1000);
  const base = descendantsRss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, descendantsRss())), 25);
  const t0 = Date.now();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add((window as unknown as { __file: File }).__file);
    for (const type of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.locator('[data-testid=input-row][data-status=failed], [data-testid=input-row][data-status=done]').waitFor({ timeout: 600_000 });
  const ms = Date.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, descendantsRss());
  const error = (await page.getByTestId('input-error').allTextContents()).join(' ');
  const gained = peak - base;
  console.log(`gzip bomb in Chromium: ${(input.length / MiB).toFixed(2)} MiB gzip of ${zerosMiB} MiB of zeros, cap ${MAX_DECOMPRESSED_BYTES / MiB} MiB`);
  console.log(`on screen: ${error || '(no error shown)'}`);
  console.log(`drop → message ${ms} ms; peak resident memory of the browser above the baseline ${(gained / MiB).toFixed(0)} MiB = ${(gained / MAX_DECOMPRESSED_BYTES).toFixed(2)}× the cap (goal < 1.3×)`);
  if (!error.includes('exceeds')) process.exitCode = 1;
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
