// Execution traces as a person uses them: drop a real Go 1.26 trace, read
// the pause histogram by reason, heap vs goal and the MMU curve, and check
// the figures on screen against the exported report; a cut trace shows what
// was complete plus a warning; a Go 1.21 trace (v1 format) shows Go's figures.

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chartCanvas, dropBytes, dropFiles, exportedReport, fixture, openExample, screenshots } from './helpers';

const pct = (x: number) => `${String(Number((x * 100).toPrecision(3)))}%`; // three significant digits, as on screen
const num = (n: number) => n.toLocaleString('en-US');

test('a real trace: STW histogram by reason, heap vs goal, MMU curve, figures equal the export', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);

  for (const id of ['trace-stw-histogram', 'trace-heap-chart', 'trace-mmu-chart', 'trace-goroutines-chart', 'trace-sched-chart']) {
    await expect(await chartCanvas(page, id)).toHaveCount(1);
  }
  const report = await exportedReport(page);
  const t = report.inputs[0].trace;
  expect(report.inputs[0].kind).toBe('gotrace');
  await expect(page.getByTestId('trace-events')).toContainText(num(t.events));
  await expect(page.getByTestId('trace-stw')).toContainText(num(t.stw.count));
  await expect(page.getByTestId('trace-gc-cycles')).toContainText(num(t.gcCycles.count));
  await expect(page.getByTestId('trace-mmu-10ms')).toContainText(pct(t.mmu.at['10ms']));
  await expect(page.getByTestId('trace-mmu-values')).toContainText(`1 s ${pct(t.mmu.at['1s'])}`);
  // go tool trace's MMU (mark workers counted twice) beside ours, labelled, with the reason.
  const golden = JSON.parse(readFileSync(fixture('gotrace/go126-mixed.golden.json'), 'utf8'));
  await expect(page.getByTestId('trace-mmu-gotool')).toContainText(`go tool trace shows: 1 ms ${pct(golden.mmuGoToolTrace['1ms'])} · 10 ms ${pct(golden.mmuGoToolTrace['10ms'])}`);
  await expect(page.getByTestId('trace-mmu-gotool-why')).toContainText('counts a background mark worker twice');
  // One stacked bar series per STW reason, named in the chart's accessible description.
  const rows = page.getByTestId('trace-stw-reasons').locator('tbody tr');
  await expect(rows).toHaveCount(t.stw.byReason.length);
  await expect(rows.first().locator('td').nth(1)).toHaveText(num(t.stw.byReason[0].count));
  for (const r of t.stw.reasons) await expect(page.getByTestId('trace-stw-reasons')).toContainText(r);
  expect(t.stw.reasons).toEqual(expect.arrayContaining(['GOMAXPROCS', 'read mem stats']));
  // The gctrace-shaped gc block is drawn by the GC view too.
  await expect(page.getByTestId('gc-cycles')).toContainText(num(report.inputs[0].gc.cycles));
  await expect(page.locator('[data-testid=finding][data-rule="trace.non-gc-stw"]').first()).toBeVisible();
  await screenshots(page, 'gotrace');
});

test('program goroutines the runtime labelled "GC (…)" are not counted as mark workers; go tool trace\'s figure beside ours says why', async ({ page }) => {
  // A Go 1.26 trace in which the runtime labelled 8 of the program's goroutines "GC (…)"
  // (a P left in mark-worker mode): go tool trace counts every later run of theirs as GC.
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-gclabels.trace.gz')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const golden = JSON.parse(readFileSync(fixture('gotrace/go126-gclabels.golden.json'), 'utf8'));
  expect(golden.labelledNotWorkers).toBeGreaterThan(0);
  await expect(page.getByTestId('trace-mmu-values')).toContainText(`10 ms ${pct(golden.mmu['10ms'])} · 100 ms ${pct(golden.mmu['100ms'])}`);
  const goTool = page.getByTestId('trace-mmu-gotool');
  await expect(goTool).toContainText(`go tool trace shows: 1 ms ${pct(golden.mmuGoToolTrace['1ms'])} · 10 ms ${pct(golden.mmuGoToolTrace['10ms'])} · 100 ms ${pct(golden.mmuGoToolTrace['100ms'])}`);
  await expect(page.getByTestId('trace-mmu-gotool-why')).toContainText(`It counts ${golden.labelledNotWorkers} goroutines of the program as GC mark workers for good, because the runtime once labelled them "GC (…)"`);
  const report = await exportedReport(page);
  expect(report.inputs[0].trace.mmu.goToolTrace.labelledNotWorkers).toBe(golden.labelledNotWorkers);
  expect(report.inputs[0].trace.gcCycles.workerNs).toBe(golden.gcCpu.workers);
});

test('a trace on which go tool trace\'s MMU page panics: ours is shown, with Go\'s figure and the reason', async ({ page }) => {
  // go tool trace (Go 1.26.8) on this trace: "http: panic serving …: runtime error: index out of range [-1]"
  // at internal/trace/gc.go:226, a goroutine it wrongly counts as a mark worker leaving a system call without a P.
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mmupanic.trace.gz')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  const golden = JSON.parse(readFileSync(fixture('gotrace/go126-mmupanic.golden.json'), 'utf8'));
  expect(golden.goToolTraceNoProc).toBeGreaterThan(0);
  await expect(page.getByTestId('trace-mmu-values')).toContainText(`10 ms ${pct(golden.mmu['10ms'])}`);
  const goTool = page.getByTestId('trace-mmu-gotool');
  await expect(goTool).toContainText(`go tool trace crashes on this trace; without the crash it would show: 1 ms ${pct(golden.mmuGoToolTrace['1ms'])}`);
  await expect(page.getByTestId('trace-mmu-gotool-why').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('trace-mmu-gotool-why')).toContainText('gc.go:226 indexes its table of Ps with -1');
  const report = await exportedReport(page);
  expect(report.inputs[0].trace.mmu.goToolTrace.fails).toBe(true);
});

test('a trace cut in its second generation shows the first one and a warning', async ({ page }) => {
  const bytes = readFileSync(fixture('gotrace/go126-mixed.trace'));
  const cut = bytes.subarray(0, bytes.length - 1000);
  await page.goto('./');
  await dropBytes(page, [{ name: 'cut.trace', b64: Buffer.from(cut).toString('base64') }]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('trace-truncated')).toContainText('cut short');
  const report = await exportedReport(page);
  const input = report.inputs[0];
  expect(input.trace.generations).toBe(1);
  expect(input.warnings.join(' ')).toMatch(/cut or damaged after generation 1/);
  await expect(page.getByTestId('trace-events')).toContainText(num(input.trace.events));
  await expect(await chartCanvas(page, 'trace-heap-chart')).toHaveCount(1);
});

test('a real Go 1.21 trace (the older v1 format): GC and stop-the-world figures as Go reads them', async ({ page }) => {
  const golden = JSON.parse(readFileSync(fixture('gotrace/go121-mixed.golden.json'), 'utf8'));
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go121-mixed.trace')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  for (const id of ['trace-stw-histogram', 'trace-heap-chart', 'trace-mmu-chart', 'trace-goroutines-chart']) {
    await expect(await chartCanvas(page, id)).toHaveCount(1);
  }
  await expect(page.getByTestId('trace-duration')).toContainText('Go 1.21 trace format');
  // Go's own reader (x/exp/trace, tools/tracegolden) counts the same cycles and pauses.
  await expect(page.getByTestId('trace-gc-cycles')).toContainText(num(golden.gcCycles.length));
  await expect(page.getByTestId('trace-stw')).toContainText(num(golden.stw.length));
  await expect(page.getByTestId('trace-events')).toContainText(num(golden.events));
  const reasons = [...new Set(golden.stw.map((s: { reason: string }) => s.reason))] as string[];
  for (const r of reasons) await expect(page.getByTestId('trace-stw-reasons')).toContainText(r);
  const report = await exportedReport(page);
  expect(report.inputs[0].trace.writtenBy).toBe('Go 1.21');
});

test('a cut Go 1.19 trace says why it cannot be read', async ({ page }) => {
  const bytes = readFileSync(fixture('gotrace/go119-mixed.trace'));
  await page.goto('./');
  await dropBytes(page, [{ name: 'old.trace', b64: Buffer.from(bytes.subarray(0, bytes.length - 5000)).toString('base64') }]);
  await expect(page.locator('[data-testid=input-row]')).toContainText('Go 1.19–1.20 execution trace');
  await expect(page.locator('[data-testid=input-row]')).toContainText('broken or cut');
});

test('the example session includes an execution trace', async ({ page }) => {
  await openExample(page);
  const view = page.locator('[id$=-trace]').first();
  await expect(await chartCanvas(view, 'trace-mmu-chart')).toHaveCount(1);
  const report = await exportedReport(page);
  const t = report.inputs.find((i: { kind: string }) => i.kind === 'gotrace').trace;
  await expect(view.getByTestId('trace-stw')).toContainText(num(t.stw.count));
  await expect(view.getByTestId('trace-stw-percentiles')).toContainText(`${num(t.stw.pauses.count)} pauses`);
});

test('the worst stop-the-worlds copy as a table', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [fixture('gotrace/go126-mixed.trace')]);
  const card = page.getByRole('region', { name: 'Worst stop-the-worlds' });
  await card.getByRole('button', { name: 'Copy table' }).click();
  await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const report = await exportedReport(page);
  const worst = report.inputs[0].trace.stw.worst[0];
  expect(text.split('\n')[1]).toBe(`${(worst.startNs / 1e9).toFixed(6)}\t${worst.reason}\t${worst.durNs / 1e6}`);
});
