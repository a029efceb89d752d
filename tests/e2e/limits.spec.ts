// Resource limits as a person meets them: a 4 GiB file is refused with a
// message naming the file and the limit, before any of it is read, and the
// other input dropped with it is analysed as usual.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { gunzipSync } from 'fflate';
import { dropBytes, fixture, screenshots } from './helpers';
import { decodeWire, encodeWire } from '../fuzz/protowire';

test('a 4 GiB file is refused politely without being read; the other file is analysed', async ({ page }) => {
  // Count reads of big blobs: the refusal must come from the size alone.
  await page.addInitScript(() => {
    const w = window as unknown as { __bigReads: number };
    w.__bigReads = 0;
    for (const m of ['arrayBuffer', 'text', 'stream', 'bytes', 'slice'] as const) {
      const orig = (Blob.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[m];
      if (!orig) continue;
      (Blob.prototype as unknown as Record<string, unknown>)[m] = function (this: Blob, ...a: unknown[]) {
        if (this.size > 1 << 30) w.__bigReads++;
        return orig.apply(this, a);
      };
    }
  });
  await page.goto('./');
  const log = readFileSync(fixture('godebug/gctrace-basic.log'), 'utf8');
  const size = await page.evaluate((text) => {
    // 4 GiB made of one 64 MiB part repeated: cheap to build, never materialised.
    const part = new Blob([new Uint8Array(64 << 20)]);
    const huge = new File(Array.from({ length: 64 }, () => part), 'prod-gctrace-4GB.log');
    const dt = new DataTransfer();
    dt.items.add(huge);
    dt.items.add(new File([text], 'gctrace-basic.log'));
    for (const type of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    return huge.size;
  }, log);
  expect(size).toBe(4 * 1024 ** 3);
  const huge = page.locator('[data-testid=input-row][data-input-name="prod-gctrace-4GB.log"]');
  await expect(huge).toHaveAttribute('data-status', 'failed');
  const msg = huge.getByTestId('input-error');
  await expect(msg).toContainText('prod-gctrace-4GB.log');
  await expect(msg).toContainText('4.00 GiB');
  await expect(msg).toContainText('1.00 GiB limit');
  const good = page.locator('[data-testid=input-row][data-input-name="gctrace-basic.log"]');
  await expect(good).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __bigReads: number }).__bigReads)).toBe(0);
});


test('a profile that would need more memory than the budget is refused with the estimate; the log beside it is analysed', async ({ page }) => {
  // A real heap profile whose samples are repeated to 8 M: 214 MB of profile.proto,
  // 1.3 MB gzipped, over the 1.5 GiB memory estimate with the default limits.
  const heap = gunzipSync(new Uint8Array(readFileSync(fixture('pprof/heap.pb.gz'))));
  const wire = decodeWire(heap);
  const perCopy = wire.filter((f) => f.f === 2).length;
  const samples = encodeWire(wire.filter((f) => f.f === 2));
  const copies = Math.ceil(8_000_000 / perCopy);
  const big = new Uint8Array(heap.length + samples.length * copies);
  big.set(heap);
  for (let i = 0; i < copies; i++) big.set(samples, heap.length + i * samples.length);
  const gz = gzipSync(big, { level: 9 });
  await page.goto('./');
  await dropBytes(page, [
    { name: 'prod-heap-8M-samples.pb.gz', b64: gz.toString('base64') },
    { name: 'gctrace-basic.log', b64: readFileSync(fixture('godebug/gctrace-basic.log')).toString('base64') },
  ]);
  const bad = page.locator('[data-testid=input-row][data-input-name="prod-heap-8M-samples.pb.gz"]');
  await expect(bad).toHaveAttribute('data-status', 'failed', { timeout: 45_000 });
  const msg = bad.getByTestId('input-error');
  await expect(msg).toContainText('prod-heap-8M-samples.pb.gz');
  await expect(msg).toContainText(/this profile would need ~1\.\d\d GiB of memory to analyse \(limit 1\.50 GiB\)/);
  await expect(msg).toContainText(`${(perCopy * (copies + 1)).toLocaleString('en-US')} samples`);
  await expect(msg).toContainText('go tool pprof -proto -focus=REGEX');
  const good = page.locator('[data-testid=input-row][data-input-name="gctrace-basic.log"]');
  await expect(good).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  await screenshots(page, 'limits-memory');
});

test('a log longer than the line limit is analysed up to the limit, with a warning naming it', async ({ page }) => {
  // A real gctrace log, 20 M empty lines (20 MB, 24 KB gzipped), then the log again: the second copy is past the cap.
  const log = readFileSync(fixture('godebug/gctrace-basic.log'));
  const gz = gzipSync(Buffer.concat([log, new Uint8Array(20_000_000).fill(10), log]), { level: 9 });
  const cycles = log.toString('utf8').split('\n').filter((l) => /\bgc \d+ @/.test(l)).length;
  await page.goto('./');
  await dropBytes(page, [{ name: 'gctrace-20M-lines.log.gz', b64: gz.toString('base64') }]);
  const row = page.locator('[data-testid=input-row][data-input-name="gctrace-20M-lines.log.gz"]');
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 50_000 });
  await expect(row.getByTestId('input-warning')).toContainText('only the first 20,000,000 lines were read (the limit is 20,000,000 lines per file');
  // Only the first copy of the log was read: its cycles, not twice as many.
  await expect(page.getByTestId('gc-cycles')).toContainText(String(cycles));
  await expect(page.getByTestId('gc-cycles')).not.toContainText(String(2 * cycles));
  await screenshots(page, 'limits-lines');
});

test('config files the fuzzer found slow: refused by name in a moment, or read, and the log beside them is analysed', async ({ page }) => {
  // The real inputs kept in tests/fuzz/regressions (gzipped there): a Deployment ending in 4 MB of `[`
  // (over the 1 MiB cap, and nested too deeply) and a 1 MB one with a flow map of a million commas.
  const regression = (name: string) => gunzipSync(new Uint8Array(readFileSync(`tests/fuzz/regressions/${name}`)));
  const brackets = regression('config-ff80f40a21cb3c77');
  const deep = new TextDecoder().decode(brackets).slice(0, 600_000); // under the size cap: the nesting guard answers
  await page.goto('./');
  await dropBytes(page, [
    { name: 'deployment-4MB-brackets.yaml', b64: Buffer.from(brackets).toString('base64') },
    { name: 'deployment-deep.yaml', b64: Buffer.from(deep).toString('base64') },
    { name: 'deployment-commas.yaml', b64: Buffer.from(regression('config-72c6adeaf95634f5')).toString('base64') },
    { name: 'gctrace-basic.log', b64: readFileSync(fixture('godebug/gctrace-basic.log')).toString('base64') },
  ]);
  const row = (name: string) => page.locator(`[data-testid=input-row][data-input-name="${name}"]`);
  await expect(row('deployment-4MB-brackets.yaml')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(row('deployment-4MB-brackets.yaml').getByTestId('input-error')).toContainText('deployment-4MB-brackets.yaml');
  await expect(row('deployment-4MB-brackets.yaml').getByTestId('input-error')).toContainText('too large for a config file');
  await expect(row('deployment-deep.yaml')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(row('deployment-deep.yaml').getByTestId('input-error')).toContainText('nests brackets more than 1000 levels deep');
  // The commas are YAML errors, not a refusal: the Deployment above them is read, with warnings.
  await expect(row('deployment-commas.yaml')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(row('gctrace-basic.log')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('gc-stats')).toBeVisible();
});
