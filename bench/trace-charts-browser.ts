// Bench: the charts of a large Go execution trace's report (made at bench
// time, see gotrace.ts), drawn as a person scrolls to them after the drop.
// Charts are drawn only when they come near the screen, so the drop bench
// (gotrace-browser.ts) does not draw them. Measured: each chart's draw (the
// user-timing measure `chart <testid>` of Chart.svelte, wall ms) and the
// longest main-thread task while scrolling, by wall and by CPU time (Chrome
// trace; wall times grow with the machine's load, CPU times do not).
// Needs Go and `npm run build`. Run: npx tsx bench/trace-charts-browser.ts [minMB]

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropServed, withServedApp } from './browser';
import { makeTrace } from './gotrace';
import { cpuOfMeasures, mainThreadTasks, TASK_TRACE_CATEGORIES } from './mainThreadTasks';

/** The trace view's ECharts charts, top to bottom. */
const CHARTS = ['trace-stw-histogram', 'trace-heap-chart', 'trace-mmu-chart', 'trace-goroutines-chart', 'trace-sched-chart'];

export interface ChartsResult {
  /** Chart test id → its draw, wall ms. */
  drawMs: Record<string, number>;
  /** Chart test id → CPU time of the task that drew it, ms. */
  drawCpuMs: Record<string, number>;
  longestWallMs: number;
  longestCpuMs: number;
  /** Main-thread tasks over 50 ms of CPU time while scrolling. */
  cpuTasks: number;
}

export async function scrollCharts(data: Uint8Array, width = 1366): Promise<ChartsResult> {
  return withServedApp(new Map([['input', data]]), async (browser, base) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await dropServed(page, base, 'bench.trace');
    await page.locator('[data-testid=input-row][data-input-name="bench.trace"][data-status=done]').waitFor({ timeout: 600_000 });
    await page.waitForTimeout(1000); // the report's sections and the charts near the top settle
    const traceOut = process.env.GOTUNE_TRACE_OUT;
    // GOTUNE_PROFILE=1 adds V8's sampling profiler (its start is a task of ~200 ms CPU of its own).
    const detail = traceOut ? ['devtools.timeline', 'v8', 'blink', 'toplevel', ...(process.env.GOTUNE_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : [])] : [];
    await browser.startTracing(page, { categories: [...TASK_TRACE_CATEGORIES, 'blink.user_timing', ...detail] });
    for (const id of CHARTS) {
      await page.locator(`[data-testid=${id}-card]`).scrollIntoViewIfNeeded();
      await page.waitForFunction((id) => performance.getEntriesByName(`chart ${id}`).length > 0, id, { polling: 100, timeout: 60_000 });
      await page.waitForTimeout(300);
    }
    const trace = await browser.stopTracing();
    if (traceOut) writeFileSync(traceOut, trace);
    const drawMs = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, Math.max(...performance.getEntriesByName(`chart ${id}`).map((e) => e.duration))])), CHARTS);
    const t = mainThreadTasks(trace);
    await page.close();
    return { drawMs, drawCpuMs: cpuOfMeasures(trace, 'chart '), longestWallMs: Math.max(0, ...t.wallMs), longestCpuMs: Math.max(0, ...t.cpuMs), cpuTasks: t.cpuMs.length };
  });
}

export async function run(minMB: number): Promise<string[]> {
  const data = new Uint8Array(readFileSync(makeTrace(minMB)));
  const out = [`execution trace's charts scrolled into view in Chromium: ${(data.length / 1048576).toFixed(1)} MiB trace`];
  for (const width of [1366, 390]) {
    const r = await scrollCharts(data, width);
    out.push(
      `  ${width} px wide: chart draws (wall ms) ${Object.entries(r.drawMs)
        .map(([k, v]) => `${k.replace(/^trace-|-chart$/g, '')} ${v.toFixed(0)}`)
        .join(', ')}`,
      `    CPU of the task drawing each (ms) ${Object.entries(r.drawCpuMs)
        .map(([k, v]) => `${k.replace(/^trace-|-chart$/g, '')} ${v.toFixed(0)}`)
        .join(', ')}`,
      `    longest main-thread task while scrolling: ${r.longestWallMs.toFixed(0)} ms wall (0 = none over 50), ${r.longestCpuMs.toFixed(0)} ms CPU (${r.cpuTasks} over 50 ms of CPU)  goal: none over 50 ms`,
    );
  }
  return out;
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 50))).join('\n'));
