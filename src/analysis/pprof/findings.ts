// Plain-English findings from a profile, each with the numbers behind it.

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

export function profileFindings(p: PprofProfile, prep: Prepared, t: number, cores: number | null): Finding[] {
  const out: Finding[] = [];
  const st = p.sampleTypes[t];
  const type = st.type;
  const total = computeTotal(p, t);
  if (total === 0) return out;
  const isCpu = p.periodType?.type === 'cpu' || type === 'cpu';
  if (isCpu && st.unit === 'nanoseconds') {
    const gc = stackShare(prep, t, GC_WORK);
    const malloc = stackShare(prep, t, MALLOC);
    out.push({
      rule: 'pprof.gc-cpu-share',
      severity: gc >= 0.25 ? 'warning' : 'info',
      title: `Garbage collection took ${pct(gc)} of the sampled CPU time`,
      detail:
        gc >= 0.25
          ? 'A quarter or more of the CPU went to the collector (background mark workers, assists, sweeping). Allocating less, or a higher GOGC / GOMEMLIMIT with room under the container limit, buys that CPU back.'
          : 'The collector is not a large part of this CPU profile.',
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
    const ai = p.sampleTypes.findIndex((x) => x.type === 'alloc_space');
    const ti = ai >= 0 ? ai : t;
    const tt = topTable(p, { sampleIndex: ti, nodeFraction: 0 }, prep);
    const hot = tt.rows.filter((r) => r.flat > 0).slice(0, 3);
    if (hot.length) {
      const share = hot[0].flat / tt.total;
      const reuse = hot.some((r) => REUSABLE.test(r.name));
      out.push({
        rule: 'pprof.alloc-hotspots',
        severity: share >= 0.2 ? 'warning' : 'info',
        title: `${hot[0].name} allocates ${pct(share)} of all ${p.sampleTypes[ti].type === 'alloc_space' ? 'allocated' : 'in-use'} bytes`,
        detail:
          'The functions that allocate the most drive GC frequency.' +
          (reuse ? ' Several are encoders or buffers that are short-lived; reusing them (sync.Pool, a reused bytes.Buffer) usually removes most of that allocation.' : ''),
        evidence: hot.map((r) => `${r.name}: ${formatValue(r.flat, 'bytes')} (${pct(r.flat / tt.total)})`),
        anchor: { analysis: 'profile' },
      });
    }
  }
  if (type === 'delay' && st.unit === 'nanoseconds') {
    const tt = topTable(p, { sampleIndex: t, nodeFraction: 0 }, prep);
    const hot = tt.rows.filter((r) => r.flat > 0).slice(0, 3);
    const perSec = p.durationNanos > 0 ? total / p.durationNanos : null;
    const kind = p.periodType?.type === 'contentions' && /mutex/i.test(hot.map((r) => r.name).join(' ')) ? 'mutex' : 'blocking';
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
