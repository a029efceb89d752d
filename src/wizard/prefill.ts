// Prefill the wizard from a session report: measurements from the `gc`
// analysis, limits / Go version / go.mod line / cgo from linted configs.
// Every prefilled field records where it came from, so the UI can say so.

import type { ConfigAnalysis } from '../analysis/config/types';
import type { GcAnalysis } from '../analysis/gc/types';
import type { InputReport, Report } from '../report/schema';
import type { Provenance, WizardSettings } from './types';

export interface Prefill {
  settings: WizardSettings;
  provenance: Provenance;
}

/** A goroutine count from any analysis that carries one (goroutine dumps, traces, metrics). */
function goroutineCount(input: InputReport): number | null {
  for (const v of Object.values(input as unknown as Record<string, unknown>)) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    const o = v as Record<string, unknown>;
    for (const k of ['goroutines', 'goroutineCount', 'totalGoroutines']) {
      const n = o[k];
      if (typeof n === 'number' && Number.isFinite(n) && n >= 0) return n;
    }
  }
  return null;
}

export function prefillFromReport(base: WizardSettings, report: Report | null | undefined): Prefill {
  const s: WizardSettings = { ...base };
  const provenance: Provenance = {};
  if (!report) return { settings: s, provenance };
  const set = <K extends keyof WizardSettings>(k: K, v: WizardSettings[K], from: string) => {
    if (provenance[k]) return; // the first input that knows wins
    s[k] = v;
    provenance[k] = from;
  };
  for (const input of report.inputs) {
    if (input.error) continue;
    const gc: GcAnalysis | undefined = input.gc;
    if (gc && gc.cycles > 0) {
      const from = `${gc.source} in ${input.name}`;
      if (gc.peakLiveBytes && gc.peakLiveBytes > 0) set('peakHeapBytes', gc.peakLiveBytes, `${from} (peak live heap)`);
      else if (gc.peakHeapBytes > 0) set('peakHeapBytes', gc.peakHeapBytes, `${from} (peak heap in use)`);
      if (gc.gomaxprocs.length) set('gomaxprocs', Math.max(...gc.gomaxprocs), from);
      if (Number.isFinite(gc.gcCpuPercent)) set('gcCpuPercent', gc.gcCpuPercent, from);
      if (gc.pauseMs && Number.isFinite(gc.pauseMs.p99)) set('pauseP99Ms', gc.pauseMs.p99, from);
    }
    const g = goroutineCount(input);
    if (g !== null) set('goroutines', g, input.name);
    const cfg: ConfigAnalysis | undefined = input.config;
    if (cfg) {
      const from = `${cfg.flavor} ${input.name}`;
      if (cfg.goVersion) set('goVersion', cfg.goVersion, from);
      if (cfg.goModVersion) set('goModVersion', cfg.goModVersion, from);
      if (cfg.cgo) set('cgo', true, from);
      const c = cfg.containers.find((x) => x.cpuLimit || x.memoryLimit || x.cpuRequest || x.memoryRequest);
      if (c) {
        const cf = `${from} (${c.label})`;
        if (c.cpuRequest) set('cpuRequest', c.cpuRequest, cf);
        if (c.cpuLimit) set('cpuLimit', c.cpuLimit, cf);
        if (c.memoryRequest) set('memoryRequest', c.memoryRequest, cf);
        if (c.memoryLimit) set('memoryLimit', c.memoryLimit, cf);
      }
    }
  }
  return { settings: s, provenance };
}
