// The legacy CPU profile header check (src/formats/pprof/legacyCpu.ts) must
// never claim a file of a kind gotune reads: every project fixture is run
// through it. (The two legacy profiles of ../shared are checked in
// tests/unit/pprof/shared-conformance.test.ts when it exists.)

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLegacyCpuProfile } from '../../../src/formats/pprof/legacyCpu';
import { gunzipSync } from 'fflate';
import { repoRoot } from '../paths';

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

describe('legacy CPU profile header', () => {
  it('is found in no project fixture, gzipped or not', () => {
    let n = 0;
    for (const f of files(path.join(repoRoot, 'tests/fixtures'))) {
      let head: Uint8Array = new Uint8Array(readFileSync(f)).subarray(0, 4096);
      if (head[0] === 0x1f && head[1] === 0x8b && statSync(f).size < 8 << 20) {
        try {
          head = gunzipSync(new Uint8Array(readFileSync(f))).subarray(0, 4096);
        } catch {
          /* a broken gzip fixture: its raw head was checked */
        }
      }
      expect(isLegacyCpuProfile(head), f).toBe(false);
      n++;
    }
    expect(n).toBeGreaterThan(200);
  });
});
