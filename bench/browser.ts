// Runs an input through the real app in the system Chromium and measures what a
// person would feel: the worker's parse+analyse time and the longest
// main-thread task (Long Tasks API) from the drop until the report is shown.
// The page is the production build served by `vite preview`.

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview, type Plugin } from 'vite';
import { mainThreadTasks, TASK_TRACE_CATEGORIES } from './mainThreadTasks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Port of the preview server (GOTUNE_BENCH_PORT when several benches run on one machine). */
const PORT = Number(process.env.GOTUNE_BENCH_PORT ?? 4179);

export interface BrowserResult {
  /** Parse+analyse time the worker reported, ms. */
  workerMs: number;
  /** Drop to report on screen, ms. */
  totalMs: number;
  /** Longest main-thread task while that happened, ms (0 when none over 50 ms). */
  longestTaskMs: number;
  longTasks: number;
  /** Drop to the first report section on screen (an early result when the input gives one), ms. */
  firstViewMs: number;
  /** Longest main-thread task by CPU time (Chrome trace, see mainThreadTasks.ts), ms (0 when none over 50 ms). */
  longestCpuMs: number;
  /** Main-thread tasks over 50 ms of CPU time. */
  cpuTasks: number;
}

/**
 * The production build served by `vite preview` (built first when missing) and
 * the system Chromium; `files` are served at /__bench_input/<name> (same
 * origin), so inputs of hundreds of MiB need not pass through the test driver.
 */
export async function withServedApp<T>(files: Map<string, Uint8Array>, fn: (browser: Browser, base: string) => Promise<T>): Promise<T> {
  if (!existsSync(path.join(root, 'dist/index.html'))) execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
  const serveInput: Plugin = {
    name: 'bench-input',
    configurePreviewServer(server) {
      server.middlewares.use('/__bench_input/', (req, res) => {
        const input = files.get(decodeURIComponent((req.url ?? '').replace(/^\//, '')));
        if (!input) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/octet-stream');
        res.end(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
      });
    },
  };
  const server = await preview({ root, plugins: [serveInput], preview: { port: PORT, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.GOTUNE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    return await fn(browser, `http://127.0.0.1:${PORT}/`);
  } finally {
    await browser?.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}

export async function withApp<T>(fn: (open: (bytes: Uint8Array, name: string) => Promise<BrowserResult>) => Promise<T>): Promise<T> {
  const files = new Map<string, Uint8Array>();
  return withServedApp(files, async (b, base) => {
    return await fn(async (bytes, name) => {
      const page = await b.newPage({ viewport: { width: 1366, height: 900 } });
      files.clear();
      files.set('input', bytes);
      // GOTUNE_TRACE_OUT=file.json: the drop's Chromium performance trace with scripts, layout and paint, to see what the long tasks did.
      const traceOut = process.env.GOTUNE_TRACE_OUT;
      // GOTUNE_TRACE_PROFILE=1 adds V8's sampling profiler to it (the functions each long task ran; it costs some CPU).
      const profile = process.env.GOTUNE_TRACE_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : [];
      const detail = traceOut ? ['devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-v8.gc', 'blink.user_timing', ...profile] : [];
      const { t0, dropAt } = await dropServed(page, base, name, () => b.startTracing(page, { categories: [...TASK_TRACE_CATEGORIES, ...detail] }));
      const row = page.locator(`[data-testid=input-row][data-input-name="${name}"]`);
      await row.and(page.locator('[data-status=done], [data-status=failed]')).waitFor({ timeout: 600_000 });
      await page.waitForTimeout(300); // let the report render
      const totalMs = Date.now() - t0;
      const trace = await b.stopTracing();
      if (traceOut) writeFileSync(traceOut, trace);
      const cpu = mainThreadTasks(trace).cpuMs;
      const status = await row.innerText();
      const workerMs = Number(/analysed in (\d+) ms/.exec(status)?.[1] ?? NaN);
      const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      const firstView = await page.evaluate(() => (window as unknown as { __firstView: number }).__firstView);
      await page.close();
      return { workerMs, totalMs, longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length, firstViewMs: firstView ? Math.round(firstView - dropAt) : -1, longestCpuMs: Math.max(0, ...cpu), cpuTasks: cpu.length };
    });
  });
}

/**
 * Opens the app, fetches the served input `/__bench_input/input` as a File
 * named `name`, starts recording long tasks and the first report section, and
 * drops the file (after `beforeDrop`, e.g. starting a trace). Returns
 * Date.now() and the page's clock at the drop.
 */
export async function dropServed(page: Page, base: string, name: string, beforeDrop?: () => Promise<void>): Promise<{ t0: number; dropAt: number }> {
  await page.goto(base);
  await page.evaluate(async (name) => {
    const w = window as unknown as { __longTasks: number[]; __file: File };
    w.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    const v = window as unknown as { __firstView: number };
    v.__firstView = 0;
    new MutationObserver(() => {
      if (!v.__firstView && document.querySelector('[data-testid=report-body] canvas')) v.__firstView = performance.now();
    }).observe(document, { subtree: true, childList: true });
    w.__file = new File([await (await fetch('__bench_input/input')).blob()], name);
  }, name);
  await beforeDrop?.();
  const t0 = Date.now();
  const dropAt = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add((window as unknown as { __file: File }).__file);
    for (const type of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    return performance.now();
  });
  return { t0, dropAt };
}
