// The window the eval compares on is the runs' steady phase: the gctrace cycles numbered past the cycles
// completed when the phase began (/gc/cycles/total in the run's `before`), the same cycles the
// runtime/metrics deltas cover. The last "(forced)" line is not always its start: under back-to-back GC the
// collection main.go forces before the phase can find its cycle already started by the heap trigger
// (mgc.go GC), and no line says "(forced)" — Go 1.25.5 limit1.2x and Go 1.26.8 limit0.8x, whose last
// "(forced)" line is the one after the live heap was built, 4 s earlier.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gctraceModel, readRunJson, runtimeSamples, steadyStart, versionDirs } from '../../../bench/whatif/check';
import { repoRoot } from '../paths';

describe("the eval's steady window is the runs' steady phase", () => {
  for (const dir of versionDirs(repoRoot)) {
    it(`${dir.split('/').pop()}: every run's window holds the cycles its runtime/metrics deltas count, after the 4 s warm-up`, () => {
      const unforced: string[] = [];
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.json.gz'))) {
        const run = f.slice(0, -'.json.gz'.length);
        const j = readRunJson(join(dir, f));
        const m = gctraceModel(gunzipSync(readFileSync(join(dir, `${run}.gctrace.gz`))).toString('utf8'));
        const first = steadyStart(j, m);
        const before = j.before['/gc/cycles/total:gc-cycles'];
        const after = j.after['/gc/cycles/total:gc-cycles'];
        let inPhase = 0;
        for (let i = first; i < m.count; i++) if (m.n[i] <= after) inPhase++;
        expect(inPhase, run).toBe(after - before);
        // the phase begins after the -warm 4s warm-up (gctrace's clock counts from the process start)
        expect(m.t[first], run).toBeGreaterThan(4);
        // the runtime/metrics series starts there too
        expect(runtimeSamples(j, m)[0].tSec, run).toBeGreaterThan(4);
        if (!m.forced[first - 1]) unforced.push(run);
      }
      // the runs where the last "(forced)" line is not the phase's start
      expect(unforced.sort()).toEqual(
        dir.endsWith('go1.25.5')
          ? ['limit0.8x', 'limit1.2x', 'limit1.5x.r2', 'off-limit2x']
          : dir.endsWith('go1.26.8')
            ? ['gogc50', 'limit0.8x', 'limit1.2x', 'limit1.5x']
            : unforced.sort(),
      );
    });
  }
});
