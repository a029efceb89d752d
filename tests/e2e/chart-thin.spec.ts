// A trace's heap and goroutine charts get their series thinned to the plot's
// pixels (charts/thin.ts; the kept points are checked in
// tests/unit/ui/chart-thin.test.ts): drop a real Go 1.26 trace, scroll to the
// heap chart, ECharts is given fewer points than the analysis has; zoom in with
// the mouse wheel and the window is thinned again from the whole series (the
// points given change, the chart stays drawn). Screenshots of both charts,
// light and dark, at 1440 and 390 px.

import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chartCanvas, dropFiles, fixture, repoRoot } from './helpers';

const points = async (page: Page, id: string) => {
  const el = page.getByTestId(id);
  return { given: Number(await el.getAttribute('data-points')), of: Number(await el.getAttribute('data-points-of')) };
};

test('trace charts are given about a point per pixel, and the zoomed window is thinned again', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-gens.trace.gz')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const canvas = await chartCanvas(page, 'trace-heap-chart');
  await expect(canvas).toHaveCount(1);
  const chart = page.getByTestId('trace-heap-chart');
  await expect(chart).toHaveAttribute('data-points', /\d+/);
  const whole = await points(page, 'trace-heap-chart');
  // Heap line, goal, stop-the-worlds and GC cycles of this trace: over 2,000 points; the plot is ~500 px wide.
  expect(whole.of).toBeGreaterThan(2000);
  expect(whole.given).toBeLessThan(whole.of);
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await points(page, 'trace-heap-chart')).given).not.toBe(whole.given);
  expect((await points(page, 'trace-heap-chart')).of).toBe(whole.of);
  await expect(canvas).toHaveCount(1);

  const goroutines = await chartCanvas(page, 'trace-goroutines-chart');
  await expect(goroutines).toHaveCount(1);
  const g = await points(page, 'trace-goroutines-chart');
  expect(g.given).toBeLessThan(g.of);

  await page.locator('[data-testid=save-state][data-state=saved]').waitFor();
  for (const width of [1440, 390]) {
    for (const dark of [false, true]) {
      await page.setViewportSize({ width, height: 900 });
      // The theme is read at page start; the saved session reopens after the reload.
      await page.evaluate((d) => localStorage.setItem('gotune:theme', d ? 'dark' : 'light'), dark);
      await page.reload();
      for (const id of ['trace-heap-chart', 'trace-goroutines-chart']) {
        await expect(await chartCanvas(page, id)).toHaveCount(1);
        await page.waitForTimeout(300);
        await page.getByTestId(`${id}-card`).screenshot({ path: resolve(repoRoot, 'screens', `chart-thin-${id.replace(/^trace-|-chart$/g, '')}${width < 1000 ? `-${width}` : ''}-${dark ? 'dark' : 'light'}.png`) });
      }
    }
  }
});
