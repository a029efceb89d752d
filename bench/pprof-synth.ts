// A large, realistic-shaped profile.proto written by our own encoder at bench
// time (nothing big is committed): a random call tree of `locations` frames
// (some with inlined lines), `functions` functions, and `samples` samples whose
// stacks are root paths in that tree, like a busy Go server's CPU profile.
// Values are written unpacked (as Go does for ≤ 2 values), stacks packed, the
// string table last.

class Writer {
  buf = new Uint8Array(1 << 20);
  n = 0;
  private ensure(k: number) {
    if (this.n + k <= this.buf.length) return;
    let c = this.buf.length * 2;
    while (c < this.n + k) c *= 2;
    const b = new Uint8Array(c);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }
  varint(v: number) {
    this.ensure(10);
    while (v >= 128) {
      this.buf[this.n++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.n++] = v;
  }
  tag(field: number, wt: number) {
    this.varint(field * 8 + wt);
  }
  /** A length-delimited field whose body is written by `body` into a scratch writer. */
  message(field: number, body: Writer) {
    this.tag(field, 2);
    this.varint(body.n);
    this.ensure(body.n);
    this.buf.set(body.buf.subarray(0, body.n), this.n);
    this.n += body.n;
  }
  bytes(field: number, b: Uint8Array) {
    this.tag(field, 2);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  reset() {
    this.n = 0;
    return this;
  }
}

export interface SynthOptions {
  samples: number;
  locations: number;
  functions: number;
  seed?: number;
  /** A heap profile (alloc_objects, alloc_space, inuse_objects, inuse_space) instead of CPU. */
  heap?: boolean;
}

export function synthProfile(o: SynthOptions): Uint8Array {
  let seed = o.seed ?? 42;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds', '/usr/local/bin/server', 'handler', 'api', 'batch', 'tenant', 't1', 't2', 'alloc_objects', 'alloc_space', 'bytes', 'inuse_objects', 'inuse_space', 'space'];
  const fnBase = strings.length;
  const pkgs = ['net/http', 'encoding/json', 'runtime', 'main', 'github.com/acme/svc/store', 'github.com/acme/svc/api', 'crypto/tls', 'bufio', 'sync', 'compress/gzip'];
  for (let f = 0; f < o.functions; f++) {
    const pkg = pkgs[f % pkgs.length];
    strings.push(`${pkg}.fn${f}`, `/src/${pkg}/file${f % 97}.go`);
  }
  const out = new Writer();
  const w = new Writer();
  const w2 = new Writer();
  // sample_type: samples/count, cpu/nanoseconds (or the four heap types)
  const types = o.heap ? [[12, 2], [13, 14], [15, 2], [16, 14]] : [[1, 2], [3, 4]];
  for (const [t, u] of types) {
    w.reset().tag(1, 0);
    w.varint(t);
    w.tag(2, 0);
    w.varint(u);
    out.message(1, w);
  }
  // The call tree: parent of location i is floor(i * r), r = rand^(1/3) → depth ≈ 3·ln(n).
  const parent = new Int32Array(o.locations);
  parent[0] = -1;
  for (let i = 1; i < o.locations; i++) parent[i] = Math.floor(i * Math.cbrt(rnd()));
  const stack: number[] = [];
  for (let s = 0; s < o.samples; s++) {
    stack.length = 0;
    for (let l = Math.floor(rnd() * o.locations); l >= 0; l = parent[l]) stack.push(l + 1);
    w.reset();
    w2.reset();
    for (const id of stack) w2.varint(id);
    w.message(1, w2);
    const n = 1 + Math.floor(rnd() * rnd() * 4);
    if (o.heap) {
      const size = 16 << Math.floor(rnd() * 8);
      w2.reset();
      for (const v of [n * 40, n * 40 * size, n, n * size]) w2.varint(v);
      w.message(2, w2);
    } else {
      w.tag(2, 0);
      w.varint(n);
      w.tag(2, 0);
      w.varint(n * 10_000_000);
    }
    if (s % 10 === 0) {
      w2.reset().tag(1, 0);
      w2.varint(6);
      w2.tag(2, 0);
      w2.varint(7 + (s % 20 === 0 ? 1 : 0));
      w.message(3, w2);
    }
    out.message(2, w);
  }
  // mapping 1
  w.reset().tag(1, 0);
  w.varint(1);
  w.tag(2, 0);
  w.varint(0x400000);
  w.tag(3, 0);
  w.varint(0x4000000);
  w.tag(5, 0);
  w.varint(5);
  w.tag(7, 0);
  w.varint(1);
  out.message(3, w);
  for (let l = 0; l < o.locations; l++) {
    w.reset().tag(1, 0);
    w.varint(l + 1);
    w.tag(2, 0);
    w.varint(1);
    w.tag(3, 0);
    w.varint(0x400000 + l * 16);
    const lines = l % 7 === 0 ? 3 : l % 3 === 0 ? 2 : 1;
    for (let j = 0; j < lines; j++) {
      w2.reset().tag(1, 0);
      w2.varint(((l * 31 + j * 7) % o.functions) + 1);
      w2.tag(2, 0);
      w2.varint(10 + ((l + j) % 500));
      w.message(4, w2);
    }
    out.message(4, w);
  }
  for (let f = 0; f < o.functions; f++) {
    w.reset().tag(1, 0);
    w.varint(f + 1);
    w.tag(2, 0);
    w.varint(fnBase + 2 * f);
    w.tag(3, 0);
    w.varint(fnBase + 2 * f);
    w.tag(4, 0);
    w.varint(fnBase + 2 * f + 1);
    out.message(5, w);
  }
  out.tag(10, 0);
  out.varint(60_000_000_000);
  out.tag(12, 0);
  out.varint(10_000_000);
  const enc = new TextEncoder();
  for (const s of strings) out.bytes(6, enc.encode(s));
  return out.buf.slice(0, out.n);
}
