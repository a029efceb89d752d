// Seeded mutations of real inputs. Everything here is a pure function of the
// seed, so a crash found by seed N is reproduced by generating seed N again.

import { concatBytes } from '../../src/lib/concatBytes';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];
const enc = new TextEncoder();

const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts, parts.reduce((n, p) => n + p.length, 0));

/** Protobuf varint of a (possibly huge) value; 10 bytes for values ≥ 2^63. */
function varint(v: bigint): Uint8Array {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x) b |= 0x80;
    out.push(b);
  } while (x);
  return Uint8Array.from(out);
}

const HUGE_VARINTS = [(1n << 64n) - 1n, 1n << 63n, (1n << 32n) - 1n, 1n << 31n, 1n << 53n, (1n << 53n) + 1n];
const HUGE_NUMBERS = ['99999999999999999999999999', '-1', '-9223372036854775808', '18446744073709551615', '4294967296', '1e308', 'NaN', 'Inf', '0', '0x7fffffff', '9007199254740993', '1.7976931348623157e309', '-0'];

/** Nested structures thousands deep: JSON arrays/objects, YAML, protobuf messages, goroutine frames. */
function deepNesting(r: Rand): Uint8Array {
  const depth = pick(r, [64, 1000, 5000, 20000]);
  switch (int(r, 4)) {
    case 0:
      return enc.encode('['.repeat(depth) + ']'.repeat(int(r, 2) ? depth : 0));
    case 1:
      return enc.encode('{"a":'.repeat(depth) + '1' + '}'.repeat(int(r, 2) ? depth : 0));
    case 2:
      return enc.encode(Array.from({ length: Math.min(depth, 2000) }, (_, i) => ' '.repeat(i) + '- a:').join('\n'));
    default: {
      // field 1, wire type 2, each message containing the next
      let m: Uint8Array = new Uint8Array(0);
      for (let i = 0; i < Math.min(depth, 2000); i++) m = concat(Uint8Array.of(0x0a), varint(BigInt(m.length)), m);
      return m;
    }
  }
}

/** Protobuf-ish fragments that claim huge lengths or counts. */
function hugeField(r: Rand): Uint8Array {
  const field = BigInt(1 + int(r, 20));
  const wire = BigInt(pick(r, [0, 1, 2, 5]));
  return concat(varint((field << 3n) | wire), varint(pick(r, HUGE_VARINTS)));
}

export interface Mutation {
  name: string;
  apply(data: Uint8Array, r: Rand, other: () => Uint8Array): Uint8Array;
}

export const MUTATIONS: Mutation[] = [
  { name: 'truncate', apply: (d, r) => d.subarray(0, int(r, d.length + 1)) },
  {
    name: 'bitflip',
    apply: (d, r) => {
      const out = d.slice();
      const n = 1 + int(r, 8);
      for (let i = 0; i < n && out.length; i++) out[int(r, out.length)] ^= 1 << int(r, 8);
      return out;
    },
  },
  {
    name: 'insert-bytes',
    apply: (d, r) => {
      const at = int(r, d.length + 1);
      const ins = int(r, 2) ? Uint8Array.from({ length: 1 + int(r, 64) }, () => int(r, 256)) : Uint8Array.from({ length: 1 + int(r, 16) }, () => pick(r, [0, 0xff, 0x80, 0x7f, 0x0a, 0x0d, 0x20, 0x22, 0x7b, 0x5b]));
      return concat(d.subarray(0, at), ins, d.subarray(at));
    },
  },
  {
    name: 'delete-range',
    apply: (d, r) => {
      const at = int(r, d.length + 1);
      const n = 1 + int(r, Math.max(1, Math.min(4096, d.length - at)));
      return concat(d.subarray(0, at), d.subarray(at + n));
    },
  },
  {
    name: 'splice',
    apply: (d, r, other) => {
      const o = other();
      const from = int(r, o.length + 1);
      const piece = o.subarray(from, from + 1 + int(r, 8192));
      const at = int(r, d.length + 1);
      const replace = int(r, 2) ? int(r, 8192) : 0;
      return concat(d.subarray(0, at), piece, d.subarray(Math.min(d.length, at + replace)));
    },
  },
  {
    name: 'huge-varint',
    apply: (d, r) => {
      const at = int(r, d.length + 1);
      return concat(d.subarray(0, at), hugeField(r), d.subarray(at));
    },
  },
  {
    name: 'huge-number',
    apply: (d, r) => {
      // Replace one run of ASCII digits with an extreme number.
      const starts: number[] = [];
      for (let i = 0; i < d.length && starts.length < 4096; i++) if (d[i] >= 48 && d[i] <= 57 && (i === 0 || d[i - 1] < 48 || d[i - 1] > 57)) starts.push(i);
      if (!starts.length) return d;
      const s = pick(r, starts);
      let e = s;
      while (e < d.length && d[e] >= 48 && d[e] <= 57) e++;
      return concat(d.subarray(0, s), enc.encode(pick(r, HUGE_NUMBERS)), d.subarray(e));
    },
  },
  {
    name: 'deep-nesting',
    apply: (d, r) => {
      const at = int(r, 2) ? 0 : int(r, d.length + 1);
      return concat(d.subarray(0, at), deepNesting(r), d.subarray(at));
    },
  },
  {
    name: 'repeat-line',
    apply: (d, r) => {
      // Repeat one line (or a short byte range in binary input) many times.
      const at = int(r, d.length + 1);
      let s = at;
      while (s > 0 && d[s - 1] !== 10) s--;
      let e = at;
      while (e < d.length && d[e] !== 10 && e - s < 4096) e++;
      const line = d.subarray(s, Math.min(d.length, e + 1));
      const times = pick(r, [2, 10, 1000, 20000]);
      const rep = new Uint8Array(Math.min(line.length * times, 4 << 20));
      for (let o = 0; o + line.length <= rep.length && line.length; o += line.length) rep.set(line, o);
      return concat(d.subarray(0, s), rep, d.subarray(s));
    },
  },
  {
    name: 'long-run',
    apply: (d, r) => {
      // A long run of one character inside a line: finds regexes that backtrack quadratically.
      const at = int(r, d.length + 1);
      const run = new Uint8Array(pick(r, [10_000, 100_000, 1_000_000])).fill(pick(r, [...' \t0a[(:+./-,=@#"'].map((c) => c.charCodeAt(0))));
      return concat(d.subarray(0, at), run, d.subarray(at));
    },
  },
  {
    name: 'swap-lines',
    apply: (d, r) => {
      const text = new TextDecoder('latin1').decode(d);
      const lines = text.split('\n');
      if (lines.length < 2) return d;
      for (let k = 0; k < 1 + int(r, 8); k++) {
        const i = int(r, lines.length);
        const j = int(r, lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return Uint8Array.from(lines.join('\n'), (c) => c.charCodeAt(0) & 0xff);
    },
  },
];

export interface Generated {
  bytes: Uint8Array;
  /** The seed file and the mutations applied, for the crash report. */
  recipe: string;
}

/**
 * The input for `seed`: one corpus entry with 1–4 mutations applied. Other
 * entries (any format) are the material for splicing.
 */
export function generate(seed: number, corpus: readonly { name: string; bytes: Uint8Array }[], splice: readonly { bytes: Uint8Array }[]): Generated {
  const r = rng(seed);
  const base = pick(r, corpus);
  let d = base.bytes;
  const steps: string[] = [];
  const n = 1 + int(r, 4);
  for (let i = 0; i < n; i++) {
    const m = pick(r, MUTATIONS);
    d = m.apply(d, r, () => pick(r, splice).bytes);
    steps.push(m.name);
  }
  return { bytes: d, recipe: `${base.name}: ${steps.join(', ')}` };
}

/** Decodes each seed once for the structure-aware mutators (null when it does not decode). */
export function decodedOnce<T>(decode: (bytes: Uint8Array) => T): (bytes: Uint8Array) => T | null {
  const cache = new WeakMap<Uint8Array, T | null>();
  return (bytes) => {
    let v = cache.get(bytes);
    if (v === undefined) {
      try {
        v = decode(bytes);
      } catch {
        v = null;
      }
      cache.set(bytes, v);
    }
    return v;
  };
}
