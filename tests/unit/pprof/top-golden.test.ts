// Every top table we print equals `go tool pprof -top` (Go 1.26, and Go 1.27 on its own profiles) byte for byte:
// every row, every sample type, with and without trimming, filters and diffs.
// The goldens are in tests/fixtures/pprof/golden (commands: tools/fixtures/pprof/gen.sh).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../../../src/analysis/pprof/diff';
import type { FilterOptions } from '../../../src/analysis/pprof/prepare';
import { sampleIndexByName } from '../../../src/analysis/pprof/sampleIndex';
import { formatTopText, topTable, type TopOptions } from '../../../src/analysis/pprof/top';
import { fixtureSets, loadProfile } from './load';

for (const { name: setName, fixtures, golden } of fixtureSets) {
describe(`${setName} profiles`, () => {
  const read = (name: string) => readFileSync(path.join(golden, name), 'utf8');
  const files = readdirSync(golden);

  describe('top tables equal go tool pprof -top for every sample type', () => {
    const perType = files.filter((f) => /\.pb\.gz\.si\d+-[a-z_]+\.top(-all)?\.txt$/.test(f));
    it('has goldens for every profile', () => expect(perType.length).toBeGreaterThanOrEqual(30));
    for (const g of perType) {
      const m = /^(.+\.pb\.gz)\.si(\d+)-[a-z_]+\.(top|top-all)\.txt$/.exec(g)!;
      it(g, () => {
        const p = loadProfile(path.join(fixtures, m[1]));
        const all = m[3] === 'top-all';
        const table = topTable(p, { sampleIndex: Number(m[2]), nodeFraction: all ? 0 : undefined, edgeFraction: all ? 0 : undefined });
        expect(formatTopText(table, p)).toBe(read(g));
      });
    }
  });

  const ALL = { nodeFraction: 0, edgeFraction: 0 };
  const filterCases: Record<string, { file: string; si?: string; o: Partial<TopOptions>; f?: FilterOptions }> = {
    'cpu.pb.gz.cum': { file: 'cpu.pb.gz', o: { cum: true } },
    'cpu.pb.gz.noinlines': { file: 'cpu.pb.gz', o: { noInlines: true } },
    'cpu.pb.gz.lines': { file: 'cpu.pb.gz', o: { granularity: 'lines' } },
    'cpu.pb.gz.filefunctions': { file: 'cpu.pb.gz', o: { granularity: 'filefunctions' } },
    'cpu.pb.gz.lines-noinlines': { file: 'cpu.pb.gz', o: { granularity: 'lines', noInlines: true } },
    'heap.pb.gz.lines-alloc_space': { file: 'heap.pb.gz', si: 'alloc_space', o: { granularity: 'lines' } },
    'cpu.pb.gz.focus-json': { file: 'cpu.pb.gz', o: {}, f: { focus: 'json' } },
    'cpu.pb.gz.ignore-runtime': { file: 'cpu.pb.gz', o: {}, f: { ignore: '^runtime\\.' } },
    'cpu.pb.gz.hide-runtime': { file: 'cpu.pb.gz', o: {}, f: { hide: '^runtime\\.' } },
    'cpu.pb.gz.show-main': { file: 'cpu.pb.gz', o: {}, f: { show: '^main\\.' } },
    'cpu.pb.gz.focus-fib-ignore-main-hide-sha': { file: 'cpu.pb.gz', o: {}, f: { focus: 'fib', ignore: 'cpuWorkload', hide: 'sha256' } },
    'cpu.pb.gz.tagfocus-handler-json': { file: 'cpu.pb.gz', o: {}, f: { tagFocus: 'handler=json' } },
    'cpu.pb.gz.tagignore-handler-fib-hash': { file: 'cpu.pb.gz', o: {}, f: { tagIgnore: 'handler=fib,hash' } },
    'heap.pb.gz.tagfocus-bytes-1k-to-4k': { file: 'heap.pb.gz', si: 'alloc_space', o: {}, f: { tagFocus: 'bytes=1kB:4kB' } },
    'heap.pb.gz.tagignore-bytes-from-2k': { file: 'heap.pb.gz', si: 'alloc_objects', o: {}, f: { tagIgnore: 'bytes=2kB:' } },
  };

  describe('filters and orderings equal go tool pprof', () => {
    for (const [name, c] of Object.entries(filterCases)) {
      it(name, () => {
        const p = loadProfile(path.join(fixtures, c.file));
        const table = topTable(p, { sampleIndex: sampleIndexByName(p, c.si ?? ''), ...ALL, ...c.o, filters: c.f });
        expect(formatTopText(table, p)).toBe(read(`${name}.top-all.txt`));
      });
    }
  });

  describe('diffs equal go tool pprof -diff_base / -base', () => {
    const cpuA = () => loadProfile(path.join(fixtures, 'cpu.pb.gz'));
    const cpuB = () => loadProfile(path.join(fixtures, 'cpu_b.pb.gz'));
    const cases: [string, () => string][] = [
      ['cpu_b.pb.gz.diff_base-cpu.top-all.txt', () => { const p = diffProfiles(cpuB(), cpuA(), 'diff_base'); return formatTopText(topTable(p, { sampleIndex: 1, ...ALL }), p); }],
      ['cpu_b.pb.gz.diff_base-cpu.top.txt', () => { const p = diffProfiles(cpuB(), cpuA(), 'diff_base'); return formatTopText(topTable(p, { sampleIndex: 1 }), p); }],
      ['cpu_b.pb.gz.diff_base-cpu.si0-samples.top-all.txt', () => { const p = diffProfiles(cpuB(), cpuA(), 'diff_base'); return formatTopText(topTable(p, { sampleIndex: 0, ...ALL }), p); }],
      ['cpu_b.pb.gz.base-cpu.top-all.txt', () => { const p = diffProfiles(cpuB(), cpuA(), 'base'); return formatTopText(topTable(p, { sampleIndex: 1, ...ALL }), p); }],
    ];
    for (const si of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) {
      cases.push([`allocs.pb.gz.base-allocs_early.${si}.top-all.txt`, () => {
        const p = diffProfiles(loadProfile(path.join(fixtures, 'allocs.pb.gz')), loadProfile(path.join(fixtures, 'allocs_early.pb.gz')), 'base');
        return formatTopText(topTable(p, { sampleIndex: sampleIndexByName(p, si), ...ALL }), p);
      }]);
    }
    cases.push(['allocs.pb.gz.base-allocs_early.top.txt', () => {
      const p = diffProfiles(loadProfile(path.join(fixtures, 'allocs.pb.gz')), loadProfile(path.join(fixtures, 'allocs_early.pb.gz')), 'base');
      return formatTopText(topTable(p, { sampleIndex: sampleIndexByName(p, '') }), p);
    }]);
    for (const [g, run] of cases) it(g, () => expect(run()).toBe(read(g)));
  });

  // On the Go 1.26 set, where applyEach was sampled (a loaded machine gave the Go 1.27 run no sample in it).
  describe.runIf(setName === 'go1.26.8')("pprof's display rule for generic names (default symbolization)", () => {
    // cpu.pb.gz records main.applyEach[go.shape.func(int) int]; go tool pprof -top
    // (the goldens keep pprof's default symbolization) prints main.applyEach[go.shape.func int].
    const p = loadProfile(path.join(fixtures, 'cpu.pb.gz'));
    const recorded = 'main.applyEach[go.shape.func(int) int]';
    it('the profile records the full instantiation name', () => expect(p.strings).toContain(recorded));
    it('the golden and our table show it without the (…) part', () => {
      const g = read('cpu.pb.gz.si1-cpu.top-all.txt');
      expect(g).toContain('main.applyEach[go.shape.func int]');
      const text = formatTopText(topTable(p, { sampleIndex: 1, ...ALL }), p);
      expect(text).toContain('main.applyEach[go.shape.func int]');
      expect(text).not.toContain(recorded);
    });
    it('-symbolize=none keeps the recorded name', () => {
      const text = formatTopText(topTable(p, { sampleIndex: 1, ...ALL, symbolize: 'none' }), p);
      expect(text).toContain(recorded);
    });
    it('methods of generic types (`]).`) keep their name, as pprof does', async () => {
      const { pprofDisplayName } = await import('../../../src/analysis/pprof/displayName');
      const m = 'internal/sync.(*HashTrieMap[go.shape.interface {},go.shape.interface {}]).Load';
      expect(pprofDisplayName(m, m)).toBe(m);
      expect(pprofDisplayName('main.f[go.shape.struct { F func() }]', 'main.f[go.shape.struct { F func() }]')).toBe('main.f[go.shape.struct { F func }]');
    });
  });
});
}
