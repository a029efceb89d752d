// Damaged input: random truncations and bit flips of real traces (v2 and
// the v1 format of Go 1.19–1.21) end in a result or a FormatError (never
// another exception, never a hang), and a Go 1.26 trace cut in its second
// generation keeps the first one.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { FormatError } from '../../../src/formats/types';
import { fixtureDir, quietCtx, readFixture } from './helpers';
import { rng } from '../../fuzz/mutate';

/** JSON with no NaN/Infinity anywhere (the report rule). */
function strictJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === 'number' && !Number.isFinite(x)) throw new Error(`non-finite number in report: ${x}`);
    return x;
  });
}

function outcome(data: Uint8Array): 'ok' | 'error' {
  try {
    const model = readTraceModel(data, quietCtx());
    strictJson(analyzeGoTrace(model));
    return 'ok';
  } catch (e) {
    if (e instanceof FormatError) return 'error';
    throw e;
  }
}

const cases: [string, string, number][] = [];
for (const name of ['go126-mixed.trace', 'go122-mixed.trace', 'go125-mixed.trace.gz', 'go121-mixed.trace', 'go119-mixed.trace']) {
  const r = rng(name.length * 7919);
  const size = readFixture(name).length;
  for (let i = 0; i < 12; i++) cases.push([name, 'cut', Math.floor(r() * size)]);
  for (let i = 0; i < 12; i++) cases.push([name, 'flip', Math.floor(r() * size * 8)]);
}

describe('damaged traces', () => {
  it.each(cases)('%s %s at %i ends in a result or a FormatError', (name, how, at) => {
    const orig = readFixture(name);
    let data: Uint8Array;
    if (how === 'cut') data = orig.subarray(0, at);
    else {
      data = orig.slice();
      data[at >> 3] ^= 1 << (at & 7);
    }
    expect(['ok', 'error']).toContain(outcome(data));
  });

  it('keeps the first generation of a Go 1.26 trace cut in its second', () => {
    const golden = JSON.parse(readFileSync(path.join(fixtureDir, 'go126-mixed.golden.json'), 'utf8'));
    const orig = readFixture('go126-mixed.trace');
    const cut = orig.subarray(0, orig.length - 1000);
    const warnings: string[] = [];
    const model = readTraceModel(cut, quietCtx(warnings));
    expect(model.generations).toBe(1);
    expect(model.truncated?.reason).toMatch(/failed to read full batch|incomplete generation/);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/cut or damaged after generation 1/);
    // Generation 1 as Go read it; the golden counts the next generation's Sync
    // in it, which here is the Sync Go emits before reporting the error.
    expect(model.events).toBe(golden.generations[0].events);
    const gen2Start = golden.stw.filter((s: { start: number }) => s.start < model.collected.lastTime);
    expect(model.collected.stwStart).toEqual(gen2Start.map((s: { start: number }) => s.start));
    const a = analyzeGoTrace(model);
    expect(a.trace!.truncated).toBeDefined();
    expect(a.findings!.some((f) => f.rule === 'trace.truncated')).toBe(true);
  });

  it('refuses a trace cut inside its first generation', () => {
    const orig = readFixture('go126-goroutines.trace');
    expect(() => readTraceModel(orig.subarray(0, 5000), quietCtx())).toThrow(FormatError);
    expect(() => readTraceModel(orig.subarray(0, 5000), quietCtx())).toThrow(/before its first complete generation/);
  });

  it('refuses a cut Go 1.21 (v1 format) trace, naming why nothing of it is kept', () => {
    const orig = readFixture('go121-mixed.trace');
    const cut = () => readTraceModel(orig.subarray(0, orig.length - 1000), quietCtx());
    expect(cut).toThrow(FormatError);
    // The v1 runtime writes the clock frequency at the end, so Go's reader fails the same way.
    expect(cut).toThrow(/Go 1\.21 execution trace \("go 1\.21 trace"\) is broken or cut: .*(no EvFrequency event|varint|EOF)/);
  });

  it('refuses a trace that is only a header', () => {
    const header = readFixture('go126-mixed.trace').subarray(0, 16);
    expect(() => readTraceModel(header, quietCtx())).toThrow(/holds no events/);
  });
});
