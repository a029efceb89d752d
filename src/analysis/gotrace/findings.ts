// Plain-English conclusions from an execution trace, each with its numbers.

import type { Finding } from '../finding';
import { forcedFinding } from '../gc/findings';
import { CLASSIC_REMEASURE } from '../gcCollector';
import type { GcAnalysis } from '../gc/types';
import type { TraceAnalysis } from './types';
import { msText } from '../../lib/numberText';

const ms = (ns: number) => msText(ns / 1e6);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;

export function traceFindings(t: TraceAnalysis, gc: GcAnalysis): Finding[] {
  const out: Finding[] = [];
  const sec = t.durationNs / 1e9;

  if (t.truncated) {
    out.push({
      rule: 'trace.truncated',
      severity: 'warning',
      title: 'The trace is cut short',
      detail: 'Reading stopped at a damaged or missing part; the figures cover the complete generations before it. Record the trace again and make sure the whole file is copied (trace.Stop must run before the file is closed).',
      evidence: [t.truncated.reason, `${(t.truncated.bytesLost / 1e6).toFixed(2)} MB not used`, `${t.generations} complete generation(s)`],
      anchor: { analysis: 'trace' },
    });
  }

  const worst = t.stw.worst[0];
  if (worst && worst.durNs !== null && worst.durNs >= 10e6) {
    out.push({
      rule: 'trace.long-stw',
      severity: worst.durNs >= 100e6 ? 'critical' : 'warning',
      title: `A stop-the-world lasted ${ms(worst.durNs)} (${worst.reason})`,
      detail: 'While the world is stopped no goroutine runs, so every request in flight waits this long. Long stops usually mean many goroutines or Ps to stop (a goroutine in a tight loop without preemption points, or a large GOMAXPROCS on few real CPUs).',
      evidence: t.stw.worst.slice(0, 3).map((s) => `${ms(s.durNs ?? 0)} ${s.reason} at ${(s.startNs / 1e9).toFixed(3)} s`),
      anchor: { analysis: 'trace', chart: 'stw', timeSec: worst.startNs / 1e9 },
    });
  }

  for (const r of t.stw.byReason) {
    const gcReason = r.reason.includes('GC');
    if (gcReason || r.reason === 'start trace' || r.reason === 'stop trace') continue;
    if (r.count / Math.max(sec, 1e-9) < 1 && r.totalNs < 5e6) continue;
    const hint = /memstats/i.test(r.reason)
      ? 'runtime.ReadMemStats stops the world on every call; read runtime/metrics instead (no stop).'
      : /GOMAXPROCS/i.test(r.reason)
        ? 'Every runtime.GOMAXPROCS call with a new value stops the world; set it once at start-up.'
        : /goroutine profile/i.test(r.reason)
          ? 'Goroutine profiles stop the world; collect them less often.'
          : 'These stops are requested by the program or a library, not by the GC.';
    out.push({
      rule: 'trace.non-gc-stw',
      severity: r.totalNs / t.durationNs > 0.01 ? 'warning' : 'info',
      title: `${r.count} stop-the-worlds for "${r.reason}"`,
      detail: hint,
      evidence: [`${r.count} stops in ${sec.toFixed(2)} s`, `total ${ms(r.totalNs)}, longest ${ms(r.maxNs)}`],
      anchor: { analysis: 'trace', chart: 'stw' },
    });
  }

  const m10 = t.mmu.at['10ms'];
  if (t.durationNs >= 10e6 && m10 < 0.5 && gc.gcCpuPercent >= 10) {
    out.push({
      rule: 'trace.low-mmu',
      severity: m10 < 0.2 ? 'critical' : 'warning',
      title: `In the worst 10 ms window the program ran only ${pct(m10)} of the time`,
      detail: 'The garbage collector (stops, background workers and assists) took the rest. Requests that land in such a window see the delay. A larger heap goal (higher GOGC, or GOMEMLIMIT with GOGC=off when memory allows) makes these windows rarer; fewer allocations make them shorter.',
      evidence: [`MMU 1 ms ${pct(t.mmu.at['1ms'])}, 10 ms ${pct(m10)}, 100 ms ${pct(t.mmu.at['100ms'])}, 1 s ${pct(t.mmu.at['1s'])}`, `GC CPU ${gc.gcCpuPercent}% of GOMAXPROCS × duration (stops, workers, assists)`, 'MMU with go tool trace\'s flags (GC stops, background workers, assists), each mark worker counted once', ...(t.mmu.goToolTrace ? [`go tool trace shows MMU 10 ms ${pct(t.mmu.goToolTrace.at['10ms'])}: ${t.mmu.goToolTrace.why}`] : [])],
      anchor: { analysis: 'trace', chart: 'mmu' },
    });
  }

  if (sec > 0.05 && t.gcCycles.count / sec > 10) {
    out.push({
      rule: 'trace.gc-frequent',
      severity: t.gcCycles.count / sec > 50 ? 'warning' : 'info',
      title: `The GC ran ${(t.gcCycles.count / sec).toFixed(0)} times per second`,
      detail: `The heap goal peaked at ${mib(t.heap.peakGoalBytes ?? 0)}; with a small live heap the GC restarts every few MB of allocation. If the container has memory to spare, raise GOGC or set GOMEMLIMIT so the goal grows.`,
      evidence: [`${t.gcCycles.count} cycles in ${sec.toFixed(2)} s`, `peak heap ${mib(t.heap.peakAllocBytes ?? 0)}, peak goal ${mib(t.heap.peakGoalBytes ?? 0)}`],
      anchor: { analysis: 'trace', chart: 'heap' },
    });
  }

  const procs = t.gomaxprocs.length ? t.gomaxprocs[t.gomaxprocs.length - 1].value : 0;
  if (procs > 0 && t.durationNs > 0 && t.gcCycles.assistNs / (t.durationNs * procs) > 0.05) {
    out.push({
      rule: 'trace.assists',
      severity: 'warning',
      title: 'Goroutines spend much of their time helping the GC (mark assists)',
      detail: 'Allocation outpaces the background GC workers, so allocating goroutines are made to mark. Reduce allocation in the hot path or give the GC more headroom (GOGC/GOMEMLIMIT).',
      evidence: [`${ms(t.gcCycles.assistNs)} in assists over ${sec.toFixed(2)} s × ${procs} Ps (${pct(t.gcCycles.assistNs / (t.durationNs * procs))})`],
      anchor: { analysis: 'trace', chart: 'gc' },
    });
  }

  const p99 = t.schedLatency.p99Ns;
  if (p99 !== null && p99 >= 5e6) {
    out.push({
      rule: 'trace.sched-latency',
      severity: p99 >= 50e6 ? 'critical' : 'warning',
      // p99 is not the longest wait (the evidence gives that): 1 wait in 100 took this long or longer.
      title: `1 in 100 waits of a runnable goroutine for a CPU took ${ms(p99)} or more (p99)`,
      detail: `Goroutines were ready but no P was free. With GOMAXPROCS=${procs || '?'}, either the work needs more CPUs than the container's limit, or GOMAXPROCS is above the CPU quota and the kernel throttles the process. Match GOMAXPROCS to the CPU limit (Go 1.25+ does it by default) and look at CPU throttling.`,
      evidence: [`p50 ${ms(t.schedLatency.p50Ns ?? 0)}, p99 ${ms(p99)}, max ${ms(t.schedLatency.maxNs ?? 0)} over ${t.schedLatency.count} starts`],
      anchor: { analysis: 'trace', chart: 'sched' },
    });
  }

  const top = t.blocking.byReason[0];
  if (top && t.durationNs > 0) {
    out.push({
      rule: 'trace.blocking',
      severity: 'info',
      title: `Most blocked time: ${top.reason} (${ms(top.totalNs)} over all goroutines)`,
      detail: 'Blocked time is summed over goroutines, so it can exceed the trace length; the stacks in the blocking table show where it happens.',
      evidence: t.blocking.byReason.slice(0, 4).map((r) => `${r.reason}: ${ms(r.totalNs)} in ${r.count} waits`),
      anchor: { analysis: 'trace', chart: 'blocking' },
    });
  }

  if (t.gcCollector?.collector === 'classic') {
    out.push({ rule: 'go.classic-gc', severity: 'info', title: 'Traced with the classic garbage collector', detail: CLASSIC_REMEASURE, evidence: [t.gcCollector.how], anchor: { analysis: 'trace' } });
  }
  if (gc.forced > 0) out.push(forcedFinding(gc, `${gc.forced} of ${t.gcCycles.count} GC cycles began on a stack holding runtime.GC (gctrace marks these "(forced)")`));
  return out;
}
