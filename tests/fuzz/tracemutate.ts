// Structure-aware mutations of Go execution traces (v2 format, Go 1.22+): a
// real trace is split into its header and batches (EventBatch / experimental
// batch framing: gen, M, timestamp, size, payload; Go 1.26's end-of-generation
// byte), changed at batch level (drop, duplicate, swap, move to another
// generation, extreme M / timestamp / generation numbers, a declared size that
// lies, a payload cut mid-event, a corrupted event type, a huge varint put
// inside a payload, end-of-generation markers lost or doubled, batches from
// another trace), then framed again. Byte mutations rarely leave a trace the
// reader gets through (53 of 1,997 gave a result in one run); these keep the
// framing valid unless a mutation breaks it on purpose, so most inputs reach
// the ordering state machine and the analyses. A pure function of the seed.

import { decodedOnce, rng, type Generated } from './mutate';
import { headerVersion } from '../../src/formats/gotrace/header';

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

const EVENT_BATCH = 1;
const EXPERIMENTAL_BATCH = 49;
const END_OF_GENERATION = 52;

export type TraceItem =
  | { kind: 'eog' }
  | { kind: 'batch'; typ: number; exp: number; gen: bigint; m: bigint; time: bigint; payload: Uint8Array; size?: bigint }
  /** Bytes after the last batch the framing could read (kept as they are). */
  | { kind: 'tail'; bytes: Uint8Array };

export interface TraceParts {
  header: Uint8Array;
  items: TraceItem[];
  /** When set, mutations pick only batches of this generation (the last one: earlier ones stay whole). */
  focusGen?: bigint;
}

function readUvarint(d: Uint8Array, p: number): [bigint, number] | null {
  let v = 0n;
  for (let shift = 0n; p < d.length && shift < 70n; shift += 7n) {
    const b = d[p++];
    v |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [v, p];
  }
  return null;
}

function writeUvarint(out: number[], v: bigint): void {
  let x = BigInt.asUintN(64, v);
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
}

/** Header and batches of a v2 trace; null when the bytes are not one (v1 traces, Go ≤ 1.21, have no such batches: byte-level mutations cover them). */
export function splitTrace(bytes: Uint8Array): TraceParts | null {
  if (bytes.length < 16 || headerVersion(bytes) < 22) return null;
  const items: TraceItem[] = [];
  let p = 16;
  while (p < bytes.length) {
    const start = p;
    const typ = bytes[p++];
    if (typ === END_OF_GENERATION) {
      items.push({ kind: 'eog' });
      continue;
    }
    let ok = typ === EVENT_BATCH || typ === EXPERIMENTAL_BATCH;
    let exp = 0;
    if (ok && typ === EXPERIMENTAL_BATCH) exp = bytes[p++] ?? 0;
    const fields: bigint[] = [];
    for (let i = 0; ok && i < 4; i++) {
      const r = readUvarint(bytes, p);
      if (!r) ok = false;
      else {
        fields.push(r[0]);
        p = r[1];
      }
    }
    if (!ok || p + Number(fields[3]) > bytes.length) {
      items.push({ kind: 'tail', bytes: bytes.slice(start) });
      break;
    }
    const size = Number(fields[3]);
    items.push({ kind: 'batch', typ, exp, gen: fields[0], m: fields[1], time: fields[2], payload: bytes.slice(p, p + size) });
    p += size;
  }
  return { header: bytes.slice(0, 16), items };
}

/** Frames the parts again (a batch's `size` overrides its real payload length: a lying size). */
export function joinTrace(t: TraceParts): Uint8Array {
  const out: number[] = [...t.header];
  for (const it of t.items) {
    if (it.kind === 'eog') out.push(END_OF_GENERATION);
    else if (it.kind === 'tail') out.push(...it.bytes);
    else {
      out.push(it.typ);
      if (it.typ === EXPERIMENTAL_BATCH) out.push(it.exp);
      writeUvarint(out, it.gen);
      writeUvarint(out, it.m);
      writeUvarint(out, it.time);
      writeUvarint(out, it.size ?? BigInt(it.payload.length));
      for (let i = 0; i < it.payload.length; i++) out.push(it.payload[i]);
    }
  }
  return Uint8Array.from(out);
}

type Batch = Extract<TraceItem, { kind: 'batch' }>;
const batchesOf = (t: TraceParts) =>
  t.items.map((it, i) => ({ it, i })).filter((x): x is { it: Batch; i: number } => x.it.kind === 'batch' && (t.focusGen === undefined || x.it.gen === t.focusGen));

/** Varints that break assumptions: 2^64−1 (−1 as int64), 2^63, 2^53 ± 1, 2^32, 0. */
const EXTREME = [(1n << 64n) - 1n, 1n << 63n, (1n << 53n) + 1n, 1n << 53n, 1n << 32n, 0n, 1n];
const HUGE_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];

interface TraceMutation {
  name: string;
  apply(t: TraceParts, r: Rand, other: () => TraceParts | null): void;
}

/** A mutation of one batch picked at random (none when there is no batch to pick). */
function onBatch(name: string, change: (x: Batch, r: Rand, t: TraceParts) => void): TraceMutation {
  return {
    name,
    apply: (t, r) => {
      const b = batchesOf(t);
      if (b.length) change(pick(r, b).it, r, t);
    },
  };
}

/** Inserts items at a random place. */
const insert = (t: TraceParts, r: Rand, ...items: TraceItem[]) => void t.items.splice(int(r, t.items.length + 1), 0, ...items);

export const TRACE_MUTATIONS: TraceMutation[] = [
  { name: 'drop-batch', apply: (t, r) => void (batchesOf(t).length && t.items.splice(pick(r, batchesOf(t)).i, 1)) },
  onBatch('duplicate-batch', (x, r, t) => insert(t, r, { ...x })),
  {
    name: 'swap-batches',
    apply: (t, r) => {
      const b = batchesOf(t);
      if (b.length < 2) return;
      const x = pick(r, b).i;
      const y = pick(r, b).i;
      [t.items[x], t.items[y]] = [t.items[y], t.items[x]];
    },
  },
  onBatch('other-generation', (x, r) => void (x.gen += BigInt(pick(r, [-1, 1, 2, 1000])))),
  onBatch('extreme-gen', (x, r) => void (x.gen = pick(r, EXTREME))),
  onBatch('extreme-m', (x, r) => void (x.m = pick(r, EXTREME))),
  onBatch('extreme-time', (x, r) => void (x.time = pick(r, EXTREME))),
  onBatch('time-backwards', (x) => void (x.time = x.time > 1000n ? x.time - 1000n : 0n)),
  onBatch('lying-size', (x, r) => {
    const n = BigInt(x.payload.length);
    x.size = pick(r, [n + 1n, n > 0n ? n - 1n : 0n, n + 1000n, 1n << 20n, (1n << 64n) - 1n, 0n]);
  }),
  onBatch('cut-payload', (x, r) => void (x.payload = x.payload.slice(0, int(r, x.payload.length + 1)))),
  onBatch('corrupt-event-byte', (x, r) => {
    if (!x.payload.length) return;
    x.payload = x.payload.slice();
    x.payload[int(r, x.payload.length)] = pick(r, [0, 1, 2, 48, 49, 52, 53, 0x7f, 0x80, 0xff, int(r, 256)]);
  }),
  onBatch('huge-varint-inside', (x, r) => {
    const at = int(r, x.payload.length + 1);
    const p = new Uint8Array(x.payload.length + HUGE_VARINT.length);
    p.set(x.payload.subarray(0, at));
    p.set(HUGE_VARINT, at);
    p.set(x.payload.subarray(at), at + HUGE_VARINT.length);
    x.payload = p;
  }),
  {
    name: 'lose-end-of-generation',
    apply: (t, r) => {
      const e = t.items.map((it, i) => ({ it, i })).filter((x) => x.it.kind === 'eog');
      if (e.length) t.items.splice(pick(r, e).i, 1);
    },
  },
  { name: 'extra-end-of-generation', apply: (t, r) => insert(t, r, { kind: 'eog' }) },
  {
    name: 'batch-from-another-trace',
    apply: (t, r, other) => {
      const o = other();
      const b = o ? batchesOf(o) : [];
      if (b.length) insert(t, r, { ...pick(r, b).it });
    },
  },
  onBatch('many-copies', (x, r, t) => insert(t, r, ...Array.from({ length: pick(r, [10, 200]) }, () => ({ ...x })))),
  {
    name: 'cut-after-batch',
    apply: (t, r) => {
      if (t.items.length > 1) t.items.length = 1 + int(r, t.items.length - 1);
    },
  },
];

const partsOf = decodedOnce(splitTrace);
const copy = (t: TraceParts): TraceParts => ({ header: t.header, items: t.items.map((it) => ({ ...it })), focusGen: t.focusGen });

/** Input for `seed`: one real trace with 1–4 batch-level mutations. */
export function generateTrace(seed: number, corpus: readonly { name: string; bytes: Uint8Array }[]): Generated {
  const r = rng(seed ^ 0x2545f491);
  const usable = corpus.filter((c) => partsOf(c.bytes));
  if (!usable.length) throw new Error('no execution-trace seeds');
  const base = pick(r, usable);
  const t = copy(partsOf(base.bytes)!);
  // Half the inputs change only the last generation, so the ones before it are read whole and the
  // analyses run on what was complete (the truncation path) rather than stopping at the first error.
  if (r() < 0.5) {
    const gens = t.items.flatMap((it) => (it.kind === 'batch' ? [it.gen] : []));
    if (gens.length) t.focusGen = gens.reduce((a, b) => (b > a ? b : a));
  }
  const other = () => {
    const o = partsOf(pick(r, usable).bytes);
    return o ? copy(o) : null;
  };
  const steps: string[] = [];
  const n = 1 + int(r, 4);
  for (let i = 0; i < n; i++) {
    const m = pick(r, TRACE_MUTATIONS);
    m.apply(t, r, other);
    steps.push(m.name);
  }
  return { bytes: joinTrace(t), recipe: `${base.name}: ${steps.join(', ')}` };
}
