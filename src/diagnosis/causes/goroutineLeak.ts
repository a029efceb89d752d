// A goroutine leak: the same stack grows between two dumps, waiting on
// something that will not come. A goroutineleak profile (Go 1.27) is proof:
// the GC found goroutines blocked on objects nothing else can reach.

import { compareDumps, grewLikeALeak } from '../../analysis/goroutines/compare';
import type { Facts } from '../facts';
import { cause, ev, type CauseRule } from './rule';

const ACTIVE = new Set(['running', 'runnable', 'syscall']);

export const goroutineLeak: CauseRule = {
  id: 'goroutine-leak',
  evaluate(f: Facts) {
    const pro = [];
    const con = [];
    let conf = 0;
    let where: string | undefined;
    let advice: string | undefined;
    const lp = f.leakProfile;
    const proven = lp ? lp.profile.totals[0] ?? 0 : 0;
    if (lp && proven > 0) {
      conf += 0.7;
      const fn = lp.profile.goroutines?.[0]?.stack.find((s) => !s.startsWith('runtime.')) ?? lp.profile.top.find((r) => !r.name.startsWith('runtime.'))?.name;
      where = fn;
      pro.push(ev({ src: lp.src, anchor: { analysis: 'profile' } }, `goroutineleak profile: ${proven} goroutines proven leaked${fn ? ` in ${fn}` : ''}`));
    } else if (!lp && f.leakDumps.some((d) => d.g.leakDetection!.leaked > 0)) {
      // The same proof as text (goroutineleak?debug=1 or debug=2).
      const d = f.leakDumps.find((x) => x.g.leakDetection!.leaked > 0)!;
      const n = d.g.leakDetection!.leaked;
      const fn = d.g.groups[d.g.leakDetection!.groups[0]]?.function;
      conf += 0.7;
      where = fn;
      pro.push(ev({ src: d.src, anchor: { analysis: 'goroutines' } }, `goroutineleak profile: ${n} goroutines proven leaked${fn ? ` in ${fn}` : ''}`));
    } else if (lp || f.leakDumps.length) {
      conf -= 0.2;
      con.push(lp ? ev({ src: lp.src, anchor: { analysis: 'profile' } }, 'the goroutineleak profile found no leaked goroutine') : ev({ src: f.leakDumps[0].src, anchor: { analysis: 'goroutines' } }, 'the goroutineleak profile found no leaked goroutine'));
    }
    if (f.dumps.length >= 2) {
      const a = f.dumps[0];
      const b = f.dumps[f.dumps.length - 1];
      const cmp = compareDumps(a.g, b.g);
      const grew = cmp.groups.find((r) => !ACTIVE.has(r.state) && grewLikeALeak(r.before, r.after));
      if (grew) {
        conf += 0.5;
        where ??= grew.function;
        pro.push(ev({ src: b.src, anchor: { analysis: 'goroutines', chart: 'suspects', index: grew.group } }, `${grew.function} (${grew.state}): ${grew.before} → ${grew.after} goroutines between ${a.src.name} and ${b.src.name}`));
        const s = b.g.leakSuspects.find((x) => x.group === grew.group);
        advice = s?.diagnosis?.advice;
      } else {
        conf -= 0.3;
        con.push(ev({ src: b.src, anchor: { analysis: 'goroutines' } }, `no stack grew between the dumps (${cmp.totalBefore} → ${cmp.totalAfter} goroutines)`));
      }
    } else if (f.goroutineProfiles.length >= 2) {
      const a = f.goroutineProfiles[0];
      const b = f.goroutineProfiles[f.goroutineProfiles.length - 1];
      const key = (g: { stack: string[] }) => g.stack.join('|');
      const before = new Map((a.profile.goroutines ?? []).map((g) => [key(g), g.count]));
      const grew = (b.profile.goroutines ?? []).find((g) => g.stack[0] !== 'runtime/pprof.writeGoroutineStacks' && g.count - (before.get(key(g)) ?? 0) >= 50 && g.count >= 1.5 * (before.get(key(g)) ?? 0));
      if (grew) {
        const fn = grew.stack.find((x) => !x.startsWith('runtime.') && !x.startsWith('internal/')) ?? grew.stack[0];
        conf += 0.45;
        where ??= fn;
        pro.push(ev({ src: b.src, anchor: { analysis: 'profile' } }, `${fn}: ${before.get(key(grew)) ?? 0} → ${grew.count} goroutines between ${a.src.name} and ${b.src.name}`));
      } else {
        conf -= 0.3;
        con.push(ev({ src: b.src, anchor: { analysis: 'profile' } }, `no stack grew between the goroutine profiles (${a.profile.totals[0]} → ${b.profile.totals[0]})`));
      }
    } else if (f.dumps.length === 1) {
      const d = f.dumps[0];
      const s = d.g.leakSuspects[0];
      if (s && (s.maxWaitMinutes >= 10 || s.count >= 1000)) {
        conf += s.maxWaitMinutes >= 10 ? 0.35 : 0.2;
        where ??= s.function;
        advice = s.diagnosis?.advice;
        pro.push(ev({ src: d.src, anchor: { analysis: 'goroutines', chart: 'suspects', index: s.group } }, `${s.count} goroutines ${s.state} at ${s.function}${s.maxWaitMinutes ? `, waiting ≥ ${s.maxWaitMinutes} minutes` : ''}`));
        con.push(ev({ src: d.src }, 'one dump cannot show growth: take a second one later'));
      }
    }
    if (conf <= 0) return null;
    return cause({
      id: 'goroutine-leak',
      title: `Goroutines leak${where ? ` in ${where}` : ''}`,
      confidence: conf,
      summary: `Goroutines${where ? ` started for ${where}` : ''} block for ever and accumulate${proven > 0 ? ' (the runtime proved it)' : ''}; each holds its stack and everything it references.`,
      change: advice ?? 'Make every blocked send or receive finish: give result channels a buffer of 1, select on ctx.Done() beside the channel operation, and close channels when the producer is done.',
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};
