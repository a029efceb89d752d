// The CPU samples of an execution trace in the pprof views, as a person uses
// them: drop a real Go 1.26 trace with CPU samples, open its flame graph,
// click a frame to zoom, search, read the top table and check its first row
// against `go tool pprof -top` of the profile Go's tools build from the same
// trace (tests/fixtures/gotrace-cpu, tools/fixtures/tracecpu/gen.sh); reload
// the page (the session reopens from storage) and use it again: the profile is
// rebuilt from the CPU sample tables stored with the session, so the worker
// does not read the trace again.

import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, fixture, parses, screenshots } from './helpers';

const golden = readFileSync(fixture('gotrace-cpu/go126-cpu.cpu.top-all.txt'), 'utf8');
/** The first table row of the golden, cell by cell as the top table shows them. */
const firstRow = (() => {
  const line = golden.split('\n').find((l) => /^\s*\d+\s+[\d.]+%/.test(l))!;
  const p = line.trim().split(/\s+/);
  return { cells: p.slice(0, 5), name: p.slice(5).join(' ') };
})();
const total = /of (\S+) total/.exec(golden)![1];

async function checkTopRow(page: Page) {
  const section = page.getByTestId('trace-cpu-profile');
  await section.getByTestId('tab-top').click();
  const row = section.getByTestId('top-row').first();
  const cells = row.locator('td');
  for (const [i, want] of firstRow.cells.entries()) await expect(cells.nth(i)).toHaveText(want);
  await expect(cells.last()).toHaveText(firstRow.name);
}

test("a trace's CPU samples: flame graph zooms, search, top row equals Go's, works after a reload", async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace-cpu/go126-cpu.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);

  const section = page.getByTestId('trace-cpu-profile');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('profile-total')).toContainText(total);
  const canvas = section.getByTestId('flame-canvas');
  await expect(canvas).toBeVisible();
  await expect.poll(async () => Number(await canvas.getAttribute('data-drawn'))).toBeGreaterThan(10);

  // Click a frame one row below the root, near the left: it zooms; Escape resets.
  await expect(canvas).toHaveAttribute('data-zoom', '0');
  await canvas.click({ position: { x: 40, y: 18 * 2 + 9 } });
  await expect(canvas).not.toHaveAttribute('data-zoom', '0');
  expect(Number(await section.getByTestId('flame-breadcrumb').getAttribute('data-depth'))).toBeGreaterThan(1);
  await canvas.focus();
  await page.keyboard.press('Escape');
  await expect(canvas).toHaveAttribute('data-zoom', '0');
  // Keyboard only: up to the root, down to runtime.goexit's only child (every
  // sample runs under it, see the golden) and zoom with Enter; the status line names it.
  await page.mouse.move(0, 0);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(canvas).not.toHaveAttribute('data-zoom', '0');
  const underGoexit = golden.split('\n').filter((l) => new RegExp(`^\\s*\\d+\\s+\\S+\\s+\\S+\\s+${total}\\s+100%  `).test(l) && !l.endsWith('runtime.goexit'));
  expect(underGoexit).toHaveLength(1);
  await expect(section.getByTestId('flame-status')).toContainText(underGoexit[0].trim().split(/\s+/)[5]);
  await page.keyboard.press('Escape');

  // Search: main.fib is recursive (many boxes); its share is the golden's cum%.
  // Anchored: main.fibWorker (which calls main.fib) must not match too.
  await section.getByTestId('flame-search').fill('main\\.fib$');
  const fibCum = golden.split('\n').find((l) => l.endsWith('  main.fib'))!.trim().split(/\s+/)[4];
  await expect(section.getByTestId('flame-matches')).toContainText(`(${fibCum} of the total)`);
  await section.getByTestId('flame-search').fill('');

  await checkTopRow(page);
  await section.getByTestId('top-table').screenshot({ path: 'screens/trace-cpu-top.png' });

  // Reload: the report and the trace's CPU sample tables come back from IndexedDB.
  await page.reload();
  expect(await parses(page)).toBe(0);
  await expect(page.getByTestId('trace-cpu-profile').getByTestId('flame-canvas')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('trace-cpu-profile').getByTestId('flame-canvas').getAttribute('data-drawn'))).toBeGreaterThan(10);
  await checkTopRow(page);
  expect(await parses(page)).toBe(0);

  await page.getByTestId('trace-cpu-profile').getByTestId('tab-flame').click();
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.getByTestId('trace-cpu-profile').screenshot({ path: `screens/trace-cpu-section-${theme}.png` });
  }
  await screenshots(page, 'trace-cpu');
});

// The worker's parsers are a chunk of their own, loaded with the first input it
// reads (src/worker/unwrapAndAnalyze.ts): a reopened session's flame graph needs
// only the profile code, so the worker that draws it starts sooner.
test("reopening a trace's session draws its flame graph without loading the worker's parsers; a new file loads them", async ({ page, context }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace-cpu/go126-cpu.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  const scripts: string[] = [];
  context.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(new URL(r.url()).pathname);
  });
  await page.reload();
  const canvas = page.getByTestId('trace-cpu-profile').getByTestId('flame-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-drawn'))).toBeGreaterThan(10);
  expect(await parses(page)).toBe(0);
  // Its first query was asked of the worker when the session opened, before its section was drawn.
  await expect(page.getByTestId('trace-cpu-profile').getByTestId('profile-view')).toHaveAttribute('data-first-query', 'ahead');
  // …and the view drew that answer without asking the worker again for the same query.
  await expect(page.getByTestId('trace-cpu-profile').getByTestId('profile-view')).toHaveAttribute('data-asked', '0');
  // The worker's own script is seen (so the check below can see a chunk the worker loads)…
  expect(scripts.filter((s) => /\/worker-[\w-]+\.js$/.test(s))).toHaveLength(1);
  // …and its parsers' chunk is not loaded.
  expect(scripts.filter((s) => /unwrapAndAnalyze/.test(s))).toEqual([]);

  // A file added to the reopened session is read: the parsers come when needed.
  await dropFiles(page, [fixture('godebug/gctrace-basic.log')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(2);
  expect(await parses(page)).toBe(1);
  expect(scripts.filter((s) => /unwrapAndAnalyze/.test(s))).toHaveLength(1);
});
