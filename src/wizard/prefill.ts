// Prefill the wizard from a session report: measurements from the `gc`,
// `metrics`, `goroutines` and `trace` analyses, limits / Go version / go.mod
// line / cgo from linted configs; from the session diagnosis the GOMEMLIMIT the
// run had, a Go version (marked as a guess when it is one) and, when the session
// declares no memory limit, a proposed one from the live heap.
// Every prefilled field records where it came from, so the UI can say so.

import type { ConfigAnalysis } from '../analysis/config/types';
import type { GcAnalysis } from '../analysis/gc/types';
import type { Report } from '../report/schema';
import type { Provenance, WizardSettings } from './types';
import { diagnose } from '../diagnosis/diagnose';
import type { Diagnosis } from '../diagnosis/types';
import { describeBytes, parseMemoryBytes } from '../rules/quantity';

const MiB = 1024 * 1024;

/**
 * A memory limit for a session that declares none: the heap goal at GOGC=100
 * (twice the live heap) plus what the process holds outside the heap, with 10%
 * left for GOMEMLIMIT's headroom, rounded up to 64 MiB; never below a request.
 */
export function proposedMemoryLimit(liveBytes: number, nonHeapBytes: number, requestBytes: number | null): { bytes: number; text: string } {
  const step = 64 * MiB;
  let bytes = Math.ceil((2 * liveBytes + nonHeapBytes) / 0.9 / step) * step;
  if (requestBytes !== null && requestBytes > bytes) bytes = Math.ceil(requestBytes / step) * step;
  return { bytes, text: `${bytes / MiB}Mi` };
}

/** What only the session diagnosis knows: the GOMEMLIMIT it ran with, a Go version guess, a memory limit proposal. */
function fromDiagnosis(d: Diagnosis, s: WizardSettings, provenance: Provenance, set: <K extends keyof WizardSettings>(k: K, v: WizardSettings[K], from: string) => void) {
  const gml = d.settings.find((x) => x.name === 'GOMEMLIMIT');
  if (gml?.numeric !== undefined) set('sessionGomemlimitBytes', gml.numeric, gml.from);
  const gv = d.settings.find((x) => x.name === 'Go version');
  const v = gv ? /^go(1\.\d+(?:\.\d+)?)$/.exec(gv.value) : null;
  if (gv && v) set('goVersion', v[1], gv.how === 'inferred' ? `a guess from ${gv.from}` : gv.from);
  if (provenance.memoryLimit || s.peakHeapBytes === null || s.peakHeapBytes <= 0) return;
  const live = d.resources.find((r) => r.name === 'live heap')?.value ?? s.peakHeapBytes;
  const rss = d.resources.find((r) => r.name === 'resident memory')?.value;
  const inUse = d.resources.find((r) => r.name === 'heap in use')?.value;
  const nonHeap = Math.max(32 * MiB, rss !== undefined && inUse !== undefined ? rss - inUse : 0);
  const req = s.memoryRequest ? parseMemoryBytes(s.memoryRequest) : null;
  const p = proposedMemoryLimit(live, nonHeap, typeof req === 'number' ? req : null);
  set('memoryLimit', p.text, `proposed: live heap ${describeBytes(live)} × 2 (heap goal at GOGC=100) + ${describeBytes(nonHeap)} outside the heap, ÷ 0.9 for GOMEMLIMIT's headroom (no memory limit in the session)`);
}

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
  fromDiagnosis(report.diagnosis ?? diagnose(report.inputs), s, provenance, set);
  return { settings: s, provenance };
}
