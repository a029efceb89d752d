// A user rarely has every artifact: the diagnosis from one kind of input alone,
// where that input can show the cause, and no false alarm on healthy runs from
// any part of them.

import { describe, expect, it } from 'vitest';
import { QUIET_LABELS, scenarioLabel, scenarioNames, scenarioReport } from '../../../scripts/scenarios';

const ONLY: Record<string, (f: string) => boolean> = {
  'godebug log': (f) => f === 'godebug.log.gz',
  'execution trace': (f) => f === 'trace.out.gz',
  'goroutine dumps': (f) => f.startsWith('goroutines-'),
  'pprof profiles': (f) => f.endsWith('.pprof'),
  '/metrics': (f) => f === 'metrics.txt.gz',
};

const CASES: [string, keyof typeof ONLY][] = [
  ['memlimit-below-live', 'godebug log'],
  ['memlimit-below-live', '/metrics'],
  ['gogc-too-low', 'godebug log'],
  ['alloc-hotspot', 'godebug log'],
  ['heap-leak', 'godebug log'],
  ['sched-latency', 'godebug log'],
  ['syscall-blocked', 'godebug log'],
  ['syscall-blocked', 'execution trace'],
  ['mutex-contention', 'execution trace'],
  ['gomaxprocs-high', 'execution trace'],
  ['goroutine-leak', 'goroutine dumps'],
  ['goroutine-leak', 'pprof profiles'],
];

describe('diagnosis from part of a session', () => {
  for (const [name, only] of CASES) {
    it(`${name} from the ${only} alone`, () => {
      const d = scenarioReport(name, ONLY[only]).diagnosis!;
      expect(d.verdict).toBe('problem');
      expect(d.causes[0].id).toBe(scenarioLabel(name));
    });
  }
  for (const name of scenarioNames().filter((n) => QUIET_LABELS.includes(scenarioLabel(n)))) {
    it(`${name}: no cause and no warning from any one kind of input`, () => {
      for (const only of Object.keys(ONLY)) {
        const r = scenarioReport(name, ONLY[only]);
        expect(r.diagnosis!.causes.filter((c) => c.confidence >= 0.5), only).toEqual([]);
        expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.title), only).toEqual([]);
      }
    });
  }
});
