// A gzip bomb in the worker's path is inflated once: the native pass stops at
// the cap and gives the message; fflate never runs on it (it used to inflate
// the whole cap a second time only to word the error, +2.1 GB for a 44.7 MiB
// bomb). The cap is lowered to 1 MiB here; bench/gzip-bomb.ts measures the
// peak memory at the real 1 GiB cap.

import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';

const gunzipConstructed = vi.hoisted(() => ({ n: 0 }));
vi.mock('fflate', async (importOriginal) => {
  const real = await importOriginal<typeof import('fflate')>();
  class CountingGunzip extends real.Gunzip {
    constructor(...args: ConstructorParameters<typeof real.Gunzip>) {
      super(...args);
      gunzipConstructed.n++;
    }
  }
  return { ...real, Gunzip: CountingGunzip };
});

const { unwrapAndAnalyze } = await import('../../../src/worker/unwrapAndAnalyze');

/** DecompressionStream that counts the bytes it hands out, and the most held by the reader at once is bounded by that. */
function countNativeOutput(): { bytes: number } {
  const seen = { bytes: 0 };
  const Real = globalThis.DecompressionStream;
  vi.stubGlobal(
    'DecompressionStream',
    class {
      readonly writable: WritableStream<BufferSource>;
      readonly readable: ReadableStream<Uint8Array>;
      constructor(format: CompressionFormat) {
        const inner = new Real(format);
        this.writable = inner.writable;
        this.readable = inner.readable.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, c) {
              seen.bytes += chunk.length;
              c.enqueue(chunk);
            },
          }),
        );
      }
    },
  );
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
  gunzipConstructed.n = 0;
});

const CAP = 1 << 20;

describe('a gzip bomb through the worker path', () => {
  it('stops at the cap with the message, inflating once', async () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(64 << 20))); // 64 MiB of zeros, ~64 KB
    const seen = countNativeOutput();
    const { report } = await unwrapAndAnalyze('in1', 'bomb.gz', bomb, { gzipCap: CAP });
    expect(report.error).toMatch(/decompressed size exceeds the 1\.00 MiB limit/);
    expect(gunzipConstructed.n).toBe(0);
    // Inflated up to the cap plus what was in flight (a few 64 KiB chunks), not the 64 MiB.
    expect(seen.bytes).toBeGreaterThan(CAP);
    expect(seen.bytes).toBeLessThan(1.3 * CAP);
  });
  it('a cut stream still falls back to fflate for the message', async () => {
    const gz = new Uint8Array(gzipSync(Buffer.from('gc 1 @0.001s 1%: 0.01+0.2+0.01 ms clock, 0.1+0/0.1/0+0.1 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 8 P\n'.repeat(100))));
    const { report } = await unwrapAndAnalyze('in1', 'cut.gz', gz.subarray(0, gz.length >> 1), { gzipCap: CAP });
    expect(report.error).toMatch(/gzip stream is (truncated|corrupt)/);
    expect(gunzipConstructed.n).toBe(1);
  });
  it('a stream under the cap is inflated once, natively', async () => {
    const text = 'gc 1 @0.001s 1%: 0.01+0.2+0.01 ms clock, 0.1+0/0.1/0+0.1 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 8 P\n'.repeat(100);
    const { report } = await unwrapAndAnalyze('in1', 'ok.gz', new Uint8Array(gzipSync(Buffer.from(text))), { gzipCap: CAP });
    expect(report.error).toBeUndefined();
    expect(report.decompressedBytes).toBe(text.length);
    expect(gunzipConstructed.n).toBe(0);
  });
});
