// Each rule of the catalogue on its own: it fires on the scenario made for it
// and on none of the healthy runs.

import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../../src/diagnosis/catalogue';
import { gatherFacts } from '../../../src/diagnosis/facts';
import { QUIET_LABELS, scenarioLabel, scenarioNames, scenarioReport } from '../../../scripts/scenarios';

describe('cause catalogue', () => {
  const names = scenarioNames();
  const healthy = names.filter((n) => QUIET_LABELS.includes(scenarioLabel(n)));
  for (const rule of CAUSES) {
    it(`${rule.id}: fires on its scenario, not on healthy runs`, () => {
      const own = names.filter((n) => scenarioLabel(n) === rule.id);
      expect(own.length).toBeGreaterThan(0);
      for (const n of own) {
        const c = rule.evaluate(gatherFacts(scenarioReport(n).inputs));
        expect(c?.confidence ?? 0, n).toBeGreaterThanOrEqual(0.5);
        for (const e of c!.evidenceFor) expect(e.input, e.text).toMatch(/^in\d+$/);
      }
      for (const n of healthy) {
        const c = rule.evaluate(gatherFacts(scenarioReport(n).inputs));
        expect(c?.confidence ?? 0, n).toBeLessThan(0.5);
      }
    });
  }
});
