// Threads blocked in system calls (or cgo): each blocked call holds an OS thread,
// and the runtime starts new ones to keep GOMAXPROCS Ps running.

import type { Facts } from '../facts';
import { cause, ev, type CauseRule } from './rule';

export const syscallThreads: CauseRule = {
  id: 'syscall-threads',
  evaluate(f: Facts) {
    const t = f.threads;
    const G = f.gomaxprocs?.value ?? 1;
    if (!t) return fromTraceOnly(f, G);
    if (t.value < Math.max(50, 10 * G)) return null;
    const pro = [ev(t, `${t.value} OS threads for GOMAXPROCS ${G}`)];
    let conf = 0.5;
    let where: string | undefined;
    const d = f.dumps[f.dumps.length - 1];
    if (d) {
      const inSys = d.g.groups.filter((g) => g.state === 'syscall');
      const n = inSys.reduce((a, g) => a + g.count, 0);
      if (n >= 0.3 * t.value) {
        conf += 0.25;
        where = inSys[0].function;
        pro.push(ev({ src: d.src, anchor: { analysis: 'goroutines', chart: 'groups', index: inSys[0].index } }, `${n} goroutines in a system call (${inSys[0].function})`));
      }
    }
    const tr = f.trace;
    const sys = tr?.t.blocking.byReason.find((r) => r.reason === 'syscall');
    if (tr && sys && tr.t.durationNs > 0 && sys.totalNs / tr.t.durationNs >= 10) {
      conf += 0.15;
      pro.push(ev({ src: tr.src, anchor: { analysis: 'trace' } }, `on average ${(sys.totalNs / tr.t.durationNs).toFixed(0)} goroutines in system calls during the trace`));
    }
    if (f.cgo?.value) pro.push(ev(f.cgo, 'the build uses cgo (each C call in progress holds a thread too)'));
    return cause({
      id: 'syscall-threads',
      title: `${t.value} OS threads: goroutines are blocked in system calls${where ? ` (${where})` : ''}`,
      confidence: conf,
      summary: `Each goroutine blocked in a system call or cgo call holds an OS thread, so the process runs ${t.value} threads for ${G} Ps; every thread costs memory (stack, kernel) and the default limit is 10,000 before the program crashes.`,
      change: `Bound the number of blocking calls in flight (a semaphore or worker pool sized to the work)${where ? ` around ${where}` : ''}; prefer non-blocking APIs (network I/O goes through the poller and holds no thread).`,
      evidenceFor: pro,
      evidenceAgainst: [],
    });
  },
};

/** Only a trace: goroutines in system calls, each of which holds a thread. */
function fromTraceOnly(f: Facts, G: number) {
  const tr = f.trace;
  const sys = tr?.t.blocking.byReason.find((r) => r.reason === 'syscall');
  if (!tr || !sys || tr.t.durationNs <= 0) return null;
  const avg = sys.totalNs / tr.t.durationNs;
  if (avg < Math.max(50, 10 * G)) return null;
  return cause({
    id: 'syscall-threads',
    title: `About ${avg.toFixed(0)} goroutines sit in blocking system calls, each holding an OS thread`,
    confidence: 0.5,
    summary: `During the trace ${avg.toFixed(0)} goroutines were in system calls at any time on average, for ${G} P${G === 1 ? '' : 's'}: each one holds an OS thread, so the process runs hundreds of threads.`,
    change: 'Bound the number of blocking calls in flight (a semaphore or worker pool sized to the work); prefer non-blocking APIs (network I/O goes through the poller and holds no thread).',
    evidenceFor: [ev({ src: tr.src, anchor: { analysis: 'trace' } }, `on average ${avg.toFixed(0)} goroutines in system calls during the trace`)],
    evidenceAgainst: [ev(undefined, 'the thread count itself is not in the session (schedtrace or go_threads would show it)')],
  });
}
