// Child process of bench/gotrace.ts, bundled with esbuild like the CLI: reads
// one trace, runs the trace analyses, and prints one JSON line with its own
// time, CPU and peak RSS (the whole process). The file is read as the CLI
// reads it: in windows, a generation at a time (src/cli/readInput.ts).
// `--no-spans` leaves out the timeline's span store, to show what it costs.
// Run: node bench/out/gotrace-child.mjs FILE [--no-spans]

import { readTraceModel } from '../src/kinds/gotrace';
import { analyzeGoTrace } from '../src/analysis/gotrace/analyze';
import { TraceCollector } from '../src/analysis/gotrace/collect';
import { CpuSamples } from '../src/analysis/gotrace/cpuSamples';
import { SpanStore } from '../src/analysis/gotrace/spanStore';
import type { GoTraceModel } from '../src/analysis/gotrace/model';
import { readGoTrace } from '../src/formats/gotrace/parse';
import type { ParseContext } from '../src/formats/types';
import { openInputCapped } from '../src/cli/readInput';

const [file, flag] = process.argv.slice(2);
const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn: (w) => console.error(w) };
const c0 = process.cpuUsage();
const t0 = performance.now();
const data = openInputCapped(file).input;
let model: GoTraceModel;
if (flag === '--no-spans') {
  const collected = new TraceCollector();
  const cpu = new CpuSamples();
  const read = readGoTrace(data, ctx, (ev) => collected.event(ev), (gen) => cpu.addGeneration(gen), () => collected.bytes());
  collected.finish();
  model = { ...read, collected, cpu, spans: new SpanStore() };
} else model = readTraceModel(data, ctx);
analyzeGoTrace(model);
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    bytes: model.bytes,
    events: model.events,
    generations: model.generations,
    truncated: model.truncated ?? null,
  }),
);
