// The other GODEBUG streams as a person uses them: drop the interleaved log,
// read the shared GC/scheduler timeline, zoom it, and drop the GOMAXPROCS=64
// run to get the scheduler finding with its evidence.

import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, exportedReport, fixture, screenshots } from './helpers';

const win = async (page: Page, attr: string) => ((await page.getByTestId('timeline').getAttribute(attr)) ?? '').split(',').map(Number);

test('one interleaved log: GC pauses and run queues on one timeline, zooming one zooms the other', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/interleaved.log')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);

  // The chart is drawn when its card scrolls into view.
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  const chart = page.getByTestId('timeline-chart');
  await expect(chart).toBeVisible();
  // ECharts' aria description lists the series drawn.
  await expect(chart).toHaveAttribute('aria-label', /GC pause/);
  await expect(chart).toHaveAttribute('aria-label', /global run queue/);
  await expect(chart).toHaveAttribute('aria-label', /busy Ps/);

  // Both x axes start on the same window.
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-gc-window', /\d/);
  const g0 = await win(page, 'data-gc-window');
  const s0 = await win(page, 'data-sched-window');
  expect(g0).toEqual(s0);

  // Zoom with the mouse wheel over the upper (GC) grid.
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.25);
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(100);
  }
  await expect.poll(async () => (await win(page, 'data-gc-window'))[1] - (await win(page, 'data-gc-window'))[0]).toBeLessThan(g0[1] - g0[0]);
  const g1 = await win(page, 'data-gc-window');
  const s1 = await win(page, 'data-sched-window');
  expect(s1).toEqual(g1);
  await expect(page.getByTestId('timeline-window')).toContainText(`${g1[0].toFixed(2)}–${g1[1].toFixed(2)} s of scheduler`);

  // Keyboard: the zoom buttons do the same for both grids.
  await page.getByTestId('timeline-zoom-reset').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => win(page, 'data-sched-window')).toEqual(g0);
  await page.getByTestId('timeline-zoom-in').focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await win(page, 'data-sched-window'))[1] - (await win(page, 'data-sched-window'))[0]).toBeLessThan(g0[1] - g0[0]);
  expect(await win(page, 'data-gc-window')).toEqual(await win(page, 'data-sched-window'));

  // The per-input views show the exported figures.
  const report = await exportedReport(page);
  const input = report.inputs[0];
  await expect(page.getByTestId('sched-samples')).toContainText(String(input.sched.samples));
  await expect(page.getByTestId('sched-threads')).toContainText(String(input.sched.maxThreads));
  await expect(page.getByTestId('pacer-cycles')).toContainText(String(input.pacer.cycles));
  await expect(page.getByTestId('init-packages')).toContainText(String(input.init.packages));
  // Charts below the fold are drawn when scrolled to.
  await page.locator('[id$="-sched-heatmap"]').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('sched-heatmap').locator('canvas').first()).toBeVisible();
  await expect(page.locator('[data-testid=finding][data-rule="sched.runqueue-high"]')).toBeVisible();
  await screenshots(page, 'godebug-interleaved');
});

test('the init table sorts by clock time and by bytes', async ({ page }) => {
  const text = readFileSync(fixture('godebug/interleaved.log'), 'utf8');
  const rows = [...text.matchAll(/init (\S+) @[\d.]+ ms, ([\d.]+) ms clock, (\d+) bytes/g)];
  const byBytes = [...rows].sort((a, b) => Number(b[3]) - Number(a[3]))[0][1];
  const byClock = [...rows].sort((a, b) => Number(b[2]) - Number(a[2]))[0][1];
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/interleaved.log')]);
  const table = page.getByTestId('init-table');
  await expect(table.locator('tbody tr')).toHaveCount(rows.length);
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText(byClock);
  await page.getByTestId('init-sort-bytes').click();
  await expect(table.locator('th[aria-sort=descending]')).toContainText('Bytes');
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText(byBytes);
  // Copy as TSV gives the rows in the order shown.
  await page.getByRole('button', { name: 'Copy as TSV' }).click();
  const tsv = await page.evaluate(() => navigator.clipboard.readText());
  expect(tsv.split('\n')[1].split('\t')[0]).toBe(byBytes);
  expect(tsv.split('\n')).toHaveLength(rows.length + 1);
  // Keyboard: the header buttons are focusable and sort with Enter.
  await page.getByTestId('init-sort-bytes').focus();
  await page.keyboard.press('Enter');
  await expect(table.locator('th[aria-sort=ascending]')).toContainText('Bytes');
});

test('GOMAXPROCS=64 on a 2-core machine: the idle-Ps finding with its evidence', async ({ page }) => {
  const text = readFileSync(fixture('godebug/gomaxprocs-64.log'), 'utf8');
  const sched = text.split('\n').filter((l) => l.startsWith('SCHED '));
  const idle = sched.map((l) => Number(/idleprocs=(\d+)/.exec(l)![1]));
  const busy = Math.max(...idle.map((i) => 64 - i));
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/gomaxprocs-64.log')]);
  const f = page.locator('[data-testid=finding][data-rule="sched.idle-procs"]');
  await expect(f).toBeVisible();
  await expect(f).toContainText(`GOMAXPROCS=64 but at most ${busy} Ps were busy`);
  await expect(f.getByRole('list', { name: 'Evidence' })).toContainText(`idleprocs min ${Math.min(...idle)}`);
  await expect(f.getByRole('list', { name: 'Evidence' })).toContainText(`of ${sched.length} samples`);
  await screenshots(page, 'godebug-gomaxprocs-64');
});

test('the GODEBUG views have no serious or critical axe violations, light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/interleaved.log')]);
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('timeline-chart')).toBeVisible();
  for (const id of ['sched', 'pacer', 'scavenger', 'init']) await page.getByTestId(`view-${id}`).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 20000);
  await expect(page.getByTestId('scavenger-chart')).toBeVisible();
  for (const dark of [false, true]) {
    await page.evaluate((d) => (document.documentElement.dataset.theme = d ? 'dark' : 'light'), dark);
    await page.waitForTimeout(300);
    const r = await new AxeBuilder({ page })
      .include('[id^="view-session-godebug-timeline"]')
      .include('[data-testid=view-sched]')
      .include('[data-testid=view-pacer]')
      .include('[data-testid=view-scavenger]')
      .include('[data-testid=view-init]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(r.passes.length, 'axe looked at the views').toBeGreaterThan(5);
    expect(bad, dark ? 'dark' : 'light').toEqual([]);
  }
});
