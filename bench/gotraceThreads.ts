// Child process of bench/gotrace-split.ts, bundled with esbuild like the CLI:
// reads one trace with its generations read in chunks by worker threads
// (src/formats/gotrace/split.ts: each chunk's events come back as columns)
// while this thread joins them and runs the analyses and the span store as
// the sequential read does (readTraceModel with a ReadLoop), then prints one
// JSON line with its wall and CPU time (all threads) and what it read.
// The same file is the worker (not isMainThread). The events a worker may
// hold unconsumed are bounded (AHEAD generations), so memory stays bounded.
// Run: node bench/out/gotrace-threads.mjs FILE THREADS [--reader-only | --threads-read-only]   (THREADS 0: sequential)
// --threads-read-only: the threads read their chunks and only count the events (the reading alone, nothing joined).

import { readFileSync } from 'node:fs';
import { isMainThread, MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { scanGenerations } from '../src/formats/gotrace/boundaries';
import { checkHeader } from '../src/formats/gotrace/header';
import type { ReadLoop } from '../src/formats/gotrace/parse';
import { eventCount, EventJoin, planChunks, readChunk, type ChunkGeneration, type ChunkRange } from '../src/formats/gotrace/split';
import type { Generation } from '../src/formats/gotrace/generation';
import { readTraceModel } from '../src/kinds/gotrace';
import { readTrace } from '../src/formats/gotrace/reader';
import { analyzeGoTrace } from '../src/analysis/gotrace/analyze';

/** Generations a worker may have read ahead of the joining thread. */
const AHEAD = 4;
/** Chunks per thread: smaller chunks keep every thread busy while the joining thread is on one chunk. */
const CHUNKS_PER_THREAD = 4;

interface Job {
  buf: SharedArrayBuffer;
  version: number;
  chunks: ChunkRange[];
  /** [posted, consumed] per worker. */
  flags: SharedArrayBuffer;
  index: number;
  port: MessagePort;
  /** Only read and count the events (nothing shipped): how the reading alone scales with threads. */
  countOnly: boolean;
}

if (!isMainThread) {
  const job = workerData as Job;
  const data = new Uint8Array(job.buf);
  const flags = new Int32Array(job.flags);
  const i = job.index;
  const post = (m: { gen: Generation | null; offset: number; events: Float64Array[]; chunk: number; done: boolean }) => {
    while (Atomics.load(flags, 2 * i) - Atomics.load(flags, 2 * i + 1) >= AHEAD) Atomics.wait(flags, 2 * i + 1, Atomics.load(flags, 2 * i + 1), 50);
    job.port.postMessage(m, m.events.map((b) => b.buffer as ArrayBuffer));
    Atomics.add(flags, 2 * i, 1);
    Atomics.notify(flags, 2 * i);
  };
  for (let k = 0; k < job.chunks.length && job.countOnly; k++) {
    let n = 0;
    const res = readTrace(data, job.version, () => n++, { range: job.chunks[k] });
    // The count rides in `offset`'s place beside the generations read: { offset: generations, count: events }.
    post(Object.assign({ gen: null, offset: res.generations, events: [], chunk: k, done: true }, { count: n }));
  }
  for (let k = 0; k < job.chunks.length && !job.countOnly; k++) {
    const { tail } = readChunk(data, job.version, job.chunks[k], (g: ChunkGeneration) => post({ gen: g.gen, offset: g.offset, events: g.events, chunk: k, done: false }));
    post({ gen: null, offset: 0, events: tail, chunk: k, done: true });
  }
  parentPort!.postMessage('exit');
} else if (process.argv[2]) {
  const [file, threadsArg, flag] = process.argv.slice(2);
  const threads = Number(threadsArg);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const input: Uint8Array = readFileSync(file);
  const buf = new SharedArrayBuffer(input.length);
  const data = new Uint8Array(buf);
  data.set(input);
  const version = checkHeader(data);
  const scan = scanGenerations(data, version);
  if (scan.error) throw new Error(scan.error);
  const chunks = planChunks(scan.ranges, flag === '--threads-read-only' ? threads : threads * CHUNKS_PER_THREAD, data.length);
  const flags = new Int32Array(new SharedArrayBuffer(8 * threads));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < threads; w++) {
    const ch = new MessageChannel();
    ports.push(ch.port1);
    const mine = chunks.filter((_, k) => k % threads === w);
    workers.push(new Worker(fileURLToPath(import.meta.url), { workerData: { buf, version, chunks: mine, flags: flags.buffer, index: w, port: ch.port2, countOnly: flag === '--threads-read-only' }, transferList: [ch.port2] }));
  }
  /** The next message of worker w, waiting for it. */
  const pull = (w: number) => {
    for (;;) {
      const m = receiveMessageOnPort(ports[w]);
      if (m) {
        Atomics.add(flags, 2 * w + 1, 1);
        Atomics.notify(flags, 2 * w + 1);
        return m.message as { gen: Generation | null; offset: number; events: Float64Array[]; done: boolean };
      }
      Atomics.wait(flags, 2 * w, Atomics.load(flags, 2 * w), 50);
    }
  };
  const loop: ReadLoop = (_data, _version, sink, opts, res) => {
    const join = new EventJoin();
    for (let k = 0; k < chunks.length; k++) {
      for (;;) {
        const m = pull(k % threads);
        join.replay(m.events, m.gen, sink);
        res.events += eventCount(m.events);
        if (m.done) break;
        res.generations++;
        res.goodOffset = m.offset;
        opts.onGeneration?.(m.gen!, m.offset);
      }
    }
  };
  const ctx = { progress() {}, checkCancelled() {}, warn: (w: string) => console.error(w) };
  let events = 0;
  let generations = 0;
  // THREADS 0: the sequential reader in this thread, for reference.
  const use: ReadLoop | undefined = threads > 0 ? loop : undefined;
  if (flag === '--threads-read-only') {
    for (let k = 0; k < chunks.length; k++) {
      const m = pull(k % threads) as unknown as { offset: number; count: number };
      events += m.count;
      generations += m.offset;
    }
  } else if (flag === '--reader-only') {
    const res = { version, events: 0, generations: 0, goodOffset: 16 };
    let n = 0;
    (use ?? readTrace)(data, version, () => n++, {}, res);
    events = n;
    generations = res.generations;
  } else {
    const model = readTraceModel(data, ctx, use);
    analyzeGoTrace(model);
    events = model.events;
    generations = model.generations;
  }
  for (const w of workers) void w.terminate();
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ threads, chunks: chunks.length, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssBytes: process.resourceUsage().maxRSS * 1024, events, generations }));
  process.exit(0);
}
