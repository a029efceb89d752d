// Permalinks, export and compare as a person uses them: build a session from
// real files, copy its link, open it in a fresh browser (empty storage) and see
// the same figures; redact names; open hostile, damaged and foreign links;
// download the HTML report and open it offline; save a chart; compare two
// sessions and a session with a link.

import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { chartCanvas, dropBytes, dropFiles, exportedReport, fixture, repoRoot, screenshots, scrollUntilAttached } from './helpers';
import { hostileProfile } from './hostile';
import { deflateSync, inflateSync, strFromU8 } from 'fflate';
import { DICTIONARY_V1 } from '../../src/report/permalink/dictionary-v1';
import { isStdFunc } from '../../src/analysis/goStdlib';
import { LINK_MAX_CHARS, LINK_MAX_INPUTS, MAX_LINK_CHARS } from '../../src/report/permalink/types';
import { SMALL_INPUTS } from '../fixtures/smallInputs';

/** The JSON inside a link, decoded here independently of the app's decoder. */
function linkJson(url: string): string {
  const m = /#\/p\/1\.([A-Za-z0-9_-]+)$/.exec(url);
  if (!m) throw new Error(`not a version 1 link: ${url.slice(0, 80)}`);
  return strFromU8(inflateSync(Buffer.from(m[1], 'base64url'), { dictionary: new TextEncoder().encode(DICTIONARY_V1) }));
}

const TYPICAL = ['godebug/gctrace-limit.log', 'pprof/cpu.pb.gz', 'goroutines/leak-1.debug2.txt'];

async function session(page: Page, files: string[]) {
  await page.goto('./');
  await dropFiles(page, files.map(fixture));
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(files.length);
  // The report on screen (and so the link) holds every input: it is renewed a moment after the last one is done.
  await expect(page.getByTestId('report-body').first()).toHaveAttribute('data-inputs', String(files.length));
  // The name is renewed with the inputs, not later when the session is saved: read now, it already counts them all.
  if (files.length > 1) expect(await page.getByTestId('session-name').innerText()).toContain(` +${files.length - 1} — `);
}

/** Open the share panel and read the link shown (after copying it with the button). */
async function copyLink(page: Page): Promise<string> {
  if (!(await page.getByTestId('share-panel').isVisible())) await page.getByTestId('share-open').click();
  const url = await page.getByTestId('share-url').inputValue();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  return url;
}

/** Light and dark screenshots of the visible part of the page (or one element) into screens/, after `prepare` runs on the reloaded page. */
async function shots(page: Page, name: string, prepare?: () => Promise<unknown>, element?: string) {
  for (const dark of [false, true]) {
    await page.evaluate((d) => localStorage.setItem('gotune:theme', d ? 'dark' : 'light'), dark);
    await page.reload();
    await prepare?.();
    await page.waitForTimeout(600);
    const path = join(repoRoot, 'screens', `${name}-${dark ? 'dark' : 'light'}.png`);
    if (element) await page.locator(element).screenshot({ path });
    else await page.screenshot({ path });
  }
  await page.evaluate(() => localStorage.removeItem('gotune:theme'));
}

/** The link with one character changed where (checked here) the change breaks its data: a flip that happens to leave valid JSON would be a different report, not a damaged link. */
function tampered(payload: string): string {
  for (let at = 200; at < payload.length; at++) {
    const t = payload.slice(0, at) + (payload[at] === 'A' ? 'B' : 'A') + payload.slice(at + 1);
    try {
      JSON.parse(linkJson(`#/p/${t}`));
    } catch {
      return t;
    }
  }
  throw new Error('no breaking change found');
}

async function fresh(browser: Browser, url: string, opts: { offline?: boolean } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...opts });
  const page = await ctx.newPage();
  await page.goto(url);
  return { ctx, page };
}

test('a permalink opens in a fresh browser with the same pause p99, GC CPU and top function', async ({ page, browser }) => {
  await session(page, TYPICAL);
  const p99 = await page.getByTestId('gc-p99').innerText();
  const cpu = await page.getByTestId('gc-cpu').innerText();
  const report = await exportedReport(page);
  const top = report.inputs[1].profile.top[0].name as string;

  await page.getByTestId('share-open').click();
  const size = page.getByTestId('share-size');
  await expect(size).toHaveAttribute('data-fits', 'true');
  const url = await copyLink(page);
  expect(Number(await size.getAttribute('data-chars'))).toBe(url.length);
  expect(url.length).toBeLessThanOrEqual(8192);
  await expect(size).toContainText(`${url.length.toLocaleString('en')} characters`);
  expect(url).toMatch(/#\/p\/1\.[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId('share-preview')).toContainText('cpu.pb.gz');
  await page.getByRole('button', { name: 'Show the data in the link' }).click();
  await expect(page.getByTestId('share-json')).toContainText(top);
  await shots(page, 'share-panel', async () => {
    await page.getByTestId('share-open').click();
    await page.getByTestId('redact-names').check();
  }, '[data-testid=share-panel]');

  const { ctx, page: other } = await fresh(browser, url);
  // Empty storage: no saved sessions in this browser, the report comes from the link alone.
  await expect(other.getByTestId('permalink-name')).toBeVisible();
  await expect(other.getByTestId('gc-p99')).toHaveText(p99);
  await expect(other.getByTestId('gc-cpu')).toHaveText(cpu);
  await expect(other.getByTestId('shared-top-row').first()).toContainText(top);
  await expect(other.locator('[data-testid=permalink-input]')).toHaveCount(3);
  // The flame graph needs the file: the view says so.
  await expect(other.getByTestId('view-profile').getByRole('alert')).toContainText('drop cpu.pb.gz');
  // The wizard opens with the measurements the link carries; compare starts with the link as B.
  await other.getByTestId('permalink-wizard').click();
  await expect(other.getByRole('heading', { name: 'Container tuning wizard' })).toBeVisible();
  const wizard = JSON.parse(linkJson(url)).wizard as string;
  expect(wizard).toContain(`gcCpu=${report.inputs[0].gc.gcCpuPercent}`);
  expect(new URL(other.url()).hash).toBe(`#/wizard?${wizard}`);
  await other.goBack();
  await other.getByTestId('permalink-compare').click();
  await expect(other.getByTestId('compare-label-b')).toContainText('shared link');
  await other.goto(url);
  await expect(other.getByTestId('gc-p99')).toHaveText(p99);
  await screenshots(other, 'permalink');
  await shots(other, 'permalink-top', () => other.getByTestId('gc-p99').waitFor());
  await shots(other, 'permalink-profile', () => other.getByTestId('shared-top').scrollIntoViewIfNeeded(), '[data-testid=view-profile]');
  // In the tab that still holds the session's parsed files, the link's views use only the link.
  await page.goto(url);
  await expect(page.getByTestId('permalink-name')).toBeVisible();
  await expect(page.getByTestId('view-profile').getByRole('alert')).toContainText('drop cpu.pb.gz');
  await expect(page.getByTestId('gc-p99')).toHaveText(p99);
  // Opening the link saved nothing in this browser.
  await other.goto(url.slice(0, url.indexOf('#')) + '#/');
  await expect(other.getByText('No sessions yet')).toBeVisible();
  await ctx.close();
});

test('redaction: no function name of the profile is anywhere in the link', async ({ page, browser }) => {
  await session(page, TYPICAL);
  const report = await exportedReport(page);
  await page.getByTestId('share-open').click();
  await page.getByTestId('redact-names').check();
  await page.getByTestId('redact-files').check();
  await expect(page.getByTestId('share-preview')).toContainText('replaced by hashes');
  const url = await copyLink(page);
  const text = linkJson(url);
  const decoded = JSON.parse(text);
  const names = new Set<string>(report.inputs[1].profile.top.map((r: { name: string }) => r.name));
  for (const g of report.inputs[2].goroutines.groups) for (const f of g.stack) names.add(f.func);
  expect(names.size).toBeGreaterThan(10);
  // The program's names are hidden; the standard library's (runtime.*, net/http…) are not secrets and stay.
  for (const n of [...names].filter((n) => !isStdFunc(n))) expect(text.includes(n), n).toBe(false);
  for (const f of ['gctrace-limit.log', 'cpu.pb.gz', 'leak-1.debug2.txt']) expect(text).not.toContain(f);
  // The figures stay; the names are hashes.
  expect(decoded.report.inputs[0].gc.pauseMs.p99).toBeCloseTo(report.inputs[0].gc.pauseMs.p99, 6);
  const { ctx, page: other } = await fresh(browser, url);
  await expect(other.getByTestId('permalink-redacted')).toContainText('function and file names are hashed');
  await expect(other.getByTestId('shared-top-row').filter({ hasText: /fn_[0-9a-f]{8}/ }).first()).toBeVisible();
  await expect(other.getByTestId('shared-top-row').filter({ hasText: 'runtime.' }).first()).toBeVisible();
  await ctx.close();
});

test('a link carrying hostile names shows them as text and runs nothing', async ({ page, browser }) => {
  const evil = '<img src=x onerror="window.__pwned=1;alert(1)">';
  await page.goto('./');
  await dropBytes(page, [{ name: `${evil}.pb`, b64: Buffer.from(hostileProfile([`main.${evil}`], ['<b>x</b>'])).toString('base64') }]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const url = await copyLink(page);
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  const dialogs: string[] = [];
  other.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await other.goto(url);
  await expect(other.getByTestId('permalink-input').first()).toContainText(evil);
  await expect(other.getByTestId('shared-top')).toContainText(`main.${evil}`);
  await other.waitForTimeout(500);
  expect(await other.locator('img[src=x]').count()).toBe(0);
  expect(await other.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await ctx.close();
});

test('damaged, foreign and too-large links give a clear message and the start page', async ({ page, browser }) => {
  await session(page, ['godebug/gctrace-limit.log']);
  const url = await copyLink(page);
  const payload = url.slice(url.indexOf('#/p/') + 4);
  const base = url.slice(0, url.indexOf('#'));
  const b64u = Buffer.from(deflateSync(new Uint8Array(16 << 20))).toString('base64url');
  const cases: [string, string, RegExp][] = [
    ['truncated', payload.slice(0, payload.length - 40), /damaged|cut/],
    ['tampered', tampered(payload), /damaged|cut|cannot show|not a report/],
    ['newer version', `9.${payload.slice(2)}`, /newer gotune/],
    ['not a link', 'hello%E0%A4%A', /not a gotune report link/],
    ['too large', `1.${b64u}`, /more than 4 MiB/],
  ];
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  for (const [what, p, re] of cases) {
    await other.goto(`${base}#/p/${p}`);
    await other.reload();
    const err = other.getByTestId('permalink-error');
    await expect(err, what).toBeVisible();
    await expect(err, what).toContainText(re);
    await expect(other.getByTestId('dropzone'), what).toBeVisible();
    if (what === 'truncated') await shots(other, 'permalink-error', () => other.getByTestId('permalink-error').waitFor());
  }
  await ctx.close();
});

test('the biggest links the app makes open; one input or one character over the limits is refused with the reason', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // 28 small fixtures at once: a session whose least detailed link is near the longest gotune makes
  // (all 35 went over it once findings grew, and 30 by 12 characters once the cuts were listed in words;
  // the unit test in tests/unit/permalink/limits.test.ts walks the sizes).
  const inSession = SMALL_INPUTS.slice(0, 28);
  await session(page, inSession);
  const url = await copyLink(page);
  const payload = url.slice(url.indexOf('#/p/') + 4);
  expect(payload.length).toBeLessThanOrEqual(LINK_MAX_CHARS);
  expect(payload.length).toBeGreaterThan(LINK_MAX_CHARS / 2);
  const base = url.slice(0, url.indexOf('#'));
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const other = await ctx.newPage();
  await other.goto(url);
  await expect(other.getByTestId('report-body')).toBeVisible();
  await expect(other.getByTestId('permalink-error')).toHaveCount(0);
  await scrollUntilAttached(other, other.locator(`section[id^="view-link-in${inSession.length}-"]`).first());

  // The same link with one input more (a copy of the first), as a crafted link would be: refused, naming the limit.
  const json = JSON.parse(linkJson(url));
  json.report.inputs = [...json.report.inputs, ...Array.from({ length: LINK_MAX_INPUTS + 1 - json.report.inputs.length }, (_, i) => ({ ...json.report.inputs[0], id: `extra${i}` }))];
  const over = `1.${Buffer.from(deflateSync(new TextEncoder().encode(JSON.stringify(json)), { dictionary: new TextEncoder().encode(DICTIONARY_V1) })).toString('base64url')}`;
  const cases: [string, string, string][] = [
    ['one input over', over, `the link holds ${LINK_MAX_INPUTS + 1} inputs; gotune links carry at most ${LINK_MAX_INPUTS}, so it was not opened`],
    ['one character over', `1.${'A'.repeat(MAX_LINK_CHARS - 1)}`, `the link is ${(MAX_LINK_CHARS + 1).toLocaleString('en')} characters long; gotune makes links of at most ${LINK_MAX_CHARS.toLocaleString('en')}, so it was not opened`],
  ];
  for (const [what, p, message] of cases) {
    await other.goto(`${base}#/p/${p}`);
    await other.reload();
    await expect(other.getByTestId('permalink-error'), what).toContainText(message);
    await expect(other.locator('canvas'), what).toHaveCount(0);
  }
  await ctx.close();

  // A session with more inputs than a link carries gets no link, and the panel says what to share instead.
  await page.getByTestId('share-open').click();
  const more = SMALL_INPUTS.slice(0, LINK_MAX_INPUTS + 1 - inSession.length);
  await dropFiles(page, more.map(fixture), more.map((f) => `again-${f.split('/').pop()}`));
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(LINK_MAX_INPUTS + 1);
  await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-refused')).toContainText(`No link for this session: this session has ${LINK_MAX_INPUTS + 1} inputs and a link carries at most ${LINK_MAX_INPUTS}; share the HTML report or the JSON export instead`);
  await expect(page.getByTestId('share-url')).toHaveCount(0);
  await expect(page.getByTestId('export-html')).toBeVisible();
});

test('the HTML report opens from a file, offline, and shows the report with its charts', async ({ page, browser }) => {
  await session(page, TYPICAL);
  const p99 = await page.getByTestId('gc-p99').innerText();
  await page.getByTestId('share-open').click();
  await expect(await chartCanvas(page, 'gc-histogram')).toHaveCount(1);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  const dir = mkdtempSync(join(tmpdir(), 'gotune-html-'));
  const file = join(dir, 'report.html');
  await dl.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  const ctx = await browser.newContext({ offline: true });
  const off = await ctx.newPage();
  const requests: string[] = [];
  off.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
  });
  await off.goto(`file://${file}`);
  await expect(off.getByTestId('export-head')).toContainText('gctrace-limit.log');
  await expect(off.getByTestId('gc-p99')).toHaveText(p99);
  await expect(off.locator('[data-testid=finding]').first()).toBeVisible();
  expect(await off.locator('[data-testid=gc-histogram] svg').count()).toBe(1);
  expect(await off.locator('button').count()).toBe(0);
  expect(requests).toEqual([]);
  // The same from a link's page.
  const url = await copyLink(page);
  await page.goto(url);
  await expect(await chartCanvas(page, 'gc-histogram')).toHaveCount(1);
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  const fromLink = readFileSync((await dl2.path())!, 'utf8');
  expect(fromLink).toContain('A static copy of a shared gotune report');
  for (const line of p99.split('\n').filter(Boolean)) expect(fromLink).toContain(line.trim());
  expect(fromLink).toMatch(/data-testid="gc-histogram"[^>]*>\s*<svg/);
  expect(fromLink).not.toMatch(/<script/i);
  await off.screenshot({ path: join(repoRoot, 'screens', 'export-html-offline.png'), fullPage: true });
  await ctx.close();
});

test('a chart saves as SVG and PNG from its menu', async ({ page }) => {
  await session(page, ['godebug/gctrace-limit.log']);
  await expect(await chartCanvas(page, 'gc-histogram')).toHaveCount(1);
  const chart = page.getByTestId('gc-histogram');
  const menu = chart.locator('xpath=..').locator('.chart-save');
  await menu.locator('summary').click();
  const [svg] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'SVG' }).click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgText = readFileSync((await svg.path())!, 'utf8');
  expect(svgText).toMatch(/^<svg[\s\S]*<\/svg>$/);
  expect(svgText).toContain('ms');
  await menu.locator('summary').click();
  const [png] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);  await shots(page, 'chart-menu', async () => { await chartCanvas(page, 'gc-histogram'); await page.getByTestId('gc-histogram').locator('xpath=..').locator('.chart-save summary').click(); }, '[data-testid=view-gc]');
});

test('compare: two sessions from the start page, then a session with a link', async ({ page }) => {
  await session(page, ['godebug/gctrace-basic.log']);
  const before = await exportedReport(page);
  const beforeUrl = await copyLink(page);
  await session(page, ['godebug/gctrace-limit.log']);
  const after = await exportedReport(page);
  await page.goto('./');
  // Sessions are listed newest first: start from the "before" one (second row).
  const rows = page.getByTestId('session-list').locator('li');
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByTestId('compare-link').click();
  await expect(page.getByTestId('compare-label-a')).toContainText('gctrace-basic.log');
  const select = page.getByTestId('compare-select-b');
  const afterId = await select.locator('option', { hasText: 'gctrace-limit.log' }).getAttribute('value');
  await select.selectOption(afterId!);
  await expect(page.getByTestId('compare-result')).toBeVisible();
  const expectDir = (a: number, b: number) => (Math.abs(b - a) <= 0.02 * Math.max(a, b) ? 'same' : b < a ? 'better' : 'worse');
  const p99row = page.locator('[data-testid=compare-row][data-label="GC pause p99"]');
  await expect(p99row).toHaveAttribute('data-direction', expectDir(before.inputs[0].gc.pauseMs.p99, after.inputs[0].gc.pauseMs.p99));
  const cpuRow = page.locator('[data-testid=compare-row][data-label="GC CPU"]');
  await expect(cpuRow).toHaveAttribute('data-direction', expectDir(before.inputs[0].gc.gcCpuPercent, after.inputs[0].gc.gcCpuPercent));
  const heapRow = page.locator('[data-testid=compare-row][data-label="Heap peak"]');
  await expect(heapRow).toHaveAttribute('data-direction', expectDir(before.inputs[0].gc.peakHeapBytes, after.inputs[0].gc.peakHeapBytes));
  await shots(page, 'compare', () => page.getByTestId('compare-result').waitFor());
  // B from a shared link instead: the "before" session's own link gives "same" everywhere.
  await page.locator('#paste-b').fill(beforeUrl);
  await page.getByTestId('compare-pick-b').getByRole('button', { name: 'Use link' }).click();
  await expect(page.getByTestId('compare-label-b')).toContainText('shared link');
  await expect(p99row).toHaveAttribute('data-direction', 'same');
  await expect(cpuRow).toHaveAttribute('data-direction', 'same');
});

test('every analysis renders from a permalink, read-only, without failing sections', async ({ page, browser }) => {
  // Six inputs, a second page, an HTML export and four full-page screenshots: about a minute on a 2-core machine.
  test.setTimeout(180_000);
  const files = ['godebug/memlimit-all.log', 'gotrace/go126-mixed.trace', 'metrics/scrapes.txt', 'config/deployment-myths.yaml', 'pprof/heap.pb.gz', 'goroutines/leak-2.debug2.txt'];
  await session(page, files);
  const keys = await page.locator('section[data-testid^=view-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(keys.length).toBeGreaterThanOrEqual(files.length);
  const url = await copyLink(page);
  await expect(page.getByTestId('share-dropped')).toBeVisible();
  const { ctx, page: other } = await fresh(browser, url);
  await expect(other.getByTestId('permalink-name')).toBeVisible();
  for (const k of keys) await expect(other.locator(`section[data-testid="${k}"]`).first(), k!).toBeVisible();
  expect(await other.locator(`section[data-testid^=view-]`).count()).toBe(keys.length);
  await other.waitForTimeout(1500);
  expect(await other.locator('.view-failed').allInnerTexts()).toEqual([]);
  // What the link left out is listed on the page.
  if (!(await page.getByTestId('share-dropped').innerText()).startsWith('Nothing')) await expect(other.getByTestId('permalink-dropped')).toBeVisible();
  // The HTML file has every chart, those drawn only when scrolled near included.
  const [dl] = await Promise.all([other.waitForEvent('download', { timeout: 30_000 }), other.getByTestId('export-html').click()]);
  const html = readFileSync((await dl.path())!, 'utf8');
  const charts = html.match(/data-echart=""/g)?.length ?? 0;
  expect(charts).toBeGreaterThan(10);
  // Each chart that is not an SVG, named by its element and the first of its contents: a failure says which.
  const notSvg = [...html.matchAll(/<[^>]*data-echart=""[^>]*>(?!\s*<svg)[\s\S]{0,160}/g)].map((m) => m[0]);
  expect(notSvg).toEqual([]);
  expect(html).toMatch(/data-testid="sched-heatmap"[^>]*>\s*<svg/);
  expect(html).not.toContain('had not been drawn');
  await screenshots(other, 'permalink-all');
  await ctx.close();
});

test('share panel, link page, link error and compare page have no serious or critical axe violations', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  async function check(p: Page, where: string, include?: string) {
    for (const dark of [false, true]) {
      await p.evaluate((d) => (document.documentElement.dataset.theme = d ? 'dark' : 'light'), dark);
      await p.waitForTimeout(300);
      let b = new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
      if (include) b = b.include(include);
      const r = await b.analyze();
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(bad, `${where} (${dark ? 'dark' : 'light'})`).toEqual([]);
    }
  }
  await session(page, ['godebug/gctrace-limit.log', 'pprof/cpu.pb.gz']);
  const url = await copyLink(page);
  await check(page, 'session page with the share panel and chart menus');
  const { ctx, page: other } = await fresh(browser, url);
  await expect(other.getByTestId('shared-top')).toBeVisible();
  await check(other, 'link page');
  await other.goto(url.slice(0, url.indexOf('#/p/') + 4) + '1.AAAA');
  await other.reload();
  await expect(other.getByTestId('permalink-error')).toBeVisible();
  await check(other, 'link error');
  await ctx.close();
  await page.goto('./');
  await expect(page.getByTestId('compare-link').first()).toBeVisible();
  await check(page, 'start page with Compare buttons');
  await page.goto(`./#/compare?a=p:${url.slice(url.indexOf('#/p/') + 4)}&b=p:${url.slice(url.indexOf('#/p/') + 4)}`);
  await expect(page.getByTestId('compare-result')).toBeVisible();
  await check(page, 'compare page');
});

test('the share flow works from the keyboard alone', async ({ page }) => {
  await session(page, ['godebug/gctrace-limit.log', 'pprof/cpu.pb.gz']);
  expect(await page.getByTestId('share-size').count()).toBe(0);
  await page.getByTestId('share-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('share-panel')).toBeVisible();
  const tabUntil = async (match: (a: { testid: string; text: string }) => boolean) => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const a = await page.evaluate(() => ({ testid: document.activeElement?.getAttribute('data-testid') ?? '', text: (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '' }));
      if (match(a)) return;
    }
    throw new Error('not reached with Tab');
  };
  const plain = await page.getByTestId('share-url').inputValue();
  await tabUntil((a) => a.testid === 'redact-names');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('redact-names')).toBeChecked();
  await expect(page.getByTestId('share-url')).not.toHaveValue(plain);
  await tabUntil((a) => a.text === 'Copy link');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('share-url').inputValue());
});

test('the HTML report is made when the page gets no frames (a tab in the background)', async ({ page }) => {
  await session(page, ['godebug/gctrace-limit.log']);
  await expect(await chartCanvas(page, 'gc-histogram')).toHaveCount(1);
  await page.getByTestId('share-open').click();
  // As in a hidden tab: requestAnimationFrame never calls back. The export scrolled frame by frame and waited for ever.
  await page.evaluate(() => {
    window.requestAnimationFrame = () => 0;
  });
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('export-html').click()]);
  const html = readFileSync((await dl.path())!, 'utf8');
  expect(html).toContain('gctrace-limit.log');
  expect(html).toMatch(/data-testid="gc-histogram"[^>]*>\s*<svg/);
  await expect(page.getByTestId('export-html')).toHaveText('Download HTML report');
});
