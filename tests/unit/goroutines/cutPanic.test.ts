// A panic pasted without its end: the real committed panic dump
// (tests/fixtures/goroutines/panic-goroutine.txt, Go 1.26) cut at every line
// of its first goroutine and inside its lines. The panic, the goroutine header
// and the whole frames before the cut are shown, with a warning; it used to be
// refused as "the dump is cut before its first goroutine is complete".

import { describe, expect, it } from 'vitest';
import { loadText, readFixture } from './load';

const full = readFixture('panic-goroutine.txt');
const lines = full.split('\n');
const header = lines.findIndex((l) => l.startsWith('goroutine '));
const whole = loadText(full);
const panicMessage = lines[0].slice('panic: '.length);
const goroutineId = Number(/^goroutine (\d+) /.exec(lines[header])![1]);

/** Whole frames in the first `n` lines after the header: a function line followed by its file line. */
function wholeFrames(upto: string[]): string[] {
  const out: string[] = [];
  for (let i = header + 1; i + 1 < upto.length; i++) {
    if (!upto[i].startsWith('\t') && !upto[i].startsWith('created by ') && upto[i + 1].startsWith('\t') && /:\d+ \+0x/.test(upto[i + 1])) out.push(upto[i].slice(0, upto[i].lastIndexOf('(')));
  }
  return out;
}

// Cuts: at the end of each line of the first goroutine before its last one, and in the middle of each.
const cuts: [string, string][] = [];
for (let i = header; i < lines.length - 2; i++) {
  const upto = lines.slice(0, i + 1).join('\n');
  cuts.push([`after line ${i + 1}`, upto + '\n']);
  cuts.push([`inside line ${i + 2}`, upto + '\n' + lines[i + 1].slice(0, Math.ceil(lines[i + 1].length / 2))]);
}

describe('the committed panic dump, whole', () => {
  it('reads without a cut', () => {
    expect(whole.dump.truncated).toBe(false);
    expect(whole.dump.goroutines[0].cut).toBeUndefined();
    expect(whole.dump.crash?.message).toBe(panicMessage);
  });
});

describe.each(cuts)('cut %s', (_where, text) => {
  it('shows the panic, the goroutine header and the whole frames before the cut, with a warning', () => {
    const r = loadText(text);
    const upto = text.split('\n');
    expect(r.dump.crash?.kind).toBe('panic');
    expect(r.dump.crash?.message).toBe(panicMessage);
    expect(r.dump.truncated).toBe(true);
    expect(r.dump.goroutines).toHaveLength(1);
    const g = r.dump.goroutines[0];
    expect(g.id).toBe(goroutineId);
    expect(g.cut).toBe(true);
    expect(g.frames.map((i) => r.dump.frames[i].func)).toEqual(wholeFrames(text.endsWith('\n') ? upto : upto.slice(0, -1)));
    expect(r.warnings.join('\n')).toMatch(new RegExp(`cut inside its first goroutine: goroutine ${goroutineId} at line ${header + 1} is shown`));
    // The report's analysis carries it: the panic and the goroutine are on the page.
    expect(r.analysis.crash?.message).toBe(panicMessage);
    expect(r.analysis.total).toBe(1);
    expect(r.analysis.truncated).toBe(true);
  });
});

it('the cuts include ones with whole frames (so the frame check can fail)', () => {
  expect(cuts.map(([, t]) => wholeFrames(t.split('\n')).length).some((n) => n > 0)).toBe(true);
});
