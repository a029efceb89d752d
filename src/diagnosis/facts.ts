// Everything the causes judge, gathered once from a session's input analyses:
// which input holds what, the settings in force and the resources obtained,
// each value with the input it came from.

import type { InputAnalyses } from '../analysis/inputAnalyses';
import type { GcAnalysis } from '../analysis/gc/types';
import type { SchedAnalysis } from '../analysis/sched/types';
import type { ProfileAnalysis } from '../analysis/pprof/types';
import type { GoroutinesAnalysis } from '../analysis/goroutines/types';
import type { MetricsAnalysis } from '../analysis/metrics/types';
import type { TraceAnalysis } from '../analysis/gotrace/types';
import type { ConfigAnalysis } from '../analysis/config/types';
import type { Anchor, Provenance } from './types';
import { parseCpuMillis, parseMemoryBytes } from '../rules/quantity';
import { readGOMEMLIMIT } from '../rules/bytecount';

export interface Src {
  input: string;
  name: string;
}

/** A figure with where it was read. */
export interface Val<T> {
  value: T;
  src: Src;
  /** What in the input: "go_sched_gomaxprocs_threads", "schedtrace". */
  what: string;
  how: Provenance;
  anchor?: Anchor;
}

/** What the diagnosis reads of an input: its analyses, id and name (the report's InputReport fits). */
export interface DiagnosisInput extends InputAnalyses {
  id: string;
  name: string;
  error?: string;
  /** Early results of an input still being read are left out. */
  partial?: unknown;
}

export interface Facts {
  gctrace?: { gc: GcAnalysis; src: Src };
  sched?: { sched: SchedAnalysis; src: Src };
  cpu?: { profile: ProfileAnalysis; src: Src };
  /** heap and allocs profiles. */
  memProfiles: { profile: ProfileAnalysis; src: Src }[];
  /** mutex and block profiles (contentions/delay). */
  contention: { profile: ProfileAnalysis; src: Src }[];
  /** Goroutine profiles (pprof, not text dumps), in input order. */
  goroutineProfiles: { profile: ProfileAnalysis; src: Src }[];
  /** Go 1.27's goroutineleak profile: goroutines the GC proved can never run again. */
  leakProfile?: { profile: ProfileAnalysis; src: Src };
  /** Goroutine dumps in input order (the order they were dropped). */
  /** Goroutine snapshots to compare over time (leak profiles are not: they list only what leaked). */
  dumps: { g: GoroutinesAnalysis; src: Src }[];
  /** Goroutine leak profiles read as dumps (debug=1/2, or the binary one's goroutines): the runtime's proof. */
  leakDumps: { g: GoroutinesAnalysis; src: Src }[];
  metrics: { m: MetricsAnalysis; src: Src }[];
  trace?: { t: TraceAnalysis; src: Src };
  configs: { c: ConfigAnalysis; src: Src }[];
  /** Profiles of programs not written in Go: read by the profile view, left out of the diagnosis. */
  foreign: Src[];

  gomaxprocs?: Val<number>;
  gogc?: Val<number>; // −1 = off
  gomemlimit?: Val<number>;
  goVersion?: Val<string>;
  cpuLimit?: Val<number>; // cores
  cpuRequest?: Val<number>;
  memLimit?: Val<number>; // bytes
  memRequest?: Val<number>;
  cgo?: Val<boolean>;

  coresUsed?: Val<number>;
  busyPs?: Val<number>;
  /** Mean goroutines waiting in run queues (global + local) per sample. */
  runQueue?: Val<number>;
  threads?: Val<number>;
  liveHeap?: Val<number>;
  heapInUse?: Val<number>;
  rss?: Val<number>;
  /** GC work as a share (0..1) of the CPU the process used, after the warm-up where the source allows. */
  gcShare?: Val<number>;
  goroutineCount?: Val<number>;
}

const isCpu = (p: ProfileAnalysis) => p.sampleTypes.some((t) => t.type === 'cpu' && t.unit === 'nanoseconds');
const isMem = (p: ProfileAnalysis) => p.sampleTypes.some((t) => t.type === 'inuse_space' || t.type === 'alloc_space');
const isContention = (p: ProfileAnalysis) => p.sampleTypes.some((t) => t.type === 'delay' && t.unit === 'nanoseconds');
const isLeak = (p: ProfileAnalysis) => p.sampleTypes.length === 1 && p.sampleTypes[0].type === 'goroutineleak';

/** Kubernetes CPU quantity → cores ("500m" → 0.5). */
function cpuCores(q: string | undefined): number | undefined {
  const m = q ? parseCpuMillis(q) : undefined;
  return typeof m === 'number' ? m / 1000 : undefined;
}

/** Kubernetes memory quantity → bytes ("512Mi"). */
function memBytes(q: string | undefined): number | undefined {
  const b = q ? parseMemoryBytes(q) : undefined;
  return typeof b === 'number' ? b : undefined;
}

/** GOMEMLIMIT's syntax ("400MiB", "1GiB", "104857600") → bytes; null for off, undefined when unreadable. */
export function goMemLimitBytes(v: string): number | null | undefined {
  const r = readGOMEMLIMIT(v);
  if ('error' in r) return undefined;
  return r.limit === 'off' ? null : Number(r.limit);
}

const MAX_INT64 = 9.2e18;

/** The GOGC the session shows, else Go's default (100); off (−1) counts as the default, whose goal a limit then sets. */
export const gogcInForce = (f: Pick<Facts, 'gogc'>): number => (f.gogc && f.gogc.value > 0 ? f.gogc.value : 100);

export function gatherFacts(inputs: readonly DiagnosisInput[]): Facts {
  const f: Facts = { memProfiles: [], contention: [], goroutineProfiles: [], dumps: [], leakDumps: [], metrics: [], configs: [], foreign: [] };
  for (const inp of inputs) {
    if (inp.error || inp.partial) continue;
    const src = { input: inp.id, name: inp.name };
    if (inp.gc?.source === 'gctrace' && !f.gctrace) f.gctrace = { gc: inp.gc, src };
    if (inp.sched && !f.sched) f.sched = { sched: inp.sched, src };
    const p = inp.profile;
    // Go's collector, heap and locks say nothing of a Java or Python program's profile.
    if (p?.goProgram === false) f.foreign.push(src);
    else if (p) {
      if (isCpu(p)) {
        if (!f.cpu) f.cpu = { profile: p, src };
      } else if (isMem(p)) f.memProfiles.push({ profile: p, src });
      else if (isContention(p)) f.contention.push({ profile: p, src });
      else if (isLeak(p)) f.leakProfile = { profile: p, src };
      else if (p.goroutines) f.goroutineProfiles.push({ profile: p, src });
    }
    if (inp.goroutines) (inp.goroutines.leakDetection ? f.leakDumps : f.dumps).push({ g: inp.goroutines, src });
    if (inp.metrics) f.metrics.push({ m: inp.metrics, src });
    if (inp.trace && !f.trace) f.trace = { t: inp.trace, src };
    if (inp.config) f.configs.push({ c: inp.config, src });
  }
  settings(f);
  resources(f);
  return f;
}

function firstEnv(f: Facts, name: string): { value: string; src: Src; line?: number } | undefined {
  for (const { c, src } of f.configs)
    for (const ct of c.containers) {
      const e = ct.env.find((x) => x.name === name && x.value !== undefined);
      if (e) return { value: e.value!, src, line: e.line };
    }
  return undefined;
}

function settings(f: Facts) {
  const prom = f.metrics.find((x) => x.m.source === 'prometheus') ?? f.metrics[0];
  // GOMAXPROCS: what the process reported beats what a config says.
  if (prom?.m.gomaxprocs) f.gomaxprocs = { value: prom.m.gomaxprocs, src: prom.src, what: 'go_sched_gomaxprocs_threads', how: 'seen', anchor: { analysis: 'metrics' } };
  else if (f.sched?.sched.gomaxprocs.length) f.gomaxprocs = { value: Math.max(...f.sched.sched.gomaxprocs), src: f.sched.src, what: 'schedtrace gomaxprocs=', how: 'seen', anchor: { analysis: 'sched' } };
  else if (f.gctrace?.gc.gomaxprocs.length) f.gomaxprocs = { value: Math.max(...f.gctrace.gc.gomaxprocs), src: f.gctrace.src, what: 'gctrace "N P"', how: 'seen', anchor: { analysis: 'gc' } };
  else if (f.trace?.t.gomaxprocs.length) f.gomaxprocs = { value: f.trace.t.gomaxprocs[f.trace.t.gomaxprocs.length - 1].value, src: f.trace.src, what: 'execution trace', how: 'seen', anchor: { analysis: 'trace' } };
  else {
    const e = firstEnv(f, 'GOMAXPROCS');
    if (e && /^[0-9]+$/.test(e.value)) f.gomaxprocs = { value: Number(e.value), src: e.src, what: `env GOMAXPROCS${e.line ? ` (line ${e.line})` : ''}`, how: 'declared', anchor: { analysis: 'config' } };
  }

  if (prom?.m.gogcPercent !== null && prom?.m.gogcPercent !== undefined) f.gogc = { value: prom.m.gogcPercent, src: prom.src, what: 'go_gc_gogc_percent', how: 'seen', anchor: { analysis: 'metrics' } };
  else {
    const e = firstEnv(f, 'GOGC');
    if (e && (/^[0-9]+$/.test(e.value) || e.value === 'off')) f.gogc = { value: e.value === 'off' ? -1 : Number(e.value), src: e.src, what: `env GOGC${e.line ? ` (line ${e.line})` : ''}`, how: 'declared', anchor: { analysis: 'config' } };
  }

  const lim = f.metrics.find((x) => x.m.gomemlimitBytes !== null);
  if (lim && lim.m.memoryLimitSet !== false && (lim.m.gomemlimitBytes ?? 0) < MAX_INT64) f.gomemlimit = { value: lim.m.gomemlimitBytes!, src: lim.src, what: 'go_gc_gomemlimit_bytes', how: 'seen', anchor: { analysis: 'metrics' } };
  else if (!lim) {
    const e = firstEnv(f, 'GOMEMLIMIT');
    const b = e ? goMemLimitBytes(e.value) : undefined;
    if (e && typeof b === 'number') f.gomemlimit = { value: b, src: e.src, what: `env GOMEMLIMIT${e.line ? ` (line ${e.line})` : ''}`, how: 'declared', anchor: { analysis: 'config' } };
  }

  const ver = f.metrics.find((x) => x.m.goVersion);
  const cfgVer = f.configs.find((x) => x.c.goVersion || x.c.goModVersion);
  if (ver) f.goVersion = { value: ver.m.goVersion!, src: ver.src, what: 'go_info', how: 'seen', anchor: { analysis: 'metrics' } };
  else if (cfgVer) f.goVersion = { value: `go${cfgVer.c.goVersion ?? cfgVer.c.goModVersion}`, src: cfgVer.src, what: cfgVer.c.goVersion ? 'toolchain' : 'go.mod go line', how: 'declared', anchor: { analysis: 'config' } };
  else if (f.trace) f.goVersion = { value: `go${f.trace.t.goVersion}`, src: f.trace.src, what: 'execution trace format (the toolchain may be newer)', how: 'inferred' };
  else if (f.gctrace?.gc.formatVersions) f.goVersion = { value: `go${f.gctrace.gc.formatVersions}`, src: f.gctrace.src, what: 'gctrace line shape', how: 'inferred' };

  for (const { c, src } of f.configs) {
    const ct = c.containers.find((x) => x.cpuLimit || x.memoryLimit || x.cpuRequest || x.memoryRequest);
    if (!ct) continue;
    const put = (v: number | undefined, key: 'cpuLimit' | 'cpuRequest' | 'memLimit' | 'memRequest', what: string) => {
      if (v !== undefined && !f[key]) f[key] = { value: v, src, what: `${ct.label}: ${what}`, how: 'declared', anchor: { analysis: 'config' } };
    };
    put(cpuCores(ct.cpuLimit), 'cpuLimit', 'resources.limits.cpu');
    put(cpuCores(ct.cpuRequest), 'cpuRequest', 'resources.requests.cpu');
    put(memBytes(ct.memoryLimit), 'memLimit', 'resources.limits.memory');
    put(memBytes(ct.memoryRequest), 'memRequest', 'resources.requests.memory');
  }
  const cg = f.configs.find((x) => x.c.cgo !== undefined);
  if (cg) f.cgo = { value: cg.c.cgo!, src: cg.src, what: cg.c.flavor, how: 'declared', anchor: { analysis: 'config' } };
}

function resources(f: Facts) {
  const cpu = f.cpu;
  if (cpu && cpu.profile.cpuCores !== null) f.coresUsed = { value: cpu.profile.cpuCores, src: cpu.src, what: 'CPU profile samples ÷ duration', how: 'seen', anchor: { analysis: 'profile' } };
  else {
    const r = f.metrics.find((x) => x.m.rates?.cpuCores != null);
    if (r) f.coresUsed = { value: r.m.rates!.cpuCores!, src: r.src, what: 'process_cpu_seconds_total between scrapes', how: 'seen', anchor: { analysis: 'metrics' } };
    const t = f.trace?.t;
    if (!r && t && t.cpuSamples.count >= 10 && t.durationNs > 0)
      f.coresUsed = { value: (t.cpuSamples.count * 1e7) / t.durationNs, src: f.trace!.src, what: 'execution trace CPU samples × 10 ms (the default profiling rate) ÷ trace duration', how: 'inferred', anchor: { analysis: 'trace' } };
  }
  const s = f.sched?.sched;
  if (s && s.samples > 0) {
    if (s.meanBusyProcs !== null) f.busyPs = { value: s.meanBusyProcs, src: f.sched!.src, what: 'schedtrace: GOMAXPROCS − idleprocs, mean', how: 'seen', anchor: { analysis: 'sched', chart: 'procs' } };
    const local = s.perP.reduce((a, p) => a + p.runqMean, 0);
    if (s.meanGlobalRunqueue !== null) f.runQueue = { value: s.meanGlobalRunqueue + local, src: f.sched!.src, what: 'schedtrace: global + local run queues, mean', how: 'seen', anchor: { analysis: 'sched', chart: 'runqueue' } };
    f.threads = { value: s.maxThreads, src: f.sched!.src, what: 'schedtrace threads=', how: 'seen', anchor: { analysis: 'sched', chart: 'threads' } };
  }
  const tr = f.trace?.t.goroutines;
  if (!f.busyPs && tr && tr.running.length) {
    // A goroutine running in a trace holds a P, whether or not the kernel gives its thread a CPU.
    const mean = tr.running.reduce((a, b) => a + b, 0) / tr.running.length;
    f.busyPs = { value: mean, src: f.trace!.src, what: 'execution trace: goroutines running (each on a P), mean', how: 'seen', anchor: { analysis: 'trace' } };
  }
  const mt = f.metrics.find((x) => x.m.threads !== null);
  if (!f.threads && mt) f.threads = { value: mt.m.threads!, src: mt.src, what: 'go_threads', how: 'seen', anchor: { analysis: 'metrics' } };

  const gc = f.gctrace?.gc;
  if (gc?.steady) f.liveHeap = { value: gc.steady.liveEndBytes, src: f.gctrace!.src, what: 'gctrace live heap after marking, last cycles', how: 'seen', anchor: { analysis: 'gc', chart: 'heap' } };
  else {
    const hp = f.memProfiles.find((x) => x.profile.defaultSampleType === 'inuse_space') ?? f.memProfiles[0];
    const i = hp?.profile.sampleTypes.findIndex((t) => t.type === 'inuse_space') ?? -1;
    if (hp && i >= 0) f.liveHeap = { value: hp.profile.totals[i], src: hp.src, what: 'heap profile inuse_space (live at the last GC, sampled)', how: 'seen', anchor: { analysis: 'profile' } };
  }
  const mh = f.metrics.find((x) => x.m.heap.allocBytes !== null);
  if (mh) f.heapInUse = { value: mh.m.heap.allocBytes!, src: mh.src, what: mh.m.source === 'expvar' ? 'memstats HeapAlloc' : 'go_memstats_heap_alloc_bytes', how: 'seen', anchor: { analysis: 'metrics' } };
  const mr = f.metrics.find((x) => x.m.process?.residentBytes);
  if (mr) f.rss = { value: mr.m.process!.residentBytes!, src: mr.src, what: 'process_resident_memory_bytes', how: 'seen', anchor: { analysis: 'metrics' } };
  const mg = f.metrics.find((x) => x.m.goroutines !== null);
  if (mg) f.goroutineCount = { value: mg.m.goroutines!, src: mg.src, what: 'go_goroutines', how: 'seen' };
  else if (f.dumps.length) {
    const d = f.dumps[f.dumps.length - 1];
    f.goroutineCount = { value: d.g.total, src: d.src, what: 'goroutine dump', how: 'seen', anchor: { analysis: 'goroutines' } };
  }

  // GC as a share of the CPU used. The CPU profile measures it directly; gctrace
  // and metrics give a share of GOMAXPROCS × wall time, which is converted with
  // the cores actually used (a GOMAXPROCS far above the CPU obtained makes the
  // raw percentage look small).
  if (cpu?.profile.cpuShares) f.gcShare = { value: cpu.profile.cpuShares.gcShare, src: cpu.src, what: 'CPU profile: samples in GC work', how: 'seen', anchor: { analysis: 'profile' } };
  else if (gc?.steady?.judgeable && gc.steady.gcCpuPercent !== null) {
    const procs = Math.max(...gc.gomaxprocs, 1);
    const used = f.coresUsed?.value;
    const share = used && used > 0 ? Math.min(1, (gc.steady.gcCpuPercent / 100) * (procs / Math.max(used, 0.01))) : gc.steady.gcCpuPercent / 100;
    f.gcShare = { value: share, src: f.gctrace!.src, what: used ? `gctrace GC CPU after the warm-up × GOMAXPROCS ÷ cores used` : 'gctrace GC CPU after the warm-up (share of GOMAXPROCS)', how: 'inferred', anchor: { analysis: 'gc', chart: 'cpu' } };
  }
}
