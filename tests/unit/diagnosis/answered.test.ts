// A question one input leaves open, answered by another input of the session:
// "a leak only if the count grows between dumps" beside a second dump, and "Go
// follows the CPU limit only when built with Go 1.25+" beside the process's own
// GOMAXPROCS. Each answer is checked against the inputs' own figures.

import { describe, expect, it } from 'vitest';
import { scenarioReport } from '../../../scripts/scenarios';
import { compareDumps } from '../../../src/analysis/goroutines/compare';

describe('findings another input answers', () => {
  it('healthy-pool: the 500 waiting workers are in both dumps, said not to grow, not "a leak only if…"', () => {
    const r = scenarioReport('healthy-pool');
    const dumps = r.inputs.filter((i) => i.goroutines && !i.goroutines.leakDetection);
    expect(dumps).toHaveLength(2);
    const row = compareDumps(dumps[0].goroutines!, dumps[1].goroutines!).groups.find((g) => g.function === 'main.startFault.func2')!;
    expect(row.after).toBeLessThanOrEqual(row.before);
    const f = r.findings.find((x) => x.subject === 'main.startFault.func2')!;
    expect(f.title).toBe(`${row.after} goroutines wait at the same place (main.startFault.func2), in chan receive: ${row.before} in ${dumps[0].name}, ${row.after} in ${dumps[1].name}, not growing`);
    expect(r.findings.filter((x) => /a leak only if the count grows between dumps/.test(x.title))).toEqual([]);
  });

  it('a session with one dump keeps the question open', () => {
    const r = scenarioReport('healthy-pool', (f) => f === 'goroutines-1.txt.gz');
    expect(r.findings.find((x) => x.subject === 'main.startFault.func2')!.title).toMatch(/a leak only if the count grows between dumps$/);
  });

  it('a stack that rose a little between the dumps: the counts, and the question left open for later dumps', () => {
    const r = scenarioReport('mutex-contention');
    const f = r.findings.find((x) => x.rule === 'goroutines.lock-wait')!;
    expect(f.title).toMatch(/: 0 in goroutines-1\.txt\.gz, \d+ in goroutines-2\.txt\.gz: a leak only if it keeps growing in later dumps$/);
    expect(f.title).not.toMatch(/not growing/);
  });

  it('the leaking stack of goroutine-leak is not said to be steady', () => {
    const r = scenarioReport('goroutine-leak');
    expect(r.findings.filter((x) => /not growing/.test(x.title) && x.subject?.startsWith('main.startFault.func8'))).toEqual([]);
  });

  it('a Deployment CPU limit beside the GOMAXPROCS the process reports', () => {
    const r = scenarioReport('heap-leak');
    const f = r.findings.find((x) => x.rule === 'config.gomaxprocs.not-container-aware')!;
    const seen = r.diagnosis!.settings.find((s) => s.name === 'GOMAXPROCS')!;
    const limit = r.diagnosis!.settings.find((s) => s.name === 'CPU limit')!;
    expect(Number(seen.value)).toBeLessThanOrEqual(Math.max(2, Math.ceil(Number(limit.value))));
    expect(f.title).toBe(`CPU limit ${limit.value}: the process runs with GOMAXPROCS ${seen.value} (go_sched_gomaxprocs_threads in metrics.txt.gz), within it`);
    // Without the process's figure the question stays.
    const alone = scenarioReport('heap-leak', (x) => x === 'deployment.yaml');
    expect(alone.findings.find((x) => x.rule === 'config.gomaxprocs.not-container-aware')!.title).toMatch(/Go follows it only when built with Go 1\.25\+/);
  });
});
