// The structure-aware execution-trace mutator: framing split and joined
// without changing what the reader sees, every mutation does something, the
// same seed gives the same bytes, and its inputs get much deeper into the
// reader (ordered events delivered) than byte mutations do.

import { describe, expect, it } from 'vitest';
import { inputFor } from '../../fuzz/campaign';
import { loadCorpus } from '../../fuzz/corpus';
import { rng } from '../../fuzz/mutate';
import { TRACE_MUTATIONS, generateTrace, joinTrace, splitTrace, type TraceParts } from '../../fuzz/tracemutate';
import { checkHeader, headerVersion } from '../../../src/formats/gotrace/header';
import { readTrace } from '../../../src/formats/gotrace/reader';

const seeds = loadCorpus().wholeByKind.get('gotrace') ?? [];
/** The v2 traces (Go 1.22+): the batch-level mutator's seeds. v1 traces are fuzzed byte-wise only. */
const traces = seeds.filter((s) => s.bytes.length <= 1 << 20 && headerVersion(s.bytes) >= 22);

/** Ordered events the reader delivers before it finishes or stops with an error. */
function delivered(bytes: Uint8Array): { events: number; error: string } {
  let events = 0;
  try {
    readTrace(bytes, checkHeader(bytes), () => void events++);
    return { events, error: '' };
  } catch (e) {
    return { events, error: (e as Error).message };
  }
}

describe('execution-trace mutator', () => {
  it('splits and joins every real trace without changing what the reader delivers', () => {
    expect(traces.length).toBeGreaterThanOrEqual(5);
    for (const t of traces) {
      const parts = splitTrace(t.bytes)!;
      expect(parts, t.name).not.toBeNull();
      expect(parts.items.some((i) => i.kind === 'tail'), t.name).toBe(false);
      const before = delivered(t.bytes);
      expect(before.error, t.name).toBe('');
      expect(delivered(joinTrace(parts)), t.name).toEqual(before);
    }
  });

  it('leaves the v1 traces (Go 1.19–1.21) to the byte-level fuzzer', () => {
    const v1 = seeds.filter((s) => headerVersion(s.bytes) < 22);
    expect(v1.length).toBeGreaterThanOrEqual(3);
    for (const t of v1) expect(splitTrace(t.bytes), t.name).toBeNull();
  });

  it('applies every mutation (each changes some trace)', () => {
    const copy = (t: TraceParts): TraceParts => ({ header: t.header, items: t.items.map((i) => ({ ...i })) });
    for (const m of TRACE_MUTATIONS) {
      let changed = false;
      for (let s = 1; s < 40 && !changed; s++) {
        const base = splitTrace(traces[s % traces.length].bytes)!;
        const before = joinTrace(base);
        const t = copy(base);
        m.apply(t, rng(s), () => splitTrace(traces[(s + 1) % traces.length].bytes));
        changed = !Buffer.from(joinTrace(t)).equals(Buffer.from(before));
      }
      expect(changed, m.name).toBe(true);
    }
  });

  it('is deterministic and is the gotrace-structure fuzz target', () => {
    const a = generateTrace(42, traces);
    expect(Buffer.from(generateTrace(42, traces).bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(inputFor('gotrace-structure', 7).recipe).toMatch(/^[\w./-]+\.(trace|out)(\.gz)?: /);
  });

  it('gets much deeper into the reader than byte mutations', () => {
    const seeds = Array.from({ length: 200 }, (_, i) => 20_000 + i);
    const deep = (target: string) => seeds.filter((s) => delivered(inputFor(target, s).bytes).events > 1000).length / seeds.length;
    const structured = deep('gotrace-structure');
    const bytewise = deep('gotrace');
    console.log(`inputs reaching 1,000 ordered events: structure-aware ${(structured * 100).toFixed(0)}%, byte-level ${(bytewise * 100).toFixed(0)}%`);
    expect(structured).toBeGreaterThan(0.1);
    expect(structured).toBeGreaterThan(4 * bytewise);
  });
});
