// Gzip unwrapping and its cap, on a real log.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipCapped, isGzip } from '../../../src/formats/gzip';
import { FormatError } from '../../../src/formats/types';
import { repoRoot } from '../paths';

const log = readFileSync(resolve(repoRoot, 'tests/fixtures/godebug/interleaved.log'));

describe('gzip', () => {
  it('round-trips a real log', () => {
    const gz = gzipSync(log);
    expect(isGzip(gz)).toBe(true);
    expect(Buffer.from(gunzipCapped(gz))).toEqual(log);
  });
  it('stops at the cap with a message naming the limit', () => {
    const bomb = gzipSync(Buffer.alloc(8 << 20)); // 8 MiB of zeros, ~8 KB compressed
    expect(() => gunzipCapped(bomb, 1 << 20)).toThrowError(/exceeds the 1\.00 MiB limit/);
  });
  it('a truncated stream is an error, not a partial result', () => {
    const gz = gzipSync(log);
    expect(() => gunzipCapped(gz.subarray(0, gz.length >> 1))).toThrow(FormatError);
  });
  it('corrupt data is an error', () => {
    const gz = Buffer.from(gzipSync(log));
    for (let i = 20; i < 60; i++) gz[i] ^= 0xff;
    expect(() => gunzipCapped(gz)).toThrow(FormatError);
  });
});
