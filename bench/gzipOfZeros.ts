// A gzip bomb for the benchmarks: the gzip of N MiB of zeros, compressed as a
// stream (the zeros are never all in memory), ~1 KB per MiB.

import { constants, createGzip } from 'node:zlib';

const MiB = 1 << 20;

export async function gzipOfZeros(mib: number): Promise<Buffer> {
  const gz = createGzip({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => gz.on('end', r));
  const zeros = Buffer.alloc(16 * MiB);
  for (let i = 0; i < mib; i += 16) if (!gz.write(zeros)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  return Buffer.concat(out);
}
