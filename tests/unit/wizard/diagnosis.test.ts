// The wizard starts from the session diagnosis: a limit-bound run with no
// Deployment gets a memory limit proposed above its live heap and a note to
// raise GOMEMLIMIT; what Kubernetes rejects is never emitted; the Go code
// compiles for the Go version chosen.

import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseMemoryBytes } from '../../../src/rules/quantity';
import { prefillFromReport } from '../../../src/wizard/prefill';
import { DEFAULT_SETTINGS } from '../../../src/wizard/types';
import { runWizard } from '../../../src/wizard/wizard';
import { scenarioReport } from '../../../scripts/scenarios';

const helm = (r: ReturnType<typeof runWizard>) => YAML.parse(r.blocks.find((b) => b.id === 'helm')!.text);

describe('wizard from the diagnosis', () => {
  it('GOMEMLIMIT below the live heap, no Deployment: proposes a memory limit above the live heap and says to raise GOMEMLIMIT', () => {
    const report = scenarioReport('memlimit-below-live', (f) => f !== 'deployment.yaml');
    const live = report.diagnosis!.resources.find((r) => r.name === 'live heap')!.value;
    const { settings, provenance } = prefillFromReport(DEFAULT_SETTINGS, report);
    expect(provenance.memoryLimit).toMatch(/^proposed: live heap/);
    const limit = parseMemoryBytes(settings.memoryLimit) as number;
    expect(limit).toBeGreaterThan(2 * live);
    expect(settings.sessionGomemlimitBytes).toBe(100 * 1048576);
    const r = runWizard(settings);
    const note = r.plan.notes.find((n) => n.id === 'gomemlimit.session-below-live')!;
    expect(note.level).toBe('critical');
    expect(note.title).toMatch(/^Your GOMEMLIMIT \(100 MiB\) is below the live heap .*: raise it to \d+MiB$/);
    expect(r.plan.gomemlimit!.bytes).toBeGreaterThan(live);
    const values = helm(r);
    expect(values.resources.limits.memory).toBe(settings.memoryLimit);
    expect(JSON.stringify(values.env)).toContain(r.plan.gomemlimit!.text);
  });

  it('the Go version comes from go_info when the session has one, and is marked a guess from a trace alone', () => {
    const seen = prefillFromReport(DEFAULT_SETTINGS, scenarioReport('goroutine-leak'));
    expect(seen.settings.goVersion).toBe('1.27.3');
    expect(seen.provenance.goVersion).not.toMatch(/guess/);
    const traceOnly = prefillFromReport(DEFAULT_SETTINGS, scenarioReport('goroutine-leak', (f) => f === 'trace.out.gz'));
    expect(traceOnly.settings.goVersion).toBe('1.26');
    expect(traceOnly.provenance.goVersion).toMatch(/^a guess from trace\.out\.gz/);
  });

  it('a request above its limit is never emitted', () => {
    const r = runWizard({ ...DEFAULT_SETTINGS, memoryRequest: '2Gi', memoryLimit: '1Gi', cpuRequest: '2', cpuLimit: '1' });
    expect(r.plan.errors.memoryRequest).toMatch(/Kubernetes rejects/);
    let checked = 0;
    for (const b of r.blocks.filter((x) => x.language === 'yaml')) {
      const y = YAML.parse(b.text);
      const res = y.resources ?? y.containers?.[0]?.resources ?? y.spec?.template?.spec?.containers?.[0]?.resources;
      if (!res) continue;
      checked++;
      expect(parseMemoryBytes(res.requests.memory) as number).toBeLessThanOrEqual(parseMemoryBytes(res.limits.memory) as number);
      expect(res.requests.cpu).toBe('1');
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('Go code for Go 1.18 has no debug.SetMemoryLimit (added in 1.19) and no unused import', () => {
    const old = runWizard({ ...DEFAULT_SETTINGS, goVersion: '1.18', goModVersion: '1.18', memoryLimit: '1Gi' }).blocks.find((b) => b.id === 'go')!.text;
    expect(old).not.toContain('SetMemoryLimit');
    expect(old).not.toContain('runtime/debug');
    const cur = runWizard({ ...DEFAULT_SETTINGS, goVersion: '1.19', goModVersion: '1.19', memoryLimit: '1Gi' }).blocks.find((b) => b.id === 'go')!.text;
    expect(cur).toContain('debug.SetMemoryLimit(');
    expect(cur).toContain('"runtime/debug"');
  });
});
