// The CPU samples of an execution trace as a pprof profile, against Go:
// - our top table equals, byte for byte, `go tool pprof -top` of the profile
//   tools/tracecpuprofile builds from the same trace with golang.org/x/exp/trace
//   (default trimming and every row), for every trace fixture;
// - the samples themselves equal Go's own CPU profile written by the same run
//   (tests/fixtures/gotrace-cpu/go126-cpu.pprof.pb.gz): runtime.sigprof hands
//   each sample to both, so flat and cum per function match once pprof's
//   presentation is undone (see `normalise`).
// Goldens: sh tools/fixtures/tracecpu/gen.sh.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuProfileOf, withCpuProfile } from '../../../src/analysis/gotrace/cpuProfile';
import { CpuSamples } from '../../../src/analysis/gotrace/cpuSamples';
import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import { formatTopText, topTable } from '../../../src/analysis/pprof/top';
import { readTraceModel } from '../../../src/kinds/gotrace';
import type { GoTraceModel } from '../../../src/analysis/gotrace/model';
import { cpuDir, cpuTraceOf, fixtureDir, hasShared, quietCtx, sharedDir, traceFileBytes } from './helpers';

const read = (f: string) => readFileSync(f, 'utf8');

function parse(file: string): GoTraceModel {
  return readTraceModel(traceFileBytes(file), quietCtx());
}


function topText(m: GoTraceModel, all: boolean): string {
  const p = cpuProfileOf(m)!;
  const t = topTable(p, { sampleIndex: 0, nodeFraction: all ? 0 : undefined, edgeFraction: all ? 0 : undefined });
  return formatTopText(t, p);
}

function goldenCases(dir: string): [string, string, boolean][] {
  return readdirSync(dir)
    .map((f) => /^(.+)\.cpu\.(top|top-all)\.txt$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[0], m[1], m[2] === 'top-all'] as [string, string, boolean]);
}

describe('trace CPU profile: top tables equal go tool pprof -top of Go-built profiles', () => {
  const cases = goldenCases(cpuDir);
  it('has goldens for the CPU trace and six gotrace fixtures (Go 1.22–1.27)', () => expect(cases.length).toBe(14));
  it.each(cases)('%s', (golden, name, all) => {
    const m = parse(cpuTraceOf(name));
    expect(topText(m, all)).toBe(read(path.join(cpuDir, golden)));
  });
});

if (!hasShared) console.log(`trace CPU profile conformance skipped: ${sharedDir} not found`);
describe.skipIf(!hasShared)('trace CPU profile of ../shared test-encoding-json.trace', () => {
  const dir = path.join(cpuDir, 'shared-goldens');
  it.each(hasShared ? goldenCases(dir) : [])('%s', (golden, name, all) => {
    const m = parse(path.join(sharedDir, `${name}.trace`));
    expect(topText(m, all)).toBe(read(path.join(dir, golden)));
  });
});

/** Rows of a -top text: name → [flat, cum]. */
function rows(text: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+\S+%\s+\S+%\s+(\d+)\s+\S+%\s+(.+)$/.exec(line);
    if (m) out.set(m[3], [Number(m[1]), Number(m[2])]);
  }
  return out;
}

/**
 * pprof's CPU profile prints inlined frames with " (inline)" and full generic
 * names (`[go.shape.int]`); the trace records the names as runtime.Frame gives
 * them (funcNameForPrint: `[...]`), one frame per location, and keeps
 * runtime.goexit, which runtime/pprof drops (proto.go appendLocsForStack).
 */
function normalise(name: string): string {
  return name.replace(/ \(inline\)$/, '').replace(/\[.*\]/, '[...]');
}

describe("the trace's CPU samples equal Go's CPU profile of the same run", () => {
  const m = parse(path.join(cpuDir, 'go126-cpu.trace'));
  const ours = rows(topText(m, true));
  ours.delete('runtime.goexit');
  const go = new Map([...rows(read(path.join(cpuDir, 'go126-cpu.pprof.top-all.txt')))].map(([k, v]) => [normalise(k), v]));

  it('has enough samples to mean something', () => expect(m.cpu.count).toBeGreaterThan(100));
  it('same total', () => {
    const total = /of (\d+) total/.exec(read(path.join(cpuDir, 'go126-cpu.pprof.top-all.txt')))![1];
    expect(m.cpu.count).toBe(Number(total));
  });
  it('same flat and cum for every function', () => expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(go)));
});

describe('trace CPU profile in the report and the model', () => {
  it('the trace analysis carries the profile summary; its top rows are the table the view shows first', () => {
    const m = parse(path.join(cpuDir, 'go126-cpu.trace'));
    const a = withCpuProfile(analyzeGoTrace(m), m).trace!;
    const prof = a.cpuSamples.profile!;
    expect(prof.source).toBe('trace-cpu');
    expect(prof.sampleTypes).toEqual([{ type: 'samples', unit: 'count' }]);
    expect(prof.numSamples).toBeGreaterThan(0);
    expect(prof.totals[0]).toBe(a.cpuSamples.count);
    const golden = rows(read(path.join(cpuDir, 'go126-cpu.cpu.top-all.txt')));
    const first = [...golden][0];
    expect([prof.top[0].name, prof.top[0].flat, prof.top[0].cum]).toEqual([first[0], ...first[1]]);
    expect(() => JSON.stringify(a)).not.toThrow();
  });

  it('a trace without CPU samples has no profile', () => {
    const m = { ...parse(path.join(fixtureDir, 'go126-goroutines.trace')), cpu: new CpuSamples() };
    expect(cpuProfileOf(m)).toBeNull();
    expect(withCpuProfile(analyzeGoTrace(m), m).trace!.cpuSamples.profile).toBeUndefined();
  });
});
