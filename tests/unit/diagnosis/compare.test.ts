// Compare knows what changed: two runs of the same service that differ only in
// GOMAXPROCS (8 → 1 on one CPU) put GOMAXPROCS first and never call gctrace's
// GC CPU % "better" or "worse" (it is a share of GOMAXPROCS).

import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../src/report/compare';
import { scenarioReport } from '../../../scripts/scenarios';

describe('compare with settings', () => {
  it('GOMAXPROCS 8 → 1: the setting row first, GC CPU only "changed"', () => {
    const cmp = compareReports(scenarioReport('gomaxprocs-high'), scenarioReport('gomaxprocs-matched'));
    expect(cmp.settings[0]).toEqual({ label: 'GOMAXPROCS', a: '8', b: '1', direction: 'changed' });
    expect(cmp.settings.filter((s) => s.direction === 'changed').map((s) => s.label)).toEqual(['GOMAXPROCS']);
    const gcCpu = cmp.metrics.find((m) => m.label === 'GC CPU')!;
    expect(['changed', 'same']).toContain(gcCpu.direction);
    expect(cmp.metrics.find((m) => m.label === 'CPU used (cores)')!.direction).not.toMatch(/better|worse/);
    expect(cmp.metrics.find((m) => m.label === 'GC share of CPU used')).toBeDefined();
    expect(cmp.notes.join(' ')).toContain('GOMAXPROCS changed');
    expect(cmp.causes.a).toContain('GOMAXPROCS (8)');
  });

  it('same settings: GC CPU is judged as before', () => {
    const cmp = compareReports(scenarioReport('healthy-pool'), scenarioReport('healthy-pool'));
    expect(cmp.settings.every((s) => s.direction !== 'changed')).toBe(true);
    expect(cmp.metrics.find((m) => m.label === 'GC CPU')!.direction).toBe('same');
    expect(cmp.notes).toEqual([]);
  });
});
