// The backbone, as a person uses it: open the example, paste lines, drop a bad
// file next to a good one, reload and reopen, cancel a long parse.

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chartCanvas, dropBytes, dropFiles, exportedReport, fixture, openExample, parses, screenshots } from './helpers';

// The screen's precision rule: three significant digits (30.2 ms, 0.205 ms, 1.23 s).
const fmtMs = (ms: number) => (ms >= 1000 ? `${String(Number((ms / 1000).toPrecision(3)))} s` : `${String(Number(ms.toPrecision(3)))} ms`);

test('the example shows the pause histogram and a p99 equal to the exported JSON', async ({ page }) => {
  await openExample(page);
  // The example's first input is the gctrace log; its gc view is #view-in1-gc.
  const view = page.locator('#view-in1-gc');
  // The histogram canvas is drawn once its card scrolls into view.
  await expect(await chartCanvas(view, 'gc-histogram')).toHaveCount(1);
  await expect(view.getByTestId('gc-histogram')).toBeVisible();
  await expect(page.locator('[data-testid=input-row]:not([data-status=done])')).toHaveCount(0);
  const report = await exportedReport(page);
  expect(report.schema).toBe('gotune.report/1');
  const gc = report.inputs[0].gc;
  expect(gc.cycles).toBeGreaterThan(10);
  await expect(view.getByTestId('gc-p99')).toContainText(fmtMs(gc.pauseMs.p99));
  await expect(view.getByTestId('gc-cycles')).toContainText(String(gc.cycles));
  await expect(view.getByTestId('gc-percentiles')).toContainText(`p99 ${fmtMs(gc.pauseMs.p99)}`);
  // The contents bar jumps to a section.
  const contents = page.getByRole('navigation', { name: 'Report contents' });
  await contents.getByRole('button', { name: /^Garbage collector — gctrace-memlimit\.log/ }).click();
  await expect(view.locator('h2')).toBeInViewport();
  // The memory-limit example must say why the GC is busy.
  await expect(page.locator('[data-testid=finding][data-rule="gc.back-to-back"]')).toBeVisible();
  await screenshots(page, 'report-example');
});

test('pasting 20 gctrace lines gives a report', async ({ page }) => {
  const lines = readFileSync(fixture('godebug/gctrace-basic.log'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('gc '))
    .slice(0, 20);
  expect(lines).toHaveLength(20);
  await page.goto('./');
  await page.getByLabel('Paste text').fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Analyse pasted text' }).click();
  await expect(page.getByTestId('gc-cycles')).toContainText('20');
  await expect(page.locator('[data-testid=input-row]').first()).toHaveAttribute('data-input-name', /^pasted-/);
});

test('Ctrl+V anywhere on the page adds pasted text as an input', async ({ page }) => {
  const text = readFileSync(fixture('godebug/gctrace-basic.log'), 'utf8');
  await page.goto('./');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, text);
  const expected = text.split('\n').filter((l) => /^gc \d+ @/.test(l)).length;
  await expect(page.getByTestId('gc-cycles')).toContainText(String(expected));
});

test('random bytes get a clear error naming the file; the other input is unaffected', async ({ page }) => {
  await page.goto('./');
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  await dropBytes(page, [
    { name: 'gctrace-basic.log', b64: readFileSync(fixture('godebug/gctrace-basic.log')).toString('base64') },
    { name: 'mystery.bin', b64: junk.toString('base64') },
  ]);
  const bad = page.locator('[data-testid=input-row][data-input-name="mystery.bin"]');
  await expect(bad).toHaveAttribute('data-status', 'failed');
  await expect(bad.getByTestId('input-error')).toContainText('mystery.bin');
  await expect(bad.getByTestId('input-error')).toContainText('not recognised');
  const good = page.locator('[data-testid=input-row][data-input-name="gctrace-basic.log"]');
  await expect(good).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  await screenshots(page, 'report-with-error');
});

test('a reloaded session is listed and reopens with the same figures without parsing again', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/gctrace-limit.log')]);
  await expect(page.getByTestId('gc-p99')).toBeVisible();
  const p99 = await page.getByTestId('gc-p99').innerText();
  const cycles = await page.getByTestId('gc-cycles').innerText();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const url = page.url();
  await page.goto('./');
  await page.reload();
  const entry = page.getByTestId('session-list').getByRole('link', { name: /gctrace-limit\.log/ }).first();
  await expect(entry).toBeVisible();
  await screenshots(page, 'start-page');
  await entry.click();
  await expect(page.getByTestId('gc-p99')).toHaveText(p99);
  await expect(page.getByTestId('gc-cycles')).toHaveText(cycles);
  expect(page.url()).toBe(url);
  expect(await parses(page)).toBe(0);
});

test('Cancel stops a long parse; the page stays responsive and the session stays usable', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/gctrace-basic.log')]);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // A 200 MB log made in the page (as a dropped file would be).
  await page.evaluate(() => {
    const line = 'gc 12 @1.234s 3%: 0.021+1.5+0.030 ms clock, 0.043+0.20/1.1/2.2+0.061 ms cpu, 12->13->6 MB, 13 MB goal, 0 MB stacks, 0 MB globals, 2 P\n';
    const block = line.repeat(Math.ceil((8 << 20) / line.length));
    const parts = Array.from({ length: 25 }, () => block);
    const dt = new DataTransfer();
    dt.items.add(new File(parts, 'huge.log'));
    for (const type of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const huge = page.locator('[data-testid=input-row][data-input-name="huge.log"]');
  await huge.getByTestId('cancel').click();
  await expect(huge).toHaveAttribute('data-status', 'cancelled');
  // Responsive: a trivial round trip through the main thread is quick.
  const t0 = Date.now();
  await page.evaluate(() => 1 + 1);
  expect(Date.now() - t0).toBeLessThan(1000);
  // The earlier input is intact, and the session reopens after a reload.
  await expect(page.locator('[data-testid=input-row][data-input-name="gctrace-basic.log"]')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  await expect(page.locator('[data-testid=input-row][data-input-name="huge.log"]')).toHaveAttribute('data-status', 'cancelled');
  // The worker works again after the cancel.
  await dropFiles(page, [fixture('godebug/gctrace-limit.log')]);
  await expect(page.locator('[data-testid=input-row][data-input-name="gctrace-limit.log"]')).toHaveAttribute('data-status', 'done');
});
