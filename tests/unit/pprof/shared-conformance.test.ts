// Conformance over the shared real-world pprof fixtures (../shared/fixtures/pprof):
// for every input with `go tool pprof` outputs in expected/, our top table
// (every row, every sample type, default trimming and nodefraction=0) equals
// pprof's from the "Showing nodes" line on (the header lines above it changed
// format between pprof versions). Skips with a message when ../shared is absent.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { assembleReport } from '../../../src/report/assemble';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../../../src/analysis/pprof/diff';
import { formatTopText, topTable, type TopOptions } from '../../../src/analysis/pprof/top';
import { sampleIndexByName } from '../../../src/analysis/pprof/sampleIndex';
import { decodeProfile } from '../../../src/formats/pprof/decode';
import type { PprofProfile } from '../../../src/formats/pprof/model';
import { readBytes, repoRoot } from './load';

const shared = path.resolve(repoRoot, '../shared/fixtures/pprof');
const have = existsSync(shared);
if (!have) console.log(`pprof shared conformance skipped: ${shared} not found`);

/** Inputs that are not profile.proto (legacy binary/text): their own tests cover them. */
const NOT_PROTO = /(\.debug1\.txt|gobench\.cpu|go\.crc32\.cpu|gobench\.heap|go\.godoc\.thread)$/;

const fromShowing = (s: string) => s.slice(s.indexOf('Showing nodes accounting'));

describe.skipIf(!have)('shared pprof fixtures match go tool pprof (expected/)', () => {
  const expected = have ? readdirSync(path.join(shared, 'expected')) : [];
  const load = (name: string): PprofProfile => decodeProfile(readBytes(path.join(shared, name)));
  const cases: [string, string, Partial<TopOptions> & { si?: string }][] = [];
  for (const e of expected) {
    let m = /^(.+)\.si(\d+)-.+\.top-all\.txt$/.exec(e);
    if (m && !NOT_PROTO.test(m[1]) && !m[1].includes('.diff_base')) {
      cases.push([e, m[1], { si: m[2], nodeFraction: 0 }]);
      continue;
    }
    m = /^(.+)\.top\.txt$/.exec(e);
    if (m && existsSync(path.join(shared, m[1])) && !NOT_PROTO.test(m[1])) cases.push([e, m[1], {}]);
  }
  const extra: [string, string, Partial<TopOptions> & { si?: string }][] = [
    ['local-go1.19__cpu.pb.gz.cum.top.txt', 'local-go1.19__cpu.pb.gz', { cum: true }],
    ['local-go1.19__cpu.pb.gz.noinlines.top.txt', 'local-go1.19__cpu.pb.gz', { noInlines: true }],
    ['local-go1.19__cpu.pb.gz.lines.top.txt', 'local-go1.19__cpu.pb.gz', { granularity: 'lines' }],
    ['local-go1.19__cpu.pb.gz.tagfocus-handler-fib.top.txt', 'local-go1.19__cpu.pb.gz', { filters: { tagFocus: 'handler=fib' } }],
    ['local-go1.19__heap.pb.gz.alloc_space.top.txt', 'local-go1.19__heap.pb.gz', { si: 'alloc_space' }],
  ];
  it('finds the expected outputs', () => expect(cases.length).toBeGreaterThan(60));
  for (const [e, input, o] of [...cases, ...extra]) {
    it(e, () => {
      const p = load(input);
      const { si, ...rest } = o;
      // expected/ was printed with -symbolize=none (names as recorded).
      const table = topTable(p, { sampleIndex: sampleIndexByName(p, si ?? ''), symbolize: 'none', ...rest });
      expect(fromShowing(formatTopText(table, p))).toBe(fromShowing(readFileSync(path.join(shared, 'expected', e), 'utf8')));
    });
  }
  for (const [e, mode, nf] of [
    ['local-go1.19__cpu_b.diff_base-cpu.top.txt', 'diff_base', undefined],
    ['local-go1.19__cpu_b.diff_base-cpu.top-all.txt', 'diff_base', 0],
    ['local-go1.19__cpu_b.base-cpu.top.txt', 'base', undefined],
  ] as const) {
    it(e, () => {
      const p = diffProfiles(load('local-go1.19__cpu_b.pb.gz'), load('local-go1.19__cpu.pb.gz'), mode);
      const table = topTable(p, { sampleIndex: sampleIndexByName(p, ''), nodeFraction: nf, symbolize: 'none' });
      expect(fromShowing(formatTopText(table, p))).toBe(fromShowing(readFileSync(path.join(shared, 'expected', e), 'utf8')));
    });
  }
});

describe.skipIf(!have)('legacy binary CPU profiles (Go before 1.9) in the shared fixtures', () => {
  it.each(['google-pprof__go.crc32.cpu', 'google-pprof__gobench.cpu'])('%s: refused with how to convert it', (name) => {
    const r = analyzeInput('in1', name, readBytes(path.join(shared, name))).report;
    expect(r.error).toMatch(/^not recognised: a CPU profile in the legacy binary format of Go before 1\.9/);
    expect(r.error).toContain('go tool pprof -proto');
  });

  it('no profile.proto of the shared fixtures is taken for one', () => {
    for (const name of readdirSync(shared).filter((n) => !NOT_PROTO.test(n) && !n.endsWith('.md'))) {
      const file = path.join(shared, name);
      if (!statSync(file).isFile()) continue;
      expect(analyzeInput('in1', name, readBytes(file)).report.error ?? '', name).not.toMatch(/legacy binary format/);
    }
  });
});

describe.skipIf(!have)('the GC share is judged in Go CPU profiles only', () => {
  const gcFinding = (name: string) => (analyzeInput('in1', name, readBytes(path.join(shared, name))).report.findings ?? []).some((f) => f.rule === 'pprof.gc-cpu-share');
  it.each(['grafana-pyroscope__profile_java', 'grafana-pyroscope__profile_rust', 'grafana-pyroscope__invalid_utf8.pb.gz'])('%s (not Go): none', (name) => {
    expect(gcFinding(name)).toBe(false);
  });
  it.each(['local-go1.19__cpu.pb.gz', 'google-pprof__large.cpu', 'grafana-pyroscope__go.cpu.labels.pprof', 'grafana-pyroscope__cpu_go_truncated_1.pb.gz', 'jlfwong-speedscope__simple.prof'])('%s (Go): said', (name) => {
    expect(gcFinding(name)).toBe(true);
  });
});

// Skipped without ../shared, like every suite here: Go writes no Java or Python profile, so only the public ones show this.
describe.skipIf(!have)('profiles of other languages are left out of the diagnosis', () => {
  const report = (name: string) => assembleReport([analyzeInput('in1', name, readBytes(path.join(shared, name))).report]);
  it.each(['grafana-pyroscope__profile_java', 'grafana-pyroscope__profile_rust', 'grafana-pyroscope__profile_python', 'grafana-pyroscope__nodejs-heap.pb.gz', 'grafana-pyroscope__dotnet.labels.pprof'])('%s: not Go, no runtime figure, no verdict', (name) => {
    const r = report(name);
    expect(r.inputs[0].profile!.goProgram).toBe(false);
    const d = r.diagnosis!;
    expect(d.verdict).toBe('insufficient');
    expect(d.story).toContain(`${name} is a profile of a program not written in Go`);
    // Once the story said "GC at 0.0% of the CPU used" of a Java program, and "a live heap of 8 MiB" of a Node.js one.
    expect(d.story).not.toMatch(/GC at|live heap of|Healthy/);
    expect(d.resources.map((x) => x.name)).not.toContain('live heap');
  });
  it.each(['local-go1.19__cpu.pb.gz', 'local-go1.19__heap.pb.gz', 'local-go1.19__mutex.pb.gz', 'grafana-pyroscope__go.cpu.labels.pprof', 'grafana-pyroscope__heap.pb.gz', 'google-pprof__large.cpu'])('%s: a Go program', (name) => {
    expect(report(name).inputs[0].profile!.goProgram).toBe(true);
  });
});
