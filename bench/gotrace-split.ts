// Bench: a ~200 MB Go 1.26 execution trace (made at bench time by
// bench/gotrace.ts's makeTrace, then cut at a generation boundary to the size
// asked) read sequentially and with its generations read in chunks by 1 and 2
// worker threads (bench/gotraceThreads.ts, bundled), each in its own process,
// in one run beside Go's x/exp/trace read loop (tools/tracegolden -bench) on
// the same file: wall and CPU seconds (all threads), peak RSS. Two rows each:
// the reader alone, and the reader + the analyses + the timeline's span store
// (the analyses still run in one thread, on the joined events).
// Run: npx tsx bench/gotrace-split.ts [MB]   (needs Go)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanGenerations } from '../src/formats/gotrace/boundaries';
import { checkHeader } from '../src/formats/gotrace/header';
import { makeTrace } from './gotrace';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench/out');

/** The first whole generations of `src` up to about `mb` MB, as a trace of their own. */
function cutTrace(src: string, mb: number): string {
  const file = path.join(outDir, `gotrace-cut-${mb}mb.trace`);
  if (existsSync(file)) return file;
  const data = new Uint8Array(readFileSync(src));
  const { ranges } = scanGenerations(data, checkHeader(data));
  const end = ranges.filter((r) => r.end <= mb * 1e6).pop()?.end ?? data.length;
  writeFileSync(file, data.subarray(0, end));
  return file;
}

interface Row {
  seconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  events: number;
  generations: number;
  chunks: number;
}

function run(bundle: string, file: string, threads: number, readerOnly: boolean, flag = readerOnly ? '--reader-only' : ''): Row {
  const r = spawnSync('node', [bundle, file, String(threads), ...(flag ? [flag] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`threads ${threads} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const mb = Number(process.argv[2] ?? 200);
const file = cutTrace(makeTrace(mb), mb);
const { bundle } = (await import(path.join(root, 'scripts/build-cli.mjs'))) as { bundle: (entry: string, out: string) => Promise<string> };
const threadsBundle = await bundle('bench/gotraceThreads.ts', path.join(outDir, 'gotrace-threads.mjs'));
const goBin = path.join(outDir, 'tracegolden');
execFileSync('go', ['build', '-o', goBin, './tracegolden'], { cwd: path.join(root, 'tools') });
const size = readFileSync(file).length;
console.log(`trace ${path.relative(root, file)}: ${(size / 1e6).toFixed(1)} MB; ${os.cpus().length} cores; load average before: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const go = JSON.parse(execFileSync(goBin, ['-bench', file], { encoding: 'utf8' }).trim().split('\n').pop()!) as { seconds: number; cpuSeconds: number; events: number };
console.log(`Go x/exp/trace read loop: ${go.seconds.toFixed(2)} s wall, ${go.cpuSeconds.toFixed(2)} s CPU, ${go.events} events`);
// The reading alone in threads, nothing shipped: how it scales from 1 to 2 threads (one chunk per thread).
for (const threads of [1, 2]) {
  const r = run(threadsBundle, file, threads, false, '--threads-read-only');
  console.log(`reading alone in ${threads} thread(s) (${r.chunks} chunks, events counted only): ${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU; ${r.events} events, ${r.generations} generations`);
}
for (const readerOnly of [true, false]) {
  const base = run(threadsBundle, file, 0, readerOnly);
  for (const threads of [0, 1, 2]) {
    const r = threads === 0 ? base : run(threadsBundle, file, threads, readerOnly);
    console.log(
      `${readerOnly ? 'reader only' : 'reader + analyses + spans'}, ${threads === 0 ? 'sequential' : `${threads} reading thread${threads > 1 ? 's' : ''} (${r.chunks} chunks)`}: ` +
        `${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU, peak RSS ${(r.maxRssBytes / 1e6).toFixed(0)} MB; ${r.events} events, ${r.generations} generations; ` +
        `vs sequential: wall ${(r.seconds / base.seconds).toFixed(2)}×, CPU ${(r.cpuSeconds / base.cpuSeconds).toFixed(2)}×; vs Go read loop: wall ${(r.seconds / go.seconds).toFixed(2)}×, CPU ${(r.cpuSeconds / go.cpuSeconds).toFixed(2)}×`,
    );
  }
}
console.log(`load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
