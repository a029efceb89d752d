// Bench: the trace timeline on a big execution trace made at bench time
// (bench/gotrace.ts makeTrace, ≥ 200 MB by default). Times, against the full
// parse + analyses of the same file in the same run: the span store's own
// share of reading (the reader feeding it alone, minus the bare reader), the
// first paint's worker work (timeline info + the whole trace as one tile at
// 1400 px) and a zoomed tile query (1/50 of the trace), and the store's size.
// Run: npx tsx bench/timeline.ts [minMB]   (needs Go to make the trace)

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTraceModel } from '../src/kinds/gotrace';
import { analyzeGoTrace } from '../src/analysis/gotrace/analyze';
import { checkHeader } from '../src/formats/gotrace/header';
import { readTrace } from '../src/formats/gotrace/reader';
import { SpanStore } from '../src/analysis/gotrace/spanStore';
import { timelineInfo, timelineTile } from '../src/analysis/gotrace/timelineQuery';
import { makeTrace } from './gotrace';
import { median, time } from './timing';

const WIDTH = 1400;
const quiet = { progress() {}, checkCancelled() {}, warn() {} };

function main(minMB: number): void {
  const file = makeTrace(minMB);
  const data = new Uint8Array(readFileSync(file));
  const mb = data.length / 1e6;
  console.log(`timeline trace: ${path.basename(file)} (${mb.toFixed(1)} MB)`);
  let model = readTraceModel(data, quiet);
  const parse = median(
    [0, 1].map(() =>
      time(() => {
        model = readTraceModel(data, quiet);
        analyzeGoTrace(model);
      }),
    ),
  );
  const version = checkHeader(data);
  const bare = median([0, 1].map(() => time(() => readTrace(data, version, () => {}))));
  const withStore = median(
    [0, 1].map(() =>
      time(() => {
        const s = new SpanStore();
        readTrace(data, version, s.sink);
        s.finish();
      }),
    ),
  );
  const c = model.collected;
  const spans = model.spans;
  const firstPaint = median([0, 1, 2, 3, 4].map(() => time(() => timelineTile(spans, c, timelineInfo(spans, c).firstTime, c.lastTime + 1, WIDTH))));
  const span = c.lastTime - c.firstTime;
  const zoomed: number[] = [];
  for (let i = 1; i < 20; i++) {
    const t0 = c.firstTime + (span * i) / 21;
    zoomed.push(time(() => timelineTile(spans, c, t0, t0 + span / 50, WIDTH)));
  }
  const info = timelineInfo(spans, c);
  let bytes = 0;
  for (const l of spans.lanes.values()) bytes += l.bytes();
  const whole = timelineTile(spans, c, info.firstTime, info.lastTime + 1, WIDTH);
  const items = whole.lanes.reduce((n, l) => n + l.items.length / 5, 0);
  console.log(`timeline slices ${info.slices} on ${info.procs.length} Ps; store ${(bytes / 1048576).toFixed(1)} MiB (${(bytes / data.length).toFixed(2)}× file); whole-trace tile ${items} items`);
  console.log(`timeline parse+analyse ${parse.toFixed(0)} ms`);
  console.log(`timeline span store in reading ${(withStore - bare).toFixed(0)} ms (reader alone ${bare.toFixed(1)} ms, reader + store ${withStore.toFixed(1)} ms)`);
  console.log(`timeline first paint ${firstPaint.toFixed(1)} ms`);
  console.log(`timeline zoomed tile median ${median(zoomed).toFixed(2)} ms, max ${Math.max(...zoomed).toFixed(2)} ms`);
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) main(Number(process.argv[2] ?? 200));
