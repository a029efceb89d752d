// Shared steps for end-to-end tests: what a person does on the page.

import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const fixture = (rel: string) => resolve(repoRoot, 'tests/fixtures', rel);

/**
 * Back to the start page through the header link, as a person does, and on it:
 * a drop made before the route changes lands in the session still on screen.
 */
export async function goHome(page: Page) {
  await page.getByRole('link', { name: 'gotune start page' }).click();
  await expect(page.getByTestId('dropzone')).toBeVisible();
}

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

/**
 * A chart that is drawn when it scrolls into view (components/ChartCard.svelte):
 * scroll to its card as a person does, and return its canvas. `testid` is the chart's.
 */
export async function chartCanvas(scope: Page | Locator, testid: string): Promise<Locator> {
  const card = scope.getByTestId(`${testid}-card`).first();
  await card.scrollIntoViewIfNeeded();
  return card.getByTestId(testid).locator('canvas');
}

/** Scroll through the page so every section drawn only near the viewport (components/WhenVisible) exists, then back to the top. */
export async function renderAll(page: Page) {
  const pending = () => page.evaluate(() => document.querySelectorAll('div[style*="min-height"]:empty').length);
  // Passes until nothing is left to draw: on a busy machine a section can scroll past before its observer fires.
  for (let pass = 0; pass < 4 && (pass === 0 || (await pending()) > 0); pass++) {
    for (let y = 0, h = await page.evaluate(() => document.body.scrollHeight); y < h; y += 600) {
      // scrollTo, not the mouse wheel: charts with zoom take the wheel.
      await page.evaluate((y) => window.scrollTo(0, y), y + 600);
      await page.waitForTimeout(30 * (pass + 1));
      h = await page.evaluate(() => document.body.scrollHeight);
    }
  }
  // Parts still put into the page one per task (components/InTurn) may have grown it after the last pass: scroll to what is left.
  await expect
    .poll(async () => {
      await page.evaluate(() => document.querySelector('div[style*="min-height"]:empty')?.scrollIntoView());
      return pending();
    })
    .toBe(0);
  // …and every chart in it drawn to its last step (a chart is drawn a step per task, charts/Chart.svelte).
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-echart]:not([data-drawn])').length)).toBe(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Widths the screens are looked at: a desktop and a phone. */
const SHOT_WIDTHS = [1440, 390];
/** A phone shot stops after this many pixels of page (the first screens are what a person reads there). */
const PHONE_SHOT_MAX_PX = 6000;
const WRITE_SCREENS = process.env.GOTUNE_SCREENS !== '0';

/**
 * Light and dark screenshots of the current page into screens/ (not committed),
 * at 1440 px (`<name>-light.png`) and 390 px wide (`<name>-390-light.png`).
 * GOTUNE_SCREENS=0 (set by .ci/run, where nobody looks at them) skips only the
 * full-page captures (the four of a call took 5–14 s on 2 cores): the page is still reloaded in
 * each theme and width and every section and chart drawn (renderAll's checks).
 */
export async function screenshots(page: Page, name: string) {
  const before = page.viewportSize();
  for (const width of SHOT_WIDTHS) {
    await page.setViewportSize({ width, height: before?.height ?? 900 });
    for (const dark of [false, true]) {
      await page.evaluate((d) => {
        document.documentElement.dataset.theme = d ? 'dark' : 'light';
        localStorage.setItem('gotune:theme', d ? 'dark' : 'light');
      }, dark);
      // Charts pick their colours on theme change through the app's toggle; reload keeps the route.
      await page.reload();
      await page.waitForTimeout(500);
      await renderAll(page);
      // Rows and sections off screen skip rendering (content-visibility: auto); a person scrolls to them, the shot must show them.
      await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
      if (!WRITE_SCREENS) continue;
      const file = resolve(repoRoot, 'screens', `${name}${width < 1000 ? `-${width}` : ''}-${dark ? 'dark' : 'light'}.png`);
      if (width < 1000) {
        const h = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(h, PHONE_SHOT_MAX_PX) } });
      } else await page.screenshot({ path: file, fullPage: true });
    }
  }
  if (before) await page.setViewportSize(before);
  await page.evaluate(() => localStorage.removeItem('gotune:theme'));
}

/** Drop real files on the start page and wait until every input is done; returns the session id. */
export async function dropSession(page: Page, files: string[]): Promise<string> {
  await page.goto('./');
  await dropFiles(page, files.map(fixture));
  await expect(page.locator('[data-testid=input-row]')).toHaveCount(files.length);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(files.length, { timeout: 60_000 });
  return /#\/s\/([^/?]+)/.exec(page.url())![1];
}
