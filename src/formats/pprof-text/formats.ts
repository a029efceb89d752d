// Go's legacy debug=1 profile texts (goroutine, heap/allocs, mutex/block,
// threadcreate) as gotune input formats, each parsed into the pprof model.

import type { PprofProfile } from '../pprof/model';
import { FormatError, type FormatDef, type ParseContext, type SniffSample } from '../types';
import { ProfileBuilder } from './builder';
import { textLines, textRecords } from './records';

const firstLine = (s: SniffSample) => s.text.slice(0, 200).split('\n', 1)[0] ?? '';

function def(kind: string, label: string, sniff: (l: string) => number, parse: (d: Uint8Array, c: ParseContext) => PprofProfile): FormatDef<PprofProfile> {
  return { kind, label, sniff: (s) => (s.text ? sniff(firstLine(s)) : 0), parse };
}

const num = (s: string, lineNo: number, what: string) => {
  const v = Number(s);
  if (!Number.isFinite(v)) throw new FormatError(`line ${lineNo}: ${what} "${s}" is not a number`);
  return v;
};

/** goroutine?debug=1 / threadcreate?debug=1: "N @ pcs" records with counts. */
function countProfile(kind: 'goroutine' | 'threadcreate') {
  return (data: Uint8Array, ctx: ParseContext): PprofProfile => {
    const lines = textLines(data, ctx);
    const first = lines.next();
    const header = first.done ? '' : first.value[0];
    const m = new RegExp(`^${kind} profile: total (\\d+)`).exec(header);
    if (!m) throw new FormatError(`expected "${kind} profile: total N" on the first line`);
    const b = new ProfileBuilder(kind === 'goroutine' ? 'goroutine-text' : 'threadcreate-text', [{ type: kind, unit: 'count' }]);
    for (const r of textRecords(lines, () => false)) {
      b.addSample([num(r.head, r.lineNo, 'count')], r.frames.filter((f) => f.pc !== 0), r.addrs, r.labels);
    }
    const p = b.build({ periodType: { type: kind, unit: 'count' }, period: 1 });
    const sum = p.values.reduce((a, v) => a + v, 0);
    if (sum !== Number(m[1])) ctx.warn(`the header says ${m[1]} ${kind}s but the records add up to ${sum}`);
    return p;
  };
}

/** pprof's scaleHeapSample: undo the runtime's sampling (Poisson, mean `rate` bytes). */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const avg = size / count;
  const scale = 1 / (1 - Math.exp(-avg / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

function parseHeap(data: Uint8Array, ctx: ParseContext): PprofProfile {
  const lines = textLines(data, ctx);
  const first = lines.next();
  const header = first.done ? '' : first.value[0];
  const m = /^heap profile: *\d+: *\d+ *\[ *\d+: *\d+ *\] *@ *(heap|heapprofile)?\/?(\d+)?/.exec(header);
  if (!m) throw new FormatError('expected "heap profile: N: N [N: N] @ heap/RATE" on the first line');
  // The header carries 2×MemProfileRate; pprof halves it.
  const rate = m[2] ? Math.trunc(Number(m[2]) / 2) : 1;
  const types = [
    { type: 'alloc_objects', unit: 'count' },
    { type: 'alloc_space', unit: 'bytes' },
    { type: 'inuse_objects', unit: 'count' },
    { type: 'inuse_space', unit: 'bytes' },
  ];
  const b = new ProfileBuilder('heap-text', types);
  const REC = /^(\d+): (\d+) \[(\d+): (\d+)\]$/;
  for (const r of textRecords(lines, (l) => l.startsWith('# runtime.MemStats'))) {
    const x = REC.exec(r.head);
    if (!x) throw new FormatError(`line ${r.lineNo}: expected "inuse_objects: inuse_bytes [alloc_objects: alloc_bytes] @ …"`);
    const [io, ib] = scaleHeapSample(Number(x[1]), Number(x[2]), rate);
    const [ao, ab] = scaleHeapSample(Number(x[3]), Number(x[4]), rate);
    const block = Number(x[3]) > 0 ? Math.trunc(Number(x[4]) / Number(x[3])) : Number(x[1]) > 0 ? Math.trunc(Number(x[2]) / Number(x[1])) : 0;
    b.addSample([ao, ab, io, ib], r.frames, r.addrs, [], block ? [['bytes', block, 'bytes']] : []);
  }
  return b.build({ periodType: { type: 'space', unit: 'bytes' }, period: rate });
}

function parseContention(data: Uint8Array, ctx: ParseContext): PprofProfile {
  const lines = textLines(data, ctx);
  const first = lines.next();
  const header = first.done ? '' : first.value[0];
  if (!/^--- (mutex|contention):/.test(header)) throw new FormatError('expected "--- mutex:" or "--- contention:" on the first line');
  let cpuHz = 0;
  let period = 1;
  let durationNanos = 0;
  const b = new ProfileBuilder('contention-text', [
    { type: 'contentions', unit: 'count' },
    { type: 'delay', unit: 'nanoseconds' },
  ]);
  // "key=value" lines until the first record; a generator cannot be rewound, so
  // the first record line is fed back through a tiny wrapper.
  let pending: [string, number] | null = null;
  for (let it = lines.next(); !it.done; it = lines.next()) {
    const [line, lineNo] = it.value;
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    if (eq < 0 || t.includes('@')) {
      pending = it.value;
      break;
    }
    const key = t.slice(0, eq).trim();
    const val = t.slice(eq + 1).trim();
    if (key === 'cycles/second') cpuHz = num(val, lineNo, 'cycles/second');
    else if (key === 'sampling period') period = num(val, lineNo, 'sampling period');
    else if (key === 'ms since reset') durationNanos = num(val, lineNo, 'ms since reset') * 1e6;
  }
  const rest: Iterator<[string, number]> = {
    next: () => {
      if (pending) {
        const v = pending;
        pending = null;
        return { done: false, value: v };
      }
      return lines.next();
    },
  };
  const REC = /^(\d+) (\d+)$/;
  for (const r of textRecords(rest, (l) => l.startsWith('---'))) {
    const x = REC.exec(r.head);
    if (!x) throw new FormatError(`line ${r.lineNo}: expected "cycles count @ …"`);
    let cycles = Number(x[1]);
    let count = Number(x[2]);
    if (period > 0) {
      if (cpuHz > 0) cycles = Math.trunc((cycles * period) / (cpuHz / 1e9));
      count = count * period;
    }
    b.addSample([count, cycles], r.frames, r.addrs);
  }
  return b.build({ periodType: { type: 'contentions', unit: 'count' }, period, durationNanos });
}

export const goroutineTextFormat = def(
  'pprof-goroutine-text',
  'goroutine profile, legacy text (goroutine?debug=1)',
  // The goroutine-dump format also reads debug=1 and sniffs it at 0.95; as a
  // profile it is offered second.
  (l) => (l.startsWith('goroutine profile: total ') ? 0.9 : 0),
  countProfile('goroutine'),
);
export const threadcreateTextFormat = def(
  'pprof-threadcreate-text',
  'threadcreate profile, legacy text (threadcreate?debug=1)',
  (l) => (l.startsWith('threadcreate profile: total ') ? 0.97 : 0),
  countProfile('threadcreate'),
);
export const heapTextFormat = def(
  'pprof-heap-text',
  'heap/allocs profile, legacy text (heap?debug=1)',
  (l) => (/^heap profile: *\d+: *\d+ *\[/.test(l) ? 0.97 : 0),
  parseHeap,
);
export const contentionTextFormat = def(
  'pprof-contention-text',
  'mutex/block profile, legacy text (mutex?debug=1, block?debug=1)',
  (l) => (/^--- (mutex|contention):/.test(l) ? 0.97 : 0),
  parseContention,
);

export const pprofTextFormats = [heapTextFormat, contentionTextFormat, threadcreateTextFormat, goroutineTextFormat];
