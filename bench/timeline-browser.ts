// Bench: the trace timeline in Chromium on a big trace (made at bench time,
// see gotrace.ts): drop → report → first timeline paint, then the frame time
// of each zoom (W) and pan (D) step — from the key press to the painted frame
// of the new window, the worker's tile query included — and the longest
// main-thread task meanwhile. Needs Go and `npm run build`.
// Run: npx tsx bench/timeline-browser.ts [minMB]

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropServed, withServedApp } from './browser';
import { makeTrace } from './gotrace';
import { median } from './timing';
import { longTaskBreakdown } from './chromeTrace';

export async function run(minMB: number): Promise<string[]> {
  const data = new Uint8Array(readFileSync(makeTrace(minMB)));
  const files = new Map([['input', data]]);
  return withServedApp(files, async (browser, base) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const { t0 } = await dropServed(page, base, 'bench.trace');
    await page.locator('[data-testid=input-row][data-status=done]').waitFor({ timeout: 600_000 });
    const done = Date.now();
    const canvas = page.getByTestId('timeline-canvas');
    // The timeline loads as it comes near the viewport: scrolled to as soon as the report shows it.
    await page.getByTestId('trace-timeline').scrollIntoViewIfNeeded({ timeout: 120_000 });
    await page.getByTestId('timeline-count').first().waitFor({ timeout: 120_000 });
    const firstPaint = Date.now() - done;
    await canvas.scrollIntoViewIfNeeded();
    // Let the charts that scrolled into view with it draw first (they are not the timeline's).
    await page.waitForTimeout(3000);
    // The same time with nothing done: long tasks that are not the timeline's (the machine, other views).
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    await page.waitForTimeout(3000);
    const idle = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    // GOTUNE_TRACE_OUT=file.json: a Chromium performance trace of the steps, and what the long tasks did.
    const traceOut = process.env.GOTUNE_TRACE_OUT;
    if (traceOut) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-v8.gc'] });
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    const steps = await page.evaluate(async () => {
      const c = document.querySelector('[data-testid=timeline-canvas]') as HTMLCanvasElement;
      const out: { key: string; ms: number; paintedMs: number; tileMs: number; drawMs: number }[] = [];
      const keys = [...'wwwwwwwwww', ...'dddddddddd', ...'ssssssssss'];
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        // A person's key press lands anywhere between two frames; the loop below leaves off at the start of
        // one, so each press waits a different share of a 60 Hz frame first (0, 7.3, 14.6, 5.2, … ms).
        await new Promise((r) => setTimeout(r, (i * 7.3) % 16.7));
        const before = c.dataset.fromNs + '/' + c.dataset.toNs;
        const at = performance.now();
        const changed = new Promise<void>((resolve) => {
          const mo = new MutationObserver(() => {
            if (c.dataset.fromNs + '/' + c.dataset.toNs !== before) {
              mo.disconnect();
              resolve();
            }
          });
          mo.observe(c, { attributes: true });
        });
        c.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        await Promise.race([changed, new Promise((r) => setTimeout(r, 5000))]);
        const tileMs = performance.now() - at;
        // The frame that shows the new window: its animation callbacks (the canvas is drawn in one) run,
        // then style, layout and paint; a task queued from the callback runs after that paint.
        let paintedMs = 0;
        await new Promise<void>((r) =>
          requestAnimationFrame(() =>
            setTimeout(() => {
              paintedMs = performance.now() - at;
              r();
            }, 0),
          ),
        );
        // and, as before, the start of the frame after it
        await new Promise((r) => requestAnimationFrame(r));
        out.push({ key, ms: performance.now() - at, paintedMs, tileMs, drawMs: Number(c.dataset.drawMs) });
      }
      return out;
    });
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    let breakdown: string[] = [];
    if (traceOut) {
      const buf = await browser.stopTracing();
      writeFileSync(traceOut, buf);
      breakdown = longTaskBreakdown(JSON.parse(buf.toString('utf8')), 50);
    }
    await page.close();
    const ms = steps.map((s) => s.ms);
    const mib = data.length / 1048576;
    return [
      `timeline in Chromium: ${mib.toFixed(1)} MiB trace, drop → report ${done - t0} ms, report → first timeline paint ${firstPaint} ms`,
      `  zoom/pan steps (${ms.length}: W, D, S): key press → the frame with the new window painted (the worker's tile query, the animation frame that draws the canvas and that frame's paint; presses spread over the frame): median ${median(steps.map((s) => s.paintedMs)).toFixed(1)} ms, max ${Math.max(...steps.map((s) => s.paintedMs)).toFixed(1)} ms`,
      `  key press → the start of the frame after it (as measured before stop 25): median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`,
      `  each step, key: painted ms (tile ms): ${steps.map((s) => `${s.key} ${s.paintedMs.toFixed(0)} (${s.tileMs.toFixed(0)})`).join(', ')}`,
      `  of which key press → tile from the worker: median ${median(steps.map((s) => s.tileMs)).toFixed(1)} ms; painting the canvas: median ${median(steps.map((s) => s.drawMs)).toFixed(2)} ms, max ${Math.max(...steps.map((s) => s.drawMs)).toFixed(2)} ms`,
      `  longest main-thread task while zooming and panning ${Math.max(0, ...tasks).toFixed(0)} ms (${tasks.length} over 50 ms); in 3 s left idle before: ${Math.max(0, ...idle).toFixed(0)} ms (${idle.length} over 50 ms)`,
      ...breakdown,
    ];
  });
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log((await run(Number(process.argv[2] ?? 50))).join('\n'));
