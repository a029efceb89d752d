// Growable typed columns that double: parsers append to these and hand out exact-size
// copies at the end, so no per-sample objects are ever made.

type TypedCtor<T> = { new (n: number): T };
export type Typed = Float64Array | Uint32Array | Int32Array | Uint8Array;

export class Vec<T extends Typed> {
  a: T;
  n = 0;
  /** The array's own constructor is used to grow it: no function is kept in a field, so a Vec can be sent to another thread. */
  constructor(ctor: TypedCtor<T>, cap = 1024) {
    this.a = new ctor(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow();
    this.a[this.n++] = v;
  }
  grow(): void {
    const b = new (this.a.constructor as TypedCtor<T>)(this.a.length * 2);
    b.set(this.a as any);
    this.a = b;
  }
  /** An exact-size copy of the contents. */
  done(): T {
    return this.a.slice(0, this.n) as T;
  }
}

export const f64 = (cap?: number) => new Vec(Float64Array, cap);
export const u32 = (cap?: number) => new Vec(Uint32Array, cap);
export const i32 = (cap?: number) => new Vec(Int32Array, cap);
export const u8 = (cap?: number) => new Vec(Uint8Array, cap);

/** Float64 arrays joined end to end into one. */
export function joinF64(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of parts) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}
