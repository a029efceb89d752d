// profile.proto at the wire level, for the structure-aware fuzzer: a message
// is a list of fields (number, wire type, and a varint, raw bytes, a packed
// list of varints or a nested message), decoded recursively for the messages
// profile.proto nests, and encoded back byte for byte. Written for the fuzzer
// and the memory measurements; the app's decoder is src/formats/pprof/decode.ts.

export interface WireField {
  f: number;
  wt: number;
  /** Wire type 0 (varint), 1 (fixed64) and 5 (fixed32): the value as unsigned 64 bits. */
  v?: bigint;
  /** Wire type 2 that is not a known message or packed list: the raw bytes. */
  bytes?: Uint8Array;
  /** Wire type 2 holding a packed list of varints. */
  packed?: bigint[];
  /** Wire type 2 holding a nested message. */
  msg?: WireField[];
  /** Set on a field whose declared length is deliberately wrong (fuzzing). */
  lenOverride?: bigint;
}

/** Nested messages and packed fields by message name, per profile.proto. */
type Shape = Record<number, { msg?: string; packed?: true }>;
export const PROFILE_SHAPES: Record<string, Shape> = {
  Profile: { 1: { msg: 'ValueType' }, 2: { msg: 'Sample' }, 3: { msg: 'Mapping' }, 4: { msg: 'Location' }, 5: { msg: 'Function' }, 11: { msg: 'ValueType' }, 13: { packed: true } },
  Sample: { 1: { packed: true }, 2: { packed: true }, 3: { msg: 'Label' } },
  Location: { 4: { msg: 'Line' } },
  Mapping: {},
  Function: {},
  Line: {},
  Label: {},
  ValueType: {},
};

class Cursor {
  pos = 0;
  constructor(
    readonly b: Uint8Array,
    readonly end: number,
  ) {}
  varint(): bigint {
    let x = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('wire: varint runs past the end');
      const c = this.b[this.pos++];
      x |= BigInt(c & 0x7f) << shift;
      if (c < 0x80) return BigInt.asUintN(64, x);
      shift += 7n;
      if (shift > 63n) throw new Error('wire: varint longer than 10 bytes');
    }
  }
  fixed(n: number): bigint {
    if (this.pos + n > this.end) throw new Error('wire: fixed field runs past the end');
    let x = 0n;
    for (let i = n - 1; i >= 0; i--) x = (x << 8n) | BigInt(this.b[this.pos + i]);
    this.pos += n;
    return x;
  }
}

/** Decodes `buf` as message `name` (unknown nested fields stay raw bytes). Throws on malformed wire data. */
export function decodeWire(buf: Uint8Array, name = 'Profile'): WireField[] {
  const c = new Cursor(buf, buf.length);
  const shape = PROFILE_SHAPES[name] ?? {};
  const out: WireField[] = [];
  while (c.pos < c.end) {
    const tag = c.varint();
    const f = Number(tag >> 3n);
    const wt = Number(tag & 7n);
    if (wt === 0) out.push({ f, wt, v: c.varint() });
    else if (wt === 1) out.push({ f, wt, v: c.fixed(8) });
    else if (wt === 5) out.push({ f, wt, v: c.fixed(4) });
    else if (wt === 2) {
      const n = c.varint();
      if (n > BigInt(c.end - c.pos)) throw new Error('wire: length runs past the end');
      const body = buf.subarray(c.pos, c.pos + Number(n));
      c.pos += Number(n);
      const s = shape[f];
      if (s?.msg) out.push({ f, wt, msg: decodeWire(body, s.msg) });
      else if (s?.packed) {
        const pc = new Cursor(body, body.length);
        const list: bigint[] = [];
        while (pc.pos < pc.end) list.push(pc.varint());
        out.push({ f, wt, packed: list });
      } else out.push({ f, wt, bytes: body.slice() });
    } else throw new Error(`wire: wire type ${wt}`);
  }
  return out;
}

class Writer {
  private buf = new Uint8Array(1024);
  n = 0;
  private room(k: number) {
    if (this.n + k <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.n + k) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }
  varint(v: bigint) {
    let x = BigInt.asUintN(64, v);
    this.room(10);
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x) b |= 0x80;
      this.buf[this.n++] = b;
    } while (x);
  }
  fixed(v: bigint, n: number) {
    this.room(n);
    for (let i = 0; i < n; i++) this.buf[this.n++] = Number((BigInt.asUintN(64, v) >> BigInt(8 * i)) & 0xffn);
  }
  bytes(b: Uint8Array) {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

function body(field: WireField): Uint8Array {
  if (field.msg) return encodeWire(field.msg);
  if (field.packed) {
    const w = new Writer();
    for (const v of field.packed) w.varint(v);
    return w.done();
  }
  return field.bytes ?? new Uint8Array(0);
}

/** Encodes fields back to wire bytes; a field's wire type is written as given, whatever it holds. */
export function encodeWire(fields: readonly WireField[]): Uint8Array {
  const w = new Writer();
  for (const field of fields) {
    w.varint((BigInt(field.f) << 3n) | BigInt(field.wt & 7));
    switch (field.wt & 7) {
      case 0:
        w.varint(field.v ?? 0n);
        break;
      case 1:
        w.fixed(field.v ?? 0n, 8);
        break;
      case 5:
        w.fixed(field.v ?? 0n, 4);
        break;
      case 2: {
        const b = body(field);
        w.varint(field.lenOverride ?? BigInt(b.length));
        w.bytes(b);
        break;
      }
      default:
        // Wire types 3, 4, 6, 7: only the tag (a decoder must reject it).
        break;
    }
  }
  return w.done();
}
