// The structure-aware profile.proto fuzzer: its wire codec reproduces real
// profiles byte for byte, every field-level mutation changes something, the
// same seed gives the same bytes, and its inputs get past the wire decoder
// far more often than byte-level mutations do (the reason it exists).

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inputFor } from '../../fuzz/campaign';
import { decodeWire, encodeWire } from '../../fuzz/protowire';
import { PROTO_MUTATIONS, generateProto } from '../../fuzz/protomutate';
import { rng } from '../../fuzz/mutate';
import { decodeProfile } from '../../../src/formats/pprof/decode';
import { FormatError } from '../../../src/formats/types';
import { repoRoot } from '../paths';

const dir = resolve(repoRoot, 'tests/fixtures/pprof');
const profiles = readdirSync(dir)
  .filter((f) => f.endsWith('.pb.gz'))
  .map((f) => ({ name: f, bytes: gunzipSync(new Uint8Array(readFileSync(resolve(dir, f)))) }));

/** Share of inputs the app's decoder does not reject as broken wire data. */
function pastWire(inputs: Uint8Array[]): number {
  let ok = 0;
  for (const b of inputs) {
    try {
      decodeProfile(b);
      ok++;
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      if (!/^not a valid pprof profile|^not a pprof profile/.test(e.message)) ok++;
    }
  }
  return ok / inputs.length;
}

describe('profile.proto wire codec', () => {
  it('decodes and re-encodes every real profile byte for byte, with nested messages decoded', () => {
    expect(profiles.length).toBeGreaterThanOrEqual(5);
    for (const p of profiles) {
      const w = decodeWire(p.bytes);
      expect(Buffer.from(encodeWire(w)).equals(Buffer.from(p.bytes)), p.name).toBe(true);
      expect(w.some((s) => s.f === 2 && s.msg?.some((f) => f.f === 1 && f.packed?.length)), p.name).toBe(true);
    }
  });

  it('writes a declared length that differs from the body when asked (huge-length inputs)', () => {
    const b = encodeWire([{ f: 6, wt: 2, bytes: Uint8Array.of(0x61), lenOverride: 300n }]);
    expect([...b]).toEqual([0x32, 0xac, 0x02, 0x61]);
  });
});

describe('structure-aware mutations', () => {
  it('every mutation changes some real profile', () => {
    for (const m of PROTO_MUTATIONS) {
      let changed = false;
      for (let s = 1; s < 60 && !changed; s++) {
        const base = profiles[s % profiles.length].bytes;
        const w = decodeWire(base);
        m.apply(w, rng(s));
        changed = !Buffer.from(encodeWire(w)).equals(Buffer.from(base));
      }
      expect(changed, m.name).toBe(true);
    }
  });

  it('is deterministic and is the pprof-structure fuzz target', () => {
    const a = generateProto(42, profiles);
    expect(Buffer.from(generateProto(42, profiles).bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(a.recipe).toMatch(/\.pb\.gz: /);
    expect(inputFor('pprof-structure', 7).recipe).toMatch(/^[\w./-]+\.(pb\.gz|pprof): /);
  });

  it('gets past the wire decoder far more often than byte mutations', () => {
    const seeds = Array.from({ length: 300 }, (_, i) => 10_000 + i);
    const structured = pastWire(seeds.map((s) => inputFor('pprof-structure', s).bytes));
    const bytewise = pastWire(seeds.map((s) => inputFor('pprof', s).bytes));
    console.log(`past the wire decoder: structure-aware ${(structured * 100).toFixed(0)}%, byte-level ${(bytewise * 100).toFixed(0)}%`);
    expect(structured).toBeGreaterThan(0.6);
    expect(structured).toBeGreaterThan(bytewise);
  });
});
