// Memory per unit of each format's model, measured on real fixtures made big
// by repetition: bytes retained (V8 heap + array buffers, after a full GC) by
// parse + analyse, divided by the units the caps in src/formats/limits.ts
// count (lines, gctrace cycles, goroutines, samples, events). The caps are
// set from these numbers (the arithmetic is in limits.ts).
//
//   node --expose-gc --import tsx bench/limits-memory.ts

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { KINDS } from '../src/kinds/table';
import type { ParseContext } from '../src/formats/types';
import { decodeWire, encodeWire } from '../tests/fuzz/protowire';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx bench/limits-memory.ts');
const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn() {} };
const used = () => {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const fx = (p: string) => {
  const b = new Uint8Array(readFileSync(new URL(`../tests/fixtures/${p}`, import.meta.url)));
  return p.endsWith('.gz') ? gunzipSync(b) : b;
};
const repeatText = (b: Uint8Array, times: number) => {
  const out = new Uint8Array(b.length * times);
  for (let i = 0; i < times; i++) out.set(b, i * b.length);
  return out;
};

/** Retained bytes of parse+analyse per unit; `units` reads the count from the model. */
function measure(label: string, kind: string, data: Uint8Array, units: (model: any) => number, unit: string) {
  const k = KINDS.find((x) => x.format.kind === kind)!;
  const before = used();
  const t0 = performance.now();
  const model = k.read(data, ctx);
  const analyses = k.analyze(model, ctx);
  const ms = performance.now() - t0;
  const after = used();
  const n = units(model);
  const per = (after - before) / n;
  console.log(`${label.padEnd(34)} ${String(n).padStart(10)} ${unit.padEnd(10)} ${(per).toFixed(0).padStart(6)} B/${unit}  input ${(data.length / n).toFixed(0)} B/${unit}  ${(data.length / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`);
  return [model, analyses];
}

const keep: unknown[] = [];
// GODEBUG logs: gctrace and schedtrace lines repeated.
keep.push(measure('gctrace (gctrace-basic.log ×2000)', 'godebug', repeatText(fx('godebug/gctrace-basic.log'), 2000), (m) => m.classified.gctrace, 'cycle'));
keep.push(measure('schedtrace (schedtrace-64.log ×300)', 'godebug', repeatText(fx('godebug/schedtrace-64.log'), 300), (m) => m.lines, 'line'));
keep.push(measure('interleaved (interleaved.log ×300)', 'godebug', repeatText(fx('godebug/interleaved.log'), 300), (m) => m.lines, 'line'));
// Goroutine dump: a real debug=2 dump repeated.
keep.push(measure('goroutines (sql-pool.debug2 ×400)', 'goroutines', repeatText(fx('goroutines/sql-pool.debug2.txt'), 400), (m) => m.goroutines.length, 'goroutine'));
// Prometheus: a real scrape repeated (each repeat is a new scrape).
keep.push(measure('prometheus (runtime-metrics ×300)', 'prometheus', repeatText(fx('metrics/runtime-metrics.txt'), 300), (m) => m.scrapes.reduce((n: number, s: any) => n + s.samples.length, 0), 'sample'));
// profile.proto: the samples of a real heap profile appended many times.
{
  const w = decodeWire(fx('pprof/heap.pb.gz'));
  const samples = w.filter((f) => f.f === 2);
  const big = [...w];
  for (let i = 0; i < 3000; i++) big.push(...samples);
  keep.push(measure('pprof samples (heap.pb ×3000)', 'pprof', encodeWire(big), (m) => m.numSamples, 'sample'));
  const cpu = decodeWire(fx('pprof/cpu.pb.gz'));
  const cs = cpu.filter((f) => f.f === 2);
  const bigc = [...cpu];
  for (let i = 0; i < 3000; i++) bigc.push(...cs);
  keep.push(measure('pprof samples (cpu.pb ×3000)', 'pprof', encodeWire(bigc), (m) => m.numSamples, 'sample'));
}
// Execution traces: the largest real fixture (events are not kept, only the collection).
keep.push(measure('gotrace (go126-mixed.trace)', 'gotrace', fx('gotrace/go126-mixed.trace'), (m) => m.events, 'event'));
keep.push(measure('gotrace (go126-goroutines.trace)', 'gotrace', fx('gotrace/go126-goroutines.trace'), (m) => m.events, 'event'));
console.log(keep.length ? '' : '');
