// Bench: reopening a saved session in Chromium. A Go execution trace (made at
// bench time, see gotrace.ts; ~75 MB by default) is dropped and saved; the
// page is then reloaded, which reopens the session from IndexedDB, and the
// trace's CPU-sample flame graph is scrolled to as soon as its section exists.
// Measured: reload → flame graph drawn (ms since the reload's navigation
// start), and the longest main-thread task during the reopen. Reference in
// the same run: the worker's parse+analyse time of the same trace at the drop
// (what reopening would cost if it read the trace again).
// Needs Go and `npm run build`. Run: npx tsx bench/reopen-browser.ts [minMB]

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropServed, withServedApp } from './browser';
import { makeTrace } from './gotrace';
import { cpuBetweenMarks, mainThreadTasks, TASK_TRACE_CATEGORIES } from './mainThreadTasks';

export interface ReopenResult {
  /** Worker parse+analyse at the drop, ms (the reference). */
  workerMs: number;
  /** Reload → flame graph drawn, ms. */
  flameMs: number;
  /** Reload → first chart of the report drawn, ms. */
  firstChartMs: number;
  longestTaskMs: number;
  longTasks: number;
  /** Longest main-thread task by CPU time during the reopen (see mainThreadTasks.ts), ms. */
  longestCpuMs: number;
  cpuTasks: number;
  /** CPU time from the page's start to the flame graph drawn: main thread, workers (ms). */
  pathMainCpuMs: number;
  pathWorkerCpuMs: number;
  /** Scrolled to the timeline (after the flame graph) → its lanes drawn from the timeline kept with the session (its overview), ms; from the reload when drawn before the scroll. */
  timelineMs: number;
  /** Scrolled to the timeline → its detail (its columns) read, so zooming and clicks answer, ms. */
  detailMs: number;
  /** Traces the worker read during the reopen (0: nothing was read again). */
  reads: number;
  /** Bytes of the timeline stored with the session. */
  timelineBytes: number;
}

/** Installed before the page's own scripts on every load: long tasks, first chart, flame graph drawn. */
function recorder() {
  const w = window as unknown as { __longTasks: number[]; __flameAt: number; __chartAt: number; __timelineAt: number; __detailAt: number };
  w.__longTasks = [];
  w.__timelineAt = 0;
  w.__detailAt = 0;
  w.__flameAt = 0;
  w.__chartAt = 0;
  performance.mark('bench-reopen-start');
  new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  let scrolled = false;
  new MutationObserver(() => {
    const section = document.querySelector('[data-testid=trace-cpu-profile]');
    if (section && !scrolled) {
      scrolled = true;
      section.scrollIntoView({ block: 'start' });
    }
    if (!w.__chartAt && document.querySelector('[data-testid=report-body] canvas')) w.__chartAt = performance.now();
    const flame = section?.querySelector('[data-testid=flame-canvas]');
    if (!w.__flameAt && Number(flame?.getAttribute('data-drawn') ?? 0) > 10) {
      w.__flameAt = performance.now();
      performance.mark('bench-flame-drawn');
    }
    if (!w.__timelineAt && [...document.querySelectorAll('[data-testid=timeline-count]')].some((e) => Number(e.getAttribute('data-count')) > 0)) w.__timelineAt = performance.now();
    if (!w.__detailAt && document.querySelector('[data-testid=timeline-canvas][data-detail=ready]')) w.__detailAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn', 'data-count', 'data-detail'] });
}

export async function reopen(data: Uint8Array): Promise<ReopenResult> {
  const files = new Map([['input', data]]);
  return withServedApp(files, async (browser, base) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await dropServed(page, base, 'bench.trace');
    const row = page.locator('[data-testid=input-row][data-input-name="bench.trace"]');
    await row.and(page.locator('[data-status=done]')).waitFor({ timeout: 600_000 });
    const workerMs = Number(/analysed in (\d+) ms/.exec(await row.innerText())?.[1] ?? NaN);
    await page.locator('[data-testid=save-state][data-state=saved]').waitFor({ timeout: 120_000 });
    await page.addInitScript(recorder);
    // GOTUNE_TRACE_OUT=file.json: the reopen's Chromium performance trace with scripts, layout and paint, to see where the time goes.
    const traceOut = process.env.GOTUNE_TRACE_OUT;
    const detail = traceOut ? ['devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-v8.gc', 'loading', 'netlog'] : [];
    await browser.startTracing(page, { categories: [...TASK_TRACE_CATEGORIES, 'blink.user_timing', ...detail] });
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __flameAt: number }).__flameAt > 0, undefined, { polling: 200, timeout: 120_000 });
    await page.waitForTimeout(1000); // the rest of the report keeps rendering: count those tasks too
    const trace = await browser.stopTracing();
    if (traceOut) writeFileSync(traceOut, trace);
    const cpu = mainThreadTasks(trace).cpuMs;
    const path = cpuBetweenMarks(trace, 'bench-reopen-start', 'bench-flame-drawn');
    const r = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __flameAt: number; __chartAt: number };
      return { flameMs: w.__flameAt, firstChartMs: w.__chartAt, tasks: w.__longTasks };
    });
    // Then the timeline, as a person scrolls down to it: drawn from what the session kept.
    const [timelineMs, detailMs] = await page.evaluate(async () => {
      const w = window as unknown as { __timelineAt: number; __detailAt: number };
      document.querySelector('[data-testid=trace-timeline]')?.scrollIntoView({ block: 'start' });
      const t0 = performance.now();
      while (!w.__timelineAt || !w.__detailAt) {
        if (document.querySelector('[data-testid=timeline-read]') || performance.now() - t0 > 60_000) return [NaN, NaN];
        await new Promise((r) => setTimeout(r, 5));
      }
      // Drawn before the scroll (a small report: the timeline was near the viewport at the reload): timed from the reload.
      const from = w.__timelineAt > t0 ? t0 : 0;
      return [w.__timelineAt - from, w.__detailAt - from];
    });
    const reads = await page.evaluate(() => (window as unknown as { __gotune: { parses(): Promise<number> } }).__gotune.parses());
    const timelineBytes = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('gotune');
          open.onsuccess = () => {
            const req = open.result.transaction('kv').objectStore('kv').getAll();
            req.onsuccess = () => resolve((req.result as { raw?: { timeline?: Blob } }[]).reduce((n, r) => n + (r?.raw?.timeline?.size ?? 0), 0));
          };
        }),
    );
    await page.close();
    return { timelineMs: Math.round(timelineMs), detailMs: Math.round(detailMs), reads, timelineBytes, workerMs, flameMs: Math.round(r.flameMs), firstChartMs: Math.round(r.firstChartMs), longestTaskMs: Math.max(0, ...r.tasks), longTasks: r.tasks.length, longestCpuMs: Math.max(0, ...cpu), cpuTasks: cpu.length, pathMainCpuMs: path?.mainMs ?? NaN, pathWorkerCpuMs: path?.workerMs ?? NaN };
  });
}

export async function run(minMB: number): Promise<string[]> {
  const data = new Uint8Array(readFileSync(makeTrace(minMB)));
  const r = await reopen(data);
  return [
    `reopen a saved session in Chromium: execution trace ${(data.length / 1048576).toFixed(1)} MiB`,
    `  reload → CPU flame graph drawn ${r.flameMs} ms (goal under 500 ms); reading the trace again would take ${r.workerMs} ms (${(r.flameMs / r.workerMs).toFixed(3)}×); reload → first chart ${r.firstChartMs} ms`,
    `  CPU time on the way (page start → flame graph drawn): main thread ${r.pathMainCpuMs.toFixed(0)} ms, worker ${r.pathWorkerCpuMs.toFixed(0)} ms`,
    `  longest main-thread task ${r.longestTaskMs.toFixed(0)} ms (${r.longTasks} tasks over 50 ms)  goal: none over 50 ms`,
    `  scrolled to the timeline → its lanes drawn ${r.timelineMs} ms, its detail read (zoom and clicks answer) ${r.detailMs} ms, from the ${(r.timelineBytes / 1048576).toFixed(1)} MiB timeline kept with the session (traces read again during the reopen: ${r.reads}); reading the trace again would take ${r.workerMs} ms (${(r.timelineMs / r.workerMs).toFixed(3)}×)`,
    `  main-thread CPU time per task: longest ${r.longestCpuMs.toFixed(0)} ms (${r.cpuTasks} tasks over 50 ms of CPU; wall times above include waiting for a core)`,
  ];
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 50))).join('\n'));
