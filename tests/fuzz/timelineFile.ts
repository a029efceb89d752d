// The timeline-file target: the file a saved session keeps for a trace's
// timeline (src/analysis/gotrace/timelineFile.ts) comes back from IndexedDB,
// which another tab, an extension or a damaged disk may have changed. Seeds
// are the files of real trace fixtures; the mutated bytes are opened as the
// worker does (head, overview, columns) and every timeline query is run on
// what they give. The only acceptable endings are answers or the decoder's
// named error ("the stored timeline is damaged: …").

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readTraceModel } from '../../src/kinds/gotrace';
import { decodeOverview, encodeTimelineFile, TIMELINE_FILE_HEAD, timelineFileParts } from '../../src/analysis/gotrace/timelineFile';
import { overviewTile } from '../../src/analysis/gotrace/timelineOverview';
import { decodeTimeline } from '../../src/analysis/gotrace/timelineSnapshot';
import { sliceAt, timelineInfo, timelineTile } from '../../src/analysis/gotrace/timelineQuery';
import { rangeStats } from '../../src/analysis/gotrace/timelineRange';
import { concatBytes } from '../../src/lib/concatBytes';

/** Small traces of three layouts (Go 1.21's, 1.23's and 1.26's): timelines of a few hundred KiB to 1 MiB, so a mutation costs little. */
const SEED_FILES = ['gotrace/go121-mixed.trace', 'gotrace/go123-mixed.trace', 'gotrace/go126-forced.trace.gz'];

export function timelineFileSeeds(fixtures: string): { name: string; bytes: Uint8Array }[] {
  const quiet = { progress() {}, checkCancelled() {}, warn() {} };
  return SEED_FILES.map((f) => {
    const raw = new Uint8Array(readFileSync(resolve(fixtures, f)));
    const m = readTraceModel(f.endsWith('.gz') ? new Uint8Array(gunzipSync(raw)) : raw, quiet);
    const parts = encodeTimelineFile(m.spans, m.collected)!;
    return { name: `timeline file of ${f}`, bytes: concatBytes(parts, parts.reduce((n, p) => n + p.length, 0)) };
  });
}

const part = (b: Uint8Array, [from, to]: [number, number]) => b.slice(from, to).buffer;

/** 'damaged' when the decoder refused the bytes with its named error, 'read' when every query ran; anything else thrown escapes. */
export function openTimelineFile(bytes: Uint8Array): 'read' | 'damaged' {
  try {
    const parts = timelineFileParts(bytes.subarray(0, TIMELINE_FILE_HEAD), bytes.length);
    if (parts.overview) {
      const o = decodeOverview(part(bytes, parts.overview));
      for (const w of [1, 390, 1200, o.tile.width]) overviewTile(o, o.tile.t0, o.tile.t1, w, false);
    }
    const t = decodeTimeline(part(bytes, parts.timeline));
    const info = timelineInfo(t.spans, t.counters);
    const span = info.lastTime + 1 - info.firstTime;
    for (const [a, b] of [[0, 1], [0.3, 0.31], [0.9, 1]]) {
      const t0 = info.firstTime + a * span;
      const t1 = info.firstTime + b * span;
      timelineTile(t.spans, t.counters, t0, t1, 800, null);
      timelineTile(t.spans, t.counters, t0, t1, 800, { by: 'm' });
      rangeStats(t.spans, t.counters, t0, t1);
      for (const p of info.procs.slice(0, 4)) sliceAt(t.spans, p, (t0 + t1) / 2, span / 100, null);
    }
    return 'read';
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('the stored timeline is damaged: ')) return 'damaged';
    throw e;
  }
}
