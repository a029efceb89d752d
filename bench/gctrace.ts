// Bench: 1M gctrace lines of realistic variety, built at bench time by
// replaying the real Go 1.26 logs in tests/fixtures/godebug (cycle numbers and
// times shifted so they keep increasing). Measures parse+analyse in Node and
// compares, on the same bytes in the same process, with:
//   - "lines only": decoding and splitting into lines (the floor);
//   - "regex": the documented gctrace regular expression run on every line
//     (../shared/docs/go-runtime-formats.md §1.1), which is what a
//     straightforward parser does, without any analysis.
// Run: npx tsx bench/gctrace.ts [lines]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { godebugFormat } from '../src/formats/godebug/format';
import { godebugKind } from '../src/kinds/godebug';
import { forEachLine } from '../src/formats/godebug/lines';
import { median, time } from './timing';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');

/** Real gctrace lines replayed until `target` lines, mixed with 1 application line in 10. */
export function buildGctraceLog(target: number): Uint8Array {
  const src = ['gctrace-basic.log', 'gctrace-limit.log', 'memlimit-all.log', 'interleaved.log']
    .flatMap((f) => readFileSync(path.join(root, 'tests/fixtures/godebug', f), 'utf8').split('\n'))
    .filter((l) => /^gc \d+ @[\d.]+s /.test(l));
  const out: string[] = [];
  let n = 0;
  let t = 0;
  for (let i = 0; out.length < target; i++) {
    const l = src[i % src.length];
    const rest = l.slice(l.indexOf('s ', l.indexOf(' @')));
    t += 0.017 + (i % 7) * 0.003;
    out.push(`gc ${++n} @${t.toFixed(3)}${rest}`);
    if (i % 10 === 9) out.push(`{"level":"info","msg":"request served","duration_ms":${i % 97}}`);
  }
  return new TextEncoder().encode(out.join('\n') + '\n');
}

const ctx = { progress() {}, checkCancelled() {}, warn() {} };
const GC_RE =
  /gc (\d+) @(\d+(?:\.\d+)?)s (\d+)%: ([\d.]+(?:\+[\d.]+){2,4}) ms clock, ([\d.+/]+) ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal,(?: (\d+) MB stacks, (\d+) MB globals,)? (\d+) P( \(forced\))?/;

function regexParse(data: Uint8Array): number {
  let n = 0;
  forEachLine(data, ctx, (line) => {
    const m = GC_RE.exec(line);
    if (m) n += m[4].split('+').length;
  });
  return n;
}

export function run(lines: number, runs = 5): string[] {
  const data = buildGctraceLog(lines);
  const mib = data.length / 1048576;
  const ours: number[] = [];
  const floor: number[] = [];
  const naive: number[] = [];
  let cycles = 0;
  for (let r = 0; r < runs; r++) {
    floor.push(time(() => forEachLine(data, ctx, () => {})));
    naive.push(time(() => regexParse(data)));
    ours.push(time(() => (cycles = godebugKind.analyze(godebugFormat.parse(data, ctx), ctx).gc!.cycles)));
  }
  const o = median(ours);
  return [
    `gctrace: ${lines} lines (${cycles} gc cycles), ${mib.toFixed(1)} MiB, median of ${runs}`,
    `  gotune parse+analyse   ${o.toFixed(0)} ms  (${(mib / (o / 1000)).toFixed(0)} MiB/s, ${((lines / o) * 1000 / 1e6).toFixed(2)} M lines/s)  goal < 1000 ms for 1M lines`,
    `  reference lines only   ${median(floor).toFixed(0)} ms  → gotune is ${(o / median(floor)).toFixed(2)}× the floor`,
    `  reference regex/line   ${median(naive).toFixed(0)} ms  → gotune takes ${(o / median(naive)).toFixed(2)}× its time (and also analyses)`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === here) console.log(run(Number(process.argv[2] ?? 1_000_000)).join('\n'));
