// The what-if panel as a person uses it: drop a real gctrace log (a Go 1.26
// run at GOGC=100, tests/fixtures/whatif), move the GOGC control, read the
// predicted figures; the wizard's GOGC line quotes the same model.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { chartCanvas, dropFiles, fixture, screenshots } from './helpers';
import { gctraceModel } from '../../bench/whatif/check';
import { calibrate } from '../../src/whatif/calibrate';
import { predict } from '../../src/whatif/predict';
import { formatBytes } from '../../src/lib/display';

const file = fixture('whatif/go1.26.8/gogc100.gctrace.gz');
const cal = (() => {
  const c = calibrate(gctraceModel(gunzipSync(readFileSync(file)).toString('utf8')));
  if ('refused' in c) throw new Error(c.refused);
  return c.calibration;
})();
const cpuAt = (gogc: number) => `${predict(cal, { gogc, memoryLimitBytes: null, containerLimitBytes: null }).gcCpuPercent.toFixed(1)}%`;

test('what-if: moving GOGC changes the predicted GC CPU and cycles; the wizard quotes the model', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [file]);
  await expect(page.locator('[data-testid=input-row][data-status=done]').first()).toBeVisible();

  const panel = page.getByTestId('whatif-table');
  await expect(panel).toBeVisible();
  const slider = page.getByRole('slider', { name: 'GOGC' });
  await expect(slider).toHaveValue('100');
  const cpuCell = page.getByTestId('whatif-row-cpu').locator('td').first();
  await expect(cpuCell).toContainText(cpuAt(100));
  // measured column: the run's own GC CPU over the window
  await expect(page.getByTestId('whatif-row-cpu').locator('td').nth(1)).toContainText(`${cal.gcCpuPercent.toFixed(1)}%`);
  // peak heap: the run's 95th percentile at mark termination, with its largest beside it
  const peakCell = page.getByTestId('whatif-row-peak').locator('td').nth(1);
  await expect(peakCell).toContainText(formatBytes(cal.peakHeapBytes));
  await expect(peakCell).toContainText(`largest ${formatBytes(cal.largestHeapBytes ?? NaN)}`);
  const cyclesAt100 = Number((await page.getByTestId('whatif-row-cycles').locator('td').first().innerText()).split(' ')[0]);

  // Keyboard: each step is 5; 20 presses take GOGC to 200.
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('whatif-gogc-value')).toHaveText('200');
  await expect(cpuCell).toContainText(cpuAt(200));
  const cyclesAt200 = Number((await page.getByTestId('whatif-row-cycles').locator('td').first().innerText()).split(' ')[0]);
  expect(cyclesAt200).toBeLessThan(cyclesAt100 * 0.7);
  await expect(page.getByTestId('whatif-row-regime').locator('td').first()).toHaveText('GOGC sets the goal');
  await expect(page.getByTestId('whatif-cycles-low')).toHaveCount(0);

  // A memory limit under the live heap: the goal pins at the live heap, and the limiter row gives the
  // model's bucket verdict (yes / no / on the edge) with the share the limiter counts.
  await page.getByTestId('whatif-limit').fill('30');
  await expect(page.getByTestId('whatif-row-regime').locator('td').first()).toHaveText('goal at the live heap: GC back to back');
  const pinned = predict(cal, { gogc: 100, memoryLimitBytes: 30 * 1048576, containerLimitBytes: null });
  await expect(page.getByTestId('whatif-row-limiter').locator('td').first()).toHaveText(pinned.limiter === 'uncertain' ? 'on the edge' : pinned.limiter);
  await expect(page.getByTestId('whatif-row-limiter-share').locator('td').first()).toContainText(`${pinned.limiterGcCpuPercent.toFixed(1)}%`);
  // a share that far from 50% (yes or no) says nothing more
  expect(pinned.limiter).not.toBe('uncertain');
  await expect(page.getByTestId('whatif-limiter-edge')).toHaveCount(0);
  // back to back with the limiter engaged, its 50/50 split sets the cycles from this run's mutator CPU per GiB,
  // which is dearer while the GC marks all the time: the cycles row says the figure is likely low, and why
  expect(pinned.likelyLow).toBe('cycles');
  await expect(page.getByTestId('whatif-cycles-low')).toContainText('write barrier');
  await expect(page.getByTestId('whatif-row-cycles').locator('td').first()).toContainText(pinned.cyclesPerGiB.toFixed(1));
  // at 80 MiB the model's share is within its ± of 50% (about 50% on this run): on the edge, and the row says why
  const edge = predict(cal, { gogc: 100, memoryLimitBytes: 80 * 1048576, containerLimitBytes: null });
  expect(edge.limiter).toBe('uncertain');
  await page.getByTestId('whatif-limit').fill('80');
  await expect(page.getByTestId('whatif-row-limiter').locator('td').first()).toHaveText('on the edge');
  await expect(page.getByTestId('whatif-limiter-edge')).toContainText('identical runs differ');
  await expect(page.getByTestId('whatif-row-limiter-share').locator('td').first()).toContainText(`${edge.limiterGcCpuPercent.toFixed(1)}%`);
  await expect(await chartCanvas(page, 'whatif-curve')).toHaveCount(1);
  await expect(page.getByTestId('whatif-curve')).toBeVisible();
  await screenshots(page, 'whatif');

  // The wizard: throughput goal, a 1Gi limit → its GOGC line quotes the GC model.
  await page.getByRole('link', { name: 'Open the tuning wizard' }).click();
  await page.getByLabel('Memory limit').fill('1Gi');
  await page.getByLabel('Goal').selectOption('throughput');
  const gogcNote = page.locator('[data-note="gogc"]');
  await expect(gogcNote).toContainText('GC model calibrated on gctrace in gogc100.gctrace.gz');
  await expect(gogcNote).toContainText(/GC model \(gctrace in gogc100\.gctrace\.gz\) at GOGC=\d+, GOMEMLIMIT/);
});

test("what-if: a runtime/metrics scrape in the same session gives the panel the runtime's own non-heap memory", async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [file]);
  await expect(page.locator('[data-testid=input-row][data-status=done]').first()).toBeVisible();
  await expect(page.getByTestId('whatif-from')).toHaveText('Read from: gctrace in gogc100.gctrace.gz.');
  await page.getByTestId('whatif-limit').fill('200');
  const total = page.getByTestId('whatif-row-total').locator('td').first();
  const alone = await total.innerText();

  // The person adds the service's /metrics scrape (Go runtime memory classes) to the session.
  await dropFiles(page, [fixture('metrics/runtime-metrics.txt')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(2);
  await expect(page.getByTestId('whatif-from')).toHaveText('Read from: gctrace in gogc100.gctrace.gz + runtime/metrics in runtime-metrics.txt.');
  await expect(page.getByTestId('whatif-table').locator('..').locator('..').getByText(/read from runtime\/metrics in runtime-metrics\.txt/)).toBeVisible();
  // the controls kept their value, and the prediction changed with the non-heap term
  await expect(page.getByTestId('whatif-limit')).toHaveValue('200');
  await expect(total).not.toHaveText(alone);
});

test('what-if: calibrated on a run whose GC ran back to back, the GC CPU at settings with room between cycles says it is likely low', async ({ page }) => {
  // Go 1.26.8 at GOMEMLIMIT 0.8× the live heap: the goal pinned at the heap marked live, the CPU limiter engaged
  const b2b = fixture('whatif/go1.26.8/limit0.8x.gctrace.gz');
  const c = calibrate(gctraceModel(gunzipSync(readFileSync(b2b)).toString('utf8')));
  if ('refused' in c) throw new Error(c.refused);
  expect(c.calibration.regime).toBe('limiter');
  const free = predict(c.calibration, { gogc: 100, memoryLimitBytes: null, containerLimitBytes: null });
  expect(free.likelyLow).toBe('gcCpu');

  await page.goto('./');
  await dropFiles(page, [b2b]);
  await expect(page.locator('[data-testid=input-row][data-status=done]').first()).toBeVisible();
  await expect(page.getByTestId('whatif-table')).toBeVisible();
  // the panel starts at the run's own (inferred) limit: back to back, nothing flagged on GC CPU
  await expect(page.getByTestId('whatif-row-regime').locator('td').first()).toHaveText('goal at the live heap: GC back to back');
  await expect(page.getByTestId('whatif-cpu-low')).toHaveCount(0);
  await expect(page.getByText(/The GC was marking while \d+% of this run's memory was allocated \(back to back\)/)).toBeVisible();
  // no memory limit: GOGC sets the goal, and the GC CPU row says why its figure is likely low
  await page.getByTestId('whatif-limit').fill('');
  await expect(page.getByTestId('whatif-row-regime').locator('td').first()).toHaveText('GOGC sets the goal');
  await expect(page.getByTestId('whatif-row-cpu').locator('td').first()).toContainText(`${free.gcCpuPercent.toFixed(1)}%`);
  await expect(page.getByTestId('whatif-cpu-low')).toContainText('likely more');
  await expect(page.getByTestId('whatif-cycles-low')).toHaveCount(0);
});

test('what-if: a GC log of GOGC=5 with no memory limit is calibrated at GOGC 5, not as a limit', async ({ page }) => {
  // The gogc-too-low scenario runs GOGC=5; its log alone was once read as "GOGC 100 and a memory limit of at most 70 MiB".
  await page.goto('./');
  await dropFiles(page, [fixture('scenarios/gogc-too-low/godebug.log.gz')]);
  await expect(page.getByTestId('whatif-table')).toBeVisible();
  await expect(page.getByTestId('whatif-gogc-value')).toHaveText('5');
  await expect(page.getByRole('slider', { name: 'GOGC' })).toHaveValue('5');
  await expect(page.getByTestId('whatif-limit')).toHaveValue('');
  await expect(page.getByTestId('view-whatif')).toContainText('GOGC inferred as 5');
  await expect(page.getByTestId('view-whatif')).not.toContainText('a memory limit drove it');
});
