// Not enough CPU for the work: every P busy with goroutines queued behind it,
// so runnable goroutines wait for a turn (scheduler latency), while GOMAXPROCS
// matches the CPU the process gets.

import type { Facts } from '../facts';
import { cause, coresText, ev, pct, type CauseRule } from './rule';

export const cpuSaturated: CauseRule = {
  id: 'cpu-saturated',
  evaluate(f: Facts) {
    const s = f.sched?.sched;
    const G = f.gomaxprocs?.value;
    const pro = [];
    const con = [];
    let conf = 0;
    if (s && G && f.runQueue && s.saturatedSamplesPercent >= 50 && f.runQueue.value / G >= 2) {
      conf += 0.5;
      pro.push(ev(f.sched, `every P busy with goroutines queued in ${pct(s.saturatedSamplesPercent / 100)} of schedtrace samples`, { analysis: 'sched', chart: 'runqueue' }));
      pro.push(ev(f.runQueue, `${f.runQueue.value.toFixed(0)} goroutines waiting in run queues on average, for ${G} P${G === 1 ? '' : 's'}`));
    }
    const tr = f.trace;
    const rq = tr?.t.goroutines.runnable;
    if (conf === 0 && tr && G && rq && rq.length) {
      const mean = rq.reduce((a, b) => a + b, 0) / rq.length;
      if (mean / G >= 2) {
        conf += 0.4;
        pro.push(ev({ src: tr.src, anchor: { analysis: 'trace' } }, `${mean.toFixed(0)} goroutines runnable on average during the trace, for ${G} P${G === 1 ? '' : 's'}`));
      }
    }
    const p99 = tr?.t.schedLatency.p99Ns;
    if (tr && p99 != null) {
      if (p99 >= 10e6) {
        conf += conf > 0 ? 0.2 : 0.15;
        pro.push(ev({ src: tr.src, anchor: { analysis: 'trace' } }, `1 in 100 waits of a runnable goroutine for a CPU took ${(p99 / 1e6).toFixed(0)} ms or more (p99)`));
      } else if (p99 < 1e6) {
        conf -= 0.2;
        con.push(ev({ src: tr.src, anchor: { analysis: 'trace' } }, `runnable goroutines got a CPU within ${(p99 / 1e6).toFixed(2)} ms (p99)`));
      }
    }
    if (conf <= 0.15) return null;
    const L = f.cpuLimit?.value;
    const C = f.coresUsed?.value;
    if (L !== undefined && C !== undefined && C >= 0.85 * L) pro.push(ev(f.coresUsed, `${coresText(C)} used of a ${coresText(L)} limit`));
    const B = f.busyPs?.value;
    if (G !== undefined && C !== undefined && B !== undefined && B >= 2 * C && B >= C + 1) {
      conf -= 0.3;
      con.push(ev(f.coresUsed, `the Ps get only ${coresText(C)}: GOMAXPROCS above the CPU explains the queues better`));
    }
    const gc = f.gcShare;
    if (gc && gc.value >= 0.25) {
      conf -= 0.2;
      con.push(ev(gc, `the GC takes ${pct(gc.value)} of the CPU: the collector competes for it`));
    }
    return cause({
      id: 'cpu-saturated',
      title: 'The CPU is saturated: goroutines queue for a P',
      confidence: conf,
      summary: `Every P is busy and goroutines wait in the run queues${p99 != null && p99 >= 10e6 ? ` up to ${(p99 / 1e6).toFixed(0)} ms` : ''}: the process has more CPU-bound work than the ${G ?? '?'} P${G === 1 ? '' : 's'} it has can run.`,
      change: `Give it more CPU (raise the CPU limit${L !== undefined ? ` above ${coresText(L)}` : ''} and GOMAXPROCS with it), or do less CPU work per request and start fewer CPU-bound goroutines at once.`,
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};
