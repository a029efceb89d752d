// No script injection: hostile strings (HTML, SVG, javascript: URLs, bidi
// overrides, a 10 KB name) in file names, gctrace log lines, goroutine dump
// function names, pprof function/file names and labels, execution-trace task,
// region and log names. Every view of the
// session, the wizard and a crafted permalink must show them as text: no dialog, no script run
// (window.__pwned stays unset), no CSP violation, no element built from them.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dropBytes, dropFiles, exportedReport, fixture, renderAll, repoRoot, scrollUntilAttached } from './helpers';
import { hostileDump, hostileGctrace, hostileProfile } from './hostile';
import { HOSTILE_STRINGS, LONG_NAME } from '../fixtures/hostile/strings';
import { pprofDisplayName } from '../../src/analysis/pprof/displayName';
import { execFileSync } from 'node:child_process';

const b64 = (x: Uint8Array | string) => Buffer.from(x).toString('base64');

async function guard(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.sample}`));
  });
  return async function check(where: string) {
    const state = await page.evaluate(() => {
      const w = window as unknown as { __pwned?: unknown; __csp: string[] };
      const handlers = [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 120));
      return {
        pwned: w.__pwned ?? null,
        csp: w.__csp,
        handlers,
        frames: document.querySelectorAll('iframe, object, embed').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length,
        injectedMath: document.querySelectorAll('math, img[src="x"]').length,
      };
    });
    expect(state, where).toEqual({ pwned: null, csp: [], handlers: [], frames: 0, jsLinks: 0, injectedMath: 0 });
    expect(dialogs, where).toEqual([]);
  };
}

/** Whole page text with runs of whitespace collapsed (the way strings are compared). */
const pageText = (page: Page) => page.evaluate(() => document.body.innerText.replace(/\s+/g, ' '));
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

test('hostile names in files, logs, dumps and profiles are shown as text and never run', async ({ page }) => {
  const check = await guard(page);
  await page.goto('./');
  const gclog = readFileSync(fixture('godebug/gctrace-basic.log'));
  // File names: each hostile string names a real gctrace log.
  await dropBytes(page, [
    ...HOSTILE_STRINGS.map((name) => ({ name, b64: b64(gclog) })),
    { name: LONG_NAME, b64: b64(gclog) },
    { name: '<b>app</b>-gctrace.log', b64: b64(hostileGctrace(HOSTILE_STRINGS)) },
    { name: 'goroutines-<svg onload=alert(1)>.txt', b64: b64(hostileDump([...HOSTILE_STRINGS, LONG_NAME])) },
    { name: 'cpu-<img src=x onerror=alert(1)>.pb.gz', b64: b64(hostileProfile([...HOSTILE_STRINGS, LONG_NAME], HOSTILE_STRINGS)) },
  ]);
  const rows = page.locator('[data-testid=input-row]');
  await expect(rows).toHaveCount(HOSTILE_STRINGS.length + 4);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(HOSTILE_STRINGS.length + 4, { timeout: 60_000 });
  await check('session page');

  // File names shown literally in the input list.
  const names = await rows.locator('.name').allInnerTexts();
  for (const s of [...HOSTILE_STRINGS, LONG_NAME]) expect(names.map(norm)).toContain(norm(s));

  // Profile: the top table lists the hostile function names as text.
  const profile = page.locator('[data-testid=profile-view]').first();
  // Sessions of 12 or more inputs lay out their later sections as they scroll in.
  await scrollUntilAttached(page, profile);
  await profile.scrollIntoViewIfNeeded();
  await profile.getByTestId('tab-top').click();
  await expect(profile.getByTestId('top-row').first()).toBeVisible();
  const top = norm((await profile.getByTestId('top-table').innerText()));
  // As go tool pprof shows them: its display rule drops <…> and (…) groups from names with [ ] < > (displayName.ts).
  for (const s of HOSTILE_STRINGS) expect(top).toContain(norm(pprofDisplayName(s, s)));
  await check('profile top table');
  // Flame graph: hover a frame for the tooltip, search with a hostile pattern.
  await profile.getByTestId('tab-flame').click();
  const canvas = profile.getByTestId('flame-canvas');
  const box = (await canvas.boundingBox())!;
  for (const x of [0.1, 0.3, 0.5, 0.7, 0.9]) await page.mouse.move(box.x + box.width * x, box.y + 40);
  await profile.getByTestId('flame-search').fill(HOSTILE_STRINGS[1]);
  await check('flame graph');

  // Goroutine dump: every group's function and creator shown as text.
  const text = await pageText(page);
  expect(text).toContain('main.<script>window.__pwned=1</script>');
  // Hover every chart so tooltip formatters run on the data.
  await renderAll(page); // charts are drawn when they scroll into view
  for (const chart of await page.locator('canvas').all()) {
    await chart.scrollIntoViewIfNeeded();
    const b = await chart.boundingBox();
    if (!b || b.width < 50) continue;
    for (const x of [0.25, 0.5, 0.75]) await page.mouse.move(b.x + b.width * x, b.y + b.height / 2);
  }
  await check('charts hovered');

  // The wizard for this session and the start page list.
  const id = /#\/s\/([^/?]+)/.exec(page.url())![1];
  await page.goto(`./#/wizard/${id}`);
  await expect(page.locator('main')).toContainText(/GOMEMLIMIT/);
  await check('wizard');
  await page.goto('./');
  await expect(page.getByTestId('session-list')).toBeVisible();
  await check('start page');
  await page.reload();
  await page.goto(`./#/s/${id}`);
  await expect(page.locator('[data-testid=input-row]')).toHaveCount(HOSTILE_STRINGS.length + 4);
  await check('session reopened from storage');
});

test('a crafted permalink with hostile names, findings and links renders as text', async ({ page }) => {
  const check = await guard(page);
  const payload = execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/craftPermalink.ts'], { cwd: repoRoot, encoding: 'utf8' });
  expect(payload).toMatch(/^\d+\.[A-Za-z0-9_-]+$/);
  await page.goto(`./#/p/${payload}`);
  await expect(page.locator('main')).toContainText(norm(HOSTILE_STRINGS[3]));
  await expect(page.locator('[data-testid=finding]').first()).toBeVisible();
  const text = await pageText(page);
  for (const s of HOSTILE_STRINGS.slice(0, 4)) expect(text).toContain(norm(s));
  // Only https links were made from the text, and none carries markup.
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  for (const h of hrefs) expect(h).toMatch(/^(https:\/\/[^"<>\s]*|#.*)$/);
  await check('permalink page');
});

test('hostile task, region and log names in a real execution trace are shown as text', async ({ page }) => {
  const check = await guard(page);
  await page.goto('./');
  // tools/fixtures/gotrace-hostile: the corpus as runtime/trace task, region and log names (Go 1.26).
  await dropFiles(page, [fixture('gotrace/go126-hostile.trace')], ['trace-<svg onload=alert(1)>.out']);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1, { timeout: 60_000 });
  const view = page.getByTestId('trace-user');
  await expect(view).toBeVisible();
  await check('trace view');

  // The runtime keeps the first 1 KiB of a trace string.
  const names = [...HOSTILE_STRINGS, LONG_NAME.slice(0, 1024)].map(norm);
  const cells = (await view.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText)))).map((r) => r.map(norm));
  for (const kind of ['task', 'region', 'log']) {
    expect(cells.filter((r) => r[0] === kind).map((r) => r[1]).sort(), kind).toEqual([...names].sort());
  }
  // Nothing in the table was built from the strings: only text nodes inside the cells.
  expect(await view.locator('tbody td *').count()).toBe(0);
  // The 1 KiB name wraps inside the card instead of pushing the counts off to the side.
  expect(await view.evaluate((t) => t.scrollWidth - t.parentElement!.clientWidth)).toBeLessThanOrEqual(1);

  // Every other table and the findings of the trace, and the file name.
  for (const id of ['trace-blocking', 'trace-worst-stw', 'trace-stw-reasons', 'trace-cpu']) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.locator('[data-testid=finding]').first()).toBeVisible();
  expect(norm(await page.locator('[data-testid=input-row] .name').innerText())).toBe('trace-<svg onload=alert(1)>.out');
  await renderAll(page); // charts are drawn when they scroll into view
  for (const chart of await page.locator('canvas').all()) {
    await chart.scrollIntoViewIfNeeded();
    const b = await chart.boundingBox();
    if (!b || b.width < 50) continue;
    for (const x of [0.25, 0.5, 0.75]) await page.mouse.move(b.x + b.width * x, b.y + b.height / 2);
  }
  await check('trace charts hovered');

  // The exported report keeps the names as data.
  const report = await exportedReport(page);
  const user = report.inputs[0].trace.user;
  expect(user.tasks.map((t: { reason: string }) => norm(t.reason)).sort()).toEqual([...names].sort());
  await check('after export');

  // The static HTML report: no script in it, and opened from a file it shows the names as text.
  await page.getByTestId('share-open').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'gotune-hostile-')), 'report.html');
  await dl.saveAs(file);
  expect(readFileSync(file, 'utf8')).not.toMatch(/<(script|iframe|math|svg onload|img src=x)/i);
  const off = await page.context().newPage();
  const offDialogs: string[] = [];
  off.on('dialog', (d) => {
    offDialogs.push(d.message());
    void d.dismiss();
  });
  await off.goto(`file://${file}`);
  const offCells = await off.getByTestId('trace-user').locator('tbody td:nth-child(2)').allInnerTexts();
  expect(offCells.map(norm).sort()).toEqual([...names, ...names, ...names].sort());
  expect(await off.evaluate(() => [(window as { __pwned?: unknown }).__pwned ?? null, document.querySelectorAll('iframe, math, img[src="x"]').length])).toEqual([null, 0]);
  expect(offDialogs).toEqual([]);
  await off.close();

  // The permalink made by the app opens as text too.
  const url = await page.getByTestId('share-url').inputValue();
  await page.goto(url);
  await expect(page.locator('main')).toContainText('trace-<svg onload=alert(1)>.out');
  await check('permalink of the trace session');

  // Reopened from storage: the same text, still inert.
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId('trace-user')).toContainText(norm(HOSTILE_STRINGS[0]));
  await check('trace view reopened from storage');
});
