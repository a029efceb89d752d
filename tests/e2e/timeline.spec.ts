// The execution-trace timeline as a person uses it: drop a real Go 1.26
// trace, see a lane per P with the slice counts x/exp/trace gives for the
// whole trace and for a typed-in window (tools/traceslices → *.slices.json),
// zoom and pan with W/S/A/D, click a slice and read its goroutine and stack,
// jump from a worst stop-the-world row to that pause; axe, and screenshots in
// light and dark at 1440 and 390 px.

import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { dropFiles, exportedReport, fixture, parses } from './helpers';
import type { SlicesGolden } from '../unit/gotrace/slicesGolden';

const golden: SlicesGolden = JSON.parse(readFileSync(fixture('gotrace/go126-mixed.slices.json'), 'utf8'));
// Every stop-the-world of the same trace as x/exp/trace reads it (tools/tracegolden).
const stwGolden: { start: number; end: number; reason: string }[] = JSON.parse(readFileSync(fixture('gotrace/go126-mixed.golden.json'), 'utf8')).stw;
const procs = Object.keys(golden.perP).map(Number).sort((a, b) => a - b);
// The canvas layout (TraceTimeline.svelte, timelineLayout.ts): the canvas says where its rows are.
const LANE = 18;
const USER_ROW = 14;
const attr = async (l: Locator, name: string) => Number(await l.getAttribute(name));

async function counts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const el of await page.getByTestId('timeline-count').all()) {
    const n = Number(await el.getAttribute('data-count'));
    if (n) out[(await el.getAttribute('data-p'))!] = n;
  }
  return out;
}

async function shown(canvas: Locator): Promise<[number, number]> {
  return [Number(await canvas.getAttribute('data-from-ns')), Number(await canvas.getAttribute('data-to-ns'))];
}

async function showWindow(page: Page, fromNs: number, toNs: number) {
  await page.getByTestId('timeline-from').fill((fromNs / 1e6).toFixed(3));
  await page.getByTestId('timeline-to').fill((toNs / 1e6).toFixed(3));
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-from-ns', String(Math.round(fromNs / 1e3) * 1e3));
}

/** A zoomed window typed in holds exactly x/exp/trace's slices; its first slice on the first P, clicked, names its goroutine and stacks. */
async function zoomedWindowAndSlice(page: Page, canvas: Locator) {
  // A zoomed window typed in: the lanes hold exactly the slices x/exp/trace finds there.
  const w = golden.windows.find((x) => x.why.includes('1/4'))!;
  await showWindow(page, w.t0 - golden.firstTime, w.t1 - golden.firstTime);
  const want: Record<string, number> = {};
  for (const p of procs) if (w.perP[p]) want[p] = w.perP[p];
  await expect.poll(() => counts(page)).toEqual(want);

  // Zoom onto P's first slice there and click it: its goroutine, and the stack where it stopped.
  const p = Object.keys(w.first).map(Number).sort((x, y) => x - y)[0];
  const s = w.first[p];
  const from = Math.floor((s.start - golden.firstTime) / 1e3) * 1e3;
  const to = Math.ceil((s.end - golden.firstTime) / 1e3) * 1e3;
  await showWindow(page, from, to);
  const box = (await canvas.boundingBox())!;
  const gutter = await attr(canvas, 'data-gutter');
  const mid = (s.start + s.end) / 2 - golden.firstTime;
  await canvas.click({ position: { x: gutter + ((mid - from) / (to - from)) * (box.width - gutter), y: (await attr(canvas, 'data-lanes-y')) + procs.indexOf(p) * LANE + LANE / 2 } });
  await expect(page.getByTestId('timeline-goroutine')).toHaveText(String(s.g));
  if (s.top) await expect(page.getByTestId('timeline-stack').locator('li').first()).toContainText(s.top);
  // And where it started running again: the stack where it last stopped, as x/exp/trace reads it.
  if (s.startTop) await expect(page.getByTestId('timeline-start-stack').locator('li').first()).toContainText(s.startTop);
  else await expect(page.getByTestId('timeline-start-stack-none')).toBeVisible();
  await expect(page.getByTestId('timeline-next')).toContainText(/ms on P\d+ \(|not again in the trace/);

}

test('trace timeline: P lanes with x/exp/trace slice counts, keyboard zoom, a slice clicked, a worst STW jumped to', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const timeline = page.getByTestId('trace-timeline');
  await timeline.scrollIntoViewIfNeeded();
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toBeVisible();

  // The whole trace: one lane per P, as many slices on each as x/exp/trace counts.
  await expect(page.getByTestId('timeline-count')).toHaveCount(procs.length);
  await expect.poll(() => counts(page)).toEqual(golden.perP);

  // Keyboard zoom and pan (as go tool trace: W in, S out, A/D earlier/later).
  await canvas.focus();
  const [a0, a1] = await shown(canvas);
  // the zoomed-in window's tile is asked of the worker ahead of the key press (the only step from the whole trace)
  await expect(canvas).toHaveAttribute('data-ahead', /^[1-9]/);
  await page.keyboard.press('w');
  await expect.poll(async () => { const [f, t] = await shown(canvas); return Math.round(((t - f) / (a1 - a0)) * 100); }).toBe(50);
  await expect(canvas).toHaveAttribute('data-tile-from', 'ahead');
  await page.keyboard.press('w');
  await expect.poll(async () => { const [f, t] = await shown(canvas); return Math.round(((t - f) / (a1 - a0)) * 100); }).toBe(25);
  const [b0] = await shown(canvas);
  await page.keyboard.press('d');
  await expect.poll(async () => (await shown(canvas))[0]).toBeGreaterThan(b0);
  await page.keyboard.press('s');
  await expect.poll(async () => { const [f, t] = await shown(canvas); return Math.round(((t - f) / (a1 - a0)) * 100); }).toBe(50);

  // The mouse: the wheel zooms in where it points, a drag moves the window.
  const cb = (await canvas.boundingBox())!;
  const [c0, c1] = await shown(canvas);
  await page.mouse.move(cb.x + cb.width / 2, cb.y + 200);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => { const [f, t] = await shown(canvas); return t - f < (c1 - c0) * 0.8; }).toBe(true);
  const [d0] = await shown(canvas);
  await page.mouse.move(cb.x + cb.width / 2, cb.y + 200);
  await page.mouse.down();
  await page.mouse.move(cb.x + cb.width / 2 + 150, cb.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await shown(canvas))[0]).toBeLessThan(d0);

  await zoomedWindowAndSlice(page, canvas);

  // A worst stop-the-world row jumps the timeline to a window holding that pause.
  const report = await exportedReport(page);
  const worst = report.inputs[0].trace.stw.worst[0];
  await page.getByTestId('trace-stw-jump').first().click();
  await expect.poll(async () => { const [f, t] = await shown(canvas); return f <= worst.startNs && t >= worst.startNs + worst.durNs; }).toBe(true);
  await expect(canvas).toBeFocused();
  await expect(timeline).toBeInViewport();

  const axe = await new AxeBuilder({ page }).include('[data-testid=trace-timeline]').include('[data-testid=trace-worst-stw]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // Screens: the jumped-to pause, light and dark, wide and phone-sized.
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    for (const dark of [false, true]) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme === 'dark')) !== dark) {
        await page.getByRole('button', { name: `Switch to ${dark ? 'dark' : 'light'} mode` }).click();
      }
      await page.getByTestId('trace-stw-jump').first().click();
      await page.waitForTimeout(300);
      await timeline.screenshot({ path: `screens/timeline-${width}-${dark ? 'dark' : 'light'}.png` });
    }
  }
});

test('a reopened session shows the timeline kept with it, without reading the trace again', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await page.getByTestId('trace-timeline').scrollIntoViewIfNeeded();
  await expect.poll(() => counts(page)).toEqual(golden.perP);
  await expect(page.getByTestId('timeline-read')).toHaveCount(0);
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-detail', 'ready');
  expect(await parses(page)).toBe(0);
  // The restored timeline answers as the read one: a window's slices, a slice's goroutine and stacks, a pause jumped to.
  await page.setViewportSize({ width: 1440, height: 1000 });
  const canvas = page.getByTestId('timeline-canvas');
  await zoomedWindowAndSlice(page, canvas);
  const worst = (await exportedReport(page)).inputs[0].trace.stw.worst[0];
  await page.getByTestId('trace-stw-jump').first().click();
  await expect.poll(async () => { const [f, t] = await shown(canvas); return f <= worst.startNs && t >= worst.startNs + worst.durNs; }).toBe(true);
  expect(await parses(page)).toBe(0);
});

/** Damages the stored timeline in IndexedDB, as a damaged disk or another program would: its overview's header, or its columns cut short. */
async function damageStoredTimeline(page: Page, where: 'overview' | 'columns'): Promise<number> {
  return page.evaluate(async (where) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('gotune');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T,>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));
    const kv = () => db.transaction('kv', 'readwrite').objectStore('kv');
    const keys = (await all(kv().getAllKeys())).filter((k) => String(k).startsWith('input:'));
    let n = 0;
    for (const k of keys) {
      const rec = (await all(kv().get(k))) as { raw?: { timeline?: Blob } };
      const t = rec.raw?.timeline;
      if (!t) continue;
      // The overview's header starts 32 bytes in (the file's head, then the overview's own).
      rec.raw!.timeline = where === 'overview' ? new Blob([t.slice(0, 32), new Uint8Array([0xff, 0xff, 0xff, 0xff]), t.slice(36)]) : t.slice(0, t.size - 4096);
      await all(kv().put(rec, k));
      n++;
    }
    return n;
  }, where);
}

test('a reopened session whose stored timeline is damaged says so, and reads the trace for it when asked', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  // Bytes of the stored timeline's overview made unreadable.
  const damaged = await damageStoredTimeline(page, 'overview');
  expect(damaged).toBe(1);
  await page.reload();
  // The timeline loads as it comes near the viewport.
  await page.getByTestId('trace-timeline').scrollIntoViewIfNeeded();
  const read = page.getByTestId('timeline-read');
  await read.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('trace-timeline')).toContainText('The timeline kept with this session could not be used (the stored timeline is damaged: its header is not readable)');
  expect(await parses(page)).toBe(0);
  // The rest of the session is there: the trace's figures were not lost with its timeline.
  await expect(page.getByTestId('trace-worst-stw')).toBeVisible();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const dark of [false, true]) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme === 'dark')) !== dark) await page.getByRole('button', { name: `Switch to ${dark ? 'dark' : 'light'} mode` }).click();
      await read.scrollIntoViewIfNeeded();
      await page.getByTestId('trace-timeline').screenshot({ path: `screens/timeline-stored-damaged-${width}-${dark ? 'dark' : 'light'}.png` });
    }
  }
  await read.click();
  await expect.poll(() => counts(page)).toEqual(golden.perP);
  expect(await parses(page)).toBe(1);
});

test('a reopened session whose stored timeline is cut short in its detail draws the whole trace, then says why zooming needs the trace', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect(await damageStoredTimeline(page, 'columns')).toBe(1);
  await page.reload();
  // The timeline loads as it comes near the viewport.
  await page.getByTestId('trace-timeline').scrollIntoViewIfNeeded();
  const read = page.getByTestId('timeline-read');
  await read.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('trace-timeline')).toContainText(/The timeline kept with this session could not be used \(the stored timeline is damaged: .* runs past the end of the file\)/);
  expect(await parses(page)).toBe(0);
  await read.click();
  await expect.poll(() => counts(page)).toEqual(golden.perP);
  expect(await parses(page)).toBe(1);
});

async function dropMixed(page: Page) {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await page.getByTestId('trace-timeline').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('timeline-count')).toHaveCount(procs.length);
}

async function userCounts(page: Page) {
  const el = page.getByTestId('timeline-user-counts');
  return { tasks: await attr(el, 'data-tasks'), regions: await attr(el, 'data-regions') };
}

async function rangeShown(page: Page) {
  const r = page.getByTestId('timeline-range');
  const top: { g: number; ns: number }[] = [];
  for (const row of await r.getByTestId('timeline-range-top').locator('tbody tr').all()) top.push({ g: await attr(row, 'data-g'), ns: await attr(row, 'data-ns') });
  return {
    cpuNs: await attr(r.getByTestId('timeline-range-cpu'), 'data-ns'),
    gcNs: await attr(r.getByTestId('timeline-range-gc'), 'data-gc-ns'),
    gcWorkerNs: await attr(r.getByTestId('timeline-range-gc'), 'data-worker-ns'),
    stws: await attr(r.getByTestId('timeline-range-stw'), 'data-count'),
    stwNs: await attr(r.getByTestId('timeline-range-stw'), 'data-ns'),
    top,
  };
}

test('trace timeline: task and region rows, the statistics of a range, lanes per thread and per goroutine, a pause from the histogram', async ({ page }) => {
  await dropMixed(page);
  const canvas = page.getByTestId('timeline-canvas');
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

  // The whole trace: as many user tasks and regions as x/exp/trace reads.
  await expect.poll(() => userCounts(page)).toEqual({ tasks: sum(golden.tasks), regions: sum(golden.regions) });

  // A typed-in window with "Statistics": its tasks and regions, and the range's figures, as x/exp/trace counts them.
  const w = golden.windows.find((x) => x.why.includes('longest stop-the-world'))!;
  await page.getByTestId('timeline-from').fill(((w.t0 - golden.firstTime) / 1e6).toFixed(3));
  await page.getByTestId('timeline-to').fill(((w.t1 - golden.firstTime) / 1e6).toFixed(3));
  await page.getByRole('button', { name: 'Statistics', exact: true }).click();
  await expect(canvas).toHaveAttribute('data-from-ns', String(w.t0 - golden.firstTime));
  await expect.poll(() => userCounts(page)).toEqual({ tasks: w.tasks, regions: w.regions });
  await expect(page.getByTestId('timeline-range-top')).toBeVisible();
  expect(await rangeShown(page)).toEqual({ cpuNs: w.stats.cpuNs, gcNs: w.stats.gcNs, gcWorkerNs: w.stats.gcWorkerNs, stws: w.stats.stws, stwNs: w.stats.stwNs, top: w.stats.topByCpu });
  expect(w.stats.stws).toBeGreaterThan(0);
  await expect(page.getByTestId('timeline-range-stw')).toContainText(/pause/);

  // Escape clears the range; shift+drag selects one; R selects the window in view.
  await canvas.focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('timeline-range')).toHaveCount(0);
  const box = (await canvas.boundingBox())!;
  const gutter = await attr(canvas, 'data-gutter');
  const lanesY = await attr(canvas, 'data-lanes-y');
  const plotW = box.width - gutter;
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + gutter + plotW * 0.25, box.y + lanesY + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + gutter + plotW * 0.75, box.y + lanesY + 5, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('timeline-range-cpu')).toBeVisible();
  // The view did not move (a drag without shift pans), and about half of it is selected.
  await expect(canvas).toHaveAttribute('data-from-ns', String(w.t0 - golden.firstTime));
  const dragged = await rangeShown(page);
  expect(dragged.cpuNs).toBeGreaterThan(0);
  expect(dragged.cpuNs).toBeLessThan(w.stats.cpuNs);
  await canvas.focus();
  await page.keyboard.press('r');
  await expect.poll(async () => (await rangeShown(page)).cpuNs).toBe(w.stats.cpuNs);

  // A click on a region row names the region (a name x/exp/trace gives).
  const regionsY = await attr(canvas, 'data-regions-y');
  const lanesAt = await attr(canvas, 'data-lanes-y');
  expect(lanesAt).toBeGreaterThan(regionsY);
  // The tile is not in the page: click along the row until a region is hit, as a person would.
  let named = '';
  for (let f = 0.02; f < 1 && !named; f += 0.04) {
    await canvas.click({ position: { x: gutter + plotW * f, y: regionsY + USER_ROW / 2 } });
    if (await page.getByTestId('timeline-picked-name').count()) named = (await page.getByTestId('timeline-picked-name').textContent()) ?? '';
  }
  expect(Object.keys(golden.regions)).toContain(named);

  // Lanes per thread: the slices on each M in this window, as x/exp/trace counts them.
  await page.getByTestId('timeline-lanes-by').selectOption('m');
  await expect(page.getByTestId('timeline-extra')).toHaveAttribute('data-by', 'm');
  const extra = async () => {
    const out: Record<string, number> = {};
    for (const el of await page.getByTestId('timeline-extra-count').all()) {
      const n = await attr(el, 'data-count');
      if (n) out[(await el.getAttribute('data-key'))!] = n;
    }
    return out;
  };
  await expect.poll(extra).toEqual(w.perM);

  // Lanes per goroutine, for those with time.Sleep on a stack: a click on the first lane shows that goroutine.
  await page.getByTestId('timeline-lanes-by').selectOption('g');
  await page.getByTestId('timeline-lanes-func').fill('time.Sleep');
  await page.getByRole('button', { name: 'Show lanes' }).click();
  await expect(page.getByTestId('timeline-extra')).toHaveAttribute('data-by', 'g');
  await expect(page.getByTestId('timeline-extra-count').first()).toBeVisible();
  // The whole trace, so the lane's goroutine has slices all along it.
  await canvas.focus();
  await page.keyboard.press('0');
  const g0 = await page.getByTestId('timeline-extra-count').first().getAttribute('data-key');
  const extraY = await attr(canvas, 'data-extra-y');
  let shownG = '';
  for (let f = 0.5; f < 1 && !shownG; f += 0.05) {
    await canvas.click({ position: { x: gutter + plotW * f, y: extraY + LANE / 2 } });
    if (await page.getByTestId('timeline-goroutine').count()) shownG = (await page.getByTestId('timeline-goroutine').textContent()) ?? '';
  }
  expect(shownG).toBe(g0);

  const axe = await new AxeBuilder({ page }).include('[data-testid=trace-timeline]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // Screens with a range selected and the goroutine lanes, light and dark, wide and phone-sized.
  await canvas.focus();
  await page.keyboard.press('r');
  const timeline = page.getByTestId('trace-timeline');
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 1000 });
    for (const dark of [false, true]) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme === 'dark')) !== dark) {
        await page.getByRole('button', { name: `Switch to ${dark ? 'dark' : 'light'} mode` }).click();
      }
      await page.waitForTimeout(300);
      await timeline.screenshot({ path: `screens/timeline-range-${width}-${dark ? 'dark' : 'light'}.png` });
    }
  }

  // A bar of the pause histogram, shown on the timeline: the pause x/exp/trace has at that time, then the next one.
  await page.setViewportSize({ width: 1440, height: 1000 });
  const jump = page.getByTestId('stw-pause-jump');
  await jump.scrollIntoViewIfNeeded();
  await jump.getByRole('button', { name: 'Show next' }).click();
  const note = page.getByTestId('stw-pause-note');
  await expect(note).toContainText(/^Pause 1 of \d+/);
  const at = async () => {
    const m = /Pause (\d+) of (\d+): .*, .* at ([\d.]+) ms\./.exec((await note.textContent()) ?? '')!;
    return { nth: Number(m[1]), count: Number(m[2]), ms: Number(m[3]) };
  };
  const p1 = await at();
  expect(stwGolden.some((x) => Math.abs((x.start - golden.firstTime) / 1e6 - p1.ms) < 0.001)).toBe(true);
  await expect.poll(async () => { const [f, t] = await shown(canvas); return f <= p1.ms * 1e6 && t >= p1.ms * 1e6; }).toBe(true);
  await expect(timeline).toBeInViewport();
  if (p1.count > 1) {
    await jump.getByRole('button', { name: 'Show next' }).click();
    await expect(note).toContainText(/^Pause 2 of/);
    expect((await at()).ms).toBeGreaterThan(p1.ms);
  }
});
