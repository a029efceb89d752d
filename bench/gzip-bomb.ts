// Peak memory of the worker's gzip path on a bomb at the real cap: a gzip of
// zeros that inflates to 1.25× MAX_DECOMPRESSED_BYTES (or N MiB of zeros:
// `tsx bench/gzip-bomb.ts N`), through unwrapAndAnalyze (the worker's
// DecompressionStream pass, then analyzeInput) in Node. Prints the resident
// memory the process gained at its peak over its baseline, as a multiple of
// the cap. Goal (issue 13): under 1.3× the cap — the bomb is inflated once
// and its chunks are dropped at the cap (it used to be inflated twice).
//
//   node --expose-gc --import tsx bench/gzip-bomb.ts [MiB of zeros]

import { gzipOfZeros } from './gzipOfZeros';
import { MAX_DECOMPRESSED_BYTES } from '../src/formats/limits';
import { unwrapAndAnalyze } from '../src/worker/unwrapAndAnalyze';

const MiB = 1 << 20;
const zerosMiB = Number(process.argv[2] ?? Math.ceil((1.25 * MAX_DECOMPRESSED_BYTES) / MiB));
const cap = process.argv[2] ? Math.floor((zerosMiB * MiB) / 1.25) : MAX_DECOMPRESSED_BYTES;

const gc = (globalThis as { gc?: () => void }).gc;
const data = new Uint8Array(await gzipOfZeros(zerosMiB));
gc?.();
const rssKiB = () => process.memoryUsage().rss / 1024;
// maxRSS only grows: the baseline is the resident size now, the peak is maxRSS after the run.
const base = rssKiB();
const before = process.resourceUsage().maxRSS;
const t0 = performance.now();
const { report } = await unwrapAndAnalyze('bomb', 'bomb.gz', data, { gzipCap: cap });
const ms = performance.now() - t0;
const peak = Math.max(process.resourceUsage().maxRSS, before);
const gained = ((peak - base) * 1024) / cap;
console.log(`gzip bomb: ${(data.length / MiB).toFixed(2)} MiB gzip of ${zerosMiB} MiB of zeros, cap ${(cap / MiB).toFixed(0)} MiB`);
console.log(`result: ${report.error ?? 'no error (unexpected)'}`);
console.log(`worker path ${ms.toFixed(0)} ms; peak resident memory above the baseline ${((peak - base) / 1024).toFixed(0)} MiB = ${gained.toFixed(2)}× the cap (goal < 1.3×)`);
if (!report.error?.includes('exceeds')) process.exitCode = 1;
