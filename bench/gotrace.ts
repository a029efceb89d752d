// Bench: parsing a large Go execution trace (≥ 200 MB by default) made at
// bench time by running tools/fixtures/gotrace with a busy workload, against
// Go's own reader (golang.org/x/exp/trace through `go run ./tools/tracegolden
// -bench`, which times only the read loop) on the same file.
// Prints MB/s, events/s and peak memory for both, and the ratios.
// Then the whole process as users run it: the CLI bundled (scripts/build-cli.mjs)
// on the same trace (its report holds no timeline, so it builds no span store),
// and the page's read: the analyses plus the timeline's span store, as the
// page's worker reads (bench/gotraceChild.ts), each in its own process: time, CPU, peak RSS ÷ file
// size (the file is read in windows, a generation at a time, as the CLI does) and the generations read.
// With GOTUNE_BENCH_BIG_MB set (e.g. 1000; it takes minutes), the same
// whole-process rows for a trace of that size, made at bench time and cached.
// Run: npx tsx bench/gotrace.ts [minMB]   (needs Go; the trace is cached in bench/out/)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTraceModel } from '../src/kinds/gotrace';
import { checkHeader } from '../src/formats/gotrace/header';
import { readTrace } from '../src/formats/gotrace/reader';
import { analyzeGoTrace } from '../src/analysis/gotrace/analyze';
import { availableParallelism } from 'node:os';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;
const outDir = path.join(root, 'bench/out');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(0.5 * s.length) - 1];
}

/** A trace of at least minMB made by running the busy fixture program; cached in bench/out/. */
export function makeTrace(minMB: number): string {
  const file = path.join(outDir, `gotrace-${minMB}mb.trace`);
  mkdirSync(outDir, { recursive: true });
  for (let secs = minMB < 20 ? 0.25 : 8; ; secs *= 2) {
    if (existsSync(file) && statSync(file).size >= minMB * 1e6) return file;
    console.log(`making a trace: ${secs} s of a busy program…`);
    execFileSync('go', ['run', './fixtures/gotrace', '-o', file, '-dur', `${secs}s`, '-g', '300', '-alloc', '4', '-pace', '0'], {
      cwd: path.join(root, 'tools'),
      stdio: 'inherit',
    });
    console.log(`  ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  }
}

/** Go's x/exp/trace read loop over `file` (tools/tracegolden -bench), in its own process. */
export function goReader(file: string): { seconds: number; cpuSeconds: number; events: number; sysBytes: number } {
  const out = execFileSync('go', ['run', './tracegolden', '-bench', file], { cwd: path.join(root, 'tools'), encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** The reader alone (every event ordered and validated, nothing kept): the like-for-like match for Go's read loop. */
/** CPU seconds of this process (all threads) since `c0`. */
const cpuSince = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

function readerOnly(data: Uint8Array): { seconds: number; cpuSeconds: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  readTrace(data, checkHeader(data), () => {
    n++;
  });
  if (n === 0) throw new Error('no events');
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0) };
}

function ours(data: Uint8Array): { seconds: number; cpuSeconds: number; events: number; peakBytes: number } {
  const base = process.memoryUsage();
  const baseBytes = base.heapUsed + base.arrayBuffers;
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - baseBytes);
  };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = readTraceModel(data, { progress: sample, checkCancelled() {}, warn: (w) => console.warn(w) });
  analyzeGoTrace(model);
  const seconds = (performance.now() - t0) / 1000;
  sample();
  return { seconds, cpuSeconds: cpuSince(c0), events: model.events, peakBytes: peak + data.length };
}

interface Whole {
  seconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  generations: number;
  events: number;
  truncated: { reason: string; bytesLost: number } | null;
}

/** Bundles the CLI and the child into bench/out (esbuild, as `npm run build:cli`). */
async function bundles(): Promise<{ cli: string; child: string }> {
  const { bundle } = (await import(path.join(root, 'scripts/build-cli.mjs'))) as { bundle: (entry: string, out: string) => Promise<string> };
  return {
    cli: await bundle('src/cli/analyze.ts', path.join(outDir, 'gotune-analyze.mjs')),
    child: await bundle('bench/gotraceChild.ts', path.join(outDir, 'gotrace-child.mjs')),
  };
}

/** One process under /usr/bin/time: wall and CPU seconds, peak RSS, its stdout. */
function timed(args: string[]): { seconds: number; cpuSeconds: number; maxRssBytes: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIMED %e %U %S %M', 'node', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /TIMED ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds: Number(m[1]), cpuSeconds: Number(m[2]) + Number(m[3]), maxRssBytes: Number(m[4]) * 1024, stdout: r.stdout };
}

/** The bundled CLI on the trace, as a user runs it (the report JSON read back for the generations). */
function cliRun(cli: string, file: string, args: string[] = []): Whole {
  const t = timed([cli, ...args, file]);
  const tr = JSON.parse(t.stdout).inputs[0].trace;
  return { ...t, generations: tr.generations, events: tr.events, truncated: tr.truncated ?? null };
}

/** The page's read (the analyses and the timeline's span store), in its own process. */
function pageRead(child: string, file: string): Whole {
  const t = timed([child, file]);
  const j = JSON.parse(t.stdout.trim().split('\n').pop()!);
  return { ...t, generations: j.generations, events: j.events, truncated: j.truncated };
}

function wholeRows(label: string, file: string, b: { cli: string; child: string }, go: ReturnType<typeof goReader>): void {
  const bytes = statSync(file).size;
  const mb = bytes / 1e6;
  const show = (what: string, w: Whole) => {
    const read = w.truncated ? `stopped at ${(100 * (1 - w.truncated.bytesLost / bytes)).toFixed(0)}% of the file: ${w.truncated.reason}` : 'the whole trace';
    console.log(
      `${label} ${what}: ${mb.toFixed(1)} MB  ${w.seconds.toFixed(2)} s wall  ${w.cpuSeconds.toFixed(2)} s CPU  peak RSS ${(w.maxRssBytes / 1e6).toFixed(0)} MB = ${(w.maxRssBytes / bytes).toFixed(2)}× file  ` +
        `${w.generations} generations read (${read}); events ${w.events} (Go ${go.events})  ratio vs Go read loop: wall ${(w.seconds / go.seconds).toFixed(2)}×, CPU ${(w.cpuSeconds / go.cpuSeconds).toFixed(2)}×`,
    );
  };
  show('CLI bundled (parse + analyses)', cliRun(b.cli, file));
  // The trace's chunks of generations read in one thread per core (src/cli/traceThreads.ts, --threads), joined.
  const n = Math.max(2, availableParallelism());
  show(`CLI bundled, --threads ${n}`, cliRun(b.cli, file, ['--threads', String(n)]));
  show("page's read (parse + analyses + timeline spans)", pageRead(b.child, file));
  console.log(`${label} Go x/exp/trace read loop: ${mb.toFixed(1)} MB  ${go.seconds.toFixed(2)} s wall  ${go.cpuSeconds.toFixed(2)} s CPU  Go runtime Sys ${(go.sysBytes / 1e6).toFixed(0)} MB`);
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) await main(Number(process.argv[2] ?? 200));

async function main(minMB: number): Promise<void> {
  const file = makeTrace(minMB);
  const data = new Uint8Array(readFileSync(file));
  const mb = data.length / 1e6;
  console.log(`trace: ${path.relative(root, file)} (${mb.toFixed(1)} MB)`);
  const ourRuns: ReturnType<typeof ours>[] = [];
  const goRuns: ReturnType<typeof goReader>[] = [];
  const readerRuns: ReturnType<typeof readerOnly>[] = [];
  for (let i = 0; i < RUNS; i++) {
    goRuns.push(goReader(file));
    (globalThis as { gc?: () => void }).gc?.();
    ourRuns.push(ours(data));
    readerRuns.push(readerOnly(data));
  }
  const o = median(ourRuns.map((r) => r.seconds));
  const g = median(goRuns.map((r) => r.seconds));
  const events = ourRuns[0].events;
  if (events !== goRuns[0].events) console.warn(`event counts differ: ours ${events}, Go ${goRuns[0].events}`);
  const peak = Math.max(...ourRuns.map((r) => r.peakBytes));
  console.log(`gotune  parse+analyse: ${o.toFixed(2)} s  ${(mb / o).toFixed(1)} MB/s  ${(events / o / 1e6).toFixed(2)} M events/s  peak ≈ ${(peak / 1e6).toFixed(0)} MB (${(peak / data.length).toFixed(2)}× file, input included)`);
  console.log(`Go x/exp/trace read:   ${g.toFixed(2)} s  ${(mb / g).toFixed(1)} MB/s  ${(goRuns[0].events / g / 1e6).toFixed(2)} M events/s  Go runtime Sys ${(goRuns[0].sysBytes / 1e6).toFixed(0)} MB`);
  const r = median(readerRuns.map((x) => x.seconds));
  console.log(`gotune  reader only:    ${r.toFixed(2)} s  ${(mb / r).toFixed(1)} MB/s  ${(events / r / 1e6).toFixed(2)} M events/s`);
  const cpu = (xs: { cpuSeconds: number }[]) => median(xs.map((x) => x.cpuSeconds)).toFixed(2);
  console.log(`CPU seconds (all threads; steadier than wall time on a shared machine): gotune parse+analyse ${cpu(ourRuns)}, gotune reader only ${cpu(readerRuns)}, Go read loop ${cpu(goRuns)}`);
  console.log(`ratio gotune/Go time: ${(o / g).toFixed(2)}× (${o < g ? 'faster' : 'slower'}), medians of ${RUNS} runs`);
  console.log(`ratio reader only/Go: ${(r / g).toFixed(2)}× (${r < g ? 'faster' : 'slower'})`);
  const b = await bundles();
  wholeRows('whole process', file, b, goRuns[Math.floor(RUNS / 2)]);
  const bigMB = Number(process.env.GOTUNE_BENCH_BIG_MB ?? 0);
  if (bigMB > 0) {
    const big = makeTrace(bigMB);
    wholeRows('big trace', big, b, goReader(big));
  }
}
