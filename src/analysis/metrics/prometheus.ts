// From Prometheus scrapes of a Go process to the `metrics` analysis: the Go
// collector's families across client_golang versions (§5.2–5.3 of the format
// notes) and the process collector. Snapshot figures come from the last scrape.

import { gcCollectorFromVersion } from '../gcCollector';
import type { PromModel, PromSample, PromScrape } from '../../formats/prometheus/model';
import { finite, histogramFrom } from './buckets';
import { ratesFromPoints } from './rates';
import type { MetricsAnalysis, PauseQuantiles, ScrapePoint } from './types';

const MAX_INT64 = 9223372036854775807;
/** Series in the report stay chartable: at most this many points. */
const MAX_POINTS = 2000;

/** At most `max` items spread evenly, first and last kept. */
function evenly<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(xs[Math.round((i * (xs.length - 1)) / (max - 1))]);
  return out;
}

class Scrape {
  private readonly first = new Map<string, PromSample>();
  constructor(readonly s: PromScrape) {
    for (const x of s.samples) if (!this.first.has(x.name)) this.first.set(x.name, x);
  }
  /** First sample of `name` (any labels). */
  get(name: string): number | null {
    return finite(this.first.get(name)?.value);
  }
  any(...names: string[]): number | null {
    for (const n of names) {
      const v = this.get(n);
      if (v !== null) return v;
    }
    return null;
  }
  sample(name: string): PromSample | undefined {
    return this.first.get(name);
  }
  where(name: string, label: string, value: string): number | null {
    for (const x of this.s.samples) if (x.name === name && x.labels[label] === value) return finite(x.value);
    return null;
  }
}

/** Which client_golang generation wrote the scrape, from names and HELP texts. */
function collectorGeneration(s: PromScrape): string | undefined {
  const help = s.help.go_gc_duration_seconds;
  const names = new Set(s.samples.map((x) => x.name));
  if (names.has('go_gc_pauses_seconds_total_bucket')) return 'client_golang 1.12.0–1.12.1 (runtime/metrics with _total histogram names)';
  if (help?.startsWith('A summary of the GC invocation durations')) return 'client_golang < 1.4';
  if (help?.startsWith('A summary of the wall-time pause') || names.has('go_gc_gogc_percent')) return 'client_golang ≥ 1.20';
  if (help?.startsWith('A summary of the pause duration')) return 'client_golang 1.4–1.19';
  return undefined;
}

function pauseQuantiles(sc: Scrape): PauseQuantiles | undefined {
  if (sc.sample('go_gc_duration_seconds') === undefined && sc.get('go_gc_duration_seconds_count') === null) return undefined;
  const q = (x: string) => {
    const v = sc.where('go_gc_duration_seconds', 'quantile', x);
    return v === null ? null : v * 1000;
  };
  return {
    minMs: q('0'),
    p25Ms: q('0.25'),
    p50Ms: q('0.5'),
    p75Ms: q('0.75'),
    maxMs: q('1'),
    count: sc.get('go_gc_duration_seconds_count'),
    sumSec: sc.get('go_gc_duration_seconds_sum'),
  };
}

function point(sc: Scrape): ScrapePoint {
  let ts: number | null = null;
  for (const x of sc.s.samples) if (x.timestampMs !== undefined) ts = Math.max(ts ?? 0, x.timestampMs / 1000);
  return {
    tSec: ts ?? sc.get('go_memstats_last_gc_time_seconds'),
    gcCycles: sc.any('go_gc_duration_seconds_count', 'go_gc_cycles_total_gc_cycles_total'),
    allocBytesTotal: sc.any('go_memstats_alloc_bytes_total', 'go_gc_heap_allocs_bytes_total'),
    cpuSeconds: sc.get('process_cpu_seconds_total'),
    goroutines: sc.any('go_goroutines', 'go_sched_goroutines_goroutines'),
    heapAllocBytes: sc.any('go_memstats_heap_alloc_bytes', 'go_memstats_alloc_bytes', 'go_memory_classes_heap_objects_bytes'),
    residentBytes: sc.get('process_resident_memory_bytes'),
  };
}

/** Go 1.26+ goroutine counts per scheduler state, when the scrape has all four. */
function goroutineStates(sc: Scrape): MetricsAnalysis['goroutineStates'] {
  const running = sc.get('go_sched_goroutines_running_goroutines');
  const runnable = sc.get('go_sched_goroutines_runnable_goroutines');
  const waiting = sc.get('go_sched_goroutines_waiting_goroutines');
  const notInGo = sc.get('go_sched_goroutines_not_in_go_goroutines');
  if (running === null || runnable === null || waiting === null || notInGo === null) return null;
  return { running, runnable, waiting, notInGo };
}

export function analyzePrometheus(model: PromModel): MetricsAnalysis {
  const scrapes = model.scrapes.map((s) => new Scrape(s));
  const sc = scrapes[scrapes.length - 1];
  const limit = sc.any('go_gc_gomemlimit_bytes');
  const sys = sc.any('go_memstats_sys_bytes', 'go_memory_classes_total_bytes');
  const released = sc.any('go_memstats_heap_released_bytes', 'go_memory_classes_heap_released_bytes');
  const pauseHistograms = [
    histogramFrom(sc.s.samples, 'go_sched_pauses_total_gc_seconds', 'GC stop-the-world pauses, each STW (/sched/pauses/total/gc)'),
    histogramFrom(sc.s.samples, 'go_gc_pauses_seconds', 'GC stop-the-world pauses, each STW (/gc/pauses, deprecated in Go 1.22)'),
    histogramFrom(sc.s.samples, 'go_gc_pauses_seconds_total', 'GC stop-the-world pauses (client_golang 1.12.0–1.12.1 name)'),
    histogramFrom(sc.s.samples, 'go_sched_pauses_stopping_gc_seconds', 'time to stop the world for GC (/sched/pauses/stopping/gc)'),
  ].filter((h) => h !== undefined);
  const gcTotalCpu = sc.get('go_cpu_classes_gc_total_cpu_seconds_total');
  const totalCpu = sc.get('go_cpu_classes_total_cpu_seconds_total');
  const cpuFraction = sc.get('go_memstats_gc_cpu_fraction');
  const limiter = sc.get('go_gc_limiter_last_enabled_gc_cycle');
  const classes = sc.s.samples
    .filter((x) => x.name.startsWith('go_memory_classes_') && x.name.endsWith('_bytes') && x.name !== 'go_memory_classes_total_bytes' && Number.isFinite(x.value))
    .map((x) => ({ name: x.name.slice('go_memory_classes_'.length, -'_bytes'.length).replace(/_/g, '/'), bytes: x.value }));
  const goVersion = sc.sample('go_info')?.labels.version;
  const a: MetricsAnalysis = {
    source: 'prometheus',
    scrapes: scrapes.length,
    goroutines: sc.any('go_goroutines', 'go_sched_goroutines_goroutines'),
    threads: sc.any('go_threads', 'go_sched_threads_total_threads'),
    goroutineStates: goroutineStates(sc),
    gomaxprocs: sc.any('go_sched_gomaxprocs_threads'),
    gogcPercent: sc.any('go_gc_gogc_percent'),
    gomemlimitBytes: limit,
    memoryLimitSet: limit === null ? null : limit < MAX_INT64 * 0.999,
    heap: {
      allocBytes: sc.any('go_memstats_alloc_bytes', 'go_memstats_heap_alloc_bytes'),
      sysBytes: sys,
      heapSysBytes: sc.get('go_memstats_heap_sys_bytes'),
      heapIdleBytes: sc.get('go_memstats_heap_idle_bytes'),
      heapInuseBytes: sc.get('go_memstats_heap_inuse_bytes'),
      heapReleasedBytes: released,
      heapObjects: sc.any('go_memstats_heap_objects', 'go_gc_heap_objects_objects'),
      nextGcBytes: sc.any('go_memstats_next_gc_bytes', 'go_gc_heap_goal_bytes'),
      stackInuseBytes: sc.get('go_memstats_stack_inuse_bytes'),
      limitControlledBytes: sys !== null && released !== null ? sys - released : null,
    },
    numGc: sc.any('go_gc_duration_seconds_count', 'go_gc_cycles_total_gc_cycles_total'),
    numForcedGc: sc.any('go_gc_cycles_forced_gc_cycles_total'),
    gcCpuPercent: gcTotalCpu !== null && totalCpu ? (gcTotalCpu / totalCpu) * 100 : cpuFraction !== null ? cpuFraction * 100 : null,
    gcLimiterEngaged: limiter === null ? null : limiter !== 0,
    pauseHistograms,
    points: scrapes.map(point),
  };
  if (goVersion) {
    a.goVersion = goVersion;
    const gc = gcCollectorFromVersion(goVersion);
    if (gc) a.gcCollector = gc;
  }
  const gen = collectorGeneration(sc.s);
  if (gen) a.collector = gen;
  const pq = pauseQuantiles(sc);
  if (pq) a.pauseQuantiles = pq;
  const lat =
    histogramFrom(sc.s.samples, 'go_sched_latencies_seconds', 'scheduling latency: runnable → running (/sched/latencies)') ??
    histogramFrom(sc.s.samples, 'go_sched_latencies_seconds_total', 'scheduling latency (client_golang 1.12.0–1.12.1 name)');
  if (lat) a.schedLatency = lat;
  if (classes.length) a.memoryClasses = classes;
  const rss = sc.get('process_resident_memory_bytes');
  const cpu = sc.get('process_cpu_seconds_total');
  if (rss !== null || cpu !== null) {
    a.process = {
      residentBytes: rss,
      virtualBytes: sc.get('process_virtual_memory_bytes'),
      cpuSeconds: cpu,
      openFds: sc.get('process_open_fds'),
      maxFds: sc.get('process_max_fds'),
      startTimeSec: sc.get('process_start_time_seconds'),
    };
  }
  const stamped = scrapes.some((x) => x.s.samples.some((y) => y.timestampMs !== undefined));
  const rates = ratesFromPoints(a.points, stamped ? 'sample timestamps' : 'last GC time');
  if (rates) {
    rates.points = evenly(rates.points, MAX_POINTS);
    a.rates = rates;
  }
  a.points = evenly(a.points, MAX_POINTS);
  return a;
}
