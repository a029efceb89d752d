// Metrics as a person uses them: drop a /metrics scrape and read the GC pause
// percentiles and GOMAXPROCS/GOMEMLIMIT; drop /debug/vars and read the pause
// percentiles of the PauseNs ring. Expected values come from the settings the
// process ran with (tools/fixtures/metrics/gen.sh) and the raw files.

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chartCanvas, dropFiles, fixture, screenshots } from './helpers';
import { fmtMs } from '../../src/ui/format';

const value = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(series + ' '))!.slice(series.length + 1));

test('drop a scrape: GC pause percentiles, GOMAXPROCS and GOMEMLIMIT', async ({ page }) => {
  const text = readFileSync(fixture('metrics/runtime-metrics.txt'), 'utf8');
  await page.goto('./');
  await dropFiles(page, [fixture('metrics/scrape-5.txt'), fixture('metrics/runtime-metrics.txt')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(2);
  const stats = page.getByTestId('metrics-stats').first();
  await expect(stats.getByTestId('metrics-gomaxprocs')).toContainText('2'); // GOMAXPROCS=2 in gen.sh
  await expect(stats.getByTestId('metrics-gomemlimit')).toContainText('256 MiB'); // GOMEMLIMIT=256MiB
  await expect(stats.getByTestId('metrics-gogc')).toContainText('50'); // GOGC=50
  const scrape = readFileSync(fixture('metrics/scrape-5.txt'), 'utf8');
  const summary = page.getByTestId('pause-row-summary').first();
  await expect(summary).toContainText(fmtMs(value(scrape, 'go_gc_duration_seconds{quantile="0.5"}') * 1000));
  await expect(summary).toContainText(fmtMs(value(scrape, 'go_gc_duration_seconds{quantile="1"}') * 1000));
  // The runtime/metrics histogram: p99 is the upper bound of the bucket holding rank ceil(0.99·n).
  const buckets = text.split('\n').filter((l) => l.startsWith('go_sched_pauses_total_gc_seconds_bucket{'));
  const cum = buckets.map((l) => ({ le: l.split('"')[1], n: Number(l.split(' ').pop()) }));
  const n = cum[cum.length - 1].n;
  const p99 = Number(cum.find((b) => b.n >= Math.ceil(0.99 * n))!.le);
  await expect(page.getByTestId('pause-row-histogram').first()).toContainText(`≤ ${fmtMs(p99 * 1000)}`);
  // The scrape with runtime/metrics histograms also feeds the garbage-collector view.
  await expect(page.getByTestId('gc-p99')).toContainText(fmtMs(p99 * 1000));
  await expect(await chartCanvas(page, 'gc-histogram')).toHaveCount(1);
  await screenshots(page, 'metrics-scrape');
});

test('drop /debug/vars: percentiles of the PauseNs ring', async ({ page }) => {
  const raw = JSON.parse(readFileSync(fixture('metrics/debug-vars.json'), 'utf8')).memstats;
  const sorted = (raw.PauseNs as number[]).slice(0, Math.min(raw.NumGC, 256)).map((x) => x / 1e6).sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.ceil(q * sorted.length) - 1];
  await page.goto('./');
  await dropFiles(page, [fixture('metrics/debug-vars.json')]);
  const row = page.getByTestId('pause-row-ring');
  await expect(row).toContainText(fmtMs(rank(0.5)));
  await expect(row).toContainText(fmtMs(rank(0.99)));
  await expect(row).toContainText(fmtMs(sorted[sorted.length - 1]));
  await expect(page.getByTestId('metrics-vars')).toContainText('jobs_done');
  await screenshots(page, 'metrics-expvar');
});

test('drop five scrapes as separate files: rates over time', async ({ page }) => {
  const files = [1, 2, 3, 4, 5].map((i) => fixture(`metrics/scrape-${i}.txt`));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const gcs = texts.map((t) => value(t, 'go_gc_duration_seconds_count'));
  const ts = texts.map((t) => value(t, 'go_memstats_last_gc_time_seconds'));
  const cpu = texts.map((t) => value(t, 'process_cpu_seconds_total'));
  const span = ts[4] - ts[0];
  await page.goto('./');
  await dropFiles(page, files);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(5);
  const summary = page.getByTestId('metrics-over-time');
  await expect(summary).toContainText(`${((gcs[4] - gcs[0]) / span).toFixed(1)} GC/s`);
  await expect(summary).toContainText(`${((cpu[4] - cpu[0]) / span).toFixed(2)} CPU cores`);
  await screenshots(page, 'metrics-over-time');
});
