// Tiles fetched ahead of the keyboard: after a window is drawn, the windows one
// W, S, A or D press away are asked of the worker while the person reads the
// screen, so the press draws in the next frame instead of after a round trip
// to the worker. A few tiles only (each at most about one item per pixel per
// lane), dropped whenever the width or the lane filter changes.

import type { TimelineTile } from '../../../analysis/gotrace/timelineQuery';
import type { TimeWindow } from './timelineWindow';

/** Tiles kept: the four neighbours of the window in view and of the one before it. */
const KEEP = 8;

export class TilesAhead {
  private readonly tiles = new Map<string, TimelineTile>();
  private context = '';

  private static key(w: TimeWindow): string {
    return `${w.t0}/${w.t1}`;
  }

  /** Width and lane filter the kept tiles were made for; a change drops them. */
  setContext(context: string): void {
    if (context === this.context) return;
    this.context = context;
    this.tiles.clear();
  }

  get(w: TimeWindow): TimelineTile | undefined {
    return this.tiles.get(TilesAhead.key(w));
  }

  has(w: TimeWindow): boolean {
    return this.tiles.has(TilesAhead.key(w));
  }

  put(w: TimeWindow, tile: TimelineTile, context: string): void {
    if (context !== this.context) return;
    const k = TilesAhead.key(w);
    this.tiles.delete(k);
    this.tiles.set(k, tile);
    while (this.tiles.size > KEEP) this.tiles.delete(this.tiles.keys().next().value as string);
  }

  get size(): number {
    return this.tiles.size;
  }
}
