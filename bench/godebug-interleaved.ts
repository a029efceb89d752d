// Bench: a 1M-line interleaved GODEBUG log (schedtrace + scheddetail, gctrace,
// gcpacertrace, scavtrace, inittrace, application lines) built at bench time by
// replaying the real tests/fixtures/godebug/interleaved.log with shifted times
// and cycle numbers. Measures parse+analyse in Node and prints ratios against
// two references timed in the same process on the same bytes:
//   - "lines only": decoding and splitting into lines (the floor);
//   - "regex per line": one unanchored regular expression per stream tried on
//     every line, which is what a straightforward parser would do.
// Run: npx tsx bench/godebug-interleaved.ts [lines]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { godebugFormat } from '../src/formats/godebug/format';
import { godebugKind } from '../src/kinds/godebug';
import { forEachLine } from '../src/formats/godebug/lines';
import { median, time } from './timing';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');
const TARGET = Number(process.argv[2] ?? 1_000_000);
const RUNS = 5;

/** The fixture replayed until `target` lines, times shifted so they keep increasing. */
export function buildLog(target: number): Uint8Array {
  const src = readFileSync(path.join(root, 'tests/fixtures/godebug/interleaved.log'), 'utf8').split('\n');
  while (src.length && !src[src.length - 1].startsWith('scav ') && !src[src.length - 1].startsWith('  G')) src.pop(); // drop the cut tail
  const lastSched = Math.max(...src.filter((l) => l.startsWith('SCHED ')).map((l) => parseInt(l.slice(6), 10)));
  const lastGc = Math.max(...src.filter((l) => l.startsWith('gc ')).map((l) => parseInt(l.slice(3), 10)));
  const spanMs = lastSched + 200;
  const out: string[] = [];
  for (let rep = 0; out.length < target; rep++) {
    const dt = rep * spanMs;
    for (const l of src) {
      if (out.length >= target) break;
      if (l.startsWith('init ') && rep > 0) continue; // init runs once per process
      if (l.startsWith('SCHED ')) {
        const t = parseInt(l.slice(6), 10);
        out.push(`SCHED ${t + dt}ms:${l.slice(l.indexOf('ms:') + 3)}`);
      } else if (l.startsWith('gc ')) {
        const sp = l.indexOf(' @');
        const s = l.indexOf('s ', sp);
        out.push(`gc ${parseInt(l.slice(3), 10) + rep * lastGc} @${(Number(l.slice(sp + 2, s)) + dt / 1000).toFixed(3)}${l.slice(s)}`);
      } else out.push(l);
    }
  }
  return new TextEncoder().encode(out.join('\n') + '\n');
}

const ctx = { progress() {}, checkCancelled() {}, warn() {} };

const REGEXES = [
  /gc (\d+) @([\d.]+)s (\d+)%: ([\d.+]+) ms clock, ([\d.+/]+) ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal/,
  /SCHED (\d+)ms: gomaxprocs=(\d+) idleprocs=(\d+) threads=(\d+) spinningthreads=(\d+)(?: needspinning=(\d+))? idlethreads=(\d+) runqueue=(\d+)/,
  /\s(P|M|G)(\d+): (?:status=(\d+)|p=(\S+))/,
  /pacer: (?:assist ratio=(\S+)|(\d+)% CPU \((\d+) exp\.\)|sweep done)/,
  /scav (\d+) KiB work \(bg\), (\d+) KiB work \(eager\), (\d+) KiB now, (\d+)% util/,
  /init (\S+) @([\d.]+) ms, ([\d.]+) ms clock, (\d+) bytes, (\d+) allocs/,
];

function regexPerLine(data: Uint8Array): number {
  let hits = 0;
  forEachLine(data, ctx, (line) => {
    for (const re of REGEXES) {
      const m = re.exec(line);
      if (m) {
        hits += m.length;
        break;
      }
    }
  });
  return hits;
}

export function run(): void {
  const data = buildLog(TARGET);
  const mb = data.length / 1048576;
  const ours: number[] = [];
  const floor: number[] = [];
  const naive: number[] = [];
  let summary = '';
  for (let r = 0; r < RUNS; r++) {
    floor.push(time(() => forEachLine(data, ctx, () => {})));
    naive.push(time(() => regexPerLine(data)));
    ours.push(
      time(() => {
        const m = godebugFormat.parse(data, ctx);
        const a = godebugKind.analyze(m, ctx);
        summary = `lines ${m.lines}, classified ${JSON.stringify(m.classified)}, SCHED samples ${a.sched?.samples}, gc cycles ${a.gc?.cycles}, pacer cycles ${a.pacer?.cycles}`;
      }),
    );
  }
  const o = median(ours);
  const f = median(floor);
  const n = median(naive);
  console.log(`godebug-interleaved: ${TARGET} lines, ${mb.toFixed(1)} MiB (${summary})`);
  console.log(`  gotune parse+analyse  median ${o.toFixed(0)} ms  (${(mb / (o / 1000)).toFixed(0)} MiB/s)  runs ${ours.map((x) => x.toFixed(0)).join(' ')}  goal < 1500 ms`);
  console.log(`  reference: lines only  median ${f.toFixed(0)} ms  → gotune is ${(o / f).toFixed(2)}× the floor`);
  console.log(`  reference: regex/line  median ${n.toFixed(0)} ms  → gotune takes ${(o / n).toFixed(2)}× its time (and also analyses)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === here) run();
