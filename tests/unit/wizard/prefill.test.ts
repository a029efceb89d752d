// Prefill from a real session: a gctrace log made by the Go 1.26 runtime
// (tests/fixtures/godebug, see its README) run through the same pipeline as the app.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { REPORT_SCHEMA, type Report } from '../../../src/report/schema';
import { prefillFromReport } from '../../../src/wizard/prefill';
import { DEFAULT_SETTINGS } from '../../../src/wizard/types';

function session(...files: string[]): Report {
  const inputs = files.map((f, i) => analyzeInput(`i${i}`, path.basename(f), new Uint8Array(readFileSync(f))).report);
  return { schema: REPORT_SCHEMA, generator: 'test', createdAt: new Date(0).toISOString(), inputs, findings: [] };
}

describe('prefill from a session', () => {
  const fx = path.resolve(__dirname, '../../fixtures/godebug');
  it('takes peak live heap, GOMAXPROCS, GC CPU % and pause p99 from the gc analysis and says where from', () => {
    const report = session(path.join(fx, 'gomaxprocs-64.log'));
    const gc = report.inputs[0].gc!;
    expect(gc).toBeDefined();
    const { settings, provenance } = prefillFromReport(DEFAULT_SETTINGS, report);
    expect(settings.gomaxprocs).toBe(64); // the log was made with GOMAXPROCS=64 (fixture README)
    expect(settings.peakHeapBytes).toBe(gc.peakLiveBytes ?? gc.peakHeapBytes);
    expect(settings.gcCpuPercent).toBe(gc.gcCpuPercent);
    expect(settings.pauseP99Ms).toBe(gc.pauseMs.p99);
    expect(provenance.gomaxprocs).toContain('gomaxprocs-64.log');
    expect(provenance.cpuLimit).toBeUndefined();
    expect(settings.cpuLimit).toBe(DEFAULT_SETTINGS.cpuLimit);
  });
  it('takes the Go version, GOMAXPROCS and goroutines from a /metrics scrape (Go 1.26, client_golang)', () => {
    const file = path.resolve(__dirname, '../../fixtures/metrics/scrape-1.txt');
    const text = readFileSync(file, 'utf8');
    const { settings, provenance } = prefillFromReport(DEFAULT_SETTINGS, session(file));
    expect(settings.goVersion).toBe(/^go_info\{version="go([\d.]+)"\}/m.exec(text)![1]);
    expect(settings.gomaxprocs).toBe(Number(/^go_sched_gomaxprocs_threads (\d+)/m.exec(text)![1]));
    expect(settings.goroutines).toBe(Number(/^go_goroutines (\d+)/m.exec(text)![1]));
    expect(provenance.goVersion).toContain('go_info');
  });
  it('takes the goroutine count from a goroutine dump', () => {
    const file = path.resolve(__dirname, '../../fixtures/goroutines/leak-1.debug2.txt');
    const headers = (readFileSync(file, 'utf8').match(/^goroutine \d+ /gm) ?? []).length;
    const { settings } = prefillFromReport(DEFAULT_SETTINGS, session(file));
    expect(settings.goroutines).toBe(headers);
  });
  it('leaves settings alone without a report', () => {
    expect(prefillFromReport(DEFAULT_SETTINGS, null)).toEqual({ settings: DEFAULT_SETTINGS, provenance: {} });
  });
});
