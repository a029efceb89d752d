// A goroutine profile (profile.proto from tests/fixtures/pprof, Go 1.26) grouped
// like a dump: totals against the debug=1 text of the same run, labels kept.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../../../src/formats/pprof/decode';
import { dumpFromProfile } from '../../../src/analysis/goroutines/fromPprof';
import { analyzeGoroutines } from '../../../src/analysis/goroutines/analyze';
import { debug1Records, repoRoot } from './load';

const dir = path.join(repoRoot, 'tests/fixtures/pprof');

describe('goroutine pprof profile as a dump', () => {
  const p = decodeProfile(gunzipSync(new Uint8Array(readFileSync(path.join(dir, 'goroutine.pb.gz')))));
  const { analysis } = analyzeGoroutines(dumpFromProfile(p));
  const text = readFileSync(path.join(dir, 'goroutine.debug1.txt'), 'utf8');
  const total = Number(text.split('\n')[0].slice('goroutine profile: total '.length));

  it('counts as many goroutines as the runtime total of the same run', () => {
    expect(analysis.total).toBe(total);
  });

  it('groups like the runtime aggregation, labels included', () => {
    const records = debug1Records(text).filter((r) => r.labels);
    for (const r of records) {
      const g = analysis.groups.find((x) => x.count === r.count && JSON.stringify(x.labels) === JSON.stringify(JSON.parse(r.labels!)));
      expect(g, r.labels).toBeDefined();
    }
    expect(records.length).toBeGreaterThan(0);
  });
});
