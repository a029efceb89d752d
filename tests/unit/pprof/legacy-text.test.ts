// Go's debug=1 texts parse into the pprof model with the totals `go tool pprof`
// prints for them (goldens: tests/fixtures/pprof/golden/*.debug1.txt.*), and
// with real function names from the "#" lines (pprof keeps only addresses).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeTotal, topTable } from '../../../src/analysis/pprof/top';
import { scaledLabel, selectOutputUnit } from '../../../src/analysis/pprof/units';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import type { PprofProfile } from '../../../src/formats/pprof/model';
import { fixtures, golden, repoRoot } from './load';
import { existsSync } from 'node:fs';
import { goroutineTextFormat } from '../../../src/formats/pprof-text/formats';
import { makeSample } from '../../../src/formats/sniff';

const ctx = { progress() {}, checkCancelled() {}, warn() {} };

/** Parses through the pipeline; goroutine?debug=1 goes to the goroutine-dump format there, so it is read here directly. */
function parse(file: string): { kind: string; model: PprofProfile } {
  const bytes = new Uint8Array(readFileSync(file));
  if (goroutineTextFormat.sniff(makeSample(bytes)) > 0) return { kind: goroutineTextFormat.kind, model: goroutineTextFormat.parse(bytes, ctx) };
  const r = analyzeInput('t', path.basename(file), new Uint8Array(readFileSync(file)));
  expect(r.report.error).toBeUndefined();
  return { kind: r.report.kind, model: r.model as PprofProfile };
}

/** pprof's "of X total" for our total, printed the way pprof prints it for a one-row table. */
const pprofTotal = (p: PprofProfile, t: number) => {
  const total = computeTotal(p, t);
  const unit = p.sampleTypes[t].unit.toLowerCase();
  return scaledLabel(total, unit, selectOutputUnit(total, total, unit));
};

describe('legacy debug=1 texts', () => {
  const goldens = readdirSync(golden).filter((f) => /\.debug1\.txt\.si\d+-[a-z_]+\.top\.txt$/.test(f));
  it('has goldens', () => expect(goldens.length).toBeGreaterThanOrEqual(9));
  for (const g of goldens) {
    const m = /^(.+\.debug1\.txt)\.si(\d+)-([a-z_]+)\.top\.txt$/.exec(g)!;
    it(`${g}: same total as go tool pprof`, () => {
      const { model } = parse(path.join(fixtures, m[1]));
      const t = Number(m[2]);
      expect(model.sampleTypes[t].type).toBe(m[3]);
      const want = /of (\S+) total/.exec(readFileSync(path.join(golden, g), 'utf8'))![1];
      expect(pprofTotal(model, t)).toBe(want);
    });
  }
  it('kinds are sniffed by content', () => {
    expect(parse(path.join(fixtures, 'heap.debug1.txt')).kind).toBe('pprof-heap-text');
    expect(parse(path.join(fixtures, 'mutex.debug1.txt')).kind).toBe('pprof-contention-text');
    expect(parse(path.join(fixtures, 'block.debug1.txt')).kind).toBe('pprof-contention-text');
    expect(parse(path.join(fixtures, 'threadcreate.debug1.txt')).kind).toBe('pprof-threadcreate-text');
  });
  it('heap text names the allocating functions, like the proto form', () => {
    const { model } = parse(path.join(fixtures, 'heap.debug1.txt'));
    const top = topTable(model, { sampleIndex: 3 }).rows.map((r) => r.name);
    expect(top[0]).toBe('main.allocRetained');
    expect(top).toContain('main.allocMaps');
  });
  it('goroutine text keeps labels', () => {
    const p = parse(path.join(fixtures, 'goroutine.debug1.txt')).model;
    const keys = Array.from(p.labelKey, (k) => p.strings[k]);
    expect(keys).toContain('worker');
    expect(computeTotal(p, 0)).toBe(18);
  });
  const shared = path.resolve(repoRoot, '../shared/fixtures/pprof');
  it.skipIf(!existsSync(shared))('shared: pprof totals for the Go 1.19 texts and google/pprof legacy heap/thread', () => {
    const cases: [string, number][] = [
      ['local-go1.19__block.debug1.txt', 1],
      ['local-go1.19__goroutine.debug1.txt', 0],
      ['local-go1.19__heap.debug1.txt', 3],
      ['local-go1.19__mutex.debug1.txt', 1],
      ['google-pprof__gobench.heap', 3],
      ['google-pprof__go.godoc.thread', 0],
    ];
    for (const [f, t] of cases) {
      const { model } = parse(path.join(shared, f));
      const want = /of (\S+) total/.exec(readFileSync(path.join(shared, 'expected', `${f}.top.txt`), 'utf8'))![1];
      expect(pprofTotal(model, t), f).toBe(want);
    }
  });
});

describe('legacy symbol lines', () => {
  it('parse like Go writes them, and stay linear on hostile lines', async () => {
    const { parseFrameLine } = await import('../../../src/formats/pprof-text/records');
    expect(parseFrameLine('#\t0x515606\tsync.(*Mutex).Unlock+0x46\t/usr/local/go/src/sync/mutex.go:65')).toEqual({ pc: 0x515606, func: 'sync.(*Mutex).Unlock', file: '/usr/local/go/src/sync/mutex.go', line: 65 });
    expect(parseFrameLine('#\t0x515605\tmain.lockedSection+0x45\t\t/src/app/main.go:158')!.func).toBe('main.lockedSection');
    expect(parseFrameLine('#\t0x0')).toBeNull();
    const hostile = ['#\t0x457a34\truntime.gosched_m+0x14' + '\t'.repeat(2_000_000), '#\t0x1\t' + 'a+0x1'.repeat(400_000) + '\tf', '#\t0x1\tf\t' + ':'.repeat(2_000_000) + 'x'];
    // A quadratic scan of these would run for minutes; the test's own timeout catches it.
    for (const l of hostile) expect(parseFrameLine(l)).toBeNull();
  });
});
