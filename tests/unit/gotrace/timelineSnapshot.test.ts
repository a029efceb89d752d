// A timeline kept with a saved session (src/analysis/gotrace/timelineSnapshot.ts)
// must answer every timeline query exactly as the store it was made from, on
// every trace fixture and on a store past its budget (coarse blocks); and
// bytes damaged in IndexedDB must give a named error, never a wrong timeline
// that throws later.

import { describe, expect, it } from 'vitest';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { decodeTimeline, encodeTimeline, type StoredTimeline } from '../../../src/analysis/gotrace/timelineSnapshot';
import { sliceAt, timelineInfo, timelineTile } from '../../../src/analysis/gotrace/timelineQuery';
import { rangeStats } from '../../../src/analysis/gotrace/timelineRange';
import { pauseInBucket } from '../../../src/analysis/gotrace/timelinePauses';
import type { LaneFilter } from '../../../src/analysis/gotrace/timelineLanes';
import type { GoTraceModel } from '../../../src/analysis/gotrace/model';
import { fixtureTraces, quietCtx, readFixture } from './helpers';

function bytesOf(parts: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

function snapshotOf(m: GoTraceModel): ArrayBuffer {
  const parts = encodeTimeline(m.spans, m.collected);
  if (!parts) throw new Error('over the cap');
  return bytesOf(parts);
}

const FILTERS: (LaneFilter | null)[] = [null, { by: 'm' }, { by: 'g', func: '', state: '', minNs: 0 }];

/** Every query the worker answers, over the whole trace and ten zoomed windows. */
function answers(spans: StoredTimeline['spans'], c: StoredTimeline['counters'], windows = 10, filters = FILTERS) {
  const info = timelineInfo(spans, c);
  const span = info.lastTime + 1 - info.firstTime;
  const out: unknown[] = [info];
  for (const f of filters) out.push(timelineTile(spans, c, info.firstTime, info.lastTime + 1, 1200, f));
  for (let k = 0; k < windows; k++) {
    const t0 = info.firstTime + (span * k) / windows;
    const t1 = t0 + span / 40;
    out.push(timelineTile(spans, c, t0, t1, 900, null), rangeStats(spans, c, t0, t1));
    for (const p of info.procs) out.push(sliceAt(spans, p, (t0 + t1) / 2, span / 100, null));
    out.push(sliceAt(spans, 0, (t0 + t1) / 2, span / 100, { by: 'm' }));
  }
  out.push(pauseInBucket(c, 0, 1e9, true, '', 0), pauseInBucket(c, 0, 1e9, false, '', 1));
  return out;
}

describe.each(fixtureTraces())('%s: timeline kept and restored', (name) => {
  const data = readFixture(name);
  const m = readTraceModel(data, quietCtx());

  it('answers every query as the store it was made from', () => {
    const restored = decodeTimeline(snapshotOf(m));
    expect(answers(restored.spans, restored.counters)).toEqual(answers(m.spans, m.collected));
  });
});

describe('a timeline past its budget (coarse blocks)', () => {
  const m = readTraceModel(readFixture('go126-gens.trace.gz'), { ...quietCtx(), limits: { timelineBytes: 2 << 20 } });

  it('keeps its blocks and answers as the store', () => {
    expect(m.spans.coarseFrom).not.toBeNull();
    const restored = decodeTimeline(snapshotOf(m));
    expect(restored.spans.coarseFrom).toBe(m.spans.coarseFrom);
    expect([...restored.spans.lanes.values()].some((l) => l.coarse !== null && l.coarse.length > 0)).toBe(true);
    expect(answers(restored.spans, restored.counters)).toEqual(answers(m.spans, m.collected));
  });
});

describe('damaged snapshots', () => {
  const m = readTraceModel(readFixture('go126-mixed.trace'), quietCtx());
  const good = new Uint8Array(snapshotOf(m));
  const headerEnd = 16 + new DataView(good.buffer).getUint32(12, true);

  it('a cut file, another layout, another kind of file: named errors', () => {
    for (const n of [0, 8, 15, 16, headerEnd - 1, headerEnd + 8, good.length - 1]) expect(() => decodeTimeline(good.slice(0, n).buffer)).toThrow(/the stored timeline is damaged/);
    const other = good.slice();
    other[8] = 9;
    expect(() => decodeTimeline(other.buffer)).toThrow(/layout 9/);
    expect(() => decodeTimeline(new TextEncoder().encode('{"not":"a timeline"}').buffer)).toThrow(/not a timeline|too short/);
  });

  it('a slice moved before its lane\'s previous one is refused', () => {
    const restored = decodeTimeline(good.slice().buffer);
    const lane = [...restored.spans.lanes.values()].find((l) => l.length > 2)!;
    // The first lane's start column is the first column in the data: find its bytes and swap two starts.
    const bad = good.slice();
    const starts = new Float64Array(bad.buffer, (headerEnd + 7) & ~7, lane.length);
    expect(starts[1]).toBeGreaterThan(starts[0]);
    [starts[0], starts[1]] = [starts[1], starts[0]];
    expect(() => decodeTimeline(bad.buffer)).toThrow(/out of order/);
  });

  it('any byte changed: a named error, or a timeline whose queries all run', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    let refused = 0;
    for (let k = 0; k < 200; k++) {
      const bad = good.slice();
      // Half in the header (the JSON), half in the columns.
      const at = k % 2 === 0 ? 16 + Math.floor(rand() * (headerEnd - 16)) : headerEnd + Math.floor(rand() * (bad.length - headerEnd));
      bad[at] ^= 1 + Math.floor(rand() * 255);
      let t: StoredTimeline;
      try {
        t = decodeTimeline(bad.buffer);
      } catch (e) {
        expect((e as Error).message).toMatch(/^the stored timeline is damaged: /);
        refused++;
        continue;
      }
      expect(() => answers(t.spans, t.counters, 2, [null])).not.toThrow();
    }
    // Most damage to the header is caught (else the check above proves little).
    expect(refused).toBeGreaterThan(60);
  });
});
