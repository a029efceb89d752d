// The tuning wizard as a person uses it: from the example session's report to
// Helm values, with the settings kept in the address.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { openExample, repoRoot, screenshots } from './helpers';

// Expected prefill, recomputed from the example log itself: the highest "N P"
// and the highest live heap ("a->b->c MB", c in MiB).
const log = readFileSync(resolve(repoRoot, 'public/examples/gctrace-memlimit.log'), 'utf8');
const procs = Math.max(...[...log.matchAll(/, (\d+) P\b/g)].map((m) => Number(m[1])));
const liveMiB = Math.max(...[...log.matchAll(/\d+->\d+->(\d+) MB/g)].map((m) => Number(m[1])));

/** The Helm values as text (what Copy copies), read from the code block without line numbers. */
async function helmText(page: Page): Promise<string> {
  return page.getByTestId('wizard-output-helm').locator('pre code').evaluate((code) => {
    const clone = code.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.ln').forEach((n) => n.remove());
    return clone.textContent ?? '';
  });
}

test('wizard: prefilled from the example session, Go-version aware, copy and reload', async ({ page }) => {
  await openExample(page);
  await page.getByRole('link', { name: 'Open the tuning wizard' }).click();
  await expect(page).toHaveURL(/#\/wizard\/[^/?]+/);

  // Prefilled from the session, and it says so.
  await expect(page.getByLabel('Peak live heap (MiB)')).toHaveValue(String(liveMiB));
  await expect(page.getByLabel('GOMAXPROCS (observed)')).toHaveValue(String(procs));
  await expect(page.getByTestId('prefill-note')).toContainText('Prefilled from the session');
  await expect(page.locator('.from').first()).toContainText('from the session');

  // Go 1.24: GOMEMLIMIT in Go syntax and a GOMAXPROCS rule.
  await page.getByLabel('CPU limit').fill('2');
  await page.getByLabel('Memory limit').fill('1Gi');
  await page.getByLabel('Go version').fill('1.24');
  await page.getByLabel('go.mod go line').fill('1.24');
  const helm = page.getByRole('region', { name: 'Helm values', exact: true });
  await expect(helm).toContainText('921MiB');
  let values = parse(await helmText(page));
  expect(values.env.find((e: { name: string }) => e.name === 'GOMEMLIMIT').value).toBe('921MiB');
  expect(values.env.find((e: { name: string }) => e.name === 'GOMAXPROCS').valueFrom.resourceFieldRef).toEqual({ resource: 'limits.cpu', divisor: '1' });
  await expect(page.locator('[data-note="gomaxprocs.downward"]')).toContainText('set from the CPU limit');
  await expect(page.getByRole('region', { name: 'Dockerfile', exact: true })).toContainText('golang:1.24');
  await expect(page.getByRole('region', { name: 'Kubernetes env', exact: true })).toContainText('GOMEMLIMIT');
  await expect(page.getByRole('region', { name: 'Go code', exact: true })).toContainText('debug.SetMemoryLimit(921 << 20)');

  // Go 1.25 with go.mod 1.25: no GOMAXPROCS, and the reason is shown.
  await page.getByLabel('Go version').fill('1.25');
  await page.getByLabel('go.mod go line').fill('1.25');
  await expect(page.locator('[data-note="gomaxprocs.runtime"]')).toContainText('nothing to set');
  await expect(page.locator('[data-note="gomaxprocs.runtime"]')).toContainText('rounding up, minimum 2');
  values = parse(await helmText(page));
  expect(values.env.map((e: { name: string }) => e.name)).toEqual(['GOMEMLIMIT']);
  // Each line has its reason, with a link to the primary source.
  const whys = page.getByRole('list', { name: 'Why each line of Helm values', exact: true });
  await expect(whys).toContainText('Kubernetes suffixes such as "Mi"');
  await expect(whys.getByRole('link', { name: /GC guide/ }).first()).toHaveAttribute('href', /^https:\/\/go\.dev\/doc\/gc-guide/);

  // Copy puts exactly the Helm values on the clipboard.
  const before = await helmText(page);
  await page.getByRole('button', { name: 'Copy Helm values', exact: true }).click();
  await expect(page.getByTestId('wizard-output-helm').getByRole('button', { name: 'Copied' })).toBeVisible();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toBe(before);

  // The address carries the settings: a reload shows the same outputs.
  expect(page.url()).toContain('cpu=2');
  expect(page.url()).toContain('mem=1Gi');
  await page.reload();
  await expect(page.getByLabel('CPU limit')).toHaveValue('2');
  await expect(page.getByRole('region', { name: 'Helm values', exact: true })).toContainText('921MiB');
  expect(await helmText(page)).toBe(before);

  await screenshots(page, 'wizard');
});

test('wizard: reachable from the start page, with labelled fields and errors for bad quantities', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wizard' }).click();
  await expect(page.getByRole('heading', { name: 'Container tuning wizard' })).toBeVisible();
  for (const label of ['Go version', 'go.mod go line', 'CPU request', 'CPU limit', 'Memory request', 'Memory limit']) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await page.getByLabel('Memory limit').fill('1 gig');
  await expect(page.getByLabel('Memory limit')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#wz-memoryLimit-hint')).toContainText('not a Kubernetes quantity');
  await page.getByLabel('Memory limit').fill('512Mi');
  await page.getByLabel('cgo, large mmaps or many threads').check();
  await expect(page.getByRole('region', { name: 'Helm values', exact: true })).toContainText('435MiB'); // floor(512 × 0.85)
  await expect(page.getByRole('region', { name: 'Dockerfile', exact: true })).toContainText('distroless/base-debian12:nonroot');
});
