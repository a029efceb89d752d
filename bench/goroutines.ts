// Bench: a 1M-goroutine debug=2 dump made at bench time by a real Go program
// (tools/fixtures/goroutines `big N FILE`: N goroutines parked in chan receive,
// select and sync.Mutex.Lock, written with runtime.Stack(buf, true)), parsed and
// grouped. Prints ratios against two references timed in the same process on
// the same bytes:
//   - "lines only": decoding and splitting into lines (what a string parser cannot avoid);
//   - "byte scan": finding every newline in the bytes (the floor of any parser);
//   - "split + regex": a straightforward parser (split each goroutine block,
//     one regex per header, group by the joined stack text).
// The dump is cached in the OS temp dir per Go version. Without Go the bench
// says so and exits 0.
// Run: npx tsx bench/goroutines.ts [goroutines]

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goroutinesFormat } from '../src/formats/goroutines/format';
import { goroutinesKind } from '../src/kinds/goroutines';
import { forEachLine } from '../src/formats/godebug/lines';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');
const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = 3;

function goVersion(): string | null {
  try {
    return execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** The dump file, generated once per Go version and size. */
export function bigDump(n: number): string | null {
  const v = goVersion();
  if (!v) return null;
  const file = path.join(os.tmpdir(), `gotune-bench-goroutines-${v}-${n}.txt`);
  if (existsSync(file) && statSync(file).size > 0) return file;
  const bin = path.join(os.tmpdir(), 'gotune-bench-goroutines-gen');
  execFileSync('go', ['build', '-trimpath', '-o', bin, './fixtures/goroutines'], { cwd: path.join(root, 'tools'), stdio: 'inherit' });
  const t0 = performance.now();
  execFileSync(bin, ['big', String(n), file], { stdio: 'inherit' });
  console.log(`  generated ${n} goroutines with ${v} in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`);
  return file;
}

const ctx = { progress() {}, checkCancelled() {}, warn() {} };

/** The straightforward reference: blocks, a header regex, stacks grouped by their text. */
function naive(data: Uint8Array): number {
  const groups = new Map<string, number>();
  let block: string[] = [];
  const flush = () => {
    if (block.length === 0) return;
    const m = /^goroutine (\d+) \[([^\]]*)\]:/.exec(block[0]);
    if (m) {
      const key = block
        .slice(1)
        .map((l) => l.replace(/\(.*\)$/, '').replace(/ \+0x[0-9a-f]+.*$/, '').trim())
        .join('\n');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    block = [];
  };
  forEachLine(data, ctx, (line) => {
    if (line === '') flush();
    else block.push(line);
  });
  flush();
  return groups.size;
}

function byteScan(data: Uint8Array): number {
  let n = 0;
  for (let pos = 0; ; n++) {
    const nl = data.indexOf(10, pos);
    if (nl < 0) return n;
    pos = nl + 1;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(0.5 * s.length) - 1];
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function run(): void {
  const file = bigDump(N);
  if (!file) {
    console.log('goroutines: skipped — Go is not installed, so the 1M-goroutine dump cannot be generated');
    return;
  }
  const data = readFileSync(file);
  const mb = data.length / 1048576;
  const ours: number[] = [];
  const floor: number[] = [];
  const ref: number[] = [];
  const scan: number[] = [];
  const oursCpu: number[] = [];
  let summary = '';
  let peak = 0;
  for (let r = 0; r < RUNS; r++) {
    floor.push(time(() => forEachLine(data, ctx, () => {})));
    scan.push(time(() => byteScan(data)));
    ref.push(time(() => naive(data)));
    const c0 = process.cpuUsage();
    ours.push(
      time(() => {
        const m = goroutinesFormat.parse(data, ctx);
        const a = goroutinesKind.analyze(m, ctx).goroutines!;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        summary = `${a.total} goroutines, ${a.groupCount} groups, top suspect ${a.leakSuspects[0]?.count} × ${a.leakSuspects[0]?.function}`;
      }),
    );
    const c = process.cpuUsage(c0);
    oursCpu.push((c.user + c.system) / 1000);
  }
  const o = median(ours);
  const f = median(floor);
  const n = median(ref);
  console.log(`goroutines: debug=2 dump of ${N} goroutines, ${mb.toFixed(mb >= 10 ? 0 : 1)} MiB (${summary})`);
  console.log(`  gotune parse+group     median ${o.toFixed(0)} ms  (${(mb / (o / 1000)).toFixed(0)} MiB/s)  runs ${ours.map((x) => x.toFixed(0)).join(' ')}  goal < 3000 ms; JS heap ${(peak / 1048576).toFixed(0)} MiB; CPU time median ${median(oursCpu).toFixed(0)} ms (all threads, GC included: what an idle core would take; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  const b = median(scan);
  console.log(`  reference: lines only  median ${f.toFixed(0)} ms  → gotune takes ${(o / f).toFixed(2)}× the time of decoding and splitting the text`);
  console.log(`  reference: byte scan   median ${b.toFixed(0)} ms  → gotune is ${(o / b).toFixed(2)}× the floor of finding the newlines`);
  console.log(`  reference: split+regex median ${n.toFixed(0)} ms  → gotune takes ${(o / n).toFixed(2)}× its time (and also ranks suspects)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === here) run();
