// The GC model with runtime/metrics beside gctrace (tests/fixtures/whatif: each
// run records its memory and CPU classes every 200 ms; tests/fixtures/metrics: a
// real Prometheus scrape): the memory-limit goal subtracts the non-heap memory
// the runtime itself counts (mgcpacer.go memoryLimitHeapGoal), and without the
// metrics the model is what it was.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gctraceModel, readRunJson, runtimeSamples } from '../../../bench/whatif/check';
import { prometheusFormat } from '../../../src/formats/prometheus/format';
import type { ParseContext } from '../../../src/formats/types';
import { analyzePrometheus } from '../../../src/analysis/metrics/prometheus';
import type { Report } from '../../../src/report/schema';
import { calibrate } from '../../../src/whatif/calibrate';
import { memoryLimitGoal, predict } from '../../../src/whatif/predict';
import { MEMORY, runtimeMetricsFacts } from '../../../src/whatif/runtimeMetrics';
import { gcModelFromReport } from '../../../src/wizard/gcModel';
import { repoRoot } from '../paths';

const dir = join(repoRoot, 'tests/fixtures/whatif/go1.26.8');
const json = readRunJson(join(dir, 'gogc100.json.gz'));
const model = gctraceModel(gunzipSync(readFileSync(join(dir, 'gogc100.gctrace.gz'))).toString('utf8'));
const samples = runtimeSamples(json, model);
const MiB = 1048576;

function cal(withMetrics: boolean) {
  const c = calibrate(model, withMetrics ? { peakTotalBytes: json.peakMappedBytes, runtimeMetrics: samples, metricsOnGctraceClock: true } : { peakTotalBytes: json.peakMappedBytes });
  if ('refused' in c) throw new Error(c.refused);
  return c.calibration;
}

describe('runtime/metrics in the calibration', () => {
  it('reads the non-heap term as memoryLimitHeapGoal computes it: mapped − heap/free − heap/objects, within the window', () => {
    const c = cal(true);
    expect(c.nonHeapSource).toBe('runtime-metrics');
    const inWindow = samples.filter((s) => s.tSec >= c.window.startSec && s.tSec <= c.window.endSec);
    expect(inWindow.length).toBeGreaterThan(5);
    const terms = inWindow.map((s) => s.values[MEMORY.total] - s.values[MEMORY.released] - s.values[MEMORY.free] - s.values[MEMORY.objects]);
    expect(c.nonHeapBytes).toBeGreaterThanOrEqual(Math.min(...terms));
    expect(c.nonHeapBytes).toBeLessThanOrEqual(Math.max(...terms));
    // its parts: free slots of in-use spans (heap/unused) and memory outside the heap (metadata, stacks)
    expect(c.nonHeap?.unusedBytes).toBeGreaterThan(0);
    expect(c.nonHeap?.outsideHeapBytes).toBeGreaterThan(MiB);
    expect(c.nonHeap?.samples).toBe(inWindow.length);
    expect(c.notes.join(' ')).toMatch(/as the memory-limit goal counts it/);
  });
  it('takes the mutator CPU from /cpu/classes/user, not from GOMAXPROCS × wall − GC', () => {
    const c = cal(true);
    expect(c.mutatorSource).toBe('runtime-metrics');
    const f = runtimeMetricsFacts(samples.filter((s) => s.tSec >= c.window.startSec && s.tSec <= c.window.endSec));
    expect(f?.cpu).not.toBeNull();
    expect(c.mutatorCpuSecPerGiB).toBeCloseTo(((f?.cpu?.user ?? 0) / (f?.cpu?.allocBytes ?? 1)) * 1073741824, 6);
  });
  it('without the metrics (gctrace only) it calibrates as before and says what it lacks', () => {
    const c = cal(false);
    expect(c.nonHeapSource).toBe('metrics');
    expect(c.nonHeap).toBeUndefined();
    expect(c.mutatorSource).toBe('gctrace');
    expect(c.notes.join(' ')).toMatch(/No runtime\/metrics memory and CPU classes/);
    // a memory-limit prediction carries only the calibration's own fit as its ±
    const p = predict(c, { gogc: 100, memoryLimitBytes: 61 * MiB, containerLimitBytes: null });
    expect(p.uncertainty).toEqual(c.fit);
  });
  it('a memory-limit prediction carries the spread of the non-heap term in its ±; a GOGC-only one does not', () => {
    const c = cal(true);
    expect(c.nonHeap?.spreadBytes).toBeGreaterThan(0);
    // (at 2× the heap marked live the goal follows the limit; nearer the live heap the GC runs back to back
    // and its cycles follow the CPU limiter, whatever the term)
    const limited = predict(c, { gogc: 100, memoryLimitBytes: 100 * MiB, containerLimitBytes: null });
    expect(limited.regime).toBe('memory-limit');
    expect(limited.uncertainty.cyclesPerGiB).toBeGreaterThan(c.fit.cyclesPerGiB);
    expect(predict(c, { gogc: 200, memoryLimitBytes: null, containerLimitBytes: null }).uncertainty).toEqual(c.fit);
    // more non-heap memory, a lower goal (term 1 is subtracted from the limit)
    expect(memoryLimitGoal(61 * MiB, c.nonHeapBytes + 5 * MiB, 0)).toBeLessThan(memoryLimitGoal(61 * MiB, c.nonHeapBytes, 0));
  });
});

describe('a Prometheus scrape in the session feeds the model the wizard uses', () => {
  const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn() {} };
  const scrape = readFileSync(join(repoRoot, 'tests/fixtures/metrics/runtime-metrics.txt'));
  const metrics = analyzePrometheus(prometheusFormat.parse(new Uint8Array(scrape), ctx));
  const gc = { id: 'a', name: 'gogc100.gctrace', whatif: { calibration: cal(false), grid: [] } };
  it('gctrace alone: the calibration as it is', () => {
    const m = gcModelFromReport({ inputs: [gc] } as unknown as Report);
    expect(m?.from).toBe('gctrace in gogc100.gctrace');
    expect(m?.calibration.nonHeapSource).toBe('metrics');
  });
  it('gctrace + a scrape with go_memory_classes_*: the non-heap term of that scrape', () => {
    expect(metrics.memoryClasses?.length).toBeGreaterThan(5);
    const m = gcModelFromReport({ inputs: [gc, { id: 'b', name: 'metrics.txt', metrics }] } as unknown as Report);
    expect(m?.from).toBe('gctrace in gogc100.gctrace + runtime/metrics in metrics.txt');
    expect(m?.calibration.nonHeapSource).toBe('runtime-metrics');
    const cls = Object.fromEntries((metrics.memoryClasses ?? []).map((c) => [c.name, c.bytes]));
    const total = (metrics.memoryClasses ?? []).reduce((a, c) => a + c.bytes, 0);
    expect(m?.calibration.nonHeapBytes).toBe(total - cls['heap/released'] - cls['heap/free'] - cls['heap/objects']);
  });
});
