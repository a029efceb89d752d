// Storage faults as a person meets them: no IndexedDB (private mode) → the app
// works in memory and says sessions will not be kept; a corrupt saved session →
// listed as damaged and deletable while the other one still opens.

import { expect, test } from '@playwright/test';
import { dropFiles, fixture } from './helpers';

test('without IndexedDB the app analyses in memory and says sessions will not be kept', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as unknown as { indexedDB?: unknown }).indexedDB;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'sessions cannot be saved in this browser' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'until the tab is closed' })).toBeVisible();
  await dropFiles(page, [fixture('godebug/gctrace-basic.log')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // The session is listed for this tab.
  await page.getByRole('link', { name: 'gotune start page' }).click();
  await expect(page.getByTestId('session-list').getByRole('link', { name: /gctrace-basic\.log/ })).toBeVisible();
});

test('a corrupt saved session is listed as damaged and can be deleted; the other one opens', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/gctrace-limit.log')]);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // The app's own write must be done before the test writes beside it.
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const goodUrl = page.url();
  // Damage a second session record the way a half-written or foreign write would.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gotune');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kv', 'readwrite');
          const kv = tx.objectStore('kv');
          const get = kv.get('sessions');
          get.onsuccess = () => {
            const index = get.result as { id: string }[];
            index.push({ id: 'broken1', name: 'broken session', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2030-01-01T00:00:00.000Z', inputs: [] } as never);
            kv.put(index, 'sessions');
            kv.put({ meta: { id: 'broken1' }, report: { schema: 'gotune.report/1', inputs: 'oops' }, raw: [] }, 'session:broken1');
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.goto('./');
  await page.reload();
  const list = page.getByTestId('session-list');
  const broken = list.locator('li').filter({ hasText: 'broken session' });
  await expect(broken.getByTestId('session-damaged')).toContainText('damaged');
  const good = list.locator('li').filter({ hasText: 'gctrace-limit.log' });
  await expect(good.getByTestId('session-damaged')).toHaveCount(0);
  // Opening it says what is wrong instead of failing silently.
  await broken.getByRole('link', { name: 'broken session' }).click();
  await expect(page.getByText(/is damaged/)).toBeVisible();
  await page.goto('./');
  await page.getByTestId('session-list').locator('li').filter({ hasText: 'broken session' }).getByRole('button', { name: /Delete/ }).click();
  await expect(page.getByTestId('session-list').locator('li').filter({ hasText: 'broken session' })).toHaveCount(0);
  await page.goto(goodUrl);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
});
