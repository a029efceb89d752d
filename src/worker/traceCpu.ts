// Worker methods that let a saved session keep a trace's CPU samples as small
// tables (src/analysis/gotrace/cpuTables.ts) and rebuild the trace's CPU
// profile from them after reopening, without reading the trace again.

import { traceCpuProfile } from '../analysis/gotrace/cpuProfile';
import { traceCpuProfileId } from '../analysis/gotrace/cpuProfileId';
import { checkCpuTables, cpuTablesOf, type CpuTables } from '../analysis/gotrace/cpuTables';
import type { GoTraceModel } from '../analysis/gotrace/model';
import { models } from './models';

const isTrace = (m: unknown): m is GoTraceModel => typeof m === 'object' && m !== null && 'collected' in m && 'cpu' in m;

export const traceCpuApi = {
  /** The CPU samples of a parsed trace as tables to store (null: not a trace, no samples, or over the caps). */
  traceCpuTables(id: string): CpuTables | null {
    const m = models.get(id);
    if (!isTrace(m)) return null;
    const c = m.collected;
    return cpuTablesOf(m.cpu, c.events === 0 ? 0 : c.lastTime - c.firstTime);
  },
  /**
   * Rebuilds the trace's CPU profile from stored tables (untrusted: checked
   * first) and keeps it as the trace's derived model. False when the tables
   * are of another layout or describe no samples; throws when they are damaged.
   */
  restoreTraceCpu(id: string, tables: unknown): boolean {
    const t = checkCpuTables(tables);
    const p = t && traceCpuProfile(t.samples, t.durationNs);
    if (!p) return false;
    models.set(traceCpuProfileId(id), p);
    return true;
  },
};
