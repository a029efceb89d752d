// Every labelled scenario (real runs of tools/fixtures/scenarios) gets its label
// as the primary cause; healthy runs get the healthy verdict and no warning.

import { describe, expect, it } from 'vitest';
import { scenarioLabel, scenarioNames, scenarioReport } from '../../../scripts/scenarios';

describe('labelled scenarios', () => {
  const names = scenarioNames();
  it('there are scenarios for every cause and at least two healthy runs', () => {
    const labels = names.map(scenarioLabel);
    expect(labels.filter((l) => l === 'healthy').length).toBeGreaterThanOrEqual(2);
    expect(new Set(labels.filter((l) => l !== 'healthy')).size).toBeGreaterThanOrEqual(9);
  });
  for (const name of names) {
    const label = scenarioLabel(name);
    it(`${name}: ${label}`, () => {
      const r = scenarioReport(name);
      const d = r.diagnosis!;
      expect(r.inputs.filter((i) => i.error)).toEqual([]);
      if (label === 'healthy') {
        expect(d.verdict).toBe('healthy');
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
