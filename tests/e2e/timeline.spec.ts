// The execution-trace timeline as a person uses it: drop a real Go 1.26
// trace, see a lane per P with the slice counts x/exp/trace gives for the
// whole trace and for a typed-in window (tools/traceslices → *.slices.json),
// zoom and pan with W/S/A/D, click a slice and read its goroutine and stack,
// jump from a worst stop-the-world row to that pause; axe, and screenshots in
// light and dark at 1440 and 390 px.

import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { dropFiles, exportedReport, fixture, parses } from './helpers';

interface Golden {
  firstTime: number;
  perP: Record<string, number>;
  windows: { why: string; t0: number; t1: number; perP: Record<string, number>; first: Record<string, { start: number; end: number; g: number; top: string }> }[];
}
const golden: Golden = JSON.parse(readFileSync(fixture('gotrace/go126-mixed.slices.json'), 'utf8'));
const procs = Object.keys(golden.perP).map(Number).sort((a, b) => a - b);
// The canvas layout (TraceTimeline.svelte): lanes start below the ruler, counters, GC and STW rows.
const Y_LANES = 24 + 48 + 4 + 30 + 4 + 16 + 4 + 16 + 4;
const LANE = 18;

async function counts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const el of await page.getByTestId('timeline-count').all()) {
    const n = Number(await el.getAttribute('data-count'));
    if (n) out[(await el.getAttribute('data-p'))!] = n;
  }
  return out;
}

async function shown(canvas: Locator): Promise<[number, number]> {
  return [Number(await canvas.getAttribute('data-from-ns')), Number(await canvas.getAttribute('data-to-ns'))];
}

async function showWindow(page: Page, fromNs: number, toNs: number) {
  await page.getByTestId('timeline-from').fill((fromNs / 1e6).toFixed(3));
  await page.getByTestId('timeline-to').fill((toNs / 1e6).toFixed(3));
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-from-ns', String(Math.round(fromNs / 1e3) * 1e3));
}

test('trace timeline: P lanes with x/exp/trace slice counts, keyboard zoom, a slice clicked, a worst STW jumped to', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const timeline = page.getByTestId('trace-timeline');
  await timeline.scrollIntoViewIfNeeded();
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toBeVisible();

  // The whole trace: one lane per P, as many slices on each as x/exp/trace counts.
  await expect(page.getByTestId('timeline-count')).toHaveCount(procs.length);
  await expect.poll(() => counts(page)).toEqual(golden.perP);

  // Keyboard zoom and pan (as go tool trace: W in, S out, A/D earlier/later).
  await canvas.focus();
  const [a0, a1] = await shown(canvas);
  await page.keyboard.press('w');
  await expect.poll(async () => { const [f, t] = await shown(canvas); return Math.round(((t - f) / (a1 - a0)) * 100); }).toBe(50);
  await page.keyboard.press('w');
  await expect.poll(async () => { const [f, t] = await shown(canvas); return Math.round(((t - f) / (a1 - a0)) * 100); }).toBe(25);
  const [b0] = await shown(canvas);
  await page.keyboard.press('d');
  await expect.poll(async () => (await shown(canvas))[0]).toBeGreaterThan(b0);
  await page.keyboard.press('s');
  await expect.poll(async () => { const [f, t] = await shown(canvas); return Math.round(((t - f) / (a1 - a0)) * 100); }).toBe(50);

  // The mouse: the wheel zooms in where it points, a drag moves the window.
  const cb = (await canvas.boundingBox())!;
  const [c0, c1] = await shown(canvas);
  await page.mouse.move(cb.x + cb.width / 2, cb.y + 200);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => { const [f, t] = await shown(canvas); return t - f < (c1 - c0) * 0.8; }).toBe(true);
  const [d0] = await shown(canvas);
  await page.mouse.move(cb.x + cb.width / 2, cb.y + 200);
  await page.mouse.down();
  await page.mouse.move(cb.x + cb.width / 2 + 150, cb.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await shown(canvas))[0]).toBeLessThan(d0);

  // A zoomed window typed in: the lanes hold exactly the slices x/exp/trace finds there.
  const w = golden.windows.find((x) => x.why.includes('1/4'))!;
  await showWindow(page, w.t0 - golden.firstTime, w.t1 - golden.firstTime);
  const want: Record<string, number> = {};
  for (const p of procs) if (w.perP[p]) want[p] = w.perP[p];
  await expect.poll(() => counts(page)).toEqual(want);

  // Zoom onto P's first slice there and click it: its goroutine, and the stack where it stopped.
  const p = Object.keys(w.first).map(Number).sort((x, y) => x - y)[0];
  const s = w.first[p];
  const from = Math.floor((s.start - golden.firstTime) / 1e3) * 1e3;
  const to = Math.ceil((s.end - golden.firstTime) / 1e3) * 1e3;
  await showWindow(page, from, to);
  const box = (await canvas.boundingBox())!;
  const gutter = box.width < 600 ? 74 : 88;
  const mid = (s.start + s.end) / 2 - golden.firstTime;
  await canvas.click({ position: { x: gutter + ((mid - from) / (to - from)) * (box.width - gutter), y: Y_LANES + procs.indexOf(p) * LANE + LANE / 2 } });
  await expect(page.getByTestId('timeline-goroutine')).toHaveText(String(s.g));
  if (s.top) await expect(page.getByTestId('timeline-stack').locator('li').first()).toContainText(s.top);
  await expect(page.getByTestId('timeline-next')).toContainText(/ms on P\d+ \(|not again in the trace/);

  // A worst stop-the-world row jumps the timeline to a window holding that pause.
  const report = await exportedReport(page);
  const worst = report.inputs[0].trace.stw.worst[0];
  await page.getByTestId('trace-stw-jump').first().click();
  await expect.poll(async () => { const [f, t] = await shown(canvas); return f <= worst.startNs && t >= worst.startNs + worst.durNs; }).toBe(true);
  await expect(canvas).toBeFocused();
  await expect(timeline).toBeInViewport();

  const axe = await new AxeBuilder({ page }).include('[data-testid=trace-timeline]').include('[data-testid=trace-worst-stw]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // Screens: the jumped-to pause, light and dark, wide and phone-sized.
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    for (const dark of [false, true]) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme === 'dark')) !== dark) {
        await page.getByRole('button', { name: `Switch to ${dark ? 'dark' : 'light'} mode` }).click();
      }
      await page.getByTestId('trace-stw-jump').first().click();
      await page.waitForTimeout(300);
      await timeline.screenshot({ path: `screens/timeline-${width}-${dark ? 'dark' : 'light'}.png` });
    }
  }
});

test('a reopened session does not read the trace again until the timeline is asked for', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await page.reload();
  const read = page.getByTestId('timeline-read');
  await read.scrollIntoViewIfNeeded();
  await expect(read).toContainText('Read the trace again');
  expect(await parses(page)).toBe(0);
  await read.click();
  await expect.poll(() => counts(page)).toEqual(golden.perP);
  expect(await parses(page)).toBe(1);
});
