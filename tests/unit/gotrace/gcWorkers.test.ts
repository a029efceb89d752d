// The mark workers a chunk of a trace starts with (src/analysis/gotrace/
// gcWorkers.ts, from the reader's label scan, src/formats/gotrace/reader.ts
// ReadOptions.scan) against the ordered stream: on every v2 fixture, before
// every generation, the goroutines whose "GC (…)" label (not idle) the
// sequential pass sees once GOMAXPROCS is known. Also the scan itself: every
// label it reports, with its goroutine and time, is one the read delivers.

import { describe, expect, it } from 'vitest';
import { gcWorkersBefore, gcWorkersOf, joinLabelScans, scanLabels } from '../../../src/analysis/gotrace/gcWorkers';
import { scanGenerations } from '../../../src/formats/gotrace/boundaries';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { Ev } from '../../../src/formats/gotrace/spec';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { chunksAt } from '../../../src/formats/gotrace/split';
import { fixtureTraces, readFixture } from './helpers';
import { inputFor } from '../../fuzz/campaign';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));

let workersSeen = 0;
let labelsSeen = 0;

describe.each(v2)('%s: mark workers before each generation', (name) => {
  const data = readFixture(name);
  const version = checkHeader(data);
  const ranges = scanGenerations(data, version).ranges;
  /** The labels the read delivers: "goroutine label time". */
  const delivered: string[] = [];
  readTrace(data, version, (ev) => {
    if (ev.type === Ev.GoLabel) delivered.push(`${ev.g} ${ev.gen?.strings.get(ev.a0)} ${ev.time}`);
  });

  it('the scan reports the labels the read delivers, with their goroutines', () => {
    const scanned: string[] = [];
    readTrace(data, version, () => {}, {
      scan: {
        label: (g, label, t) => scanned.push(`${g} ${label} ${t}`),
        procs: () => {},
      },
    });
    // The read moves a time only to keep times strictly increasing (never on these fixtures' labels).
    expect(scanned.sort()).toEqual(delivered.sort());
    labelsSeen += delivered.length;
  });

  it('before every generation: the goroutines the sequential pass counts', () => {
    for (let i = 1; i < ranges.length; i++) {
      const [, chunk] = chunksAt(ranges, [0, i], data.length);
      // Sync i+1 opens generation i: the workers counted when it began.
      const want = sequentialWorkers(data, version, i);
      const got = gcWorkersBefore(data, version, chunk).sort((a, b) => a - b);
      expect(got, `before generation ${i}`).toEqual(want);
      workersSeen += got.length;
    }
  });

  it('scans of single generations, joined in any order, are the scan of all before each generation', () => {
    const one = ranges.map((r) => scanLabels(data, version, r.start, r.end));
    for (let i = 1; i < ranges.length; i++) {
      const whole = scanLabels(data, version, 16, ranges[i].start);
      // Joined backwards: the join takes each goroutine's latest label, whatever the order.
      const joined = one.slice(0, i).reduceRight((a, b) => joinLabelScans(a, b));
      expect(joined).toEqual(whole);
      expect(gcWorkersOf(joined).sort((a, b) => a - b)).toEqual(sequentialWorkers(data, version, i));
    }
  });
});

/** The goroutines labelled "GC (…)" (not idle) after the first GOMAXPROCS, in the generations before generation `gen` (0-based). */
function sequentialWorkers(data: Uint8Array, version: number, gen: number): number[] {
  const out = new Set<number>();
  let procs = false;
  let syncs = 0;
  const stop = {};
  try {
    readTrace(
      data,
      version,
      (ev) => {
        if (ev.type === Ev.SyncMarker && ++syncs > gen) throw stop;
        if (ev.type === Ev.ProcsChange) procs = true;
        else if (ev.type === Ev.GoLabel && procs) {
          const label = ev.gen?.strings.get(ev.a0) ?? '';
          if (label.startsWith('GC ') && label !== 'GC (idle)') out.add(ev.g);
        }
      },
    );
  } catch (e) {
    if (e !== stop) throw e;
  }
  return [...out].sort((a, b) => a - b);
}

/** The labels a scan of the whole trace reports ("goroutine label", without times: see below), or its error. */
function scanned(data: Uint8Array, version: number): { labels: string[]; error: string } {
  const labels: string[] = [];
  try {
    readTrace(data, version, () => {}, { scan: { label: (g, label) => labels.push(`${g} ${label}`), procs: () => {} } });
    return { labels: labels.sort(), error: '' };
  } catch (e) {
    return { labels, error: (e as Error).message };
  }
}

describe('the scan on broken traces (the inputs the fuzzers make)', () => {
  // The scan steps over the arguments it does not need with checks of its own; a chunk trusts what it found.
  it('reports the labels the read delivers (goroutine and text) when both finish, and a read of what the scan finds broken fails too', () => {
    let both = 0;
    let scanFailed = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const data = inputFor(seed % 2 ? 'gotrace-structure' : 'gotrace', 30_000 + seed).bytes;
      let version: number;
      try {
        version = checkHeader(data);
      } catch {
        continue;
      }
      if (isV1(version)) continue;
      const scan = scanned(data, version);
      const read: string[] = [];
      let readError = '';
      try {
        readTrace(data, version, (ev) => {
          // Not the time: on a broken clock the read moves times forward to keep them increasing, the scan does not.
          if (ev.type === Ev.GoLabel) read.push(`${ev.g} ${ev.gen?.strings.get(ev.a0)}`);
        });
      } catch (e) {
        readError = (e as Error).message;
      }
      if (scan.error && !scan.error.startsWith('goroutine label not right after')) {
        scanFailed++;
        expect(readError, `seed ${seed}: the scan failed with "${scan.error}"`).not.toBe('');
      }
      if (!scan.error && !readError) {
        both++;
        expect(scan.labels, `seed ${seed}`).toEqual(read.sort());
      }
    }
    expect(both).toBeGreaterThan(10);
    expect(scanFailed).toBeGreaterThan(20);
  });
});

describe('not vacuous', () => {
  it('some fixture has labels, and mark workers before a generation', () => {
    expect(labelsSeen).toBeGreaterThan(0);
    expect(workersSeen).toBeGreaterThan(0);
  });
});
