// Gzip unwrapping and its cap, on a real log.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipCapped, isGzip } from '../../../src/formats/gzip';
import { gunzipNative } from '../../../src/formats/gunzipNative';
import { coreApi } from '../../../src/worker/core';
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

// The worker unwraps natively (DecompressionStream) and falls back to fflate
// for a corrupt or cut stream, so users see the same results and the same
// error messages either way; the cap's error comes from the native pass.
describe('native gzip (DecompressionStream)', () => {
  const profile = readFileSync(resolve(repoRoot, 'tests/fixtures/pprof/cpu.pb.gz'));
  it('gives the same bytes as fflate for a real profile and a real log', async () => {
    expect(Buffer.from((await gunzipNative(profile))!)).toEqual(Buffer.from(gunzipCapped(profile)));
    expect(Buffer.from((await gunzipNative(gzipSync(log)))!)).toEqual(log);
  });
  it('throws the cap error itself (no second pass), and returns null (so fflate names the problem) on a cut stream and on corrupt data', async () => {
    await expect(gunzipNative(gzipSync(Buffer.alloc(8 << 20)), 1 << 20)).rejects.toThrowError(/exceeds the 1\.00 MiB limit/);
    const gz = Buffer.from(gzipSync(log));
    expect(await gunzipNative(gz.subarray(0, gz.length >> 1))).toBeNull();
    for (let i = 20; i < 60; i++) gz[i] ^= 0xff;
    expect(await gunzipNative(gz)).toBeNull();
  });
  it("the worker's report is the same as the fflate pipeline's: a real profile, and a cut one", async () => {
    const { analyzeInput } = await import('../../../src/kinds/analyzeInput');
    for (const bytes of [profile, profile.subarray(0, profile.length - 40)]) {
      const viaWorker = await coreApi.analyze('w', 'cpu.pb.gz', new Uint8Array(bytes).buffer);
      const viaFflate = analyzeInput('w', 'cpu.pb.gz', new Uint8Array(bytes)).report;
      delete viaWorker.parseMs;
      delete viaFflate.parseMs;
      expect(viaWorker).toEqual(viaFflate);
    }
    expect((await coreApi.analyze('w', 'cut.pb.gz', new Uint8Array(profile.subarray(0, profile.length - 40)).buffer)).error).toMatch(/gzip stream is (truncated|corrupt)/);
  });
});
