// Where the GC model's CPU predictions go wrong, by CPU class: for each run of tests/fixtures/whatif,
// runtime/metrics /cpu/classes per cycle and per GiB allocated (assists, dedicated + fractional workers,
// idle-priority marking, pauses, user, scavenge assists, idle Ps), the mutator's CPU per MB allocated
// between marks and during marks (from gctrace), the GC CPU as the limiter counts it (mgclimit.go
// updateLocked: assists and scavenge assists, a flat 25% of all CPU while marking, GOMAXPROCS × the
// pauses, over the total less idle Ps and idle marking), and the model's GC and mutator CPU per GiB next
// to the measured ones. `npx tsx bench/whatif/classes.ts` prints the tables (bench/whatif/RESULTS.md, stop 27).

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { GcTraceModel } from '../../src/formats/godebug/gctrace';
import { limiterGcMs } from '../../src/whatif/limiter';
import { checkVersion, gctraceModel, readRunJson, steadyStart, versionDirs } from './check';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

export interface RunClasses {
  run: string;
  cycles: number;
  cyclesPerGiB: number;
  /** CPU ms per cycle, by class (runtime/metrics deltas over the steady phase). */
  perCycleMs: { assist: number; dedicated: number; idleMark: number; pause: number; user: number; scavengeAssist: number; idle: number };
  /** CPU seconds per GiB allocated: GC without idle marking (as the eval measures it), and user. */
  gcSecPerGiB: number;
  userSecPerGiB: number;
  /** GC ÷ (total − idle − idle marking), %. */
  gcShareOfBusy: number;
  /** The limiter's count rebuilt from gctrace and the scavenge assists, ÷ (total − idle − idle marking), %. */
  limiterCount: number;
  /** The mutator's CPU ms per MiB allocated, between marks and during marks (gctrace; heaps in MiB as it prints them). */
  mutatorMsPerMiB: { between: number; during: number };
  /**
   * Back to back (stop 28): the share of steady cycles whose heap at the start is within 1.5 MB of the heap
   * the previous cycle marked (nothing allocated between them), and the mean wall time from one cycle's mark
   * termination to the next cycle's start, ms. Back to back that time holds no allocation: it is the sweep of
   * every span the next cycle waits for (mgc.go gcStart: `for trigger.test() && sweepone() != ^uintptr(0)`,
   * and mgcsweep.go's proportional sweep with the trigger already passed), done by the allocating goroutines
   * (user CPU).
   */
  backToBack: { share: number; gapMs: number };
}

/**
 * The mutator's P-time per MiB allocated between marks (from mark termination of one cycle to the start
 * of the next: GOMAXPROCS × that time, over the heap at the next start − the heap marked) and during marks
 * (GOMAXPROCS × the mark's clock − its assist, background and idle marking CPU, over the heap's growth in
 * it). Totals over the steady cycles from `first` (check.ts steadyStart), so cycles with little allocation weigh little. Where a run's heap
 * starts each cycle within a few MiB of heapMarked (back to back), gctrace's whole-MiB figures make the
 * "between" figure meaningless.
 */
export function mutatorMsPerMiB(m: GcTraceModel, first: number): { between: number; during: number } {
  let outMs = 0;
  let outMiB = 0;
  let inMs = 0;
  let inMiB = 0;
  for (let i = Math.max(1, first); i < m.count; i++) {
    const a = i - 1;
    const procs = m.procs[i] > 0 ? m.procs[i] : 1;
    const between = (m.t[i] - m.t[a]) * 1000 - (m.sweepTermMs[a] + m.concurrentMs[a] + m.markTermMs[a]);
    const grew = (m.heapStart[i] - m.heapLive[a]) / MiB;
    if (between > 0 && grew > 0) {
      outMs += procs * between;
      outMiB += grew;
    }
    const marking = (m.heapEnd[i] - m.heapStart[i]) / MiB;
    if (marking > 0) {
      inMs += procs * m.concurrentMs[i] - (m.cpuAssistMs[i] + m.cpuBackgroundMs[i] + m.cpuIdleMs[i]);
      inMiB += marking;
    }
  }
  return { between: outMiB > 0 ? outMs / outMiB : NaN, during: inMiB > 0 ? inMs / inMiB : NaN };
}

/** See RunClasses.backToBack: over the cycles from `first`. */
export function backToBackGaps(m: GcTraceModel, first: number): { share: number; gapMs: number } {
  let gap = 0;
  let n = 0;
  let b2b = 0;
  for (let i = Math.max(1, first); i < m.count; i++) {
    const a = i - 1;
    gap += (m.t[i] - m.t[a]) * 1000 - (m.sweepTermMs[a] + m.concurrentMs[a] + m.markTermMs[a]);
    if (m.heapStart[i] - m.heapLive[a] < 1.5e6) b2b++;
    n++;
  }
  return { share: n > 0 ? b2b / n : NaN, gapMs: n > 0 ? gap / n : NaN };
}

export function runClasses(dir: string, run: string): RunClasses {
  const j = readRunJson(join(dir, `${run}.json.gz`));
  const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${run}.gctrace.gz`))).toString('utf8'));
  const d = j.delta;
  const c = (k: string) => d[`/cpu/classes/${k}:cpu-seconds`] ?? 0;
  const cycles = d['/gc/cycles/total:gc-cycles'];
  const gib = d['/gc/heap/allocs:bytes'] / GiB;
  const ms = (k: string) => (c(k) * 1000) / cycles;
  const gc = c('gc/total') - c('gc/mark/idle');
  const busy = c('total') - c('idle') - c('gc/mark/idle');
  // The limiter's count over the same cycles.
  const first = steadyStart(j, m);
  let limiterMs = 0;
  for (let i = first; i < m.count; i++) limiterMs += limiterGcMs(m, i, m.procs[i] > 0 ? m.procs[i] : 1);
  const limiterGc = limiterMs / 1000 + c('scavenge/assist');
  return {
    run,
    cycles,
    cyclesPerGiB: cycles / gib,
    perCycleMs: {
      assist: ms('gc/mark/assist'),
      dedicated: ms('gc/mark/dedicated'),
      idleMark: ms('gc/mark/idle'),
      pause: ms('gc/pause'),
      user: ms('user'),
      scavengeAssist: ms('scavenge/assist'),
      idle: ms('idle'),
    },
    gcSecPerGiB: gc / gib,
    userSecPerGiB: c('user') / gib,
    gcShareOfBusy: (100 * gc) / busy,
    limiterCount: (100 * limiterGc) / busy,
    mutatorMsPerMiB: mutatorMsPerMiB(m, steadyStart(j, m)),
    backToBack: backToBackGaps(m, first),
  };
}

export const RUNS = ['gogc100', 'gogc50', 'gogc200', 'gogc400', 'limit0.8x', 'limit1.2x', 'limit1.5x', 'limit2x', 'off-limit2x'];

/** The model's GC and mutator CPU per GiB for each predicted run (its share is GC ÷ (GC + mutator)), with the measured ones. */
export function modelVsMeasured(dir: string): { run: string; gcPred: number; gcMeas: number; mutPred: number; mutMeas: number }[] {
  const v = checkVersion(dir);
  const mut = v.calibration.mutatorCpuSecPerGiB;
  return v.rows.map((r) => {
    const s = r.predicted.gcCpuPercent / 100;
    const x = runClasses(dir, r.run);
    return { run: r.run, gcPred: s < 1 ? (mut * s) / (1 - s) : Infinity, gcMeas: x.gcSecPerGiB, mutPred: mut, mutMeas: x.userSecPerGiB };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
  const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  for (const dir of versionDirs(root)) {
    console.log(`\n### ${dir.split('/').pop()}: CPU per cycle (ms) and per GiB (s), runtime/metrics over the steady phase\n`);
    console.log('| run | cycles/GiB | assist | dedicated | idle marking | pause | user | scavenge assist | idle Ps | GC s/GiB | user s/GiB | GC % of busy | limiter count % | mutator ms/MiB between marks | during marks | back to back % | ms from mark end to next start |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const run of RUNS) {
      const x = runClasses(dir, run);
      const p = x.perCycleMs;
      console.log(
        `| ${run} | ${f1(x.cyclesPerGiB)} | ${f1(p.assist)} | ${f1(p.dedicated)} | ${f1(p.idleMark)} | ${f2(p.pause)} | ${f1(p.user)} | ${f1(p.scavengeAssist)} | ${f1(p.idle)} | ${f2(x.gcSecPerGiB)} | ${f2(x.userSecPerGiB)} | ${f1(x.gcShareOfBusy)} | ${f1(x.limiterCount)} | ${f2(x.mutatorMsPerMiB.between)} | ${f2(x.mutatorMsPerMiB.during)} | ${(100 * x.backToBack.share).toFixed(0)} | ${f1(x.backToBack.gapMs)} |`,
      );
    }
    console.log('\nmodel (calibrated on gogc100) vs measured, CPU-s per GiB allocated:\n');
    console.log('| run | GC pred | GC meas | GC err | mutator pred | mutator meas | mutator err |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of modelVsMeasured(dir)) {
      const e = (p: number, x: number) => `${p >= x ? '+' : ''}${(100 * (p / x - 1)).toFixed(0)}%`;
      console.log(`| ${r.run} | ${f2(r.gcPred)} | ${f2(r.gcMeas)} | ${e(r.gcPred, r.gcMeas)} | ${f2(r.mutPred)} | ${f2(r.mutMeas)} | ${e(r.mutPred, r.mutMeas)} |`);
    }
  }
}
