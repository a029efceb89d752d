// Accessibility: axe-core finds no serious or critical violation on the start
// page, the example session's report and the wizard, in light and dark mode;
// and the main flow works with the keyboard alone.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fixture, openExample } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function bothThemes(page: Page, where: string) {
  for (const dark of [false, true]) {
    await page.evaluate((d) => (document.documentElement.dataset.theme = d ? 'dark' : 'light'), dark);
    await page.waitForTimeout(300);
    expect(await seriousViolations(page), `${where} (${dark ? 'dark' : 'light'})`).toEqual([]);
  }
}

test('start page has no serious or critical axe violations', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await bothThemes(page, 'start page');
});

test('the example report has no serious or critical axe violations', async ({ page }) => {
  test.setTimeout(180_000); // axe over the whole multi-input report, twice
  await openExample(page);
  await expect(page.locator('[data-testid=input-row]:is([data-status=queued], [data-status=reading], [data-status=parsing])')).toHaveCount(0, { timeout: 60_000 });
  await bothThemes(page, 'example report');
});

test('the wizard page has no serious or critical axe violations', async ({ page }) => {
  await page.goto('./#/wizard');
  await expect(page.getByRole('heading', { name: 'Container tuning wizard' })).toBeVisible();
  await bothThemes(page, 'wizard');
});

/** Press Tab until the focused element matches, at most `max` times; returns whether it did. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; label: string }) => boolean, max = 120): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName ?? '', text: (a?.innerText ?? '').trim(), label: a?.getAttribute('aria-label') ?? '' };
    });
    if (matches(el)) return true;
  }
  return false;
}

test('keyboard only: Choose files, then findings and Show in chart', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Listen before tabbing: Playwright turns on file-chooser interception asynchronously.
  const chooserEvent = page.waitForEvent('filechooser');
  expect(await tabTo(page, (e) => e.tag === 'BUTTON' && e.text.startsWith('Choose files'), 40)).toBe(true);
  await page.keyboard.press('Enter');
  const chooser = await chooserEvent;
  await chooser.setFiles(fixture('godebug/gctrace-limit.log'));
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // Through the findings to their "Show in chart" button; Enter moves focus to the chart's section.
  expect(await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Show in chart')).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^view-/);
  const id = await page.evaluate(() => document.activeElement!.id);
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
  // Tab continues inside the report after the chart, never back to the top of the page.
  await page.keyboard.press('Tab');
  expect(await page.evaluate((id) => document.getElementById(id)!.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_FOLLOWING, id)).toBeTruthy();
});
