// Every input kind in the real browser: a person drops one committed fixture
// of each kind (Dockerfile, Deployment, Helm values, go.mod, gctrace,
// schedtrace, pprof binary and text, goroutine dump, execution trace,
// /metrics, /debug/vars) and reads each one's result: analysed, no error, its
// view on the page. The worker bundle has no Node globals; a library that
// needs one fails here (dockerfile-ast's Buffer did, for every Dockerfile).

import { basename } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURE_KINDS } from '../fixtures/kinds';
import { dropFiles, fixture } from './helpers';

test('one fixture of every kind, dropped together, each shows its view and no error', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('./');
  await dropFiles(page, FIXTURE_KINDS.map((k) => fixture(k.path)));
  const rows = page.getByTestId('input-row');
  await expect(rows).toHaveCount(FIXTURE_KINDS.length);
  await expect(page.locator('[data-testid=input-row]:is([data-status=done],[data-status=failed])')).toHaveCount(FIXTURE_KINDS.length, { timeout: 60_000 });
  expect(await page.getByTestId('input-error').allTextContents()).toEqual([]);
  for (const k of FIXTURE_KINDS) {
    const name = basename(k.path);
    await test.step(k.label, async () => {
      const row = page.locator(`[data-testid=input-row][data-input-name="${name}"]`);
      await expect(row).toHaveAttribute('data-status', 'done');
      await expect(row).not.toContainText('internal error');
      const view = page.getByTestId(`view-${k.view}`).filter({ has: page.getByRole('heading', { name: new RegExp(`— ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
      await view.scrollIntoViewIfNeeded();
      await expect(view).toBeVisible();
      await expect(view.getByRole('alert')).toHaveCount(0);
    });
  }
  await expect(page.locator('.view-failed')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('the Dockerfile alone: its lint is on the page, not "Buffer is not defined"', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('config/Dockerfile.scratch-env')]);
  await expect(page.locator('[data-testid=input-row]:is([data-status=done],[data-status=failed])')).toHaveCount(1);
  expect(await page.getByTestId('input-error').allTextContents()).toEqual([]);
  await expect(page.getByTestId('view-config')).toBeVisible();
});
