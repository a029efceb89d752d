// Links made by earlier versions keep opening: every committed link
// (tests/fixtures/permalink/v<N>-*.txt) decodes with today's code, and its
// headline figures equal today's analysis of the same fixture files.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeShareLink } from '../../../src/report/permalink/share';
import { DICTIONARY_V1 } from '../../../src/report/permalink/dictionary-v1';
import { fixtures, sessionReport, TYPICAL } from './sessions';

const dir = resolve(fixtures, 'permalink');
const links = readdirSync(dir).filter((f) => /^v\d+-.*\.txt$/.test(f));

describe('committed links from each link version', () => {
  it('there is at least the version 1 link', () => {
    expect(links).toContain('v1-typical.txt');
  });

  it("link version 1's preset dictionary is unchanged (changing it breaks every version 1 link: make a version 2 instead)", () => {
    expect(createHash('sha256').update(DICTIONARY_V1).digest('hex')).toBe('1c6ffc81643f0c7d470d503c0f4f5d1527b715914215281652ec24f7e0e04faf');
  });

  for (const f of links) {
    it(`${f} opens and shows the same figures as the fixture files`, () => {
      const back = decodeShareLink(readFileSync(resolve(dir, f), 'utf8'));
      if (!back.ok) throw new Error(`${f}: ${back.error.message}`);
      const now = sessionReport(TYPICAL);
      const [gc, cpu, dump] = back.shared.report.inputs;
      expect(back.shared.report.inputs.map((i) => i.name)).toEqual(now.inputs.map((i) => i.name));
      expect(gc.gc!.cycles).toBe(now.inputs[0].gc!.cycles);
      expect(gc.gc!.pauseMs.p99).toBeCloseTo(now.inputs[0].gc!.pauseMs.p99, 6);
      expect(gc.gc!.gcCpuPercent).toBeCloseTo(now.inputs[0].gc!.gcCpuPercent, 6);
      expect(gc.gc!.peakHeapBytes).toBe(now.inputs[0].gc!.peakHeapBytes);
      const cpuNow = readFileSync(resolve(fixtures, TYPICAL[1]));
      if (cpu.bytes === cpuNow.length) {
        expect(cpu.profile!.top[0].name).toBe(now.inputs[1].profile!.top[0].name);
        expect(cpu.profile!.totals).toEqual(now.inputs[1].profile!.totals);
        expect(back.shared.report.findings.map((x) => x.rule).sort()).toEqual(now.findings.map((x) => x.rule).sort());
      } else {
        // pprof/cpu.pb.gz was regenerated after the v1 link was made (issue 13: it held the
        // build machine's paths); the link keeps the figures of the profile it was made from.
        expect(f === 'v1-typical.txt' && cpu.bytes).toBe(5121);
        expect(cpu.profile!.top[0].name).toBe('runtime.asyncPreempt');
        expect(cpu.profile!.totals).toEqual([80, 800000000]);
        const cpuRules = (r: { rule: string }[]) => r.map((x) => x.rule).filter((x) => !x.startsWith('pprof.')).sort();
        expect(cpuRules(back.shared.report.findings)).toEqual(cpuRules(now.findings));
      }
      expect(dump.goroutines!.total).toBe(now.inputs[2].goroutines!.total);
    });
  }
});
