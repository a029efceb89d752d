// A big execution trace is read in chunks of generations by workers of their
// own (src/worker/traceChunks.ts). Here the page is asked for them on small
// real traces (?traceWorkers=N; by default only traces of 32–320 MiB are read
// apart): the worker reports the chunks it joined, and the report on screen
// and exported is the one a single read makes, figure for figure.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { dropBytes, exportedReport, fixture } from './helpers';

type Chunks = { reads: number; last: number; failure: string };
const traceChunks = (page: Page): Promise<Chunks> => page.evaluate(() => (window as unknown as { __gotune: { traceChunks(): Promise<Chunks> } }).__gotune.traceChunks());

/** The report of one trace dropped on a fresh page at `url`, with what the worker says of its chunks. */
async function readAt(page: Page, url: string, name: string, bytes: Buffer): Promise<{ input: any; chunks: Chunks; events: string }> {
  await page.goto(url);
  await dropBytes(page, [{ name, b64: bytes.toString('base64') }]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const events = (await page.getByTestId('trace-events').textContent()) ?? '';
  const report = await exportedReport(page);
  const { parseMs, ...input } = report.inputs[0];
  expect(parseMs).toBeGreaterThanOrEqual(0);
  return { input, chunks: await traceChunks(page), events };
}

for (const [file, workers] of [
  ['go126-gens.trace.gz', 3],
  ['go126-gcspan.trace.gz', 2],
] as const) {
  test(`${file} read by ${workers} workers in parallel gives the report one read gives`, async ({ browser }) => {
    // Dropped as the plain trace: a .gz is inflated whole, and only a file is read in pieces.
    const bytes = gunzipSync(readFileSync(fixture(`gotrace/${file}`)));
    const name = file.replace(/\.gz$/, '');
    const apart = await browser.newContext();
    const one = await browser.newContext();
    try {
      const a = await readAt(await apart.newPage(), `./?traceWorkers=${workers}`, name, bytes);
      const b = await readAt(await one.newPage(), './', name, bytes);
      expect(a.chunks).toEqual({ reads: 1, last: workers, failure: '' });
      expect(b.chunks.reads).toBe(0);
      expect(a.input.kind).toBe('gotrace');
      expect(a.input.trace.generations).toBeGreaterThanOrEqual(workers);
      expect(a.events).toBe(b.events);
      expect(a.input).toEqual(b.input);
    } finally {
      await apart.close();
      await one.close();
    }
  });
}

test('a broken trace asked to be read apart gets the one read\'s verdict, and the page goes on', async ({ page }) => {
  // Cut inside its third generation: the generation scan stops there, so the trace is read once, and
  // the complete generations before the cut are shown with a warning, as without workers.
  const bytes = gunzipSync(readFileSync(fixture('gotrace/go126-gens.trace.gz')));
  const cut = bytes.subarray(0, Math.floor(bytes.length * 0.55));
  await page.goto('./?traceWorkers=4');
  await dropBytes(page, [{ name: 'cut.trace', b64: Buffer.from(cut).toString('base64') }]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('trace-truncated')).toContainText('cut short');
  const report = await exportedReport(page);
  expect(report.inputs[0].trace.generations).toBe(2);
  expect(report.inputs[0].warnings.join(' ')).toMatch(/cut or damaged after generation 2/);
  expect((await traceChunks(page)).reads).toBe(0);
});
