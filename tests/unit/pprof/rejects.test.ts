// Bad input gets a FormatError that says what is wrong, never a hang or a
// crash; text files are never claimed by the profile.proto sniffer.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProfile } from '../../../src/formats/pprof/decode';
import { sniffPprofProto } from '../../../src/formats/pprof/sniff';
import { makeSample } from '../../../src/formats/sniff';
import { FormatError } from '../../../src/formats/types';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { fixtures, readBytes, repoRoot } from './load';

const cpu = () => readBytes(path.join(fixtures, 'cpu.pb.gz'));

function decodeError(b: Uint8Array): FormatError {
  try {
    decodeProfile(b);
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('decoded without error');
}

describe('pprof rejects bad input clearly', () => {
  it('a profile cut in half', () => {
    const b = cpu();
    expect(decodeError(b.subarray(0, b.length >> 1)).message).toMatch(/claims \d+ bytes|past the end|truncated/);
  });
  it('a length that runs past the end', () => {
    expect(decodeError(Uint8Array.from([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x08])).message).toMatch(/claims \d+ bytes but only \d+ remain/);
  });
  it('a varint longer than 10 bytes', () => {
    expect(decodeError(Uint8Array.from([0x48, ...new Array(11).fill(0xff), 0x01])).message).toMatch(/longer than 10 bytes/);
  });
  it('a string index outside the string table', () => {
    // sample_type {type: 5}, string_table [""]
    expect(decodeError(Uint8Array.from([0x0a, 0x02, 0x08, 0x05, 0x32, 0x00])).message).toMatch(/string index 5 is outside the string table/);
  });
  it('a sample with the wrong number of values', () => {
    // sample_type {1,2}; sample {value: [1, 2]} against one type; strings "", "a", "b"
    const b = [0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, 0x04, 0x10, 0x01, 0x10, 0x02, 0x32, 0x00, 0x32, 0x01, 0x61, 0x32, 0x01, 0x62];
    expect(decodeError(Uint8Array.from(b)).message).toMatch(/sample 0 has 2 values but there are 1 sample types/);
  });
  it('a sample pointing at a missing location', () => {
    const b = [0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, 0x04, 0x08, 0x07, 0x10, 0x01, 0x32, 0x00, 0x32, 0x01, 0x61, 0x32, 0x01, 0x62];
    expect(decodeError(Uint8Array.from(b)).message).toMatch(/location id 7, which is not in the profile/);
  });
  it('negative int64 values (10-byte varints) keep their sign', () => {
    // sample_type {1,2}, sample {value: -5}, strings
    const neg = [0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    const b = [0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, 0x0b, 0x10, ...neg, 0x32, 0x00, 0x32, 0x01, 0x61, 0x32, 0x01, 0x62];
    expect(Array.from(decodeProfile(Uint8Array.from(b)).values)).toEqual([-5]);
  });
  it('location ids above 2^53 (addresses used as ids) stay distinct', () => {
    const v = (n: bigint) => {
      const out: number[] = [];
      while (n >= 128n) {
        out.push(Number(n & 127n) | 128);
        n >>= 7n;
      }
      out.push(Number(n));
      return out;
    };
    const msg = (field: number, body: number[]) => [(field << 3) | 2, ...v(BigInt(body.length)), ...body];
    const a = 0xffffffff81000000n;
    const b = a + 1n; // not distinguishable as a double
    const loc = (id: bigint, line: number) => msg(4, [0x08, ...v(id), ...msg(4, [0x08, 1, 0x10, line])]);
    const bytes = [
      ...msg(1, [0x08, 1, 0x10, 2]),
      ...msg(2, [...msg(1, [...v(a), ...v(b)]), 0x10, 7]),
      ...loc(a, 10),
      ...loc(b, 20),
      ...msg(5, [0x08, 1, 0x10, 3]),
      ...msg(6, []),
      ...msg(6, [0x61]),
      ...msg(6, [0x62]),
      ...msg(6, [0x66]),
    ];
    const p = decodeProfile(Uint8Array.from(bytes));
    expect(p.numLocations).toBe(2);
    expect(Array.from(p.stackLocs)).toEqual([0, 1]);
  });
  it('random corruption: always a FormatError or a profile, never a hang or another error', () => {
    const base = cpu();
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let errors = 0;
    for (let i = 0; i < 300; i++) {
      const b = base.slice();
      for (let j = 0; j < 1 + Math.floor(rnd() * 8); j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      try {
        decodeProfile(b);
      } catch (e) {
        expect(e).toBeInstanceOf(FormatError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });
  it('garbage through the pipeline names the problem', () => {
    const r = analyzeInput('x', 'garbage.pb.gz', Uint8Array.from([0x08, 0x96, 0x01, 0x00, 0x00, 0x00]));
    expect(r.report.error).toBeTruthy();
  });
  it('the sniffer never claims text files', () => {
    const texts = readdirSync(fixtures).filter((f) => f.endsWith('.txt') || f.endsWith('.md'));
    texts.push(...readdirSync(path.join(fixtures, 'golden')).slice(0, 20).map((f) => path.join('golden', f)));
    texts.push(path.join(repoRoot, 'package.json'), path.join(repoRoot, 'tools/fixtures/pprof/main.go'));
    for (const f of texts) {
      const b = new Uint8Array(readFileSync(path.isAbsolute(f) ? f : path.join(fixtures, f)));
      expect(sniffPprofProto(makeSample(b)), f).toBe(0);
    }
  });
  it('the sniffer claims every real profile, gzip unwrapped', () => {
    for (const f of readdirSync(fixtures).filter((x) => x.endsWith('.pb.gz'))) {
      expect(sniffPprofProto(makeSample(readBytes(path.join(fixtures, f)))), f).toBeGreaterThan(0.5);
    }
  });
});
