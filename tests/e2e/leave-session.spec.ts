// Leaving a session before it says "Saved" keeps every input (40 small real
// fixtures): going to the start page and starting another session, its inputs
// are still read and saved in the background under its id; reloading the tab
// at once, the inputs not read yet are kept with their bytes and read when
// the session is opened again. Never silently dropped.

import { expect, test, type Page } from '@playwright/test';
import { dropFiles, fixture, goHome } from './helpers';
import { smallInputCopies } from '../fixtures/smallInputs';

/** The saved description of a session, read from IndexedDB as the app wrote it. */
async function savedMeta(page: Page, id: string): Promise<{ inputs: { error?: string }[] } | undefined> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('gotune');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return new Promise((resolve) => {
      const req = db.transaction('kv').objectStore('kv').get(key);
      req.onsuccess = () => resolve(req.result);
    });
  }, `meta:${id}`);
}

/** 40 small real fixtures dropped on the start page; the new session's address. */
async function drop40(page: Page) {
  const copies = smallInputCopies(40);
  await page.goto('./');
  await dropFiles(page, copies.map((c) => fixture(c.path)), copies.map((c) => c.name));
  await expect(page).toHaveURL(/\/s\//);
  return { copies, url: page.url() };
}

async function reopenAndCheck(page: Page, url: string, names: string[]) {
  await page.reload();
  await page.getByRole('link', { name: 'gotune start page' }).click();
  await page.getByTestId('session-list').locator('li').filter({ hasText: '40 inputs' }).getByRole('link').first().click();
  await expect(page).toHaveURL(url);
  await expect(page.locator('[data-testid=input-row]')).toHaveCount(40);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(40, { timeout: 120_000 });
  for (const n of names) await expect(page.locator(`[data-testid=input-row][data-input-name="${n}"]`)).toHaveAttribute('data-status', 'done');
}

test('leaving a session for the start page and another session at once keeps all 40 inputs', async ({ page }) => {
  test.setTimeout(180_000);
  const { copies, url } = await drop40(page);
  const id = url.split('/s/')[1];
  await goHome(page);
  // Another session, started while the first is still being read.
  await dropFiles(page, [fixture('godebug/gctrace-basic.log')]);
  await expect(page).not.toHaveURL(url);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  // The first session is read and saved in the background: all 40, none failed.
  await expect.poll(async () => (await savedMeta(page, id))?.inputs.filter((i) => !i.error).length, { timeout: 120_000 }).toBe(40);
  await reopenAndCheck(page, url, [copies[0].name, copies[20].name, copies[39].name]);
});

// Dropped files are written at once (bytes, "not analysed yet" records and the
// description in one transaction), so the reload needs nothing from `pagehide`.
test('reloading the tab at once after dropping 40 files keeps all 40 inputs; the unread ones are read when it is opened', async ({ page }) => {
  test.setTimeout(180_000);
  const { copies, url } = await drop40(page);
  // Wait for the first input only, so the session is listed, then leave at once.
  await expect(page.locator('[data-testid=input-row][data-status=done]').first()).toBeVisible();
  await reopenAndCheck(page, url, [copies[0].name, copies[20].name, copies[39].name]);
});
