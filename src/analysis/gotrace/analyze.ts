// GoTraceModel → the report's `trace` and `gc` analyses and findings.

import { formatCount } from '../../lib/display';
import { gcCollectorFromTraceVersion } from '../gcCollector';
import type { GoTraceModel } from './model';
import { writtenBy } from '../../formats/gotrace/header';
import type { InputAnalyses } from '../inputAnalyses';
import type { GcAnalysis, GcPause, GcSeries } from '../gc/types';
import { peakIndices } from '../downsample';
import { logHistogram } from '../histogram';
import { summarize } from '../percentiles';
import type { Agg, TraceCollector } from './collect';
import { MmuCurve } from './mmuCurve';
import { traceFindings } from './findings';
import type { NsSummary, ReasonTotal, TraceAnalysis, TraceStw } from './types';

const MAX_POINTS = 2000;

/** Read access shared by chunked series (F64Series) and plain arrays. */
interface Indexed {
  readonly length: number;
  get(i: number): number;
}
const indexed = (a: readonly number[]): Indexed => ({ length: a.length, get: (i) => a[i] });
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

function nsSummary(values: ArrayLike<number>): NsSummary {
  const s = summarize(values);
  return { count: s.count, p50Ns: num(s.p50), p90Ns: num(s.p90), p99Ns: num(s.p99), maxNs: num(s.max), totalNs: s.total };
}

function totals(m: Map<string, Agg>, limit: number): ReasonTotal[] {
  return [...m.entries()]
    .filter(([, a]) => a.count > 0)
    .map(([reason, a]) => ({ reason, count: a.count, totalNs: a.totalNs, maxNs: a.maxNs }))
    .sort((a, b) => b.totalNs - a.totalNs)
    .slice(0, limit);
}

/** Standard MMU windows, ns. */
export const MMU_WINDOWS = { '1ms': 1e6, '10ms': 1e7, '100ms': 1e8, '1s': 1e9 } as const;

/** The MMU curve (each mark worker counted once); `goToolTrace`: the curve as go tool trace builds it. */
export function mmuCurveOf(c: TraceCollector, goToolTrace = false): MmuCurve {
  const { t, u } = (goToolTrace ? c.util.goTool : c.util.ours).finish(c.lastTime, c.events > 0);
  return new MmuCurve(t, u);
}

/** Why go tool trace's MMU differs from ours (shown beside its figures). */
export const GO_TOOL_TRACE_MMU_WHY =
  "go tool trace counts a background mark worker twice per run (at its start and again at the \"GC (…)\" label that follows; Go's internal/trace/gc.go:223 and :241-242), so a P stays \"in GC\" after the worker stops";

/**
 * Why go tool trace's MMU differs from ours, one line a reason. `labelled`:
 * program goroutines the runtime labelled "GC (…)" (Go 1.26–1.27 leave a P in
 * mark-worker mode when they hand back a worker it never ran:
 * runtime/mgcpacer.go releaseNextGCMarkWorker does not reset
 * pp.gcMarkWorkerMode, and the tracer labels whatever starts on that P next,
 * traceruntime.go GoStart); gc.go:241 takes each for a worker for good.
 * `noProc`: how often such a goroutine left running without a P, where
 * go tool trace's MMU page panics (gc.go:226 indexes its P table with -1).
 */
export function goToolTraceReasons(labelled: number, noProc: number): string[] {
  const out = [GO_TOOL_TRACE_MMU_WHY];
  if (labelled > 0) {
    const who = labelled === 1 ? '1 goroutine of the program' : `${formatCount(labelled)} goroutines of the program`;
    out.push(`It counts ${who} as ${labelled === 1 ? 'a GC mark worker' : 'GC mark workers'} for good, because the runtime once labelled ${labelled === 1 ? 'it' : 'them'} "GC (…)" (gc.go:241); ${labelled === 1 ? 'its stack shows it is' : 'their stacks show they are'} not one, so every later run of ${labelled === 1 ? 'it' : 'theirs'} is counted as GC there and not here`);
  }
  if (noProc > 0) {
    out.push(`Its MMU page crashes on this trace: such a goroutine left a system call without a P, and gc.go:226 indexes its table of Ps with -1 (index out of range, ${formatCount(noProc)} time${noProc === 1 ? '' : 's'}); the figures above are what it would show without the crash`);
  }
  return out;
}

function mmuAt(curve: MmuCurve): { '1ms': number; '10ms': number; '100ms': number; '1s': number } {
  return {
    '1ms': curve.mmu(MMU_WINDOWS['1ms']),
    '10ms': curve.mmu(MMU_WINDOWS['10ms']),
    '100ms': curve.mmu(MMU_WINDOWS['100ms']),
    '1s': curve.mmu(MMU_WINDOWS['1s']),
  };
}

export function analyzeGoTrace(model: GoTraceModel): InputAnalyses {
  const c = model.collected;
  const t0 = c.events === 0 ? 0 : c.firstTime;
  const rel = (t: number) => t - t0;
  const durationNs = c.events === 0 ? 0 : c.lastTime - c.firstTime;
  const gens = c.generationsSoFar();

  // Stop-the-worlds.
  const stws: TraceStw[] = c.stwStart.map((s, i) => ({
    startNs: rel(s),
    durNs: c.stwEnd[i] >= 0 ? c.stwEnd[i] - s : null,
    reason: c.stwReason[i],
    gc: c.stwReason[i].includes('GC'),
  }));
  const doneIdx = stws.flatMap((s, i) => (s.durNs !== null ? [i] : []));
  const done = doneIdx.map((i) => stws[i]);
  const pauseNs = done.map((s) => s.durNs!);
  const reasonMap = new Map<string, Agg>();
  for (const s of done) {
    let a = reasonMap.get(s.reason);
    if (!a) reasonMap.set(s.reason, (a = { count: 0, totalNs: 0, maxNs: 0 }));
    a.count++;
    a.totalNs += s.durNs!;
    a.maxNs = Math.max(a.maxNs, s.durNs!);
  }
  const reasons = totals(reasonMap, 100).map((r) => r.reason);
  const hist = logHistogram(
    pauseNs.map((v) => v / 1e6),
    4,
  ).map((b) => ({ ...b, byReason: reasons.map(() => 0) }));
  for (const s of done) {
    const ms = s.durNs! / 1e6;
    const b = hist.find((h) => (ms > 0 ? ms >= h.lo && ms < h.hi : h.lo === 0)) ?? hist[hist.length - 1];
    if (b) b.byReason[reasons.indexOf(s.reason)]++;
  }
  const worst = [...done].sort((a, b) => b.durNs! - a.durNs!).slice(0, 20);
  const allIdx = peakIndices(stws.length, MAX_POINTS, (i) => stws[i].durNs ?? 0);

  // GC cycles.
  const gcStartNs: number[] = [];
  const gcDurNs: (number | null)[] = [];
  let markNs = 0;
  c.gcStart.forEach((s, i) => {
    const e = c.gcEnd[i];
    const start = s >= 0 ? s : t0;
    gcStartNs.push(rel(start));
    gcDurNs.push(e >= 0 ? e - start : null);
    markNs += (e >= 0 ? e : c.lastTime) - start;
  });
  const gcIdx = peakIndices(gcStartNs.length, MAX_POINTS, (i) => gcDurNs[i] ?? 0);

  // Heap and goal.
  const hv = c.heapV;
  const ht = c.heapT;
  const hIdx = peakIndices(hv.length, MAX_POINTS, (i) => hv.get(i));
  const gIdx = peakIndices(c.goalV.length, MAX_POINTS, (i) => c.goalV[i]);
  const peakAlloc = c.peakHeap;
  const peakGoal = c.goalV.length ? Math.max(...c.goalV) : -1;
  const procs: { tNs: number; value: number }[] = [];
  c.procsV.forEach((v, i) => {
    if (!procs.length || procs[procs.length - 1].value !== v) procs.push({ tNs: rel(c.procsT[i]), value: v });
  });

  // Goroutine states.
  const nb = c.nBuckets;
  const stride = Math.max(1, Math.ceil(nb / MAX_POINTS));
  const gi: number[] = [];
  for (let i = stride - 1; i < nb; i += stride) gi.push(i);
  const series = (k: number) => gi.map((i) => c.buckets[k][i]);

  // Scheduler latency: nearest-rank values, exact up to ~2 M waits, within 0.1% past that (../boundedRanks.ts).
  const lat = c.latencies;
  const latRanks = lat.ranks([0.5, 0.9, 0.99]);
  const latSummary: NsSummary = {
    count: lat.count,
    p50Ns: num(latRanks[0]),
    p90Ns: num(latRanks[1]),
    p99Ns: num(latRanks[2]),
    maxNs: lat.count ? lat.max : null,
    totalNs: lat.total,
  };
  const worstG = c
    .latencyPerGoroutine()
    .sort((a, b) => b.maxNs - a.maxNs)
    .slice(0, 20);

  // MMU.
  const curve = mmuCurveOf(c);
  const span = curve.durationNs;
  const windowsNs: number[] = [];
  if (span > 0) {
    const lo = Math.min(1e5, span);
    const steps = 40;
    for (let i = 0; i <= steps; i++) windowsNs.push(Math.round(lo * Math.pow(span / lo, i / steps)));
  }
  const meanUtil = span > 0 ? (curve.mmu(span) as number) : 1;
  const at = mmuAt(curve);
  const goCurve = mmuCurveOf(c, true);
  const goAt = mmuAt(goCurve);
  const goMean = span > 0 ? goCurve.mmu(span) : 1;
  const differs = (Object.keys(at) as (keyof typeof at)[]).some((k) => Math.abs(at[k] - goAt[k]) > 1e-9) || Math.abs(meanUtil - goMean) > 1e-9 || c.util.goTool.noProc > 0;

  // CPU samples.
  const topStacks = [...c.cpuByStack.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([k, count]) => ({ stack: k ? k.split('\n') : [], count }));
  const selfMap = new Map<string, number>();
  for (const [k, n] of c.cpuByStack) {
    const leaf = k.split('\n', 1)[0] || '(no stack)';
    selfMap.set(leaf, (selfMap.get(leaf) ?? 0) + n);
  }

  const gcCollector = gcCollectorFromTraceVersion(`1.${model.version}`);
  const trace: TraceAnalysis = {
    ...(gcCollector ? { gcCollector } : {}),
    goVersion: `1.${model.version}`,
    writtenBy: writtenBy(model.version),
    durationNs,
    events: model.events,
    generations: model.generations,
    truncated: model.truncated,
    eventsByKind: c.byKindRecord(),
    goroutinesPerGeneration: gens.slice(0, model.generations).map((g) => ({ seen: g.seen, alive: g.alive })),
    gcCycles: {
      count: c.gcStart.length,
      markNs,
      assistNs: c.assistNs,
      workerNs: c.workerNs,
      cpuPercent: 0,
      startNs: gcIdx.map((i) => gcStartNs[i]),
      durNs: gcIdx.map((i) => gcDurNs[i]),
    },
    stw: {
      count: stws.length,
      pauses: nsSummary(pauseNs),
      byReason: totals(reasonMap, 100),
      histogramMs: hist,
      reasons,
      worst,
      all: allIdx.map((i) => stws[i]),
    },
    heap: {
      peakAllocBytes: peakAlloc >= 0 ? peakAlloc : null,
      peakGoalBytes: peakGoal >= 0 ? peakGoal : null,
      samples: c.heap.count,
      alloc: { tNs: hIdx.map((i) => rel(ht.get(i))), bytes: hIdx.map((i) => hv.get(i)) },
      goal: { tNs: gIdx.map((i) => rel(c.goalT[i])), bytes: gIdx.map((i) => c.goalV[i]) },
    },
    gomaxprocs: procs,
    goroutines: {
      maxAlive: Math.max(0, ...gens.slice(0, model.generations).map((g) => g.alive)),
      bucketNs: c.bucketNs,
      tNs: gi.map((i) => (i + 1) * c.bucketNs),
      running: series(0),
      runnable: series(1),
      waiting: series(2),
      syscall: series(3),
    },
    schedLatency: { ...latSummary, histogramMs: lat.histogram(4, 1e6), worstGoroutines: worstG },
    blocking: {
      byReason: totals(c.blockByReason, 50),
      byStack: [...c.blockSites]
        .filter((a) => a.count > 0)
        .sort((a, b) => b.totalNs - a.totalNs)
        .slice(0, 30)
        .map((a) => ({ reason: a.reason, count: a.count, totalNs: a.totalNs, maxNs: a.maxNs, stack: a.stack })),
    },
    mmu: {
      at,
      windowsNs,
      values: windowsNs.map((w) => curve.mmu(w)),
      meanUtil,
      ...(differs ? { goToolTrace: { at: goAt, meanUtil: goMean, values: windowsNs.map((w) => goCurve.mmu(w)), why: goToolTraceReasons(c.util.labelledNotWorkers, c.util.goTool.noProc).join('. '), reasons: goToolTraceReasons(c.util.labelledNotWorkers, c.util.goTool.noProc), labelledNotWorkers: c.util.labelledNotWorkers, fails: c.util.goTool.noProc > 0 } } : {}),
    },
    cpuSamples: {
      count: c.cpuSamples,
      topStacks,
      topFunctions: [...selfMap.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([func, self]) => ({ func, self })),
    },
    user: {
      tasks: totals(c.tasks, 50),
      regions: totals(c.regions, 50),
      logs: [...c.logs.entries()].sort((a, b) => b[1] - a[1]).map(([key, count]) => ({ key, count })),
      openTasks: c.tasksOpen,
    },
  };
  if (!trace.truncated) delete trace.truncated;
  const lastProcs = c.procs();
  if (durationNs > 0 && lastProcs > 0) trace.gcCycles.cpuPercent = Math.round((1000 * c.gcCpuNs()) / (durationNs * lastProcs)) / 10;

  const gc = gcFromTrace(c, trace, done, doneIdx);
  return { trace, gc, findings: traceFindings(trace, gc) };
}

/** The gctrace-compatible `gc` block: per-cycle pause = sweep termination + mark termination. */
function gcFromTrace(c: TraceCollector, trace: TraceAnalysis, stws: TraceStw[], stwIdx: number[]): GcAnalysis {
  const cycles: { startNs: number; sweep: number; mark: number; heap: number }[] = [];
  for (let k = 0; k < stws.length; k++) {
    const s = stws[k];
    if (!s.gc) continue;
    if (s.reason.includes('sweep termination') || cycles.length === 0) cycles.push({ startNs: s.startNs, sweep: 0, mark: 0, heap: c.stwHeap[stwIdx[k]] });
    const cur = cycles[cycles.length - 1];
    if (s.reason.includes('sweep termination')) cur.sweep += s.durNs!;
    else cur.mark += s.durNs!;
  }
  const pausesMs = cycles.map((x) => (x.sweep + x.mark) / 1e6);
  const s = summarize(pausesMs);
  const t0 = c.firstTime;
  const at = (tNs: number, ts: Indexed, vs: Indexed) => {
    // Last sample at or before the time (binary search).
    let lo = 0;
    let hi = ts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ts.get(mid) - t0 <= tNs) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best >= 0 ? vs.get(best) : 0;
  };
  const goalT = indexed(c.goalT);
  const goalV = indexed(c.goalV);
  // A cycle is forced when the last GC begin before its sweep-termination stop was
  // (GCBegin comes right before that stop in runtime.gcStart).
  const forcedRel = c.forcedGcT.map((x) => x - t0);
  const beginsRel = c.gcStart.filter((x) => x >= 0).map((x) => x - t0);
  const forcedSet = new Set(forcedRel);
  let bi = -1;
  const cycleForced = cycles.map((x) => {
    while (bi + 1 < beginsRel.length && beginsRel[bi + 1] <= x.startNs) bi++;
    return bi >= 0 && forcedSet.has(beginsRel[bi]);
  });
  const pauses: GcPause[] = cycles.map((x, i) => ({
    cycle: i + 1,
    run: 0,
    tSec: x.startNs / 1e9,
    pauseMs: (x.sweep + x.mark) / 1e6,
    sweepTermMs: x.sweep / 1e6,
    markTermMs: x.mark / 1e6,
    heapBytes: x.heap,
    goalBytes: at(x.startNs, goalT, goalV),
    forced: cycleForced[i],
    // A trace has no lines; the cycle number keeps the field unique.
    line: i + 1,
  }));
  const gcStwMax = stws.filter((x) => x.gc).reduce((m, x) => Math.max(m, x.durNs!), 0);
  const series = gcSeries(c, pauses);
  const durationSec = trace.durationNs / 1e9;
  return {
    source: 'trace',
    cycles: trace.gcCycles.count,
    forced: c.forcedGcT.length,
    pauseMs: { p50: num(s.p50) ?? 0, p90: num(s.p90) ?? 0, p99: num(s.p99) ?? 0, max: num(s.max) ?? 0, total: s.total },
    maxStwMs: gcStwMax / 1e6,
    peakHeapBytes: trace.heap.peakAllocBytes ?? 0,
    peakGoalBytes: trace.heap.peakGoalBytes ?? 0,
    gomaxprocs: [...new Set(c.procsV)].sort((a, b) => a - b),
    gcCpuPercent: trace.gcCycles.cpuPercent,
    gcPerSecond: durationSec > 0 ? trace.gcCycles.count / durationSec : undefined,
    durationSec,
    pauseHistogramMs: logHistogram(pausesMs, 4),
    worstPauses: [...pauses].sort((a, b) => b.pauseMs - a.pauseMs).slice(0, 20),
    series,
  };
}

/**
 * Per-cycle series in gctrace's shape, so the gc views draw trace input too:
 * heap at cycle start and at mark end (HeapAlloc samples), live heap (the
 * first HeapAlloc after mark end, when the runtime resets it to the marked
 * bytes), goal, and GC CPU (stops × Ps + workers + assists) since the
 * previous cycle and since the trace start.
 */
function gcSeries(c: TraceCollector, pauses: GcPause[]): GcSeries | undefined {
  const n = c.gcStart.length;
  if (n === 0 || pauses.length === 0) return undefined;
  const t0 = c.firstTime;
  const idxAtOrBefore = (ts: Indexed, t: number) => {
    let lo = 0;
    let hi = ts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ts.get(mid) <= t) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  };
  const goalT = indexed(c.goalT);
  const goalAt = (t: number) => {
    const i = idxAtOrBefore(goalT, t);
    return i >= 0 ? c.goalV[i] : 0;
  };
  // GC CPU share between two cycle starts, from the collector's running GC CPU time.
  const gcShare = (i: number, j: number) => {
    const dt = (c.gcStart[j] >= 0 ? c.gcStart[j] : t0) - (i < 0 ? t0 : c.gcStart[i] >= 0 ? c.gcStart[i] : t0);
    const p = c.procsAtStart[j] || 1;
    return dt > 0 ? Math.round((1000 * (c.gcCpuAtStart[j] - (i < 0 ? 0 : c.gcCpuAtStart[i]))) / (dt * p)) / 10 : null;
  };
  const out: GcSeries = { run: [], cycle: [], tSec: [], pauseMs: [], heapStartBytes: [], heapEndBytes: [], liveBytes: [], goalBytes: [], cpuPercentInterval: [], cpuPercentCumulative: [] };
  for (let i = 0; i < n; i++) {
    const start = c.gcStart[i] >= 0 ? c.gcStart[i] : t0;
    const end = c.gcEnd[i] >= 0 ? c.gcEnd[i] : c.lastTime;
    out.run.push(0);
    out.cycle.push(i + 1);
    out.tSec.push((start - t0) / 1e9);
    out.pauseMs.push(pauses[i]?.pauseMs ?? 0);
    out.heapStartBytes.push(c.gcHeapStart[i]);
    // gctrace's "heap at mark end": the largest heap during the cycle (the runtime resets it to the marked bytes at mark end).
    out.heapEndBytes.push(c.gcHeapPeak[i]);
    // The first sample after the cycle's end; none yet: the last one.
    out.liveBytes.push(Number.isNaN(c.gcLive[i]) ? c.lastHeap : c.gcLive[i]);
    out.goalBytes.push(goalAt(end));
    out.cpuPercentInterval.push(i === 0 ? null : gcShare(i - 1, i));
    out.cpuPercentCumulative.push(gcShare(-1, i) ?? 0);
  }
  const keep = peakIndices(n, MAX_POINTS, (i) => out.pauseMs[i]);
  if (keep.length === n) return out;
  const pick = <T>(a: T[]) => keep.map((i) => a[i]);
  return {
    run: pick(out.run),
    cycle: pick(out.cycle),
    tSec: pick(out.tSec),
    pauseMs: pick(out.pauseMs),
    heapStartBytes: pick(out.heapStartBytes),
    heapEndBytes: pick(out.heapEndBytes),
    liveBytes: pick(out.liveBytes),
    goalBytes: pick(out.goalBytes),
    cpuPercentInterval: pick(out.cpuPercentInterval),
    cpuPercentCumulative: pick(out.cpuPercentCumulative),
  };
}
