// Resource limits as a person meets them: a 4 GiB file is refused with a
// message naming the file and the limit, before any of it is read, and the
// other input dropped with it is analysed as usual.

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fixture } from './helpers';

test('a 4 GiB file is refused politely without being read; the other file is analysed', async ({ page }) => {
  // Count reads of big blobs: the refusal must come from the size alone.
  await page.addInitScript(() => {
    const w = window as unknown as { __bigReads: number };
    w.__bigReads = 0;
    for (const m of ['arrayBuffer', 'text', 'stream', 'bytes', 'slice'] as const) {
      const orig = (Blob.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[m];
      if (!orig) continue;
      (Blob.prototype as unknown as Record<string, unknown>)[m] = function (this: Blob, ...a: unknown[]) {
        if (this.size > 1 << 30) w.__bigReads++;
        return orig.apply(this, a);
      };
    }
  });
  await page.goto('./');
  const log = readFileSync(fixture('godebug/gctrace-basic.log'), 'utf8');
  const size = await page.evaluate((text) => {
    // 4 GiB made of one 64 MiB part repeated: cheap to build, never materialised.
    const part = new Blob([new Uint8Array(64 << 20)]);
    const huge = new File(Array.from({ length: 64 }, () => part), 'prod-gctrace-4GB.log');
    const dt = new DataTransfer();
    dt.items.add(huge);
    dt.items.add(new File([text], 'gctrace-basic.log'));
    for (const type of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    return huge.size;
  }, log);
  expect(size).toBe(4 * 1024 ** 3);
  const huge = page.locator('[data-testid=input-row][data-input-name="prod-gctrace-4GB.log"]');
  await expect(huge).toHaveAttribute('data-status', 'failed');
  const msg = huge.getByTestId('input-error');
  await expect(msg).toContainText('prod-gctrace-4GB.log');
  await expect(msg).toContainText('4.00 GiB');
  await expect(msg).toContainText('1.00 GiB limit');
  const good = page.locator('[data-testid=input-row][data-input-name="gctrace-basic.log"]');
  await expect(good).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __bigReads: number }).__bigReads)).toBe(0);
});
