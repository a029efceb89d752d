// Plain-English conclusions from the sched analysis. Thresholds are written in
// the text so a reader can judge them.

import type { SchedTraceModel } from '../../formats/godebug/schedtrace';
import type { Finding } from '../finding';
import { NONE } from '../../formats/godebug/cursor';
import type { SchedAnalysis } from './types';

const pct = (x: number) => `${Math.round(x)}%`;
const sec = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

/** Index of the first sample where `key` is largest. */
function argmax(n: number, key: (i: number) => number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (key(i) > key(best)) best = i;
  return best;
}

export function schedFindings(s: SchedAnalysis, m: SchedTraceModel): Finding[] {
  const out: Finding[] = [];
  const n = m.tMs.length;
  const maxProcs = Math.max(...s.gomaxprocs);
  const enough = n >= 3;

  // Threads far above GOMAXPROCS: goroutines blocked in syscalls or cgo hold threads.
  if (s.maxThreads >= 4 * maxProcs && s.maxThreads >= maxProcs + 16) {
    const i = argmax(n, (k) => m.threads[k]);
    out.push({
      rule: 'sched.threads-high',
      severity: s.maxThreads >= 1000 ? 'critical' : 'warning',
      title: `${s.maxThreads} OS threads for GOMAXPROCS=${m.gomaxprocs[i]}: goroutines block in system calls or cgo`,
      detail:
        'Go runs goroutines on GOMAXPROCS threads; every goroutine blocked in a system call, a cgo call or LockOSThread takes another thread. Many threads mean blocking file or network I/O outside the netpoller, cgo, or locked threads. They cost memory (a stack each) and count against the 10000-thread limit. Find the blocking calls (goroutine dump: goroutines in "syscall").',
      evidence: [
        `threads=${m.threads[i]} at ${sec(m.tMs[i])} (line ${m.lineNo[i]}), gomaxprocs=${m.gomaxprocs[i]}`,
        ...(m.idlethreads[i] !== NONE ? [`idlethreads=${m.idlethreads[i]} in that sample`] : []),
        `${s.samples} samples every ${s.intervalMs ?? '?'} ms`,
      ],
      anchor: { analysis: 'sched', chart: 'threads', index: i, timeSec: m.tMs[i] / 1000 },
    });
  }

  // Runnable goroutines waiting with every P busy, across most samples.
  if (enough && s.saturatedSamplesPercent >= 50) {
    const i = argmax(n, (k) => Math.max(0, m.runqueue[k]));
    out.push({
      rule: 'sched.runqueue-high',
      severity: s.saturatedSamplesPercent >= 80 ? 'warning' : 'info',
      title: `Run queues stay full: all Ps busy with goroutines waiting in ${pct(s.saturatedSamplesPercent)} of samples`,
      detail:
        'Runnable goroutines wait for a P in most samples, so the process is CPU-bound and latency includes queueing. If the container may use more CPUs than GOMAXPROCS, raise GOMAXPROCS to the CPU limit; if GOMAXPROCS already equals the limit, the service needs more CPU or less work per request.',
      evidence: [
        `global run queue up to ${s.maxGlobalRunqueue ?? 0} (mean ${s.meanGlobalRunqueue ?? 0}), largest sum of local run queues ${s.maxLocalRunqueue}`,
        `idleprocs=0 with queued goroutines in ${Math.round((s.saturatedSamplesPercent * n) / 100)} of ${n} samples`,
        `GOMAXPROCS ${s.gomaxprocs.join(', ')}`,
        `peak: runqueue=${m.runqueue[i]} at ${sec(m.tMs[i])} (line ${m.lineNo[i]})`,
      ],
      anchor: { analysis: 'sched', chart: 'runqueue', index: i, timeSec: m.tMs[i] / 1000 },
    });
  }

  // Idle Ps in almost every sample: GOMAXPROCS larger than the work (or the CPU limit).
  if (enough && s.idleProcsSamplesPercent !== null && s.idleProcsSamplesPercent >= 90 && s.maxBusyProcs !== null && maxProcs >= 4 && s.maxBusyProcs <= maxProcs / 2) {
    const over = maxProcs >= 4 * Math.max(1, s.maxBusyProcs);
    out.push({
      rule: 'sched.idle-procs',
      severity: over ? 'warning' : 'info',
      title: `GOMAXPROCS=${maxProcs} but at most ${s.maxBusyProcs} Ps were busy; idle Ps in ${pct(s.idleProcsSamplesPercent)} of samples`,
      detail:
        'Most Ps sit idle in almost every sample. When GOMAXPROCS is above the CPUs the container may use (e.g. the node\'s core count under a smaller CPU limit), the runtime runs more threads than it gets CPU for: the kernel throttles them, GC and scheduler work spreads over more Ps than useful, and pauses grow. Set GOMAXPROCS to the CPU limit (Go 1.25+ does this from the cgroup limit by default).',
      evidence: [
        `gomaxprocs=${s.gomaxprocs.join(', ')}, busy Ps max ${s.maxBusyProcs}, mean ${s.meanBusyProcs ?? 0}`,
        `idleprocs min ${s.minIdleProcs}, mean ${s.meanIdleProcs}, max ${s.maxIdleProcs}`,
        `idle Ps in ${pct(s.idleProcsSamplesPercent)} of ${n} samples`,
        ...(s.maxSpinning !== null ? [`spinning threads up to ${s.maxSpinning}`] : []),
      ],
      anchor: { analysis: 'sched', chart: 'threads' },
    });
  }

  // Spinning threads in many samples.
  if (enough && s.spinningSamplesPercent !== null && s.spinningSamplesPercent >= 50 && (s.maxSpinning ?? 0) > 0) {
    out.push({
      rule: 'sched.spinning',
      severity: 'info',
      title: `Threads spin looking for work in ${pct(s.spinningSamplesPercent)} of samples`,
      detail:
        'A spinning thread burns CPU polling run queues before it parks. Frequent spinning comes with bursty, short work spread over many Ps; it is harmless on spare cores, but under a CPU limit it uses quota the program could run on. A GOMAXPROCS closer to the CPU limit reduces it.',
      evidence: [
        `spinningthreads up to ${s.maxSpinning}, > 0 in ${pct(s.spinningSamplesPercent)} of ${n} samples`,
        `GOMAXPROCS ${s.gomaxprocs.join(', ')}, idle Ps mean ${s.meanIdleProcs ?? '?'}`,
      ],
      anchor: { analysis: 'sched', chart: 'threads' },
    });
  }

  // A P held by one goroutine across samples (no reschedule).
  const held = s.anomalies.find((a) => a.kind === 'p-running' && a.samples >= 3);
  if (held) {
    out.push({
      rule: 'sched.p-held',
      severity: 'info',
      title: `P${held.id} ran one goroutine without rescheduling for ${Math.round(held.toMs - held.fromMs)} ms`,
      detail:
        'Its schedtick did not change across consecutive scheddetail samples, so the same goroutine kept the P: a long tight loop that asynchronous preemption could not interrupt, or a goroutine that never blocks. Other goroutines on that P wait meanwhile.',
      evidence: [`schedtick unchanged in ${held.samples} samples, ${sec(held.fromMs)}–${sec(held.toMs)} (from line ${held.line})`],
      anchor: { analysis: 'sched', chart: 'heatmap', timeSec: held.fromMs / 1000 },
    });
  }
  return out;
}
