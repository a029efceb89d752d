// A big trace shows its first charts before it is read to the end. Reading
// a 200 MB trace takes seconds; here the analysis worker's clock is made to
// run fast (its script is served with performance.now advancing 400 ms per
// call), so the 2 MB fixture reaches the "a second has passed" point after
// its first generation. The page must show that early result, marked as
// such, while the input is still being read, then replace it with the final
// report.

import { expect, test } from '@playwright/test';
import { dropFiles, exportedReport, fixture } from './helpers';

test('early result: the trace view appears while the trace is still read, then the final figures replace it', async ({ page }) => {
  await page.route('**/assets/worker-*.js', async (route) => {
    const res = await route.fetch();
    const fast = 'const __now = performance.now.bind(performance); let __skew = 0; performance.now = () => __now() + (__skew += 400);\n';
    await route.fulfill({ response: res, body: fast + (await res.text()) });
  });
  // Record what the page showed at the moment an early-result banner appeared.
  await page.addInitScript(() => {
    const seen: { status: string | null; text: string; events: string | null; cpuProfile: boolean }[] = [];
    (window as unknown as { __early: typeof seen }).__early = seen;
    new MutationObserver(() => {
      const b = document.querySelector('[data-testid=trace-partial]');
      if (b && !seen.some((s) => s.text === b.textContent)) {
        seen.push({
          status: document.querySelector('[data-testid=input-row]')?.getAttribute('data-status') ?? null,
          text: b.textContent ?? '',
          events: document.querySelector('[data-testid=trace-events] .value')?.textContent ?? null,
          cpuProfile: document.querySelector('[data-testid=trace-cpu-profile]') !== null,
        });
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row]')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('trace-partial')).toHaveCount(0);

  const early = await page.evaluate(() => (window as unknown as { __early: { status: string | null; text: string; events: string | null; cpuProfile: boolean }[] }).__early);
  expect(early.length).toBeGreaterThan(0);
  expect(early[0].status).toBe('parsing');
  // The CPU-sample profile needs the worker's model, which exists only once reading ends.
  expect(early[0].cpuProfile).toBe(false);
  expect(early[0].text).toMatch(/Early result: .+ of .+ read \(\d+%\)\. The figures cover the 1 generation read so far/);
  const report = await exportedReport(page);
  const t = report.inputs[0].trace;
  expect(report.inputs[0].partial).toBeUndefined();
  const final = t.events.toLocaleString('en-US');
  await expect(page.getByTestId('trace-events')).toContainText(final);
  await expect(page.getByTestId('trace-cpu-profile')).toBeVisible();
  // The early view showed fewer events than the final one.
  expect(early[0].events).toMatch(/^[\d,]+$/);
  expect(Number(early[0].events!.replace(/,/g, ''))).toBeLessThan(t.events);
});
