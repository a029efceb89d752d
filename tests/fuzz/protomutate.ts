// Structure-aware mutations of profile.proto: a real profile is decoded into
// its wire-level fields (tests/fuzz/protowire.ts), changed at field level
// (drop, duplicate, reorder, ids and string indexes out of range, zero and
// duplicate ids, huge and negative varints, packed ⇄ unpacked, deep recursive
// stacks, huge declared lengths, wrong wire types, mismatched value counts),
// then encoded again, so most inputs get past the wire decoder and reach the
// profile's validation and the analyses. A pure function of the seed.

import { decodeWire, encodeWire, type WireField } from './protowire';
import { decodedOnce, rng, type Generated } from './mutate';

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Varints that break assumptions: int64 −1 and minimum, 2^53 ± 1, 2^32, 2^31, 0. */
const EXTREME = [(1n << 64n) - 1n, 1n << 63n, (1n << 53n) + 1n, 1n << 53n, 1n << 32n, (1n << 32n) - 1n, 1n << 31n, 0n, 1n, 0x7fn, 0x80n];

const SPECIAL_STRINGS: (string | Uint8Array)[] = [
  '', 'nanoseconds', 'bytes', 'count', 'cpu', 'samples', 'space', 'objects', 'inuse_space', 'alloc_space', 'contentions', 'delay', 'goroutine',
  'runtime.gopark', 'runtime.goexit', 'runtime.mallocgc', 'main.main', 'sync.(*Mutex).Lock', '[unknown]', 'pprof::', '<script>alert(1)</script>',
  'x'.repeat(100_000), 'a.b.c.'.repeat(5000), 'bytes'.padStart(40, ' '), Uint8Array.of(0xff, 0xfe, 0xed), Uint8Array.of(0xe2, 0x80),
];

/** Varint fields that are string_table indexes, per message. */
const STRING_FIELDS: Record<string, number[]> = {
  Profile: [7, 8, 13, 14, 15],
  ValueType: [1, 2],
  Label: [1, 2, 4],
  Mapping: [5, 6],
  Function: [2, 3, 4],
};
/** Varint fields that are ids or references to ids. */
const ID_FIELDS: Record<string, number[]> = { Location: [1, 2], Line: [1], Function: [1], Mapping: [1], Sample: [1] };

interface Slot {
  /** The list the field is in (mutations edit it in place). */
  list: WireField[];
  i: number;
  /** Message the list belongs to. */
  msg: string;
}

const CHILD: Record<string, Record<number, string>> = {
  Profile: { 1: 'ValueType', 2: 'Sample', 3: 'Mapping', 4: 'Location', 5: 'Function', 11: 'ValueType' },
  Sample: { 3: 'Label' },
  Location: { 4: 'Line' },
};

function slots(list: WireField[], msg: string, out: Slot[] = []): Slot[] {
  list.forEach((f, i) => {
    out.push({ list, i, msg });
    if (f.msg) slots(f.msg, CHILD[msg]?.[f.f] ?? '?', out);
  });
  return out;
}

function clone(fields: readonly WireField[]): WireField[] {
  return fields.map((f) => ({ ...f, ...(f.msg ? { msg: clone(f.msg) } : {}), ...(f.packed ? { packed: [...f.packed] } : {}) }));
}

function shuffle<T>(r: Rand, xs: T[]): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = int(r, i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
}

/** A varint-valued slot (plain varint or one element of a packed list), chosen among `fields` of message kinds. */
function varintSlots(all: Slot[], want: Record<string, number[]>): Slot[] {
  return all.filter((s) => want[s.msg]?.includes(s.list[s.i].f) && (s.list[s.i].wt === 0 || s.list[s.i].packed));
}

function setVarint(r: Rand, s: Slot, v: bigint): void {
  const f = s.list[s.i];
  if (f.packed && f.packed.length) f.packed[int(r, f.packed.length)] = v;
  else f.v = v;
}

const count = (p: WireField[], n: number) => p.filter((f) => f.f === n).length;

/** The packed field `f` (1 location ids, 2 values) of a random sample, when it has a non-empty one. */
function samplePacked(p: WireField[], r: Rand, f: number): WireField | undefined {
  const samples = p.filter((x) => x.f === 2 && x.msg);
  if (!samples.length) return undefined;
  const field = pick(r, samples).msg!.find((x) => x.f === f && x.packed);
  return field?.packed?.length ? field : undefined;
}

export interface ProtoMutation {
  name: string;
  /** Changes `p` (the Profile's fields) in place. */
  apply(p: WireField[], r: Rand): void;
}

export const PROTO_MUTATIONS: ProtoMutation[] = [
  {
    name: 'drop-field',
    apply: (p, r) => {
      const s = pick(r, slots(p, 'Profile'));
      if (s) s.list.splice(s.i, 1);
    },
  },
  {
    name: 'duplicate-field',
    apply: (p, r) => {
      const s = pick(r, slots(p, 'Profile'));
      if (!s) return;
      const times = pick(r, [1, 1, 2, 100]);
      s.list.splice(s.i, 0, ...Array.from({ length: times }, () => clone([s.list[s.i]])[0]));
    },
  },
  {
    name: 'reorder',
    apply: (p, r) => {
      const lists = [p, ...slots(p, 'Profile').flatMap((s) => (s.list[s.i].msg ? [s.list[s.i].msg!] : []))];
      shuffle(r, pick(r, lists));
    },
  },
  {
    name: 'string-index-out-of-range',
    apply: (p, r) => {
      const s = pick(r, varintSlots(slots(p, 'Profile'), STRING_FIELDS));
      if (s) setVarint(r, s, pick(r, [BigInt(count(p, 6)), BigInt(count(p, 6) + int(r, 1000)), ...EXTREME]));
    },
  },
  {
    name: 'bad-id',
    apply: (p, r) => {
      // References to ids that do not exist, the reserved 0, or extremes.
      const s = pick(r, varintSlots(slots(p, 'Profile'), ID_FIELDS));
      if (s) setVarint(r, s, pick(r, [0n, 1n, 2n, 999_999n, ...EXTREME]));
    },
  },
  {
    name: 'duplicate-id',
    apply: (p, r) => {
      // Two locations (functions, mappings) with the same id.
      const kind = pick(r, [3, 4, 5]);
      const msgs = p.filter((f) => f.f === kind && f.msg);
      if (msgs.length < 2) return;
      const a = pick(r, msgs).msg!;
      const b = pick(r, msgs).msg!;
      const id = a.find((f) => f.f === 1 && f.wt === 0);
      const other = b.find((f) => f.f === 1 && f.wt === 0);
      if (id && other) other.v = id.v;
    },
  },
  {
    name: 'extreme-varint',
    apply: (p, r) => {
      const vs = slots(p, 'Profile').filter((s) => s.list[s.i].wt === 0 || s.list[s.i].packed);
      if (vs.length) setVarint(r, pick(r, vs), pick(r, EXTREME));
    },
  },
  {
    name: 'packed-toggle',
    apply: (p, r) => {
      // A packed list written as repeated varints (legal proto), or repeated varints packed.
      const all = slots(p, 'Profile');
      const packed = all.filter((s) => s.list[s.i].packed);
      const plain = all.filter((s) => s.msg === 'Sample' && s.list[s.i].wt === 0 && (s.list[s.i].f === 1 || s.list[s.i].f === 2));
      if (packed.length && (!plain.length || r() < 0.7)) {
        const s = pick(r, packed);
        const f = s.list[s.i];
        s.list.splice(s.i, 1, ...f.packed!.map((v) => ({ f: f.f, wt: 0, v })));
      } else if (plain.length) {
        const s = pick(r, plain);
        const f = s.list[s.i];
        s.list.splice(s.i, 1, { f: f.f, wt: 2, packed: [f.v ?? 0n] });
      }
    },
  },
  {
    name: 'deep-stack',
    apply: (p, r) => {
      // A sample whose stack cycles through its own locations thousands of times (recursion, A→B→A→…).
      const ids = samplePacked(p, r, 1);
      if (!ids) return;
      const depth = pick(r, [1000, 10_000, 100_000]);
      ids.packed = Array.from({ length: depth }, (_, i) => ids.packed![i % ids.packed!.length]);
    },
  },
  {
    name: 'huge-length',
    apply: (p, r) => {
      const ls = slots(p, 'Profile').filter((s) => s.list[s.i].wt === 2);
      if (!ls.length) return;
      const s = pick(r, ls);
      s.list[s.i].lenOverride = pick(r, [1n << 62n, 1n << 31n, (1n << 32n) + 1n, 1n << 20n, 0n, 1n]);
    },
  },
  {
    name: 'wrong-wire-type',
    apply: (p, r) => {
      const s = pick(r, slots(p, 'Profile'));
      if (!s) return;
      const f = s.list[s.i];
      const wt = pick(r, [0, 1, 2, 3, 4, 5, 6, 7]);
      s.list[s.i] = { f: f.f, wt, v: f.v ?? BigInt(int(r, 300)), ...(wt === 2 ? { bytes: f.bytes ?? new Uint8Array(int(r, 4)) } : {}) };
    },
  },
  {
    name: 'value-count',
    apply: (p, r) => {
      // One value more or fewer than there are sample types.
      const v = samplePacked(p, r, 2);
      if (!v) return;
      if (r() < 0.5) v.packed!.pop();
      else v.packed!.push(pick(r, EXTREME));
    },
  },
  {
    name: 'string-table',
    apply: (p, r) => {
      // string_table[0] not empty, or the table gone, or a string of invalid UTF-8.
      const strs = p.filter((f) => f.f === 6);
      const choice = int(r, 3);
      if (choice === 0 && strs.length) strs[0].bytes = new TextEncoder().encode('x');
      else if (choice === 1) for (let i = p.length - 1; i >= 0; i--) if (p[i].f === 6) p.splice(i, 1);
      else p.push({ f: 6, wt: 2, bytes: Uint8Array.of(0xff, 0xfe, 0xc0, 0x80) });
    },
  },
  {
    name: 'special-string',
    apply: (p, r) => {
      // A string the analyses branch on (units, sample types, runtime frames, label keys), or a hostile one.
      const strs = p.filter((f) => f.f === 6);
      if (strs.length < 2) return;
      const special = pick(r, SPECIAL_STRINGS);
      strs[1 + int(r, strs.length - 1)].bytes = typeof special === 'string' ? new TextEncoder().encode(special) : special;
    },
  },
  {
    name: 'sample-values',
    apply: (p, r) => {
      // Values at the edges: negative, 2^53 + 1, int64 extremes, all zero.
      for (const f of p) {
        if (f.f !== 2 || !f.msg || r() < 0.5) continue;
        for (const g of f.msg) if (g.f === 2 && g.packed) g.packed = g.packed.map(() => pick(r, EXTREME));
      }
    },
  },
  {
    name: 'labels',
    apply: (p, r) => {
      // Labels with both str and num, units, keys out of range, many per sample.
      const samples = p.filter((f) => f.f === 2 && f.msg);
      const ns = BigInt(Math.max(1, p.filter((f) => f.f === 6).length));
      for (let k = 0; k < 1 + int(r, 50) && samples.length; k++) {
        const label: WireField[] = [{ f: 1, wt: 0, v: BigInt(int(r, Number(ns))) }];
        if (r() < 0.6) label.push({ f: 2, wt: 0, v: BigInt(int(r, Number(ns))) });
        if (r() < 0.6) label.push({ f: 3, wt: 0, v: pick(r, EXTREME) });
        if (r() < 0.4) label.push({ f: 4, wt: 0, v: BigInt(int(r, Number(ns))) });
        pick(r, samples).msg!.push({ f: 3, wt: 2, msg: label });
      }
    },
  },
  {
    name: 'many-samples',
    apply: (p, r) => {
      const samples = p.filter((f) => f.f === 2);
      if (!samples.length) return;
      const times = pick(r, [10, 1000]);
      for (let i = 0; i < times; i++) p.push(clone([pick(r, samples)])[0]);
    },
  },
  {
    name: 'concatenated',
    apply: (p) => {
      // A second time_nanos, as when two profiles are concatenated.
      p.push({ f: 9, wt: 0, v: 1n });
      p.push({ f: 9, wt: 0, v: 2n });
    },
  },
];

const wireOf = decodedOnce(decodeWire);

/** Input for `seed`: one real profile (seeds that decode as wire data) with 1–4 field-level mutations. */
export function generateProto(seed: number, corpus: readonly { name: string; bytes: Uint8Array }[]): Generated {
  const r = rng(seed ^ 0x5bd1e995);
  const usable = corpus.filter((c) => wireOf(c.bytes));
  if (!usable.length) throw new Error('no profile.proto seeds');
  const base = pick(r, usable);
  const p = clone(wireOf(base.bytes)!);
  const steps: string[] = [];
  const n = 1 + int(r, 4);
  for (let i = 0; i < n; i++) {
    const m = pick(r, PROTO_MUTATIONS);
    m.apply(p, r);
    steps.push(m.name);
  }
  return { bytes: encodeWire(p), recipe: `${base.name}: ${steps.join(', ')}` };
}
