// Shared steps for end-to-end tests: what a person does on the page.

import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const fixture = (rel: string) => resolve(repoRoot, 'tests/fixtures', rel);

/**
 * Drop files onto the page the way a drag from the desktop does: a DataTransfer
 * with File objects dispatched as dragenter/dragover/drop on the window.
 */
export async function dropFiles(page: Page, paths: string[], names?: string[]) {
  const files = paths.map((p, i) => ({ name: names?.[i] ?? basename(p), b64: readFileSync(p).toString('base64') }));
  await dropBytes(page, files);
}

export async function dropBytes(page: Page, files: { name: string; b64: string }[]) {
  const dt = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('main', type, { dataTransfer: dt });
  }
}

/** Open the start page and click "Open the example"; waits for the report. */
export async function openExample(page: Page) {
  await page.goto('./');
  await page.getByRole('button', { name: 'Open the example' }).click();
  await expect(page.locator('[data-testid=input-row][data-status=done]').first()).toBeVisible();
}

/** Scroll to the end of the page until `locator` is in it (a big report adds sections as the end comes near). */
export async function scrollUntilAttached(page: Page, locator: Locator) {
  for (let i = 0; i < 40 && !(await locator.count()); i++) {
    await page.keyboard.press('End');
    await page.waitForTimeout(200);
  }
  await expect(locator).toBeAttached();
}

/** Parses run by this page's workers. */
export async function parses(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __gotune: { parses(): Promise<number> } }).__gotune.parses());
}

/** Download the report through the "Export JSON" button and parse it. */
export async function exportedReport(page: Page): Promise<any> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const path = await dl.path();
  return JSON.parse(readFileSync(path!, 'utf8'));
}

/** Light and dark screenshots of the current page into screens/ (not committed). */
export async function screenshots(page: Page, name: string) {
  for (const dark of [false, true]) {
    await page.evaluate((d) => {
      document.documentElement.dataset.theme = d ? 'dark' : 'light';
      localStorage.setItem('gotune:theme', d ? 'dark' : 'light');
    }, dark);
    // Charts pick their colours on theme change through the app's toggle; reload keeps the route.
    await page.reload();
    await page.waitForTimeout(500);
    await page.screenshot({ path: resolve(repoRoot, 'screens', `${name}-${dark ? 'dark' : 'light'}.png`), fullPage: true });
  }
  await page.evaluate(() => localStorage.removeItem('gotune:theme'));
}
