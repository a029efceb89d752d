// Bench: what reading an execution trace in n chunks would take with a core
// per chunk, from each step measured alone, one after the other, in this one
// process (this machine has 2 cores, so n threads cannot be timed at once for
// n > 2). The steps are the CLI's (src/cli/traceThreads.ts, without a
// timeline): the plan, the label scans of every chunk but the last (at once),
// the chunks' reads (at once, each knowing the mark workers before it), the
// join, the analyses. Projected wall = plan + slowest scan + slowest read +
// join + analyses; the reference is the same trace read in one pass and
// analysed, in this process, and Go's x/exp/trace read loop in its own.
// Needs Go (for the trace and Go's loop). Run: npx tsx bench/gotrace-chunks.ts [minMB] [n…]

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goReader, makeTrace } from './gotrace';
import { joinTraceChunks, planTraceChunks, readTraceChunk, scanTraceChunk, withWorkersBefore, type TraceChunkPart } from '../src/kinds/gotraceChunks';
import { gotraceKind } from '../src/kinds/gotrace';
import { DEFAULT_LIMITS } from '../src/formats/limits';
import type { ParseContext } from '../src/formats/types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const limits = { ...DEFAULT_LIMITS, timelineBytes: 0 };

const timed = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn() {}, limits };

function oneRead(data: Uint8Array): number {
  const [, ms] = timed(() => gotraceKind.analyze(gotraceKind.read(data, ctx), ctx));
  return ms;
}

function chunked(data: Uint8Array, n: number): { row: string; wallMs: number } {
  const [jobs, planMs] = timed(() => planTraceChunks(data, n, limits));
  if (!jobs) throw new Error('the trace cannot be read in chunks');
  const scans = jobs.slice(0, -1).map((job) => timed(() => scanTraceChunk(data, job)));
  const parts: TraceChunkPart[] = [];
  const readMs: number[] = [];
  jobs.forEach((job, k) => {
    const withWorkers = k === 0 ? job : withWorkersBefore(job, scans.slice(0, k).map(([scan]) => scan));
    const [part, ms] = timed(() => readTraceChunk(data, withWorkers));
    parts.push(part);
    readMs.push(ms);
  });
  const [model, joinMs] = timed(() => joinTraceChunks(parts, jobs[0].version, data.length));
  const [, analyzeMs] = timed(() => gotraceKind.analyze(model, ctx));
  const scanMs = scans.map(([, ms]) => ms);
  const wallMs = planMs + Math.max(0, ...scanMs) + Math.max(...readMs) + joinMs + analyzeMs;
  const cpuMs = planMs + scanMs.reduce((a, b) => a + b, 0) + readMs.reduce((a, b) => a + b, 0) + joinMs + analyzeMs;
  const range = (xs: number[]) => (xs.length ? `${s(Math.min(...xs))}–${s(Math.max(...xs))}` : '—');
  return {
    wallMs,
    row: `| ${jobs.length} | ${s(planMs)} | ${range(scanMs)} | ${range(readMs)} | ${s(joinMs)} | ${s(analyzeMs)} | **${s(wallMs)}** | ${s(cpuMs)} |`,
  };
}

const [minArg, ...nArgs] = process.argv.slice(2);
const file = makeTrace(Number(minArg ?? 200));
const data = new Uint8Array(readFileSync(file));
const counts = nArgs.length ? nArgs.map(Number) : [2, 4, 8];
const go = goReader(file);
// A warm-up read first: the figures after it are the JIT's optimized code, as in a long read.
oneRead(data);
const oneMs = oneRead(data);
console.log(`trace: ${path.relative(root, file)} (${(statSync(file).size / 1e6).toFixed(0)} MB)`);
console.log(`one pass, read + analyses in this process: ${s(oneMs)}; Go's x/exp/trace read loop: ${go.seconds.toFixed(2)} s (${(oneMs / 1000 / go.seconds).toFixed(2)}×)`);
console.log('| chunks | plan | scans (each) | reads (each) | join | analyses | wall with a core per chunk | CPU in all |');
console.log('|---|---|---|---|---|---|---|---|');
for (const n of counts) {
  const r = chunked(data, n);
  console.log(`${r.row} ${(r.wallMs / 1000 / go.seconds).toFixed(2)}× Go's loop`);
}
