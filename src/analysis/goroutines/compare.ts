// Two dumps of the same service: groups matched by stack and sorted by growth.
// Pure, over two report analyses, so the UI can call it for any two inputs or
// sessions.

import type { DumpComparison, GoroutineGroup, GoroutinesAnalysis, GroupGrowth } from './types';
import { isStdFunc } from '../goStdlib';

/** Functions of the program itself seen in a dump: not the standard library, not main.main (every program has one). */
function programFuncs(a: GoroutinesAnalysis): Set<string> {
  const s = new Set<string>();
  const add = (f: string | undefined) => {
    if (f && !isStdFunc(f) && f !== 'main.main' && f !== 'main.init') s.add(f);
  };
  for (const g of a.groups) {
    for (const f of g.stack) if (!f.runtime) add(f.func);
    add(g.createdBy);
  }
  for (const f of a.crash?.stack ?? []) if (!f.runtime) add(f.func);
  return s;
}

/**
 * Why two dumps do not look like the same program, or undefined when they
 * may be: growth between dumps of different binaries (a panic of one tool and
 * a dump of a server) is meaningless. When either dump has no function of its
 * own program (only the runtime and std), there is nothing to tell by.
 */
export function differentPrograms(before: GoroutinesAnalysis, after: GoroutinesAnalysis): string | undefined {
  const a = programFuncs(before);
  const b = programFuncs(after);
  if (a.size === 0 || b.size === 0) return undefined;
  for (const f of a) if (b.has(f)) return undefined;
  const few = (s: Set<string>) => [...s].slice(0, 2).join(', ') + (s.size > 2 ? ', …' : '');
  return `they share no function of the program (${few(a)} in one, ${few(b)} in the other), so they look like dumps of two different programs`;
}

/** Growth of one stack between two dumps that reads as a leak: 50 goroutines or more, and half as many again (or from none). */
export function grewLikeALeak(before: number, after: number): boolean {
  return after - before >= 50 && (before === 0 || after >= 1.5 * before);
}

export function compareDumps(before: GoroutinesAnalysis, after: GoroutinesAnalysis): DumpComparison {
  const rows = new Map<string, GroupGrowth>();
  const add = (g: GoroutineGroup, side: 'before' | 'after') => {
    let r = rows.get(g.matchKey);
    if (!r) {
      r = {
        matchKey: g.matchKey,
        function: g.function,
        location: g.location,
        state: g.state,
        ...(g.createdBy ? { createdBy: g.createdBy } : {}),
        before: 0,
        after: 0,
        delta: 0,
        ratio: null,
        group: g.index,
        inAfter: side === 'after',
      };
      rows.set(g.matchKey, r);
    }
    r[side] += g.count;
  };
  for (const g of after.groups) add(g, 'after');
  for (const g of before.groups) add(g, 'before');
  const groups = [...rows.values()];
  for (const r of groups) {
    // A stack missing from a dump whose small groups were left out of the report may be there uncounted.
    if ((r.before === 0 && before.otherGroups) || (r.after === 0 && after.otherGroups)) r.uncertain = true;
    r.delta = r.after - r.before;
    r.ratio = r.before > 0 ? Math.round((r.after / r.before) * 100) / 100 : null;
  }
  groups.sort((a, b) => b.delta - a.delta || b.after - a.after);
  return { totalBefore: before.total, totalAfter: after.total, groups };
}
