// Goroutine dumps as a person uses them: drop a dump of a leaking service and
// read the top suspect; drop two dumps and see which group grows; drop a crash.
// Expected numbers come from the runtime's own debug=1 aggregation of the same
// moment and from the dump text, not from gotune.

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dropFiles, fixture, openExample, screenshots } from './helpers';

/** First debug=1 record (the runtime sorts by count): its count and first frame's function. */
function topRecord(name: string): { count: number; func: string } {
  const text = readFileSync(fixture(`goroutines/${name}`), 'utf8');
  const block = text.split('\n\n')[0].split('\n');
  const rec = block.find((l) => / @ 0x/.test(l))!;
  const frame = block.find((l) => l.startsWith('#\t0x'))!;
  return { count: Number(rec.split(' @ ')[0]), func: frame.split('\t').filter(Boolean)[2].split('+0x')[0] };
}

test('drop a leaking dump: the top suspect is the leaking group with its count and wait', async ({ page }) => {
  const leak = topRecord('leak-2.debug1.txt');
  const text = readFileSync(fixture('goroutines/leak-2.debug2.txt'), 'utf8');
  const minutes = Math.max(...text.split('\n').filter((l) => l.includes('[chan send')).map((l) => Number(/, (\d+) minutes/.exec(l)?.[1] ?? 0)));
  await page.goto('./');
  await dropFiles(page, [fixture('goroutines/leak-2.debug2.txt')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const top = page.getByTestId('leak-suspect').first();
  await expect(top).toHaveAttribute('data-count', String(leak.count));
  await expect(top).toHaveAttribute('data-function', leak.func);
  await expect(top).toContainText(`${leak.count} goroutines`);
  await expect(top).toContainText('chan send');
  await expect(top.getByTestId('suspect-wait')).toHaveText(`waiting ${minutes} min`);
  await expect(top).toContainText('blocked sending on a channel nobody reads any more');
  await expect(page.getByTestId('goroutine-total')).toContainText(String(text.split('\n').filter((l) => /^goroutine \d+ \[/.test(l)).length));

  // Search across stacks and filter by state.
  await page.getByTestId('goroutine-search').fill('pollLoop');
  await expect(page.getByTestId('goroutine-group')).toHaveCount(1);
  await expect(page.getByTestId('goroutine-group').first()).toContainText('main.pollLoop');
  await page.getByTestId('goroutine-search').fill('');
  await page.getByTestId('goroutine-state').selectOption('sync.Mutex.Lock');
  await expect(page.getByTestId('goroutine-group')).toHaveCount(1);
  await expect(page.getByTestId('goroutine-group').first()).toContainText('main.refreshCache');
  // Expanding a group shows its stack; runtime frames can be shown again.
  await page.getByTestId('goroutine-group').first().getByRole('button').click();
  const stack = page.getByTestId('goroutine-group').first();
  await expect(stack).toContainText('runtime frame');
  await expect(stack).not.toContainText('internal/sync.runtime_SemacquireMutex');
  await page.getByTestId('collapse-runtime').uncheck();
  await expect(stack).toContainText('internal/sync.runtime_SemacquireMutex');
  await page.getByTestId('goroutine-state').selectOption('');
  await screenshots(page, 'goroutines-leak');
});

test('drop two dumps: the growing group is first', async ({ page }) => {
  const before = topRecord('leak-1.debug1.txt');
  const after = topRecord('leak-2.debug1.txt');
  await page.goto('./');
  await dropFiles(page, [fixture('goroutines/leak-1.debug2.txt'), fixture('goroutines/leak-2.debug2.txt')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(2);
  const first = page.getByTestId('growth-row').first();
  await expect(first).toContainText(after.func);
  await expect(first.locator('td').nth(2)).toHaveText(String(before.count));
  await expect(first.locator('td').nth(3)).toHaveText(String(after.count));
  await expect(first.locator('td').nth(4)).toHaveText(`+${after.count - before.count}`);
  await screenshots(page, 'goroutines-growth');
});

test('drop a crash: the panic comes first, with its goroutine', async ({ page }) => {
  const text = readFileSync(fixture('goroutines/panic-goroutine-all.txt'), 'utf8');
  const message = text.split('\n')[0].slice('panic: '.length);
  const header = text.split('\n').find((l) => l.startsWith('goroutine '))!;
  await page.goto('./');
  await dropFiles(page, [fixture('goroutines/panic-goroutine-all.txt')]);
  const crash = page.getByTestId('goroutine-crash');
  await expect(crash).toContainText(message);
  await expect(crash).toContainText('main.processOrder');
  await expect(page.locator('#view-in1-goroutines-crash, [id$=-goroutines-crash]').first()).toContainText(`goroutine ${header.split(' ')[1]}`);
  await expect(page.locator('[data-testid=finding]').first()).toContainText('panicked');
  await screenshots(page, 'goroutines-panic');
});

test('the example session includes a goroutine dump and /metrics scrapes', async ({ page }) => {
  const leak = topRecord('leak-2.debug1.txt');
  await openExample(page);
  await expect(page.getByTestId('view-goroutines')).toBeVisible();
  await expect(page.getByTestId('leak-suspect').first()).toHaveAttribute('data-count', String(leak.count));
  await expect(page.getByTestId('view-metrics').getByTestId('metrics-gomaxprocs')).toContainText('2');
});

test('a panic pasted without its end: the panic, its goroutine and the frames there, with a warning', async ({ page }) => {
  // The committed panic dump, cut after the first frame of its first goroutine (as people paste them into issues).
  const lines = readFileSync(fixture('goroutines/panic-goroutine.txt'), 'utf8').split('\n');
  const header = lines.findIndex((l) => l.startsWith('goroutine '));
  const cut = lines.slice(0, header + 3).join('\n');
  const func = lines[header + 1].slice(0, lines[header + 1].lastIndexOf('('));
  await page.goto('./');
  await page.getByLabel('Paste text').fill(cut);
  await page.getByRole('button', { name: 'Analyse pasted text' }).click();
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('input-error')).toHaveCount(0);
  await expect(page.getByTestId('input-warning')).toContainText('cut inside its first goroutine');
  const crash = page.getByTestId('goroutine-crash');
  await expect(crash).toContainText(lines[0].slice('panic: '.length));
  await expect(page.getByTestId('view-goroutines')).toContainText(func);
});
