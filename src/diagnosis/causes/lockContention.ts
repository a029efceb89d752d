// Mutex contention: goroutines queue for one lock instead of working. Seen in an
// execution trace (time blocked on sync), goroutine dumps (many waiting in
// Mutex.Lock) and mutex/block profiles (delay at sync.Mutex call sites).

import type { Facts } from '../facts';
import { cause, ev, pct, type CauseRule } from './rule';

const LOCK_STATES = new Set(['sync.Mutex.Lock', 'sync.RWMutex.Lock', 'sync.RWMutex.RLock', 'semacquire']);
const SYNC_FN = /^sync\.\(\*(RW)?Mutex\)\./;

export const lockContention: CauseRule = {
  id: 'lock-contention',
  evaluate(f: Facts) {
    const pro = [];
    const con = [];
    let conf = 0;
    let where: string | undefined;
    const tr = f.trace;
    if (tr && tr.t.durationNs > 0) {
      const sync = tr.t.blocking.byReason.find((r) => r.reason === 'sync');
      const avg = sync ? sync.totalNs / tr.t.durationNs : 0;
      if (avg >= 1) {
        conf += 0.4 + Math.min(0.2, avg / 40);
        const st = tr.t.blocking.byStack.find((r) => r.reason === 'sync');
        // The program's own frame (main or a module path) where there is one, else the first caller outside sync/runtime.
        const callers = st?.stack.filter((s) => !s.startsWith('sync.') && !s.startsWith('runtime.') && !s.startsWith('internal/')) ?? [];
        where = callers.find((s) => s.startsWith('main.') || /^[^/]+\.[^/]+\//.test(s)) ?? callers[0];
        pro.push(ev({ src: tr.src, anchor: { analysis: 'trace' } }, `on average ${avg.toFixed(1)} goroutines blocked on locks during the trace`));
      } else if (avg < 0.1) {
        conf -= 0.2;
        con.push(ev({ src: tr.src, anchor: { analysis: 'trace' } }, 'the trace shows little time blocked on locks'));
      }
    }
    for (const d of f.dumps.slice(-1)) {
      const waiting = d.g.groups.filter((g) => LOCK_STATES.has(g.state));
      const n = waiting.reduce((a, g) => a + g.count, 0);
      if (n >= 4 && n >= 0.3 * d.g.total) {
        conf += 0.3;
        where ??= waiting[0].function;
        pro.push(ev({ src: d.src, anchor: { analysis: 'goroutines', chart: 'groups', index: waiting[0].index } }, `${n} of ${d.g.total} goroutines wait for a lock (${waiting[0].function})`));
      }
    }
    for (const c of f.contention) {
      const top = c.profile.top.find((r) => r.flat > 0);
      const di = c.profile.sampleTypes.findIndex((t) => t.type === 'delay');
      const total = di >= 0 ? c.profile.totals[di] : 0;
      if (top && SYNC_FN.test(top.name) && total >= 1e9) {
        conf += 0.15;
        pro.push(ev({ src: c.src, anchor: { analysis: 'profile' } }, `${top.name}: ${(top.flat / 1e9).toFixed(1)} s of ${(total / 1e9).toFixed(1)} s waiting (${pct(top.flat / total)})`));
        break;
      }
    }
    if (conf <= 0.15) return null;
    return cause({
      id: 'lock-contention',
      title: `Goroutines queue for a lock${where ? ` in ${where}` : ''}`,
      confidence: conf,
      summary: `Much of the time goroutines wait for one mutex${where ? ` taken in ${where}` : ''} instead of running: adding CPU or GOMAXPROCS will not help.`,
      change: 'Hold the lock for less time (compute outside it, copy then unlock), shard the data behind several locks, or use sync.RWMutex / atomic values for read-mostly state.',
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};
