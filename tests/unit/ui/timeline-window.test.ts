// The timeline's window steps and the tiles fetched ahead of them: a key press
// must ask for exactly the window the look-ahead fetched, or the tile it kept
// would never be used (or, worse, a wrong one drawn).

import { describe, expect, it } from 'vitest';
import { clampWindow, keyboardNeighbours, panWindow, stepWindow, zoomWindow } from '../../../src/ui/views/trace/timelineWindow';
import { TilesAhead } from '../../../src/ui/views/trace/timelineAhead';
import type { TimelineTile } from '../../../src/analysis/gotrace/timelineQuery';

const LO = 1_000;
const HI = 1_001_000;
const MIN = 200;

describe('timeline window', () => {
  it('holds a window inside the trace and no narrower than the minimum', () => {
    // moved inside, its width kept
    expect(clampWindow(0, 500_000, LO, HI, MIN)).toEqual({ t0: LO, t1: LO + 500_000 });
    expect(clampWindow(900_000, 1_200_000, LO, HI, MIN)).toEqual({ t0: 701_000, t1: HI });
    expect(clampWindow(5_000, 5_050, LO, HI, MIN)).toEqual({ t0: 5_000, t1: 5_200 });
    expect(clampWindow(-10, 5_000_000, LO, HI, MIN)).toEqual({ t0: LO, t1: HI });
  });
  it('zooms about a point and pans by a share of the width', () => {
    const v = { t0: 101_000, t1: 501_000 };
    expect(zoomWindow(v, 0.5, 0.5, LO, HI, MIN)).toEqual({ t0: 201_000, t1: 401_000 });
    expect(zoomWindow(v, 0.5, 0, LO, HI, MIN)).toEqual({ t0: 101_000, t1: 301_000 });
    expect(panWindow(v, 0.2, LO, HI, MIN)).toEqual({ t0: 181_000, t1: 581_000 });
    expect(panWindow(v, -1, LO, HI, MIN)).toEqual({ t0: LO, t1: 401_000 });
  });
  it('a key step lands on one of the neighbours the look-ahead asks for, the last step first', () => {
    const v = { t0: 201_000, t1: 601_000 };
    const n = keyboardNeighbours(v, LO, HI, MIN);
    for (const k of ['in', 'out', 'earlier', 'later'] as const) expect(n).toContainEqual(stepWindow(v, k, LO, HI, MIN));
    expect(n).toHaveLength(4);
    expect(keyboardNeighbours(v, LO, HI, MIN, 'out')[0]).toEqual(stepWindow(v, 'out', LO, HI, MIN));
    expect(keyboardNeighbours(v, LO, HI, MIN, 'later')[0]).toEqual(stepWindow(v, 'later', LO, HI, MIN));
  });
  it('leaves out steps that go nowhere (the whole trace in view, the window at the minimum)', () => {
    const whole = { t0: LO, t1: HI };
    // zoom out, earlier and later all give the whole trace again: only zoom in is left
    expect(keyboardNeighbours(whole, LO, HI, MIN)).toEqual([stepWindow(whole, 'in', LO, HI, MIN)]);
    const narrow = { t0: 5_000, t1: 5_200 };
    expect(keyboardNeighbours(narrow, LO, HI, MIN)).not.toContainEqual(narrow);
  });
});

describe('tiles fetched ahead', () => {
  const tile = (t0: number): TimelineTile => ({ t0 } as unknown as TimelineTile);
  it('gives back a tile for its window in the same context only', () => {
    const a = new TilesAhead();
    a.setContext('trace|1200|null');
    a.put({ t0: 1, t1: 2 }, tile(1), 'trace|1200|null');
    expect(a.get({ t0: 1, t1: 2 })?.t0).toBe(1);
    expect(a.get({ t0: 1, t1: 3 })).toBeUndefined();
    // a reply made for another width or filter is not kept
    a.put({ t0: 5, t1: 6 }, tile(5), 'trace|800|null');
    expect(a.has({ t0: 5, t1: 6 })).toBe(false);
    // a new width drops what was kept
    a.setContext('trace|800|null');
    expect(a.size).toBe(0);
  });
  it('keeps the 8 most recent', () => {
    const a = new TilesAhead();
    a.setContext('c');
    for (let i = 0; i < 12; i++) a.put({ t0: i, t1: i + 1 }, tile(i), 'c');
    expect(a.size).toBe(8);
    expect(a.has({ t0: 3, t1: 4 })).toBe(false);
    expect(a.has({ t0: 4, t1: 5 })).toBe(true);
  });
});
