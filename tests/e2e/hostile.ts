// Real-format inputs whose names carry hostile strings: a profile.proto with
// hostile function, file and label names (a minimal encoder: profile.proto is
// simple enough that writing it here beats a dependency), a goroutine dump with
// hostile function names, and a gctrace log with hostile lines around real ones.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { fixture } from './helpers';

const enc = new TextEncoder();

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const key = (field: number, wire: number) => varint(field * 8 + wire);
const num = (field: number, v: number) => [...key(field, 0), ...varint(v)];
const bytes = (field: number, b: ArrayLike<number>) => [...key(field, 2), ...varint(b.length), ...Array.from(b)];
const packed = (field: number, vs: number[]) => bytes(field, vs.flatMap(varint));

/** A CPU profile: one function per name, each a leaf under main.main, with a label per sample. */
export function hostileProfile(names: readonly string[], labels: readonly string[]): Uint8Array {
  const strings = [''];
  const str = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const out: number[] = [];
  const valueType = (t: string, u: string) => [...num(1, str(t)), ...num(2, str(u))];
  out.push(...bytes(1, valueType('samples', 'count')), ...bytes(1, valueType('cpu', 'nanoseconds')));
  const all = ['main.main', ...names];
  all.forEach((n, i) => {
    out.push(...bytes(5, [...num(1, i + 1), ...num(2, str(n)), ...num(3, str(n)), ...num(4, str(`/src/${n}.go`)), ...num(5, 1)]));
    out.push(...bytes(4, [...num(1, i + 1), ...num(3, 0x1000 + i), ...bytes(4, [...num(1, i + 1), ...num(2, 10 + i)])]));
  });
  names.forEach((_, i) => {
    const label = bytes(3, [...num(1, str(labels[i % labels.length])), ...num(2, str(labels[(i + 1) % labels.length]))]);
    out.push(...bytes(2, [...packed(1, [i + 2, 1]), ...packed(2, [10 + i, (10 + i) * 10_000_000]), ...label]));
  });
  for (const s of strings) out.push(...bytes(6, enc.encode(s)));
  out.push(...bytes(11, valueType('cpu', 'nanoseconds')), ...num(12, 10_000_000), ...num(10, 1_000_000_000));
  return gzipSync(Uint8Array.from(out));
}

/** A debug=2 goroutine dump: goroutines blocked in functions with hostile names. */
export function hostileDump(names: readonly string[]): string {
  const gs = names.map(
    (n, i) => `goroutine ${i + 10} [chan receive, ${i + 3} minutes]:\nmain.${n}(0xc000010000)\n\t/app/${n}.go:${i + 12} +0x2d\ncreated by main.main in goroutine 1\n\t/app/main.go:9 +0x3f\n`,
  );
  return `goroutine 1 [running]:\nmain.main()\n\t/app/main.go:20 +0x1d\n\n${gs.join('\n')}`;
}

/** The real gctrace-basic log with a hostile application line after every few gc lines. */
export function hostileGctrace(lines: readonly string[]): string {
  const real = readFileSync(fixture('godebug/gctrace-basic.log'), 'utf8').split('\n');
  return real.flatMap((l, i) => (i % 3 === 0 ? [l, lines[(i / 3) % lines.length]] : [l])).join('\n');
}
