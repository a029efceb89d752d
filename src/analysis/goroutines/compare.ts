// Two dumps of the same service: groups matched by stack and sorted by growth.
// Pure, over two report analyses, so the UI can call it for any two inputs or
// sessions.

import type { DumpComparison, GoroutineGroup, GoroutinesAnalysis, GroupGrowth } from './types';

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
