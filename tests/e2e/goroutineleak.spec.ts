// Goroutine leak profiles as a person uses them: drop what Go 1.27's
// /debug/pprof/goroutineleak returned (binary, debug=1, debug=2) and read the
// proven leaks on screen; drop the plain goroutine dump of the same program and
// see that nothing is called proven there. Expected counts, functions and labels
// come from the runtime's own debug=1 text of the same moment.
// Fixtures: tools/fixtures/goroutineleak (go1.27.3), tests/fixtures/goroutines/leakprofile/go127.

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dropFiles, fixture } from './helpers';

const dir = 'goroutines/leakprofile/go127';

/** debug=1 records: count, leaf function and labels, in the runtime's order (largest first). */
function records(): { count: number; func: string; labels: Record<string, string> }[] {
  const text = readFileSync(fixture(`${dir}/leak.debug1.txt`), 'utf8');
  return text
    .split('\n\n')
    .map((b) => b.split('\n').filter((l) => l !== '' && !l.startsWith('goroutineleak profile')))
    .filter((b) => b.length > 0)
    .map((b) => ({
      count: Number(b[0].split(' @ ')[0]),
      func: b.find((l) => l.startsWith('#\t0x'))!.split('\t').filter(Boolean)[2].split('+0x')[0],
      labels: JSON.parse(b.find((l) => l.startsWith('# labels: '))!.slice('# labels: '.length)),
    }));
}

for (const form of ['leak.pb.gz', 'leak.debug1.txt', 'leak.debug2.txt']) {
  test(`drop a Go 1.27 goroutine leak profile (${form}): the proven leaks with their count, stack and labels`, async ({ page }) => {
    const recs = records();
    await page.goto('./');
    await dropFiles(page, [fixture(`${dir}/${form}`)]);
    await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
    const leaks = page.getByTestId('proven-leak');
    await expect(leaks).toHaveCount(recs.length);
    for (const [i, r] of recs.entries()) {
      const item = leaks.nth(i);
      await expect(item).toHaveAttribute('data-count', String(r.count));
      await expect(item).toHaveAttribute('data-function', r.func);
      await expect(item).toContainText(`${r.count} leaked goroutines`);
      await expect(item.getByTestId('proven-leak-labels')).toHaveText(Object.entries(r.labels).map(([k, v]) => `${k}=${v}`).join(', '));
      // The stack is open and names the leaking function.
      await expect(item.locator('details')).toContainText(r.func);
    }
    await expect(page.getByTestId('goroutine-proven-leaked')).toContainText(String(recs.reduce((s, r) => s + r.count, 0)));
    const finding = page.locator('[data-testid=finding][data-rule="goroutines.proven-leak"]');
    await expect(finding).toHaveCount(recs.length);
    await expect(finding.first()).toContainText(`Proven leak: ${recs[0].count} goroutines`);
    await expect(finding.first()).toContainText(recs[0].func);
  });
}

test('an empty Go 1.27 leak profile says that nothing leaked', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture(`${dir}/none.debug1.txt`)]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('no-proven-leak')).toBeVisible();
  await expect(page.locator('[data-testid=finding][data-rule="goroutines.no-leak"]')).toHaveCount(1);
  await expect(page.getByTestId('proven-leak')).toHaveCount(0);
});

test('the plain goroutine dump of the same program calls nothing proven', async ({ page }) => {
  const recs = records();
  await page.goto('./');
  await dropFiles(page, [fixture(`${dir}/goroutine.debug2.txt`)]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  // The same stack is a heuristic suspect there…
  await expect(page.locator(`[data-testid=leak-suspect][data-function="${recs[0].func}"]`)).toHaveAttribute('data-count', String(recs[0].count));
  // …and nothing says proven.
  await expect(page.getByTestId('proven-leak')).toHaveCount(0);
  await expect(page.getByTestId('goroutine-proven-leaked')).toHaveCount(0);
  await expect(page.locator('[data-testid=finding][data-rule="goroutines.proven-leak"]')).toHaveCount(0);
  await expect(page.getByText('Proven leak', { exact: false })).toHaveCount(0);
});
