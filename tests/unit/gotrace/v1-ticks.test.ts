// v1 traces (Go 1.11–1.21) carry absolute CPU ticks, which pass 2^53 on
// machines with a long uptime (rdtsc counts from boot). A real Go 1.21 trace
// with every absolute tick moved up by 2^60 must read exactly as before:
// times are relative to the first event, so nothing may change.

import { describe, expect, it } from 'vitest';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { quietCtx, readFixture } from './helpers';
import { ourView } from './goldenView';

const OFFSET = 1n << 60n;

function readU(d: Uint8Array, p: number): [bigint, number] {
  let x = 0n;
  let s = 0n;
  for (;;) {
    const b = d[p++];
    x |= BigInt(b & 0x7f) << s;
    if (b < 0x80) return [x, p];
    s += 7n;
  }
}
function putU(out: number[], v: bigint): void {
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

/** Rewrites a v1 trace with `off` added to the absolute ticks: batch start times, CPU sample times, GoSysExit times. */
function shiftTicks(d: Uint8Array, off: bigint): Uint8Array {
  const out: number[] = [...d.subarray(0, 16)];
  let p = 16;
  const copyVals = (n: number) => {
    for (let i = 0; i < n; i++) {
      const [v, q] = readU(d, p);
      putU(out, v);
      p = q;
    }
  };
  while (p < d.length) {
    const b = d[p++];
    out.push(b);
    const typ = b & 0x3f;
    const narg = (b >> 6) + 1;
    if (typ === 37) {
      // String: id, length, bytes.
      copyVals(1);
      const [n, q] = readU(d, p);
      putU(out, n);
      out.push(...d.subarray(q, q + Number(n)));
      p = q + Number(n);
    } else if (typ === 1) {
      // Batch: P, absolute ticks.
      copyVals(1);
      const [ts, q] = readU(d, p);
      putU(out, ts + off);
      p = q;
    } else if (narg <= 3) copyVals(narg);
    else {
      const [n, q] = readU(d, p);
      const vals: bigint[] = [];
      for (let r = q; r < q + Number(n); ) {
        const [v, s] = readU(d, r);
        vals.push(v);
        r = s;
      }
      p = q + Number(n);
      if (typ === 49) vals[1] += off; // CPUSample [dt, ts, p, g, stack]
      if (typ === 29 && vals[3] !== 0n) vals[3] += off; // GoSysExit [dt, g, seq, ts]
      const body: number[] = [];
      for (const v of vals) putU(body, v);
      putU(out, BigInt(body.length));
      out.push(...body);
      if (typ === 48) {
        // UserLog: the message string follows.
        const [n2, q2] = readU(d, p);
        putU(out, n2);
        out.push(...d.subarray(q2, q2 + Number(n2)));
        p = q2 + Number(n2);
      }
    }
  }
  return new Uint8Array(out);
}

describe('v1 ticks above 2^53', () => {
  it('a Go 1.21 trace shifted by 2^60 ticks reads exactly as the original', () => {
    const orig = readFixture('go121-mixed.trace');
    // The runtime pads some varints; the rewrite writes them minimal, so compare against the unshifted rewrite too.
    const same = shiftTicks(orig, 0n);
    const shifted = shiftTicks(orig, OFFSET);
    expect(Buffer.from(shifted).equals(Buffer.from(same))).toBe(false);
    const a = readTraceModel(orig, quietCtx());
    const view = ourView(a, 500);
    expect(ourView(readTraceModel(same, quietCtx()), 500)).toEqual(view);
    const b = readTraceModel(shifted, quietCtx());
    expect(b.events).toBe(a.events);
    expect(ourView(b, 500)).toEqual(view);
  });
});
