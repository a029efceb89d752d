// Child process of bench/gotrace.ts, bundled with esbuild like the CLI: reads
// one trace, runs the trace analyses, and prints one JSON line with its own
// time, CPU and peak RSS (the whole process). The file is read as the CLI
// reads it: in windows, a generation at a time (src/cli/readInput.ts).
// `--no-spans` leaves out the timeline's span store, to show what it costs;
// `--reader-only` runs the reader alone (every event ordered and validated,
// nothing kept): the like-for-like match for Go's read loop, as a process.
// Run: node bench/out/gotrace-child.mjs FILE [--no-spans | --reader-only]

import { readTraceModel } from '../src/kinds/gotrace';
import { analyzeGoTrace } from '../src/analysis/gotrace/analyze';
import { TraceCollector } from '../src/analysis/gotrace/collect';
import { CpuSamples } from '../src/analysis/gotrace/cpuSamples';
import { SpanStore } from '../src/analysis/gotrace/spanStore';
import type { GoTraceModel } from '../src/analysis/gotrace/model';
import { readGoTrace } from '../src/formats/gotrace/parse';
import { readTrace } from '../src/formats/gotrace/reader';
import { checkHeader } from '../src/formats/gotrace/header';
import { headBytes } from '../src/formats/byteSource';
import { DEFAULT_LIMITS } from '../src/formats/limits';
import type { ParseContext } from '../src/formats/types';
import { openInputCapped } from '../src/cli/readInput';

const [file, flag] = process.argv.slice(2);
const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn: (w) => console.error(w) };
const c0 = process.cpuUsage();
const t0 = performance.now();
const data = openInputCapped(file).input;
let model: GoTraceModel;
if (flag === '--reader-only') {
  let n = 0;
  const r = readTrace(data, checkHeader(headBytes(data, 16)), () => n++, { readBytes: DEFAULT_LIMITS.traceReadBytes });
  if (n !== r.events) throw new Error('event count');
  console.log(JSON.stringify({ ...usage(), bytes: "size" in data ? data.size : data.length, events: r.events, generations: r.generations, truncated: null }));
  process.exit(0);
} else if (flag === '--no-spans') {
  const collected = new TraceCollector();
  const cpu = new CpuSamples();
  const read = readGoTrace(data, ctx, (ev) => collected.event(ev), (gen) => cpu.addGeneration(gen), () => collected.bytes());
  collected.finish();
  model = { ...read, collected, cpu, spans: new SpanStore() };
} else model = readTraceModel(data, ctx);
analyzeGoTrace(model);
console.log(
  JSON.stringify({
    ...usage(),
    bytes: model.bytes,
    events: model.events,
    generations: model.generations,
    truncated: model.truncated ?? null,
  }),
);

function usage(): { seconds: number; cpuSeconds: number; maxRssBytes: number } {
  const cpu = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}
