// Prefill the wizard from a session report: measurements from the `gc`,
// `metrics`, `goroutines` and `trace` analyses, limits / Go version / go.mod
// line / cgo from linted configs.
// Every prefilled field records where it came from, so the UI can say so.

import type { ConfigAnalysis } from '../analysis/config/types';
import type { GcAnalysis } from '../analysis/gc/types';
import type { Report } from '../report/schema';
import type { Provenance, WizardSettings } from './types';

export interface Prefill {
  settings: WizardSettings;
  provenance: Provenance;
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
    const m = input.metrics;
    if (m) {
      const from = `${m.source} metrics in ${input.name}`;
      const v = m.goVersion ? /^go(1\.\d+(?:\.\d+)?)/.exec(m.goVersion) : null;
      if (v) set('goVersion', v[1], `${from} (go_info)`);
      if (m.gomaxprocs !== null && m.gomaxprocs > 0) set('gomaxprocs', m.gomaxprocs, from);
      if (m.goroutines !== null) set('goroutines', m.goroutines, from);
      if (m.gcCpuPercent !== null && Number.isFinite(m.gcCpuPercent)) set('gcCpuPercent', m.gcCpuPercent, from);
    }
    if (input.goroutines && input.goroutines.total > 0) set('goroutines', input.goroutines.total, `goroutine dump ${input.name}`);
    const t = input.trace;
    if (t && t.gomaxprocs.length) set('gomaxprocs', Math.max(...t.gomaxprocs.map((x) => x.value)), `execution trace ${input.name}`);
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
