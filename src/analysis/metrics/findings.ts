// Plain-English findings from a metrics analysis, each with its numbers.

import { CLASSIC_REMEASURE } from '../gcCollector';
import { formatBytes } from '../../lib/display';
import type { Finding } from '../finding';
import type { MetricsAnalysis } from './types';
import { msText } from '../../lib/numberText';

const ms = msText;

export function metricsFindings(a: MetricsAnalysis): Finding[] {
  const out: Finding[] = [];
  const anchor = { analysis: 'metrics' };
  if (a.gcCollector?.collector === 'classic') {
    out.push({
      rule: 'go.classic-gc',
      severity: 'info',
      title: 'Measured with the classic garbage collector',
      detail: CLASSIC_REMEASURE,
      evidence: [a.gcCollector.how],
      anchor,
    });
  }
  if (a.gcLimiterEngaged) {
    out.push({
      rule: 'metrics.gc-limiter',
      severity: 'warning',
      title: 'The GC CPU limiter has engaged: the memory limit is too tight',
      detail: 'The runtime capped GC CPU at 50% because the heap kept hitting GOMEMLIMIT. Raise the limit (and the container limit) or lower the live heap.',
      evidence: [`/gc/limiter/last-enabled is non-zero`, a.gomemlimitBytes !== null ? `GOMEMLIMIT ${formatBytes(a.gomemlimitBytes)}` : 'GOMEMLIMIT unknown'],
      anchor,
    });
  }
  if (a.memoryLimitSet === false) {
    out.push({
      rule: 'metrics.no-gomemlimit',
      severity: 'info',
      title: 'GOMEMLIMIT is not set',
      detail: 'Without a soft memory limit the heap may grow to twice the live heap (GOGC=100) before a GC, and the container can be OOM-killed. In a container set GOMEMLIMIT to about 90% of the memory limit.',
      evidence: ['go_gc_gomemlimit_bytes = math.MaxInt64 (no limit)', a.heap.sysBytes !== null ? `Sys ${formatBytes(a.heap.sysBytes)}` : ''].filter(Boolean),
      anchor,
    });
  } else if (a.memoryLimitSet && a.gomemlimitBytes && a.heap.limitControlledBytes !== null) {
    const share = a.heap.limitControlledBytes / a.gomemlimitBytes;
    if (share > 0.9) {
      out.push({
        rule: 'metrics.near-gomemlimit',
        severity: 'warning',
        title: `Memory is at ${(share * 100).toFixed(0)}% of GOMEMLIMIT`,
        detail: 'Close to the soft limit the GC runs more and more often. If this is the steady state, the limit is too low for the live heap.',
        evidence: [`Sys − HeapReleased ${formatBytes(a.heap.limitControlledBytes)}`, `GOMEMLIMIT ${formatBytes(a.gomemlimitBytes)}`],
        anchor,
      });
    }
  }
  if (a.gcCpuPercent !== null && a.gcCpuPercent >= 10) {
    out.push({
      rule: 'metrics.gc-cpu',
      severity: a.gcCpuPercent >= 25 ? 'warning' : 'info',
      // The runtime's figure (/cpu/classes/gc ÷ /cpu/classes/total, or GCCPUFraction) divides by GOMAXPROCS × time since
      // start, not by the CPU the process used: a CPU profile's GC share of the same run is larger when Ps sat idle.
      title: `GC took ${a.gcCpuPercent.toFixed(1)}% of the CPU time GOMAXPROCS allows`,
      detail: 'The runtime counts the CPU time Go may use as GOMAXPROCS × the time since the process started, and this is the GC\'s share of it, as in the gctrace line. Of the CPU the process really used (a CPU profile), the share is larger when Ps were idle. A large GC share means the heap is small relative to the allocation rate. Raise GOGC or GOMEMLIMIT if memory allows, or allocate less.',
      evidence: [`GC CPU ${a.gcCpuPercent.toFixed(1)}% of GOMAXPROCS × time since start`, a.gogcPercent !== null ? `GOGC ${a.gogcPercent}` : ''].filter(Boolean),
      anchor,
    });
  }
  const gcRate = a.rates?.gcPerSec ?? null;
  if (gcRate !== null && gcRate >= 10) {
    out.push({
      rule: 'metrics.gc-frequency',
      severity: gcRate >= 50 ? 'warning' : 'info',
      title: `The GC runs ${gcRate.toFixed(0)} times per second`,
      detail: 'Very frequent cycles each cost two stop-the-world pauses and a share of CPU; a bigger heap target (GOGC, GOMEMLIMIT) spaces them out.',
      evidence: [
        `${gcRate.toFixed(1)} GC/s over ${a.rates!.spanSec.toFixed(1)} s (clock: ${a.rates!.clock})`,
        a.rates!.allocBytesPerSec !== null ? `allocation ${formatBytes(a.rates!.allocBytesPerSec)}/s` : '',
        a.gogcPercent !== null ? `GOGC ${a.gogcPercent}` : '',
      ].filter(Boolean),
      anchor,
    });
  }
  const cores = a.rates?.cpuCores ?? null;
  if (cores !== null && a.gomaxprocs !== null && cores >= 0.9 * a.gomaxprocs) {
    out.push({
      rule: 'metrics.cpu-at-gomaxprocs',
      severity: 'warning',
      title: `The process uses ${cores.toFixed(2)} cores with GOMAXPROCS=${a.gomaxprocs}`,
      detail: 'CPU use is at the GOMAXPROCS ceiling: Go code cannot run on more cores. If the container has more CPU, raise GOMAXPROCS (Go 1.25+ follows the cgroup CPU limit by default).',
      evidence: [`${cores.toFixed(2)} CPU cores (process_cpu_seconds_total rate)`, `GOMAXPROCS ${a.gomaxprocs}`],
      anchor,
    });
  }
  const maxPause = a.pauseRing?.maxMs ?? a.pauseQuantiles?.maxMs ?? null;
  if (maxPause !== null && maxPause >= 10) {
    out.push({
      rule: 'metrics.long-pause',
      severity: maxPause >= 100 ? 'critical' : 'warning',
      title: `A GC stop-the-world pause took ${ms(maxPause)}`,
      detail: 'Pauses this long usually mean the process was starved of CPU (CPU throttling in a container, GOMAXPROCS above the CPU limit) rather than GC work itself.',
      evidence: [
        a.pauseRing ? `PauseNs ring: p50 ${ms(a.pauseRing.p50Ms)}, p99 ${ms(a.pauseRing.p99Ms)}, max ${ms(a.pauseRing.maxMs)} over ${a.pauseRing.count} cycles` : `go_gc_duration_seconds max ${ms(maxPause)} (last ≤256 cycles)`,
      ],
      anchor: { analysis: 'metrics', chart: 'pauses' },
    });
  }
  const lat = a.schedLatency;
  if (lat && lat.p99Sec !== null && lat.p99Sec >= 0.01) {
    out.push({
      rule: 'metrics.sched-latency',
      severity: 'warning',
      title: `1 in 100 waits of a goroutine to be scheduled took ${ms(lat.p99Sec * 1000)} or more (p99)`,
      detail: 'Runnable goroutines wait long for a P: the process is CPU-starved (throttling) or GOMAXPROCS is too low for the load.',
      evidence: [`/sched/latencies p99 ≤ ${ms(lat.p99Sec * 1000)} over ${lat.count} samples`],
      anchor,
    });
  }
  if (a.goroutines !== null && a.goroutines >= 10000) {
    out.push({
      rule: 'metrics.many-goroutines',
      severity: 'info',
      title: `${a.goroutines} goroutines`,
      detail: 'Tens of thousands of goroutines often mean a leak. Take two goroutine dumps a few minutes apart and compare them here.',
      evidence: [`go_goroutines ${a.goroutines}`],
      anchor,
    });
  }
  return out;
}
