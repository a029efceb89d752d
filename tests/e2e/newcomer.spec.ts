// What a newcomer trips over (issue 18): phone widths, sessions that look
// alike, navigation, charts that clip, profile and permalink details, errors,
// and help for collecting the files. Each test does what a person does and
// reads or measures the screen.

import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { dropBytes, dropSession, exportedReport, fixture, renderAll } from './helpers';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface ChartLayout {
  label: string;
  box: Box;
  grids: Box[];
  legend?: Box;
  texts: (Box & { text: string; inLegend: boolean })[];
}
const chartLayout = (page: Page) => page.evaluate(() => (window as unknown as { __gotune: { chartLayout(): ChartLayout[] } }).__gotune.chartLayout());
const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
const inside = (a: Box, b: Box, slack = 1) => a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.width <= b.x + b.width + slack && a.y + a.height <= b.y + b.height + slack;

const session = dropSession;

const SEVERAL = ['godebug/interleaved.log', 'pprof/cpu.pb.gz', 'pprof/heap.pb.gz', 'goroutines/leak-1.debug2.txt', 'goroutines/leak-2.debug2.txt', 'metrics/scrape-1.txt', 'config/deployment-myths.yaml'];

test.describe('1: phone width (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  async function fits(page: Page, where: string) {
    await renderAll(page);
    await page.waitForTimeout(400); // charts draw in their own tasks
    const r = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, vw: window.innerWidth }));
    expect(r.doc, `${where}: page width vs viewport ${r.vw}`).toBeLessThanOrEqual(r.vw);
    // The theme button is on screen.
    const toggle = await page.getByRole('button', { name: /Switch to (dark|light) mode/ }).boundingBox();
    expect(toggle!.x + toggle!.width, `${where}: theme button`).toBeLessThanOrEqual(r.vw);
    // Every chart inside its card, and no legend over an axis label or other text.
    const problems: string[] = [];
    const cards = await page.evaluate(() =>
      [...document.querySelectorAll('[data-echart]')].map((el) => {
        const c = (el.closest('.card, section') ?? document.body).getBoundingClientRect();
        const label = el.closest('section[aria-label]')?.getAttribute('aria-label') ?? el.getAttribute('data-testid');
        const b = el.getBoundingClientRect();
        return { label, right: b.right, cardRight: c.right };
      }),
    );
    for (const c of cards) if (c.right > c.cardRight + 1) problems.push(`${c.label}: chart ends at ${c.right}, card at ${c.cardRight}`);
    for (const ch of await chartLayout(page)) {
      if (!ch.legend || ch.legend.width === 0) continue;
      for (const t of ch.texts) {
        if (t.inLegend) continue; // a legend entry or its page arrows
        if (overlap(t, ch.legend) > 2) problems.push(`${ch.label}: legend covers “${t.text}”`);
      }
      for (const g of ch.grids) if (overlap(ch.legend, g) > 2) problems.push(`${ch.label}: legend over the plot`);
    }
    expect(problems, where).toEqual([]);
  }

  test('no page is wider than the phone; legends and charts stay in place', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto('./');
    await fits(page, 'start page');
    const id = await session(page, SEVERAL);
    await fits(page, 'session');
    await page.getByTestId('share-open').click();
    const url = await page.getByTestId('share-url').inputValue();
    await fits(page, 'session with the share panel');
    await page.goto(`./#/wizard/${id}`);
    await expect(page.locator('main')).toContainText(/GOMEMLIMIT/);
    await fits(page, 'wizard');
    await page.goto(url);
    await page.reload();
    await expect(page.locator('[data-testid=finding]').first()).toBeVisible();
    await fits(page, 'permalink');
    const id2 = await session(page, ['godebug/gctrace-basic.log', 'pprof/cpu_b.pb.gz']);
    await page.goto(`./#/compare?a=${encodeURIComponent(id)}&b=${encodeURIComponent(id2)}`);
    await expect(page.getByTestId('compare-result')).toBeVisible();
    await fits(page, 'compare');
    await page.goto('./');
    await expect(page.getByTestId('session-list')).toBeVisible();
    await fits(page, 'sessions list');
  });
});

test.describe('2: sessions can be told apart', () => {
  test('three sessions of the same files, two pasted ones: distinct names in the list, the compare menus and the tab title; failed-only is not saved', async ({ page }) => {
    test.setTimeout(120_000);
    const titles: string[] = [];
    const names: string[] = [];
    for (let k = 0; k < 3; k++) {
      await session(page, ['godebug/gctrace-basic.log', 'pprof/cpu.pb.gz']);
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      names.push((await page.getByTestId('session-name').innerText()).trim());
      titles.push(await page.title());
    }
    for (let k = 0; k < 2; k++) {
      await page.goto('./');
      await page.getByTestId('paste-box').fill('gc 1 @0.012s 2%: 0.016+1.2+0.021 ms clock, 0.064+0.3/1.1/0.5+0.084 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 4 P\n');
      await page.getByTestId('paste-analyse').click();
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      const name = (await page.getByTestId('session-name').innerText()).trim();
      // The pasted file's own timestamp is not repeated in the session's name.
      expect(name).not.toMatch(/pasted-\d{8}/);
      names.push(name);
      titles.push(await page.title());
    }
    expect(new Set(names).size, names.join(' | ')).toBe(5);
    expect(new Set(titles).size, titles.join(' | ')).toBe(5);
    for (let k = 0; k < 5; k++) expect(titles[k]).toContain(names[k]);

    // Random bytes only: an error on screen, nothing added to the saved sessions.
    await page.goto('./');
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    await dropBytes(page, [{ name: 'mystery.bin', b64: junk.toString('base64') }]);
    await expect(page.locator('[data-testid=input-row][data-status=failed]')).toHaveCount(1);
    await expect(page.getByTestId('save-state')).toContainText('not saved');

    await page.goto('./');
    const listed = page.getByTestId('session-list').locator('a.name');
    await expect(listed).toHaveCount(5);
    expect(new Set(await listed.allInnerTexts()).size).toBe(5);
    await expect(page.getByTestId('session-list')).not.toContainText('mystery.bin');
    await page.goto('./#/compare');
    for (const w of ['a', 'b']) {
      // The compare page's code loads when it is first opened: wait for its menus (a placeholder and the 5 sessions).
      await expect(page.getByTestId(`compare-select-${w}`).locator('option')).toHaveCount(6);
      const options = (await page.getByTestId(`compare-select-${w}`).locator('option').allInnerTexts()).slice(1);
      expect(options).toHaveLength(5);
      expect(new Set(options).size).toBe(5);
    }
  });
});

test.describe('3: navigation', () => {
  test('the wizard opened from far down a session starts at its top', async ({ page }) => {
    await session(page, ['godebug/interleaved.log', 'config/deployment-myths.yaml']);
    const link = page.getByRole('link', { name: /Open the tuning wizard/ }).first();
    await link.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await link.click();
    await expect(page.getByRole('heading', { name: 'Container tuning wizard' })).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('Show in chart: distinct names, the card title stays below the sticky header, a line marks the moment', async ({ page }) => {
    await session(page, ['godebug/interleaved.log']);
    const buttons = page.getByRole('button', { name: /^Show in chart/ });
    const names = await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? b.textContent));
    expect(names.length).toBeGreaterThan(3);
    expect(new Set(names).size, names.join(' | ')).toBe(names.length);

    await page.getByRole('button', { name: /^Show in chart: Stop-the-world pauses up to/ }).click();
    const card = page.locator('section.card[id$="-gc-timeline"]');
    const title = card.locator('h3');
    await expect(title).toBeInViewport();
    await page.waitForTimeout(600); // the second scroll, after sections drawn on the way
    const header = (await page.locator('header.top').boundingBox())!;
    const t = (await title.boundingBox())!;
    expect(t.y, 'card title below the sticky header').toBeGreaterThanOrEqual(header.y + header.height);
    await expect
      .poll(async () => (await chartLayout(page)).find((c) => c.label === 'Pauses over time')?.texts.some((x) => x.text.startsWith('this finding:')) ?? false)
      .toBe(true);
  });

  test('Rename puts the cursor in its field; Delete has Undo and no dialog', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await session(page, ['godebug/gctrace-basic.log']);
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(page.locator('#session-name')).toBeFocused();
    await page.keyboard.type('checkout before fix');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('session-name')).toHaveText('checkout before fix');
    await expect(page.getByRole('button', { name: 'Rename', exact: true })).toBeFocused();

    await page.goto('./');
    const row = page.getByTestId('session-list').locator('li').filter({ hasText: 'checkout before fix' });
    await row.getByRole('button', { name: /^Rename/ }).click();
    await expect(page.locator('input[id^="rename-"]')).toBeFocused();
    await page.keyboard.press('Escape');

    await row.getByRole('button', { name: /^Delete/ }).click();
    await expect(page.getByTestId('session-deleted')).toContainText('Deleted “checkout before fix”');
    await expect(page.getByTestId('session-list').locator('li').filter({ hasText: 'checkout before fix' })).toHaveCount(0);
    await expect(page.getByTestId('undo-delete')).toBeFocused();
    await page.getByTestId('undo-delete').click();
    await expect(page.getByTestId('session-list').locator('li').filter({ hasText: 'checkout before fix' })).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId('session-list').locator('li').filter({ hasText: 'checkout before fix' })).toHaveCount(1);
    expect(dialogs).toEqual([]);
  });
});

test.describe('4: charts', () => {
  test('pause histogram: p99 and max labels inside the plot; the heap column says which heap', async ({ page }) => {
    await session(page, ['godebug/interleaved.log']);
    await renderAll(page);
    await expect.poll(async () => (await chartLayout(page)).some((c) => c.label === 'Pause histogram')).toBe(true);
    const h = (await chartLayout(page)).find((c) => c.label === 'Pause histogram')!;
    const plot = h.grids[0];
    const p99 = h.texts.filter((t) => /\bp99\b/.test(t.text));
    const max = h.texts.filter((t) => /\bmax\b/.test(t.text));
    expect(p99.length, 'a p99 label').toBeGreaterThan(0);
    expect(max.length, 'a max label').toBeGreaterThan(0);
    for (const t of [...p99, ...max]) expect(inside(t, plot), `“${t.text}” inside the plot ${JSON.stringify(plot)}: ${JSON.stringify(t)}`).toBe(true);
    await expect(page.getByTestId('gc-worst').locator('thead')).toContainText('Heap at mark end');
    await page.locator('section.card[aria-label="Pause histogram"]').screenshot({ path: '/tmp/ux-shots/pause-histogram.png' });
  });

  test('scheduler latency and STW buckets read in ns/µs/ms, not 0.0000x ms', async ({ page }) => {
    await session(page, ['gotrace/go126-goroutines.trace']);
    await renderAll(page);
    await expect.poll(async () => (await chartLayout(page)).length).toBeGreaterThan(2);
    const texts = (await chartLayout(page)).flatMap((c) => c.texts.map((t) => t.text));
    expect(texts.filter((t) => /0\.000\d*\s*ms/.test(t))).toEqual([]);
    expect(texts.some((t) => /\d (ns|µs)/.test(t)), texts.join(' | ').slice(0, 400)).toBe(true);
  });
});

test.describe('7: numbers on screen', () => {
  test('pause figures to three significant digits, and the implied GOGC said as a goal above the live heap', async ({ page }) => {
    await session(page, ['godebug/gctrace-limit.log']);
    const report = await exportedReport(page);
    const gc = report.inputs[0].gc;
    const three = (ms: number) => (ms >= 1000 ? `${Number((ms / 1000).toPrecision(3)).toLocaleString('en-US')} s` : `${Number(ms.toPrecision(3)).toLocaleString('en-US')} ms`);
    const line = page.getByTestId('gc-percentiles');
    for (const k of ['p50', 'p90', 'p99', 'max']) await expect(line).toContainText(`${k} ${three(gc.pauseMs[k])}`);
    // Every "<number> ms" on the page has at most three significant digits, and some that are not whole show their decimals.
    const text = await page.locator('main').innerText();
    const values = [...text.matchAll(/(\d[\d,]*(?:\.\d+)?) ms\b/g)].map((m) => m[1]);
    const sig = (v: string) => v.replace(/[,.]/g, '').replace(/^0+/, '').replace(/0+$/, (z) => (v.includes('.') ? '' : z)).length;
    expect(values.filter((v) => sig(v) > 3)).toEqual([]);
    expect(gc.impliedGogcMedian).toBeLessThan(50);
    await expect(page.locator('main')).not.toContainText(/implied GOGC \d/);
    await expect(page.locator('main')).toContainText(`goal ${gc.impliedGogcMedian}% above the live heap`);
  });
});

test.describe('5: profiles', () => {
  test('a CPU and a heap profile: nothing to compare; two CPU profiles and a heap: CPU against CPU', async ({ page }) => {
    await session(page, ['pprof/cpu.pb.gz', 'pprof/heap.pb.gz']);
    await expect(page.locator('[data-testid=view-profile]')).toHaveCount(2);
    await expect(page.locator('#view-session-profile-diff')).toHaveCount(0);
    await session(page, ['pprof/cpu.pb.gz', 'pprof/heap.pb.gz', 'pprof/cpu_b.pb.gz']);
    const diff = page.locator('#view-session-profile-diff');
    await expect(diff.getByTestId('diff-flame')).toBeVisible();
    await expect(diff.getByTestId('diff-error')).toHaveCount(0);
    expect(await diff.getByTestId('diff-base').locator('option').allInnerTexts()).toEqual(['cpu.pb.gz']);
    expect(await diff.getByTestId('diff-source').locator('option').allInnerTexts()).not.toContain('heap.pb.gz');
  });

  test('the CPU card counts samples as pprof does; one function count; the more-rows button', async ({ page }) => {
    // go tool pprof -sample_index=samples -top cpu.pb.gz: "Showing nodes accounting for 80, 100% of 80 total".
    const golden = readFileSync(fixture('pprof/golden/cpu.pb.gz.si0-samples.top.txt'), 'utf8');
    const pprofSamples = Number(/of (\d+) total/.exec(golden)![1]);
    await session(page, ['pprof/cpu.pb.gz', 'pprof/heap.pb.gz']);
    const cpu = page.locator('[data-testid=view-profile]').first();
    await expect(cpu.getByTestId('profile-samples')).toContainText(pprofSamples.toLocaleString('en-US'));
    await expect(cpu.getByTestId('profile-samples')).toContainText('Samples');
    await cpu.getByTestId('tab-top').click();
    // The total, wherever the card states it; "Show the other N functions" (a profile of over 100) is the rest, not a total.
    const counts = [...(await cpu.innerText()).matchAll(/(?<!other )\b([\d,]+) functions/g)].map((m) => m[1]);
    expect(new Set(counts).size, counts.join(', ')).toBe(1);

    const heap = page.locator('[data-testid=view-profile]').nth(1);
    await heap.getByTestId('sample-type').selectOption('1'); // alloc_space: every function that allocated
    await heap.getByTestId('tab-top').click();
    const more = heap.getByRole('button', { name: /^Show / });
    const label = await more.innerText();
    expect(label).not.toMatch(/Show (\d+) more of \1\b/);
    const rest = Number(/Show the other ([\d,]+) functions/.exec(label)![1].replace(/,/g, ''));
    await more.click();
    await expect(heap.getByTestId('top-row')).toHaveCount(100 + rest);
  });
});

test.describe('6: permalinks', () => {
  test('redacted link: preview names each input once, std frames readable, Total and one unit style, what a link carries; HTML report has its Jump to links', async ({ page }) => {
    test.setTimeout(120_000);
    await session(page, ['godebug/gctrace-limit.log', 'pprof/cpu.pb.gz', 'metrics/scrape-1.txt']);
    await page.getByTestId('share-open').click();
    await page.getByTestId('redact-names').check();
    await page.getByTestId('redact-files').check();
    const preview = page.getByTestId('share-preview');
    await expect(preview).toContainText('input 1');
    await expect(preview).not.toContainText(/\((\w+)\) \(\1\)/);
    const url = await page.getByTestId('share-url').inputValue();

    await page.goto(url);
    await page.reload();
    const profile = page.getByTestId('view-profile');
    await expect(profile.getByTestId('profile-total')).not.toContainText('—');
    const total = (await profile.getByTestId('profile-total').innerText()).replace(/Total|as go tool pprof prints it/g, '').trim();
    expect(total).toMatch(/^[\d.]+(ns|us|ms|s|hrs)$/);
    // The link's top table: one unit for every value, as go tool pprof -top prints it.
    const rows = page.getByTestId('shared-top-row');
    await expect(rows.first()).toBeVisible();
    const cells = await rows.evaluateAll((trs) => trs.flatMap((tr) => [tr.children[0].textContent!, tr.children[2].textContent!]));
    const units = new Set(cells.filter((c) => c !== '0').map((c) => c.replace(/^[\d.]+/, '')));
    expect([...units], cells.join(' ')).toHaveLength(1);
    // Redaction hashed the program's functions but kept the runtime's.
    const names = await page.getByTestId('shared-top').locator('td.fn').allInnerTexts();
    expect(names.some((n) => n.startsWith('runtime.'))).toBe(true);
    expect(names.filter((n) => n.startsWith('main.'))).toEqual([]);
    // What a link carries and how to get the full view.
    await expect(profile.getByRole('alert')).toContainText('a shared link carries');
    await expect(profile.getByRole('alert')).not.toContainText('not stored with this session');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    const html = readFileSync((await dl.path())!, 'utf8');
    const nav = /<nav[^>]*aria-label="Report contents"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
    expect(nav, 'the Jump to row').not.toBeNull();
    const links = [...nav![1].matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(2);
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });
});

test.describe('8: errors', () => {
  test('random bytes: a short error, the kinds list one click away', async ({ page }) => {
    await page.goto('./');
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    await dropBytes(page, [{ name: 'mystery.bin', b64: junk.toString('base64') }]);
    const err = page.getByTestId('input-error');
    await expect(err).toContainText('mystery.bin');
    expect((await err.innerText()).length).toBeLessThan(150);
    const kinds = page.getByTestId('input-kinds');
    await expect(kinds.locator('li').first()).toBeHidden();
    await kinds.getByText('What gotune reads').click();
    await expect(kinds.locator('li').first()).toBeVisible();
    expect(await kinds.locator('li').count()).toBeGreaterThan(5);
  });

  test('goroutine growth: only between dumps of the same program, otherwise why not', async ({ page }) => {
    await session(page, ['goroutines/panic-goroutine.txt', 'goroutines/leak-2.debug2.txt']);
    const growth = page.locator('#view-session-goroutine-growth');
    await expect(growth.getByTestId('growth-unlike')).toContainText('two different programs');
    await expect(growth.getByTestId('growth-table')).toHaveCount(0);
    await growth.getByRole('button', { name: 'Compare anyway' }).click();
    await expect(growth.getByTestId('growth-table')).toBeVisible();

    await session(page, ['goroutines/leak-1.debug2.txt', 'goroutines/leak-2.debug2.txt']);
    await expect(page.locator('#view-session-goroutine-growth').getByTestId('growth-table')).toBeVisible();
    await expect(page.getByTestId('growth-unlike')).toHaveCount(0);
  });
});

test.describe('9: getting the files, and the words', () => {
  test('the start page says how to collect each kind, with copy buttons', async ({ page }) => {
    await page.goto('./');
    const help = page.getByTestId('collect-help');
    await expect(help.getByRole('heading', { name: /How to get these files/ })).toBeVisible();
    const want: [string, string[]][] = [
      ['godebug', ['name: GODEBUG', 'gctrace=1,schedtrace=1000', 'kubectl logs deploy/']],
      ['cpu', ['kubectl port-forward', '/debug/pprof/profile?seconds=30']],
      ['heap', ['/debug/pprof/heap']],
      ['goroutines', ['/debug/pprof/goroutine?debug=2']],
      ['goroutineleak', ['/debug/pprof/goroutineleak']],
      ['trace', ['/debug/pprof/trace?seconds=5']],
      ['metrics', ['/metrics']],
      ['expvar', ['/debug/vars']],
    ];
    for (const [id, parts] of want) {
      const d = help.getByTestId(`collect-${id}`);
      await d.locator('summary').click();
      const code = (await d.locator('pre').allInnerTexts()).join('\n');
      for (const p of parts) expect(code, id).toContain(p);
    }
    const cpu = help.getByTestId('collect-cpu');
    const cmd = (await cpu.locator('pre').last().innerText()).trim();
    await cpu.getByRole('button', { name: /^Copy: curl/ }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(cmd);
  });

  test('STW, P, assist, nearest rank and MMU are explained where they appear', async ({ page }) => {
    await session(page, ['godebug/interleaved.log']);
    for (const word of ['STW', 'nearest rank', 'P', 'assist']) {
      const button = page.getByRole('button', { name: `${word}: what it means` }).first();
      await button.click();
      await expect(button).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByTestId('term-def').filter({ hasText: `${word}:` }).first()).toBeVisible();
    }
    await expect(page.getByTestId('term-def').filter({ hasText: 'STW:' }).first()).toContainText('pauses every goroutine');
    await session(page, ['gotrace/go126-goroutines.trace']);
    await page.getByRole('button', { name: 'MMU: what it means' }).click();
    await expect(page.getByTestId('term-def')).toContainText('Minimum mutator utilization');
  });
});
