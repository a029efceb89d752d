// Charts below the fold are made when a person scrolls to them, not while the
// input is analysed (components/WhenVisible): drop a real trace, check that the
// scheduler-latency chart far down the page has no chart yet, scroll down with
// the mouse wheel as a person does, and check that it is then drawn with its axes.

import { expect, test } from '@playwright/test';
import { dropFiles, fixture } from './helpers';

type Layout = { box: { y: number; height: number }; texts: { text: string }[]; grids: unknown[] }[];
const layouts = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __gotune: { chartLayout(): Layout } }).__gotune.chartLayout());

test('a chart below the fold is drawn when scrolled into view', async ({ page }) => {
  // A phone: the chart cards stack in one column, so the last one is far below the first.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const first = page.getByTestId('trace-stw-histogram-card');
  const card = page.getByTestId('trace-sched-chart-card');
  await expect(card).toBeAttached();
  const viewport = page.viewportSize()!;

  /** Scroll down with the mouse wheel over the page's margin (a chart with zoom would take the wheel), as a person reading the report does. */
  async function scrollTo(target: typeof card) {
    await page.mouse.move(2, viewport.height / 2);
    for (let i = 0; i < 60 && (await target.boundingBox())!.y > viewport.height / 3; i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(100);
    }
    await expect(target).toBeInViewport();
  }

  // The first chart card of the view, scrolled to: drawn.
  await scrollTo(first);
  await expect(first.locator('canvas')).toHaveCount(1);
  // The scheduler-latency chart, further down: not made yet.
  expect((await card.boundingBox())!.y, 'the chart starts well below the fold (WhenVisible draws 300 px ahead)').toBeGreaterThan(viewport.height + 300);
  await page.waitForTimeout(500);
  await expect(card.locator('canvas')).toHaveCount(0);
  expect((await layouts(page)).some((l) => l.texts.some((t) => t.text === 'goroutine starts'))).toBe(false);

  await scrollTo(card);
  await expect(card.locator('canvas')).toHaveCount(1);
  // Drawn, not an empty canvas: its plot area and its y-axis name are in ECharts' display list.
  await expect.poll(async () => (await layouts(page)).find((l) => l.texts.some((t) => t.text === 'goroutine starts'))?.grids.length ?? 0).toBe(1);
});

// ECharts comes in several chunks loaded one after another (src/ui/charts/loadEcharts.ts), so
// that the browser compiles each and writes its code cache in a task of its own: as one 740 kB
// chunk that was one main-thread task of 60–90 ms of CPU (bench/gotrace-browser.ts).
test('ECharts loads in parts, each under 256 kB, one after another', async ({ page }) => {
  const loads: { url: string; bytes: number; at: number }[] = [];
  page.on('response', async (r) => {
    if (/\/assets\/echarts[^/]*\.js$/.test(r.url())) loads.push({ url: r.url(), bytes: (await r.body()).length, at: loads.length });
  });
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const card = page.getByTestId('trace-stw-histogram-card');
  await card.scrollIntoViewIfNeeded();
  await expect(card.locator('canvas')).toHaveCount(1);
  await expect.poll(() => loads.length).toBeGreaterThanOrEqual(4);
  expect(new Set(loads.map((l) => l.url)).size, 'each part is fetched once').toBe(loads.length);
  for (const l of loads) expect(l.bytes, l.url).toBeLessThan(256 * 1024);
  // Each part is asked for after the one before it has run: zrender, the base, the charts, the components.
  expect(loads.map((l) => l.url.replace(/.*\/assets\/(echarts[a-z-]*)-[^/]*$/, '$1'))).toEqual(['echarts-zrender', 'echarts', 'echarts-parts', 'echarts-components']);
});
