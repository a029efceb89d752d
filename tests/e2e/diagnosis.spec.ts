// The diagnosis block as a person reads it: drop every file a labelled scenario
// run left (tests/fixtures/scenarios), or paste the first lines of a gctrace,
// and read the cause, the change and the evidence at the top of the report.

import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, exportedReport, fixture, goHome, screenshots } from './helpers';

async function dropScenario(page: Page, name: string) {
  const files = readdirSync(fixture(`scenarios/${name}`)).filter((f) => f !== 'label' && f !== 'README.md');
  if (page.url().startsWith('http')) await goHome(page);
  else await page.goto('./');
  await dropFiles(page, files.map((f) => fixture(`scenarios/${name}/${f}`)));
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(files.length, { timeout: 30_000 });
  // As a person would before leaving the page: the session says it is saved.
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
}

test('GOMAXPROCS=8 on one CPU: the diagnosis names GOMAXPROCS and says to set it to 1', async ({ page }) => {
  await dropScenario(page, 'gomaxprocs-high');
  const block = page.getByTestId('diagnosis');
  await expect(block).toHaveAttribute('data-verdict', 'problem');
  await expect(block.getByTestId('diagnosis-cause')).toHaveAttribute('data-cause', 'gomaxprocs-above-cpu');
  await expect(block.getByRole('heading', { level: 3 })).toContainText('GOMAXPROCS (8) is above the CPU this process gets');
  await expect(block.getByTestId('diagnosis-story')).toContainText('Set GOMAXPROCS=1');
  // The block comes before the per-input findings.
  const [d, f] = await Promise.all([block.boundingBox(), page.getByRole('heading', { name: 'Findings' }).boundingBox()]);
  expect(d!.y).toBeLessThan(f!.y);
  // Evidence links to its chart: the schedtrace view gets focus.
  const row = block.getByRole('list', { name: 'Evidence for' }).getByRole('listitem').filter({ hasText: 'Ps busy' });
  await row.getByRole('button', { name: 'Show in chart' }).click();
  await expect(page.locator('section.view:focus, section.view :focus, [id^=view-]:focus').first()).toBeVisible();
  await block.getByText('Settings in force and resources obtained').click();
  await expect(block.getByTestId('diagnosis-settings').getByRole('row', { name: /GOMAXPROCS/ })).toContainText('reported by the process');
  // The long stop-the-world is in several inputs (read from the exported report) and listed once, naming the others.
  const stwRules = ['gc.long-pause', 'metrics.long-pause', 'trace.long-stw'];
  const report = await exportedReport(page);
  const seenBy = (report.inputs as { name: string; findings?: { rule: string }[] }[]).filter((i) => i.findings?.some((f) => stwRules.includes(f.rule))).map((i) => i.name);
  expect(seenBy.length).toBeGreaterThanOrEqual(3);
  const stw = page.locator(stwRules.map((r) => `[data-testid=finding][data-rule="${r}"]`).join(', '));
  await expect(stw).toHaveCount(1);
  const shownFrom = (await stw.locator('.from').first().innerText()).replace(/^from /, '');
  const also = stw.getByTestId('finding-also');
  for (const name of seenBy.filter((n) => n !== shownFrom)) await expect(also).toContainText(name);
  await screenshots(page, 'diagnosis-gomaxprocs');
});

test('GOMEMLIMIT below the live heap: the diagnosis says to raise it', async ({ page }) => {
  await dropScenario(page, 'memlimit-below-live');
  const block = page.getByTestId('diagnosis');
  await expect(block.getByTestId('diagnosis-cause')).toHaveAttribute('data-cause', 'memlimit-below-live');
  await expect(block.getByRole('heading', { level: 3 })).toContainText('GOMEMLIMIT (100 MiB) is below the live heap');
  await expect(block.getByTestId('diagnosis-story')).toContainText('Raise GOMEMLIMIT to about');
});

test('a GC log of a run whose GOMEMLIMIT (1.5x the live heap) binds: the limit is named, not a low GOGC', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('whatif/go1.26.8/limit1.5x.gctrace.gz')]);
  const block = page.getByTestId('diagnosis');
  await expect(block.getByTestId('diagnosis-cause')).toHaveAttribute('data-cause', 'memlimit-below-live');
  await expect(block.getByRole('heading', { level: 3 })).toContainText('A memory limit (GOMEMLIMIT) holds the heap goal below what GOGC=100 sets');
  await expect(block.getByTestId('diagnosis-story')).toContainText('Raising GOGC changes nothing while the limit binds');
  await expect(block.getByTestId('diagnosis-story')).not.toContainText('Raise GOGC');
  await expect(block.getByRole('list', { name: 'Evidence for' })).toContainText(/the heap goal moves \d+–\d+% above the live heap from cycle to cycle/);
  await screenshots(page, 'diagnosis-limit-binds');
});

test('an execution trace alone with a critical GC finding and no cause: not called healthy', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('scenarios/memlimit-below-live/trace.out.gz')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const block = page.getByTestId('diagnosis');
  await expect(block).toHaveAttribute('data-verdict', 'insufficient');
  await expect(block.getByTestId('diagnosis-story')).toContainText('this session shows the harm but not why');
  await expect(block.getByTestId('diagnosis-story')).not.toContainText('Healthy');
  await expect(page.locator('[data-testid=finding].critical').first()).toBeVisible();
});

test('a start-up-only gctrace paste: not enough data, no alarm', async ({ page }) => {
  const lines = readFileSync(fixture('godebug/gctrace-basic.log'), 'utf8').split('\n').slice(0, 5);
  await page.goto('./');
  await page.getByLabel('Paste text').fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Analyse pasted text' }).click();
  const block = page.getByTestId('diagnosis');
  await expect(block).toHaveAttribute('data-verdict', 'insufficient');
  await expect(block.getByTestId('diagnosis-story')).toContainText('too short to judge');
  await expect(page.locator('[data-testid=finding].warning, [data-testid=finding].critical')).toHaveCount(0);
});

test('a healthy worker pool: the healthy verdict and no warnings', async ({ page }) => {
  await dropScenario(page, 'healthy-pool');
  const block = page.getByTestId('diagnosis');
  await expect(block).toHaveAttribute('data-verdict', 'healthy');
  await expect(block.getByTestId('diagnosis-story')).toContainText('Healthy');
  await expect(page.locator('[data-testid=finding].warning, [data-testid=finding].critical')).toHaveCount(0);
  // One dump leaves "a leak only if the count grows" open; the second dump answers it on the page.
  await expect(page.locator('[data-testid=finding]').filter({ hasText: /500 goroutines wait at the same place \(main\.startFault\.func2\).*500 in goroutines-1\.txt\.gz, 500 in goroutines-2\.txt\.gz, not growing/ })).toHaveCount(1);
  await expect(page.locator('[data-testid=finding]').filter({ hasText: 'a leak only if the count grows between dumps' })).toHaveCount(0);
});

test('a service still loading its data set for the whole log: too early to call healthy, the leak only possible, told why', async ({ page }) => {
  await dropScenario(page, 'healthy-loading');
  const block = page.getByTestId('diagnosis');
  await expect(block).toHaveAttribute('data-verdict', 'insufficient');
  await expect(block.getByTestId('diagnosis-story')).toContainText(/had not levelled off when the [\d.]+ s GC log ended/);
  // The story is made of that note: it is not listed again under it.
  await expect(block.getByRole('list', { name: 'Notes' }).getByText(/had not levelled off/)).toHaveCount(0);
  await expect(page.locator('[data-testid=finding].warning, [data-testid=finding].critical')).toHaveCount(0);
  // The leak is listed as a weak candidate, with what speaks against it.
  await block.getByText('Weak candidates (1)').click();
  await expect(block.getByText('The live heap grew', { exact: false }).first()).toBeVisible();
  await expect(block.getByText(/a start-up still loading data looks the same/).first()).toBeVisible();
  await screenshots(page, 'diagnosis-loading');
});

test('a healthy verdict beside a warning says so in its story', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('whatif/go1.26.8/gogc200.gctrace.gz')]);
  const block = page.getByTestId('diagnosis');
  await expect(block).toHaveAttribute('data-verdict', 'healthy', { timeout: 30_000 });
  const warning = page.locator('[data-testid=finding].warning');
  await expect(warning).toHaveCount(1);
  await expect(block.getByTestId('diagnosis-story')).toContainText('one finding below is a warning (Mutator assists do');
  await expect(block.getByTestId('diagnosis-story')).not.toContainText('information, not problems');
});

test('compare two runs that differ only in GOMAXPROCS: the GOMAXPROCS row first, GC CPU not "better"', async ({ page }) => {
  await dropScenario(page, 'gomaxprocs-high');
  await dropScenario(page, 'gomaxprocs-matched');
  // Leave through the app, as a person would.
  await page.getByRole('link', { name: 'gotune start page' }).click();
  const rows = page.getByTestId('session-list').locator('li');
  await expect(rows).toHaveCount(2);
  // Newest first: the GOMAXPROCS=8 run is the second row, "before".
  await rows.nth(1).getByTestId('compare-link').click();
  const a = new URL(page.url().replace('#/', '')).searchParams.get('a');
  const select = page.getByTestId('compare-select-b');
  // The compare page's code loads when it is first opened: wait for its menu (a placeholder and the two sessions).
  await expect(select.locator('option')).toHaveCount(3);
  const ids = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  await select.selectOption(ids.find((v) => v && v !== a)!);
  const table = page.getByTestId('compare-metrics');
  await expect(table).toBeVisible();
  const first = table.getByTestId('compare-row').first();
  await expect(first).toHaveAttribute('data-label', 'GOMAXPROCS');
  await expect(first).toHaveAttribute('data-direction', 'changed');
  await expect(first).toContainText('8 → 1');
  const gcCpu = table.locator('[data-testid=compare-row][data-label="GC CPU"]');
  await expect(gcCpu).not.toHaveAttribute('data-direction', 'better');
  await expect(table.locator('[data-testid=compare-row][data-label="CPU used (cores)"]')).not.toHaveAttribute('data-direction', /better|worse/);
  await expect(page.getByTestId('compare-note').first()).toContainText('GOMAXPROCS changed');
  await expect(page.getByTestId('compare-causes')).toContainText('GOMAXPROCS (8) is above the CPU');
});

test('the wizard opened from a limit-bound session starts at the top and proposes a memory limit above the live heap', async ({ page }) => {
  const files = readdirSync(fixture('scenarios/memlimit-below-live')).filter((f) => !['label', 'README.md', 'deployment.yaml'].includes(f));
  await page.goto('./');
  await dropFiles(page, files.map((f) => fixture(`scenarios/memlimit-below-live/${f}`)));
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(files.length, { timeout: 30_000 });
  const live = await page.getByTestId('diagnosis').getByTestId('diagnosis-cause').getByRole('heading').textContent();
  const liveMiB = Number(/below the live heap \(([0-9.]+) MiB\)/.exec(live!)![1]);
  const link = page.getByRole('link', { name: 'Open the tuning wizard' });
  await link.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(/#\/wizard\//);
  await expect(page.getByRole('heading', { name: 'Container tuning wizard' })).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const limit = page.getByLabel('Memory limit', { exact: true });
  await expect(limit).toHaveValue(/^\d+Mi$/);
  expect(parseInt(await limit.inputValue(), 10)).toBeGreaterThan(liveMiB);
  await expect(page.getByText(/^from the session: proposed: live heap/)).toBeVisible();
  const note = page.locator('[data-testid=wizard-note][data-note="gomemlimit.session-below-live"]');
  await expect(note).toContainText('Your GOMEMLIMIT (100 MiB) is below the live heap');
  await expect(note).toContainText('raise it to');
});
