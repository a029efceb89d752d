// What runtime/metrics samples of the calibrated run add to the GC model: the
// non-heap memory the memory-limit goal subtracts, and how the CPU splits into
// mutator, GC, scavenger and idle time. Pure: samples (runtime/metrics names,
// cumulative CPU seconds) in, facts out. Without samples the calibration falls
// back to gctrace alone (calibrate.ts says so in its notes).

import { median, slope } from './stats';
import type { WhatifCalibration } from './types';

/** One reading of runtime/metrics: seconds on the caller's clock, values by runtime/metrics name. */
export interface RuntimeMetricsSample {
  tSec: number;
  values: Record<string, number>;
}

export const MEMORY = {
  total: '/memory/classes/total:bytes',
  released: '/memory/classes/heap/released:bytes',
  free: '/memory/classes/heap/free:bytes',
  objects: '/memory/classes/heap/objects:bytes',
  unused: '/memory/classes/heap/unused:bytes',
} as const;

export const CPU = {
  total: '/cpu/classes/total:cpu-seconds',
  user: '/cpu/classes/user:cpu-seconds',
  idle: '/cpu/classes/idle:cpu-seconds',
  gc: '/cpu/classes/gc/total:cpu-seconds',
  gcIdle: '/cpu/classes/gc/mark/idle:cpu-seconds',
  scavenge: '/cpu/classes/scavenge/total:cpu-seconds',
  scavengeAssist: '/cpu/classes/scavenge/assist:cpu-seconds',
} as const;

export const ALLOCS = '/gc/heap/allocs:bytes';

export interface RuntimeMetricsFacts {
  /** Samples with all five memory classes. */
  samples: number;
  /**
   * mgcpacer.go memoryLimitHeapGoal's term 1, median over the samples:
   * mappedReady − heapFree − heapAlloc = total − heap/released − heap/free − heap/objects.
   */
  nonHeapBytes: number;
  /** Its parts: memory outside heap spans (metadata, stacks, profiling, other)… */
  outsideHeapBytes: number;
  /** …and the free slots inside in-use spans (heap/unused), which the goal counts as non-heap too. */
  unusedBytes: number;
  /**
   * Median mapped-and-ready memory (total − heap/released): what memoryLimitHeapGoal holds at the limit,
   * less its 3% headroom, while the limit drives the goal.
   */
  mappedReadyBytes: number;
  /** Half the interquartile range of term 1 over the samples, bytes: how far the goal the limit allows moves from reading to reading. */
  nonHeapSpreadBytes: number;
  /**
   * Half the interquartile range of the footprint (mappedReady − heapFree: spans in use, metadata, stacks), bytes. Term 1 is
   * the footprint less the heap objects, so most of its spread is where in its cycle the heap was read; the footprint's is
   * what moves the goal from one cycle to the next at the same point of the cycle.
   */
  footprintSpreadBytes: number;
  /** Least-squares growth of term 1 over the samples, bytes per second (fragmentation building up shows here). */
  nonHeapGrowthBytesPerSec: number;
  /** Seconds between the first and last sample. */
  spanSec: number;
  /** CPU seconds between the first and last sample, by class; null without the CPU classes. */
  cpu: { total: number; user: number; idle: number; gc: number; gcIdle: number; scavenge: number; scavengeAssist: number; allocBytes: number | null } | null;
}

function halfIqr(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(f * (s.length - 1))))];
  return (q(0.75) - q(0.25)) / 2;
}

const ok = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Facts from samples in time order; null without a sample holding the memory classes (one sample: no spread, growth or CPU). */
export function runtimeMetricsFacts(samples: readonly RuntimeMetricsSample[]): RuntimeMetricsFacts | null {
  const mem = samples.filter((s) => Object.values(MEMORY).every((k) => ok(s.values[k])) && Number.isFinite(s.tSec));
  if (mem.length < 1) return null;
  const term = mem.map((s) => {
    const v = s.values;
    const mapped = v[MEMORY.total] - v[MEMORY.released];
    return { mapped, nonHeap: Math.max(0, mapped - v[MEMORY.free] - v[MEMORY.objects]), unused: v[MEMORY.unused], footprint: Math.max(0, mapped - v[MEMORY.free]) };
  });
  const nonHeap = term.map((x) => x.nonHeap);
  const unused = median(term.map((x) => x.unused));
  const outside = median(term.map((x) => Math.max(0, x.nonHeap - x.unused)));
  const first = mem[0].values;
  const last = mem[mem.length - 1].values;
  const d = (k: string) => (ok(first[k]) && ok(last[k]) && last[k] >= first[k] ? last[k] - first[k] : null);
  const cpuParts = [d(CPU.total), d(CPU.user), d(CPU.idle), d(CPU.gc), d(CPU.gcIdle), d(CPU.scavenge), d(CPU.scavengeAssist) ?? 0];
  const cpu =
    mem.length > 1 && cpuParts.every((x) => x !== null) && (cpuParts[0] as number) > 0
      ? {
          total: cpuParts[0] as number,
          user: cpuParts[1] as number,
          idle: cpuParts[2] as number,
          gc: cpuParts[3] as number,
          gcIdle: cpuParts[4] as number,
          scavenge: cpuParts[5] as number,
          scavengeAssist: cpuParts[6] as number,
          allocBytes: d(ALLOCS),
        }
      : null;
  return {
    samples: mem.length,
    nonHeapBytes: Math.round(median(nonHeap)),
    mappedReadyBytes: Math.round(median(term.map((x) => x.mapped))),
    nonHeapSpreadBytes: Math.round(halfIqr(nonHeap)),
    footprintSpreadBytes: Math.round(halfIqr(term.map((x) => x.footprint))),
    outsideHeapBytes: Math.round(outside),
    unusedBytes: Math.round(unused),
    nonHeapGrowthBytesPerSec: mem.length > 1 ? Math.round(slope(mem.map((s) => s.tSec), nonHeap)) : 0,
    spanSec: mem[mem.length - 1].tSec - mem[0].tSec,
    cpu,
  };
}

/**
 * A calibration made from gctrace alone, given the non-heap term read from
 * runtime/metrics of the same service in another input (a /metrics scrape):
 * the memory-limit goal then subtracts what the runtime would subtract. The
 * mutator CPU stays gctrace's (a scrape's CPU classes are totals since start,
 * not the calibrated window's). The fit is not recomputed.
 */
export function withRuntimeMetrics(cal: WhatifCalibration, facts: RuntimeMetricsFacts, from: string): WhatifCalibration {
  if (cal.nonHeapSource === 'runtime-metrics') return cal;
  const mib = (x: number) => Math.round(x / 1048576);
  return {
    ...cal,
    nonHeapBytes: facts.nonHeapBytes,
    nonHeapSource: 'runtime-metrics',
    nonHeap: { outsideHeapBytes: facts.outsideHeapBytes, unusedBytes: facts.unusedBytes, spreadBytes: facts.nonHeapSpreadBytes, growthBytesPerSec: facts.nonHeapGrowthBytesPerSec, samples: facts.samples },
    notes: [
      ...cal.notes.filter((n) => !n.startsWith('Memory beside heap objects assumed') && !n.startsWith('No runtime/metrics')),
      `Memory beside heap objects, as the memory-limit goal counts it, read from ${from}: ${mib(facts.nonHeapBytes)} MiB (${mib(facts.unusedBytes)} MiB of it free slots in in-use spans).`,
    ],
  };
}
