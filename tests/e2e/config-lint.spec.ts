// Linting a config the way a person does it: drop a Deployment, read the
// findings, then take its limits into the wizard.
import { expect, test } from '@playwright/test';
import { dropFiles, fixture, screenshots } from './helpers';

test('drop a Deployment: findings for its Go settings, then the wizard starts from its limits', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('config/deployment-myths.yaml')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByText('GOMEMLIMIT=900Mi makes Go exit at startup').first()).toBeVisible();
  await expect(page.getByText('GOMAXPROCS=0 is ignored').first()).toBeVisible();
  await expect(page.getByText('GODEBUG setting "x509sha1" was removed in Go 1.24').first()).toBeVisible();
  const view = page.getByTestId('view-config');
  await expect(view).toContainText('Deployment checkout / container api');
  await expect(view).toContainText('500m / 1500m');
  await screenshots(page, 'config-lint');

  await page.getByRole('link', { name: 'Open the tuning wizard' }).click();
  await expect(page.getByLabel('CPU limit')).toHaveValue('1500m');
  await expect(page.getByLabel('Memory limit')).toHaveValue('1Gi');
  await expect(page.getByLabel('Memory request')).toHaveValue('768Mi');
  await expect(page.getByText(/from the session: kubernetes deployment-myths\.yaml/).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Helm values', exact: true })).toContainText('921MiB');
});
