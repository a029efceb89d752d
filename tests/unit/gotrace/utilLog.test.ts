// A chunk's utilization log (src/analysis/gotrace/utilLog.ts): what replay()
// hands back is what push() was given, in order, across its fixed chunks of
// 64 K entries, after being sent to another thread's form (tagClasses, a
// structured clone, restoreClasses) and after append(); a P or an ID that
// does not fit is refused (the trace is then read in one pass).

import { describe, expect, it } from 'vitest';
import { UtilLog, type UtilLogEntry } from '../../../src/analysis/gotrace/utilLog';
import { TRACE_CHUNK_CLASSES } from '../../../src/analysis/gotrace/chunkTransfer';
import { restoreClasses, tagClasses } from '../../../src/lib/classTransfer';
import { rng } from '../../fuzz/mutate';

/** Which ID an entry keeps, by its low bits (the test's own rule, like mmu.ts's logIds by event type). */
const use = (packed: number): 'g' | 'x' | 'both' => (['g', 'x', 'both'] as const)[packed % 3];

function entries(n: number, seed: number): UtilLogEntry[] {
  const r = rng(seed);
  const out: UtilLogEntry[] = [];
  let t = 1e9;
  for (let i = 0; i < n; i++) {
    t += Math.floor(r() * 5000);
    const packed = Math.floor(r() * (1 << 21));
    const how = use(packed);
    const g = Math.floor(r() * 2 ** 31) - (r() < 0.1 ? 2 ** 31 : 0);
    const x = Math.floor(r() * 1e6);
    const p = Math.floor(r() * 2048) - 1;
    out.push({ t, packed, p, g: how === 'x' ? -1 : g, x: how === 'g' ? 0 : x });
  }
  return out;
}

function replayed(log: UtilLog): UtilLogEntry[] {
  const out: UtilLogEntry[] = [];
  log.replay((e) => out.push({ ...e }), use);
  return out;
}

function filled(es: UtilLogEntry[]): UtilLog {
  const log = new UtilLog();
  for (const e of es) log.push(e.t, e.packed, e.p, e.g, e.x, use(e.packed));
  return log;
}

describe('UtilLog', () => {
  it('replays what was pushed, across chunks, after a structured clone, and appended', () => {
    for (const n of [0, 1, 65_535, 65_536, 65_537, 150_001]) {
      const es = entries(n, n + 1);
      const log = filled(es);
      expect(log.length).toBe(n);
      expect(replayed(log)).toEqual(es);
      const sent = structuredClone(log, { transfer: tagClasses(log, TRACE_CHUNK_CLASSES) });
      const back = restoreClasses(sent, TRACE_CHUNK_CLASSES);
      expect(back).toBeInstanceOf(UtilLog);
      expect(replayed(back)).toEqual(es);
      const more = entries(1000, n + 7);
      const joined = filled(entries(0, 0));
      joined.append(back, use);
      joined.append(filled(more), use);
      expect(replayed(joined)).toEqual([...es, ...more]);
    }
  });

  it('refuses a P or an ID that does not fit', () => {
    const log = new UtilLog();
    expect(() => log.push(1, 0, 2047, 0, 0, 'g')).toThrow(/Ps up to 2046/);
    expect(() => log.push(1, 0, -2, 0, 0, 'g')).toThrow(/Ps up to/);
    expect(() => log.push(1, 0, 0, 2 ** 32, 0, 'g')).toThrow(/32-bit IDs/);
    expect(() => log.push(1, 0, 0, 0, 1.5, 'x')).toThrow(/32-bit IDs/);
    expect(log.length).toBe(0);
  });
});
