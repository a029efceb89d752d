// No network: every request the page makes during full flows (example, drop of
// each kind of input, analysis, wizard, JSON/HTML export, share link) goes to
// the page's own origin; and the build holds no absolute external URL except
// documentation links a person clicks (checked here, after the build, because
// the unit tests run before it).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { dropFiles, exportedReport, fixture, openExample, repoRoot } from './helpers';

/** Hosts of documentation links the UI shows (opened only when clicked), XML namespace ids, reserved example hosts, and localhost in copyable commands. */
// localhost: the how-to-collect commands (`curl http://localhost:6060/debug/pprof/…` after a port-forward), shown as text to copy.
const ALLOWED_HOSTS = new Set(['localhost', 'go.dev', 'pkg.go.dev', 'github.com', 'go.googlesource.com', 'kubernetes.io', 'docs.docker.com', 'svelte.dev', 'www.w3.org', 'gotune.example']);

test('full flows send no request outside the page origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u)) outside.push(`${r.method()} ${u}`);
  });
  await openExample(page);
  const rows = page.locator('[data-testid=input-row]');
  await expect(page.locator('[data-testid=input-row]:is([data-status=queued], [data-status=reading], [data-status=parsing])')).toHaveCount(0, { timeout: 60_000 });
  const example = await rows.count();
  await dropFiles(page, [
    fixture('godebug/interleaved.log'),
    fixture('pprof/cpu.pb.gz'),
    fixture('pprof/heap.pb.gz'),
    fixture('goroutines/leak-1.debug2.txt'),
    fixture('metrics/scrapes.txt'),
    fixture('metrics/debug-vars.json'),
    fixture('gotrace/go126-goroutines.trace'),
    fixture('config/deployment-myths.yaml'),
  ]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(example + 8, { timeout: 60_000 });
  // Charts drawn and hovered, findings followed.
  for (const chart of (await page.locator('canvas').all()).slice(0, 12)) {
    const b = await chart.boundingBox();
    if (b && b.width > 50) await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  }
  const report = await exportedReport(page);
  expect(report.inputs.length).toBe(example + 8);
  // Share panel: HTML export and the permalink itself.
  if (await page.getByTestId('share-open').isVisible()) {
    await page.getByTestId('share-open').click();
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    expect(await html.path()).toBeTruthy();
    // A session this big may be over the longest link gotune makes: then the panel offers the files instead.
    const urlBox = page.getByTestId('share-url');
    await expect(urlBox.or(page.getByTestId('share-refused'))).toBeVisible();
    if (await urlBox.count()) {
      const url = new URL(await urlBox.inputValue());
      await page.goto(`./${url.hash}`);
      await expect(page.locator('main')).toContainText(/gctrace|GC|goroutine/i);
    }
  }
  // The example alone always gets a link: open it, as a person opening a shared report would.
  await page.goto('./');
  await openExample(page);
  await expect(page.locator('[data-testid=input-row]:is([data-status=queued], [data-status=reading], [data-status=parsing])')).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('share-open').click();
  const exampleLink = new URL(await page.getByTestId('share-url').inputValue());
  await page.goto(`./${exampleLink.hash}`);
  await expect(page.locator('main')).toContainText(/gctrace|GC|goroutine/i);
  // Wizard for the session.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wizard' }).click();
  await expect(page.locator('main')).toContainText('GOMEMLIMIT');
  await page.goto('./');
  await expect(page.getByTestId('session-list')).toBeVisible();
  expect(outside).toEqual([]);
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('the build contains no absolute external URL except documentation links', () => {
  const dist = resolve(repoRoot, 'dist');
  const hosts = new Map<string, string>();
  for (const f of files(dist).filter((f) => /\.(js|html|css|json)$/.test(f))) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:https?|wss?|ftp):\/\/([^/"'`\s)<>\\]+)/g)) hosts.set(m[1].toLowerCase(), `${m[0]} in ${f.slice(dist.length + 1)}`);
  }
  expect(hosts.size).toBeGreaterThan(0); // the doc links are there: the scan works
  const unexpected = [...hosts].filter(([h]) => !ALLOWED_HOSTS.has(h.replace(/:\d+$/, ''))).map(([, where]) => where);
  expect(unexpected).toEqual([]);
  // Protocol-relative URLs in HTML attributes would load from wherever the page is served over.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  expect(html).not.toMatch(/(src|href)="\/\//);
});
