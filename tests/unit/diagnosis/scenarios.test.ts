// Every labelled scenario (real runs of tools/fixtures/scenarios) gets its label
// as the primary cause; healthy runs get their verdict (healthy, or insufficient
// where the session cannot tell yet) and no warning.

import { describe, expect, it } from 'vitest';
import { QUIET_LABELS, scenarioLabel, scenarioNames, scenarioReport } from '../../../scripts/scenarios';

describe('labelled scenarios', () => {
  const names = scenarioNames();
  it('there are scenarios for every cause and at least two healthy runs', () => {
    const labels = names.map(scenarioLabel);
    expect(labels.filter((l) => l === 'healthy').length).toBeGreaterThanOrEqual(2);
    expect(new Set(labels.filter((l) => !QUIET_LABELS.includes(l))).size).toBeGreaterThanOrEqual(9);
  });
  for (const name of names) {
    const label = scenarioLabel(name);
    it(`${name}: ${label}`, () => {
      const r = scenarioReport(name);
      const d = r.diagnosis!;
      expect(r.inputs.filter((i) => i.error)).toEqual([]);
      if (QUIET_LABELS.includes(label)) {
        expect(d.verdict).toBe(label);
        expect(d.causes.filter((c) => c.confidence >= 0.5)).toEqual([]);
        expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.title}`)).toEqual([]);
      } else {
        expect(d.verdict).toBe('problem');
        expect(d.causes[0].id).toBe(label);
        expect(d.causes[0].evidenceFor.length).toBeGreaterThan(0);
        expect(d.story).toContain(d.causes[0].change);
      }
    });
  }
});
