// Accessibility: axe-core finds no serious or critical violation on every page
// and every view the app has, in light and dark mode, and the main flow works
// with the keyboard alone.
//
// "Every" is checked against the app's own registries: the pages in PAGES and
// the built-in routes (start page, session), the per-input VIEW_TABLE and the
// SESSION_VIEWS of src/ui/views/registry.ts. Each scenario below says which of
// them it shows and the test checks they are really on the page; the coverage
// test fails when a registry entry has no scenario (a new page or view
// without an axe check). No axe rule is disabled.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { dropBytes, dropSession, fixture, openExample, renderAll, repoRoot, screenshots } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** axe in light and dark mode, switching with the header button as a person does (charts and canvases redraw). */
async function bothThemes(page: Page, where: string) {
  await renderAll(page);
  for (const dark of [false, true]) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme === 'dark')) !== dark) {
      await page.getByRole('button', { name: `Switch to ${dark ? 'dark' : 'light'} mode` }).click();
    }
    await expect(page.locator('html')).toHaveAttribute('data-theme', dark ? 'dark' : 'light');
    await page.waitForTimeout(300);
    expect(await seriousViolations(page), `${where} (${dark ? 'dark' : 'light'})`).toEqual([]);
  }
}

// ---- What the app has, read from its registries (the spec runs in Node and cannot import Svelte components).

const registrySource = ['src/ui/views/registry.ts', 'src/ui/pages/routes.ts'].map((f) => readFileSync(resolve(repoRoot, f), 'utf8')).join('\n');
function block(name: string): string {
  const m = new RegExp(`export const ${name}\\b[^=]*= [[{]([\\s\\S]*?)\\n[\\]}];`).exec(registrySource);
  if (!m) throw new Error(`${name} not found in registry.ts or routes.ts`);
  return m[1];
}
const keysIn = (src: string, field: string) => [...src.matchAll(new RegExp(`\\b${field}: '([^']+)'`, 'g'))].map((m) => m[1]);
/** Routes App.svelte handles itself: the start page (#/) and a session (#/s/<id>). */
const BUILTIN_PAGES = ['', 's'];
const REGISTRY = {
  pages: [...BUILTIN_PAGES, ...keysIn(block('PAGES'), 'path')].sort(),
  // VIEW_TABLE is keyed by analysis: `  gc: { title: … }`.
  views: [...block('VIEW_TABLE').matchAll(/^ {2}(\w+): \{/gm)].map((m) => m[1]).sort(),
  sessionViews: keysIn(block('SESSION_VIEWS'), 'id').sort(),
};

interface Covers {
  pages?: string[];
  views?: string[];
  sessionViews?: string[];
}
const SCENARIOS: { name: string; covers: Covers }[] = [];
/** A scenario: declares what it covers (checked on the page by `shows`) and registers an axe test. */
function scenario(name: string, covers: Covers, body: (page: Page) => Promise<void>) {
  SCENARIOS.push({ name, covers });
  test(`axe: ${name}`, async ({ page }) => {
    test.setTimeout(180_000);
    await body(page);
  });
}

const session = dropSession;

/** The views a session page shows, by registry key and session-view id; none failed to render. */
async function shows(page: Page, covers: Covers) {
  const found = () =>
    page.evaluate(() => ({
      views: [...new Set([...document.querySelectorAll('section[data-testid^="view-"]')].map((s) => s.getAttribute('data-testid')!.slice(5)))],
      sessionViews: [...document.querySelectorAll('section[id^="view-session-"]')].map((s) => s.id.slice('view-session-'.length)),
    }));
  for (const v of covers.views ?? []) await expect.poll(async () => (await found()).views, `view ${v}`).toContain(v);
  for (const v of covers.sessionViews ?? []) await expect.poll(async () => (await found()).sessionViews, `session view ${v}`).toContain(v);
  await expect(page.locator('.view-failed')).toHaveCount(0);
}

const routeOf = (page: Page) => new URL(page.url()).hash.replace(/^#\/?/, '').split(/[/?]/)[0];

test('every page, view and session view of the registry has an axe scenario', () => {
  const union = (k: keyof Covers) => [...new Set(SCENARIOS.flatMap((s) => s.covers[k] ?? []))].sort();
  expect(REGISTRY.views.length).toBeGreaterThan(5);
  expect(REGISTRY.pages).toContain('wizard');
  expect(union('pages'), 'pages (#/<path>)').toEqual(REGISTRY.pages);
  expect(union('views'), 'per-input views').toEqual(REGISTRY.views);
  expect(union('sessionViews'), 'session views').toEqual(REGISTRY.sessionViews);
});

scenario('start page', { pages: [''] }, async (page) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(routeOf(page)).toBe('');
  await bothThemes(page, 'start page');
});

scenario('GODEBUG log: gc, scheduler, pacer, scavenger, init and the shared timeline', { pages: ['s'], views: ['gc', 'sched', 'pacer', 'scavenger', 'init'], sessionViews: ['godebug-timeline', 'wizard'] }, async (page) => {
  await session(page, ['godebug/interleaved.log']);
  expect(routeOf(page)).toBe('s');
  await shows(page, { views: ['gc', 'sched', 'pacer', 'scavenger', 'init'], sessionViews: ['godebug-timeline', 'wizard'] });
  await bothThemes(page, 'GODEBUG session');
  await screenshots(page, 'a11y-godebug'); // the chart palette and heat map, light and dark
});

scenario('GC what-if panel (a calibrated gctrace run)', { views: ['whatif'] }, async (page) => {
  await session(page, ['whatif/go1.26.8/gogc100.gctrace.gz']);
  await shows(page, { views: ['whatif'] });
  await expect(page.getByTestId('whatif-table')).toBeVisible();
  await bothThemes(page, 'what-if panel');
});

scenario('execution trace', { views: ['trace'] }, async (page) => {
  await session(page, ['gotrace/go126-goroutines.trace']);
  await shows(page, { views: ['trace'] });
  // The trace's CPU samples as a pprof profile: flame graph, then top table.
  const cpu = page.getByTestId('trace-cpu-profile');
  await expect(cpu.getByTestId('flame-canvas')).toBeVisible();
  await bothThemes(page, 'trace session');
  await cpu.getByTestId('tab-top').click();
  await expect(cpu.getByTestId('top-table')).toBeVisible();
  await bothThemes(page, 'trace session, CPU top table');
  await screenshots(page, 'a11y-trace');
});

scenario('two goroutine dumps: goroutines and growth', { views: ['goroutines'], sessionViews: ['goroutine-growth'] }, async (page) => {
  await session(page, ['goroutines/leak-1.debug2.txt', 'goroutines/leak-2.debug2.txt']);
  await shows(page, { views: ['goroutines'], sessionViews: ['goroutine-growth'] });
  await bothThemes(page, 'goroutine session');
});

scenario('a Go 1.27 goroutine leak profile: proven leaks and labels', { views: ['goroutines'] }, async (page) => {
  await session(page, ['goroutines/leakprofile/go127/leak.debug2.txt']);
  await shows(page, { views: ['goroutines'] });
  await expect(page.getByTestId('proven-leak')).toHaveCount(2);
  await bothThemes(page, 'goroutine leak profile');
});

scenario('two /metrics scrapes: metrics and metrics over time', { views: ['metrics'], sessionViews: ['metrics-over-time'] }, async (page) => {
  await session(page, ['metrics/scrape-1.txt', 'metrics/scrape-2.txt']);
  await shows(page, { views: ['metrics'], sessionViews: ['metrics-over-time'] });
  await bothThemes(page, 'metrics session');
});

scenario('config lint', { views: ['config'] }, async (page) => {
  await session(page, ['config/deployment-myths.yaml']);
  await shows(page, { views: ['config'] });
  await bothThemes(page, 'config session');
});

scenario('two CPU profiles: flame graph, top table, sandwich, diff flame and diff top', { views: ['profile'], sessionViews: ['profile-diff'] }, async (page) => {
  await session(page, ['pprof/cpu.pb.gz', 'pprof/cpu_b.pb.gz']);
  await shows(page, { views: ['profile'], sessionViews: ['profile-diff'] });
  const profile = page.locator('[data-testid=view-profile]').first();
  await expect(profile.getByTestId('flame-canvas')).toBeVisible();
  await expect(page.getByTestId('diff-flame')).toBeVisible();
  await bothThemes(page, 'profiles: flame graphs');
  await profile.getByTestId('tab-top').click();
  await profile.getByTestId('top-filter').fill('main.fib');
  await profile.getByTestId('top-table').getByRole('button', { name: 'main.fib', exact: true }).click();
  await expect(profile.getByTestId('sandwich')).toBeVisible();
  const diff = page.locator('#view-session-profile-diff');
  await diff.getByRole('tab', { name: 'Top' }).click();
  await expect(diff.getByTestId('top-table')).toBeVisible();
  await bothThemes(page, 'profiles: top table, sandwich, diff top');
});

scenario('a file that is not recognised: the error state', {}, async (page) => {
  await page.goto('./');
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
  await dropBytes(page, [{ name: 'mystery.bin', b64: junk.toString('base64') }]);
  await expect(page.locator('[data-testid=input-row][data-status=failed]')).toHaveCount(1);
  await expect(page.getByTestId('input-error')).toContainText('mystery.bin');
  await bothThemes(page, 'error state');
});

scenario('sessions list, wizard, permalink page and compare page', { pages: ['', 'wizard', 'p', 'compare'] }, async (page) => {
  await session(page, ['godebug/gctrace-limit.log', 'pprof/cpu.pb.gz']);
  const id = /#\/s\/([^/?]+)/.exec(page.url())![1];
  // The permalink the app makes for this session.
  await page.getByTestId('share-open').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('#/p/');
  await bothThemes(page, 'session with the share panel open');

  await page.goto('./');
  await expect(page.getByTestId('session-list')).toBeVisible();
  await bothThemes(page, 'start page with the sessions list');

  await page.goto('./#/wizard');
  await expect(page.getByRole('heading', { name: 'Container tuning wizard' })).toBeVisible();
  expect(routeOf(page)).toBe('wizard');
  await bothThemes(page, 'wizard without a session');
  await page.goto(`./#/wizard/${id}`);
  await expect(page.locator('main')).toContainText(/GOMEMLIMIT/);
  await bothThemes(page, 'wizard for a session');

  await page.goto(url);
  await page.reload();
  expect(routeOf(page)).toBe('p');
  await expect(page.locator('[data-testid=finding]').first()).toBeVisible();
  await bothThemes(page, 'permalink page');

  // A second, different session, so the comparison has better and worse rows.
  await session(page, ['godebug/gctrace-basic.log', 'pprof/cpu_b.pb.gz']);
  const id2 = /#\/s\/([^/?]+)/.exec(page.url())![1];
  expect(id2).not.toBe(id);
  await page.goto(`./#/compare?a=${encodeURIComponent(id)}&b=${encodeURIComponent(id2)}`);
  expect(routeOf(page)).toBe('compare');
  await expect(page.getByTestId('compare-result')).toBeVisible();
  await bothThemes(page, 'compare page');
  await screenshots(page, 'a11y-compare'); // ok/bad status colours
  await page.goto('./#/compare');
  await expect(page.locator('main h1, main h2').first()).toBeVisible();
  await bothThemes(page, 'compare page before choosing');
});

test('the example report has no serious or critical axe violations', async ({ page }) => {
  test.setTimeout(180_000); // axe over the whole multi-input report, twice
  await openExample(page);
  await expect(page.locator('[data-testid=input-row]:is([data-status=queued], [data-status=reading], [data-status=parsing])')).toHaveCount(0, { timeout: 60_000 });
  await bothThemes(page, 'example report');
});

/** Press Tab until the focused element matches, at most `max` times; returns whether it did. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; label: string }) => boolean, max = 120): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName ?? '', text: (a?.innerText ?? '').trim(), label: a?.getAttribute('aria-label') ?? '' };
    });
    if (matches(el)) return true;
  }
  return false;
}

test('keyboard only: Choose files, then findings and Show in chart', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Listen before tabbing: Playwright turns on file-chooser interception asynchronously.
  const chooserEvent = page.waitForEvent('filechooser');
  expect(await tabTo(page, (e) => e.tag === 'BUTTON' && e.text.startsWith('Choose files'), 40)).toBe(true);
  await page.keyboard.press('Enter');
  const chooser = await chooserEvent;
  await chooser.setFiles(fixture('godebug/gctrace-limit.log'));
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // Through the findings to their "Show in chart" button; Enter moves focus to the chart's section.
  expect(await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Show in chart')).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^view-/);
  const id = await page.evaluate(() => document.activeElement!.id);
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
  // Tab continues inside the report after the chart, never back to the top of the page.
  await page.keyboard.press('Tab');
  expect(await page.evaluate((id) => document.getElementById(id)!.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_FOLLOWING, id)).toBeTruthy();
});
