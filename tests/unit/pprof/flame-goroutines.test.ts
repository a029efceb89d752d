// The flame graph's stacks and the goroutine groups equal `go tool pprof
// -traces` (golden), and the CPU utilisation equals the ratio pprof prints on
// its "Duration: …, Total samples = … (N%)" line.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProfile } from '../../../src/analysis/pprof/analyze';
import { flameData } from '../../../src/analysis/pprof/flame';
import { goroutineGroups } from '../../../src/analysis/pprof/goroutines';
import { buildNodes } from '../../../src/analysis/pprof/nodes';
import { basePrepared } from '../../../src/analysis/pprof/prepare';
import { sampleIndexByName } from '../../../src/analysis/pprof/sampleIndex';
import { fixtures, golden, loadProfile } from './load';

/** -traces blocks: value, labels, frames leaf first. */
function traces(name: string): { value: number; labels: Record<string, string>; stack: string[] }[] {
  const text = readFileSync(path.join(golden, name), 'utf8');
  const blocks = text.split('-----------+-------------------------------------------------------\n').slice(1);
  return blocks.map((b) => {
    const labels: Record<string, string> = {};
    const stack: string[] = [];
    let value = 0;
    for (const line of b.split('\n')) {
      const lab = /^\s+(\S+):\s+(.+)$/.exec(line);
      if (lab && !stack.length && !/^\s+\d/.test(line)) {
        labels[lab[1]] = lab[2].trim();
        continue;
      }
      const first = /^\s+(\d+)\s+(\S.*)$/.exec(line);
      if (first && !stack.length) {
        value = Number(first[1]);
        stack.push(first[2].replace(/ \(inline\)$/, ''));
      } else if (line.trim()) stack.push(line.trim().replace(/ \(inline\)$/, ''));
    }
    return { value, labels, stack };
  }).filter((t) => t.stack.length > 0);
}

describe('stacks equal go tool pprof -traces', () => {
  const p = loadProfile(path.join(fixtures, 'goroutine.pb.gz'));
  const want = traces('goroutine.pb.gz.traces.txt');
  it('goroutine groups (count, stack, labels)', () => {
    const got = goroutineGroups(p, 1000).map((g) => JSON.stringify([g.count, g.stack, g.labels]));
    expect(got.sort()).toEqual(want.map((t) => JSON.stringify([t.value, t.stack, t.labels])).sort());
  });
  it('flame graph leaf paths and their values', () => {
    const prep = basePrepared(p);
    const f = flameData(prep, buildNodes(prep), 0, 0);
    const got = new Map<string, number>();
    for (let b = 1; b < f.name.length; b++) {
      if (f.self[b] === 0) continue;
      const names: string[] = [];
      for (let x = b; x > 0; x = f.parent[x]) names.push(f.names[f.name[x]]);
      got.set(names.join('\n'), (got.get(names.join('\n')) ?? 0) + f.self[b]);
    }
    const exp = new Map<string, number>();
    for (const t of want) exp.set(t.stack.join('\n'), (exp.get(t.stack.join('\n')) ?? 0) + t.value);
    expect(got).toEqual(exp);
    // Root width is pprof's total.
    expect(f.width[0]).toBe(Number(/of (\d+) total/.exec(readFileSync(path.join(golden, 'goroutine.pb.gz.si0-goroutine.top.txt'), 'utf8'))![1]));
  });
});

describe('profile analysis figures', () => {
  it('CPU cores = the ratio on pprof\'s Duration line', () => {
    const p = loadProfile(path.join(fixtures, 'cpu.pb.gz'));
    const a = analyzeProfile(p).profile!;
    const pct = /Total samples = \S+ \(([\d.]+)%\)/.exec(readFileSync(path.join(golden, 'cpu.pb.gz.si1-cpu.top.txt'), 'utf8'))![1];
    expect((a.cpuCores! * 100).toFixed(2)).toBe(pct);
    expect(a.defaultSampleType).toBe('cpu');
    expect(a.top.length).toBe(20);
  });
  it('allocs defaults to alloc_space, heap to inuse_space (default_sample_type, else the last)', () => {
    const allocs = loadProfile(path.join(fixtures, 'allocs.pb.gz'));
    const heap = loadProfile(path.join(fixtures, 'heap.pb.gz'));
    expect(allocs.sampleTypes[sampleIndexByName(allocs)].type).toBe('alloc_space');
    expect(heap.sampleTypes[sampleIndexByName(heap)].type).toBe('inuse_space');
    const r = analyzeProfile(allocs);
    expect(r.findings!.some((f) => f.rule === 'pprof.alloc-hotspots')).toBe(true);
  });
  it('report JSON is plain JSON (no typed arrays, NaN or Infinity)', () => {
    for (const f of ['cpu.pb.gz', 'heap.pb.gz', 'goroutine.pb.gz', 'mutex.pb.gz', 'threadcreate.pb.gz']) {
      const a = analyzeProfile(loadProfile(path.join(fixtures, f)));
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    }
  });
});

describe('flame graph grouped by a label (pprof -tagroot)', () => {
  it('group frames carry the totals go tool pprof -tags prints', () => {
    const p = loadProfile(path.join(fixtures, 'cpu.pb.gz'));
    const prep = basePrepared(p);
    const f = flameData(prep, buildNodes(prep), 1, 0, false, 'handler');
    const groups = new Map<string, number>();
    for (let b = 1; b < f.name.length; b++) if (f.parent[b] === 0 && f.names[f.name[b]].startsWith('handler=')) groups.set(f.names[f.name[b]].slice(8), f.total[b] / 1e6);
    const want = new Map<string, number>();
    // pprof pads a share under 10% inside the parentheses: "40ms ( 7.55%): sort".
    for (const m of readFileSync(path.join(golden, 'cpu.pb.gz.tags.txt'), 'utf8').split(' tenant:')[0].matchAll(/(\d+)ms \(\s*[\d.]+%\): (\S+)/g)) want.set(m[2], Number(m[1]));
    expect(groups).toEqual(want);
    // The ungrouped tree is unchanged by grouping.
    expect(flameData(prep, buildNodes(prep), 1, 0).width[0]).toBe(f.width[0]);
  });
});

describe('the pipeline picks the pprof format by content', () => {
  it('every profile.proto fixture, gzipped or not, is read as pprof with its report', async () => {
    const { analyzeInput } = await import('../../../src/kinds/analyzeInput');
    const { readdirSync } = await import('node:fs');
    const { gunzipSync } = await import('fflate');
    for (const f of readdirSync(fixtures).filter((x) => x.endsWith('.pb.gz'))) {
      const gz = new Uint8Array(readFileSync(path.join(fixtures, f)));
      for (const [name, bytes] of [[f, gz], [f.replace('.gz', ''), gunzipSync(gz)]] as const) {
        const r = analyzeInput('t', name, bytes);
        expect(r.report.error, name).toBeUndefined();
        expect(r.report.kind, name).toBe('pprof');
        expect(r.report.profile!.totals.length, name).toBe(r.report.profile!.sampleTypes.length);
      }
    }
  });
});
