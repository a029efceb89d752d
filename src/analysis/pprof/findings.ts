// Plain-English findings from a profile, each with the numbers behind it.

import { isGoProgram } from './goProgram';
import type { Finding } from '../finding';
import type { PprofProfile } from '../../formats/pprof/model';
import { sampleWeight } from './graph';
import type { Prepared } from './prepare';
import { computeTotal, topTable } from './top';
import { formatValue } from './units';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Share of samples (by weight) whose stack contains a function matching `re`. */
export function stackShare(prep: Prepared, t: number, re: RegExp): number {
  const p = prep.p;
  const match = new Uint8Array(p.numFunctions);
  for (let f = 0; f < p.numFunctions; f++) match[f] = re.test(p.strings[p.funcName[f]]) ? 1 : 0;
  let hit = 0;
  let all = 0;
  for (let i = 0; i < prep.samples.length; i++) {
    const w = Math.abs(sampleWeight(prep, i, t));
    all += w;
    let found = false;
    for (let j = prep.stackStart[i]; j < prep.stackStart[i + 1] && !found; j++) {
      const l = prep.stackLocs[j];
      for (let x = prep.locLineStart[l]; x < prep.locLineStart[l + 1]; x++) {
        const f = p.lineFunc[prep.locLines[x]];
        if (f >= 0 && match[f]) {
          found = true;
          break;
        }
      }
    }
    if (found) hit += w;
  }
  return all > 0 ? hit / all : 0;
}

const GC_WORK = /^runtime\.(gcBgMarkWorker|gcAssistAlloc|gcDrain|scanobject|markroot|bgsweep|bgscavenge|gcMarkDone|gcMarkTermination|wbBufFlush|gcWriteBarrier)/;
const MALLOC = /^runtime\.mallocgc$/;
const REUSABLE = /encoding\/json|Marshal|Encode|bytes\.\(\*Buffer\)|bytes\.growSlice|bufio\.|strings\.\(\*Builder\)|fmt\.Sprint|compress\//;

/** GC work and allocation as shares (0..1) of a CPU profile's samples, by stack. */
export function cpuShares(prep: Prepared, t: number): { gcShare: number; mallocShare: number } {
  return { gcShare: stackShare(prep, t, GC_WORK), mallocShare: stackShare(prep, t, MALLOC) };
}

/** The three functions allocating the most bytes (alloc_space when the profile has it), with their share. */
export function allocHotspots(p: PprofProfile, prep: Prepared, t: number): { sampleType: string; rows: { name: string; bytes: number; share: number }[] } {
  const ai = p.sampleTypes.findIndex((x) => x.type === 'alloc_space');
  const ti = ai >= 0 ? ai : t;
  const tt = topTable(p, { sampleIndex: ti, nodeFraction: 0 }, prep);
  const rows = tt.total > 0 ? tt.rows.filter((r) => r.flat > 0).slice(0, 3).map((r) => ({ name: r.name, bytes: r.flat, share: r.flat / tt.total })) : [];
  return { sampleType: p.sampleTypes[ti].type, rows };
}

/** The basis of the profile's GC share, so it and the runtime's GC CPU % of the same run are not read as a contradiction. */
const BASIS = ' This is a share of the CPU the process used; the runtime\'s GC CPU % (gctrace, /metrics) is a share of GOMAXPROCS × the time since start, smaller when Ps sit idle.';

export function profileFindings(p: PprofProfile, prep: Prepared, t: number, cores: number | null): Finding[] {
  const out: Finding[] = [];
  const st = p.sampleTypes[t];
  const type = st.type;
  const total = computeTotal(p, t);
  if (total === 0) return out;
  const isCpu = p.periodType?.type === 'cpu' || type === 'cpu';
  // Go's collector is judged in Go programs only (see goProgram.ts).
  const isGo = isGoProgram(p) === true;
  if (isCpu && st.unit === 'nanoseconds') {
    const { gcShare: gc, mallocShare: malloc } = cpuShares(prep, t);
    if (isGo) out.push({
      rule: 'pprof.gc-cpu-share',
      severity: gc >= 0.25 ? 'warning' : 'info',
      title: `Garbage collection took ${pct(gc)} of the sampled CPU time`,
      detail:
        (gc >= 0.25
          ? 'A quarter or more of the CPU went to the collector (background mark workers, assists, sweeping). Allocating less, or a higher GOGC / GOMEMLIMIT with room under the container limit, buys that CPU back.'
          : gc >= 0.1
            ? 'A noticeable share of the CPU went to the collector, below the quarter the GC aims for while marking. Allocating less would buy part of it back; it is not by itself a problem.'
            : 'The collector is a small part of this CPU profile.') + BASIS,
      evidence: [
        `GC work (gcBgMarkWorker, gcAssistAlloc, scanobject, sweep): ${pct(gc)} of ${formatValue(total, st.unit)}`,
        `allocation (runtime.mallocgc, cum): ${pct(malloc)}`,
      ],
      anchor: { analysis: 'profile' },
    });
    if (cores !== null) {
      out.push({
        rule: 'pprof.cpu-cores',
        severity: 'info',
        title: `The process used ${cores.toFixed(2)} cores on average while profiled`,
        detail: 'CPU utilisation = sampled CPU time ÷ profile duration. Compare it with the container CPU limit and GOMAXPROCS.',
        evidence: [`${formatValue(total, st.unit)} of CPU samples over ${formatValue(p.durationNanos, 'nanoseconds')}`],
        anchor: { analysis: 'profile' },
      });
    }
  }
  if ((type === 'alloc_space' || type === 'inuse_space' || type === 'space') && st.unit === 'bytes') {
    const { sampleType, rows: hot } = allocHotspots(p, prep, t);
    if (hot.length) {
      const reuse = hot.some((r) => REUSABLE.test(r.name));
      // A concentrated allocation profile is normal (most services have one hot path); it
      // only matters when the GC costs a lot of CPU, which the session diagnosis judges.
      out.push({
        rule: 'pprof.alloc-hotspots',
        severity: 'info',
        title: `${hot[0].name} allocates ${pct(hot[0].share)} of all ${sampleType === 'alloc_space' ? 'allocated' : 'in-use'} bytes`,
        detail:
          'The functions that allocate the most drive GC frequency; this matters when the GC takes a large share of the CPU.' +
          (reuse ? ' Several are encoders or buffers that are short-lived; reusing them (sync.Pool, a reused bytes.Buffer) usually removes most of that allocation.' : ''),
        evidence: hot.map((r) => `${r.name}: ${formatValue(r.bytes, 'bytes')} (${pct(r.share)})`),
        anchor: { analysis: 'profile' },
      });
    }
  }
  if (type === 'delay' && st.unit === 'nanoseconds') {
    const tt = topTable(p, { sampleIndex: t, nodeFraction: 0 }, prep);
    const hot = tt.rows.filter((r) => r.flat > 0).slice(0, 3);
    const perSec = p.durationNanos > 0 ? total / p.durationNanos : null;
    // Both profiles have the same sample types. The mutex profile records a wait where the holder unlocks
    // (sync.(*Mutex).Unlock, runtime.unlock); the block profile where the waiter blocked, Mutex.Lock included.
    const kind = p.periodType?.type === 'contentions' && /unlock\b/i.test(hot.map((r) => r.name).join(' ')) ? 'mutex' : 'blocking';
    out.push({
      rule: 'pprof.contention',
      severity: perSec !== null && perSec >= 1 ? 'warning' : 'info',
      title:
        perSec !== null
          ? `Goroutines spent ${perSec.toFixed(2)} goroutine-seconds waiting per second (${kind})`
          : `Goroutines waited ${formatValue(total, 'nanoseconds')} in total (${kind}, since the process started)`,
      detail: 'Delay is summed over goroutines, so it can exceed wall time. The call sites below are where the waiting happened (for mutexes: where the lock was released).',
      evidence: hot.map((r) => `${r.name}: ${formatValue(r.flat, 'nanoseconds')} (${pct(r.flat / tt.total)})`),
      anchor: { analysis: 'profile' },
    });
  }
  if (type === 'goroutine') {
    out.push({
      rule: 'pprof.goroutines',
      severity: total >= 10000 ? 'warning' : 'info',
      title: `${total} goroutines`,
      detail: total >= 10000 ? 'Tens of thousands of goroutines often mean a leak: look for one stack holding most of them.' : 'The goroutine count is moderate.',
      evidence: [`${total} goroutines in ${p.numSamples} distinct stacks`],
      anchor: { analysis: 'profile' },
    });
  }
  return out;
}
