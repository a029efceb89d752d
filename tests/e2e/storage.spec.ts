// Storage as a person meets it: no IndexedDB (private mode) → the app works in
// memory and says sessions will not be kept; a corrupt saved session → named
// and deletable while the others still open; two tabs saving at once keep
// every session; a full quota is named and later small sessions still save;
// 60 files dropped at once are all listed and saved.

import { expect, test, type Page } from '@playwright/test';
import { dropFiles, fixture, goHome } from './helpers';
import { smallInputCopies } from '../fixtures/smallInputs';

test('without IndexedDB the app analyses in memory and says sessions will not be kept', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as unknown as { indexedDB?: unknown }).indexedDB;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'sessions cannot be saved in this browser' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'until the tab is closed' })).toBeVisible();
  await dropFiles(page, [fixture('godebug/gctrace-basic.log')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // The session is listed for this tab.
  await page.getByRole('link', { name: 'gotune start page' }).click();
  await expect(page.getByTestId('session-list').getByRole('link', { name: /gctrace-basic\.log/ })).toBeVisible();
});

/** Write into the app's IndexedDB store beside the app, as a foreign or half-finished write would. */
async function idbPut(page: Page, entries: [string, unknown][]) {
  await page.evaluate(
    (entries) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gotune');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          for (const [k, v] of entries) tx.objectStore('kv').put(v, k);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    entries,
  );
}

async function idbGet(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('gotune');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('kv').objectStore('kv').get(key);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        };
      }),
    key,
  );
}

test('a corrupt saved session is named when opened and can be deleted; the other sessions stay listed and open', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/gctrace-limit.log')]);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // The app's own write must be done before the test writes beside it.
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const goodUrl = page.url();
  const goodId = goodUrl.split('/s/')[1];
  // A second session whose input record is damaged, and a third whose description is.
  const meta = (await idbGet(page, `meta:${goodId}`)) as Record<string, unknown>;
  const input = (await idbGet(page, `input:${goodId}:in1`)) as { report: Record<string, unknown> };
  await idbPut(page, [
    ['meta:broken1', { ...meta, id: 'broken1', name: 'broken session', updatedAt: '2030-01-01T00:00:00.000Z' }],
    ['input:broken1:in1', { ...input, report: { ...input.report, findings: [{ rule: 'x', severity: 'bad' }] } }],
    ['meta:broken2', { v: 3, id: 'broken2', name: 'broken description', inputs: 'oops' }],
  ]);
  await page.goto('./');
  await page.reload();
  const list = page.getByTestId('session-list');
  await expect(list.locator('li').filter({ hasText: 'broken description' }).getByTestId('session-damaged')).toContainText('damaged');
  const good = list.locator('li').filter({ hasText: 'gctrace-limit.log' }).filter({ hasNotText: 'broken' });
  await expect(good.getByTestId('session-damaged')).toHaveCount(0);
  // Opening the damaged one names it and what is wrong, instead of failing silently or showing the bad finding.
  await list.getByRole('link', { name: 'broken session' }).click();
  await expect(page.getByText(/The saved session “broken session” is damaged \(input 1 \(gctrace-limit\.log\), finding 1 lacks its rule, title or detail\)/)).toBeVisible();
  await page.goto('./');
  for (const name of ['broken session', 'broken description']) {
    await page.getByTestId('session-list').locator('li').filter({ hasText: name }).getByRole('button', { name: /Delete/ }).click();
    await expect(page.getByTestId('session-list').locator('li').filter({ hasText: name })).toHaveCount(0);
  }
  await expect(page.getByTestId('session-list').locator('li')).toHaveCount(1);
  await page.goto(goodUrl);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
});

test('two tabs saving at once for many rounds keep every session listed', async ({ context }) => {
  test.setTimeout(300_000);
  const tabs = [await context.newPage(), await context.newPage()];
  await Promise.all(tabs.map((t) => t.goto('./')));
  // One file per session, dropped in both tabs at the same moment: each session is saved once, so a
  // save that overwrites the other tab's is not undone by a later one (30 rounds lost 4 of 60 sessions).
  const file = fixture('godebug/gctrace-basic.log');
  const rounds = 30;
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      tabs.map(async (tab, t) => {
        await tab.getByRole('link', { name: 'gotune start page' }).click();
        // On the start page before dropping: a drop still on the session page adds to that session.
        await expect(tab.getByTestId('dropzone')).toBeVisible();
        await dropFiles(tab, [file], [`r${String(round).padStart(2, '0')}-tab${t}.log`]);
        await expect(tab.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
        await expect(tab.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
      }),
    );
  }
  // Every session of both tabs is listed, in a fresh tab too.
  const fresh = await context.newPage();
  await fresh.goto('./');
  const list = fresh.getByTestId('session-list').locator('li');
  await expect(list).toHaveCount(2 * rounds);
  for (let round = 0; round < rounds; round++) for (const t of [0, 1]) await expect(list.filter({ hasText: `r${String(round).padStart(2, '0')}-tab${t}.log` })).toHaveCount(1);
});

test('a full storage quota names the cause; the session stays listed in the tab and a later small session still saves', async ({ page }) => {
  // A quota that a big file's record does not fit into, but small records do:
  // IndexedDB refuses a put holding a file over 100 KB, as Chromium does when the origin's quota is full.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      const v = value as { blob?: Blob; raw?: { blob?: Blob } } | null;
      const blob = v?.blob ?? v?.raw?.blob;
      if (blob && blob.size > 100_000) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await page.goto('./');
  await dropFiles(page, [fixture('godebug/gctrace-basic.log')]);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const home = page.getByRole('link', { name: 'gotune start page' });
  // A big file: not saved, and the page says why in plain words with the numbers.
  await goHome(page);
  await dropFiles(page, [fixture('goroutines/leak-2.debug2.txt')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const state = page.getByTestId('save-state');
  await expect(state).toContainText("not saved: the browser's storage quota for this site is full (");
  await expect(state).toContainText(/\([\d.]+ MB used of [\d.]+ MB\)/);
  await expect(state).not.toContainText('()');
  // A later small session is saved.
  await goHome(page);
  await dropFiles(page, [fixture('godebug/gctrace-limit.log')]);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  // The list keeps every session: the earlier ones, and the big one marked as kept only in this tab.
  await home.click();
  const list = page.getByTestId('session-list').locator('li');
  await expect(list).toHaveCount(3);
  await expect(list.filter({ hasText: 'leak-2.debug2.txt' }).getByTestId('session-unsaved')).toContainText('storage quota');
  await expect(list.filter({ hasText: 'gctrace-basic.log' }).getByTestId('session-unsaved')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'cannot be saved' })).toHaveCount(0);
  // After a reload the saved ones are there and open; the one that was never saved is not listed half-saved.
  await page.reload();
  await expect(list).toHaveCount(2);
  await expect(list.filter({ hasText: 'gctrace-basic.log' })).toHaveCount(1);
  await list.filter({ hasText: 'gctrace-limit.log' }).getByRole('link').click();
  await expect(page.getByTestId('gc-stats')).toBeVisible();
});

test("a trace's timeline file that the quota has no room for: the trace's record is saved without it, and the reopened timeline offers to read the trace", async ({ page }) => {
  // Room for the trace's bytes and its report, not for its timeline file (over 100 KB).
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      const t = (value as { raw?: { timeline?: Blob } } | null)?.raw?.timeline;
      if (t && t.size > 100_000) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const stored = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('gotune');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('kv').objectStore('kv').getAllKeys();
          req.onsuccess = () => resolve((req.result as string[]).map((k) => k.split(':')[0]).sort());
        };
      }),
  );
  expect(stored).toEqual(['bytes', 'input', 'meta']);
  await page.reload();
  await expect(page.getByTestId('trace-worst-stw')).toBeVisible();
  const timeline = page.getByTestId('trace-timeline');
  await timeline.scrollIntoViewIfNeeded();
  await expect(timeline).toContainText('this reopened session kept only its figures');
  await expect(page.getByTestId('timeline-read')).toBeVisible();
});

test('60 files dropped at once are all listed, analysed and saved', async ({ page }) => {
  test.setTimeout(180_000);
  const copies = smallInputCopies(60);
  // Count what is written to IndexedDB (files as their size): saving the whole session after every input wrote ~30× the session.
  await page.addInitScript(() => {
    const w = window as unknown as { __written: Record<string, number> };
    w.__written = {};
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      const size = JSON.stringify(value, (_k, v) => (v instanceof Blob ? v.size : v))?.length ?? 0;
      w.__written[String(key)] = (w.__written[String(key)] ?? 0) + size;
      return put.call(this, value, key);
    };
  });
  await page.goto('./');
  await dropFiles(page, copies.map((c) => fixture(c.path)), copies.map((c) => c.name));
  await expect(page.locator('[data-testid=input-row]')).toHaveCount(60);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(60, { timeout: 120_000 });
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  // Each file's bytes were written once (when dropped) and each input has its record; all writes
  // together are a small multiple of what is stored.
  const id = page.url().split('/s/')[1];
  const written = await page.evaluate(() => (window as unknown as { __written: Record<string, number> }).__written);
  expect(Object.keys(written).filter((k) => k.startsWith(`input:${id}:`))).toHaveLength(60);
  const inputKeys = Object.keys(written).filter((k) => k.startsWith(`bytes:${id}:`));
  expect(inputKeys).toHaveLength(60);
  const stored = await page.evaluate(async (keys) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('gotune');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const sizes = await Promise.all(
      keys.map((k) => new Promise<number>((resolve) => {
        const req = db.transaction('kv').objectStore('kv').get(k);
        req.onsuccess = () => resolve(JSON.stringify(req.result, (_k, v) => (v instanceof Blob ? v.size : v)).length);
      })),
    );
    return sizes;
  }, inputKeys);
  inputKeys.forEach((k, i) => expect(written[k], k).toBe(stored[i]));
  const all = await page.evaluate(async (sid) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('gotune');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return new Promise<number>((resolve) => {
      let n = 0;
      const req = db.transaction('kv').objectStore('kv').openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve(n);
        if (String(c.key).includes(sid)) n += JSON.stringify(c.value, (_k, v) => (v instanceof Blob ? v.size : v)).length;
        c.continue();
      };
    });
  }, id);
  const total = Object.entries(written).filter(([k]) => k.includes(id)).reduce((a, [, b]) => a + b, 0);
  expect(total).toBeLessThan(3 * all);
  // Sections of the first inputs are in the page; "Jump to" a far input adds its sections and scrolls there.
  await expect(page.getByTestId('more-inputs')).toBeVisible();
  await page.getByRole('navigation', { name: 'Report contents' }).getByRole('button', { name: /— 0059-/ }).first().click();
  await expect(page.locator('section[id^="view-in59-"]').first()).toBeInViewport();
  const last = page.locator(`section[id^="view-in60-"]`).first();
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator('[data-testid], table, canvas').first()).toBeVisible();
  // Saved: the list says 60 inputs, and reopening shows all 60.
  const url = page.url();
  await page.goto('./');
  await expect(page.getByTestId('session-list').locator('li').first()).toContainText('60 inputs');
  await page.goto(url);
  await page.reload();
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(60);
  for (const c of [copies[0], copies[34], copies[59]]) await expect(page.locator(`[data-testid=input-row][data-input-name="${c.name}"]`)).toHaveAttribute('data-status', 'done');
});
