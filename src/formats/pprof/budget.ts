// Size check of a profile.proto before it is decoded: one pass over the
// top-level fields only (tag and length, bodies skipped) counts samples,
// locations, functions, strings and mappings and the bytes each kind takes, checks the
// count caps, and estimates the memory the columnar model will need from
// those counts, so an input over the budget is refused before any big table
// is allocated. Lengths are never trusted beyond the bytes present (the
// reader checks each against the end of the input).

import { FormatError } from '../types';
import type { Limits } from '../limits';
import { formatBytes, formatCount } from '../../lib/display';
import { ProtoReader } from './protoReader';

export interface ProfileCensus {
  samples: number;
  sampleBytes: number;
  locations: number;
  locationBytes: number;
  functions: number;
  strings: number;
  stringBytes: number;
  mappings: number;
  /** Bytes of every other top-level field (sample types, comments, …). */
  otherBytes: number;
}

/** Counts the top-level fields of `data`; stops quietly at malformed wire data (the decoder reports it). */
export function censusOf(data: Uint8Array): ProfileCensus {
  const c: ProfileCensus = { samples: 0, sampleBytes: 0, locations: 0, locationBytes: 0, functions: 0, strings: 0, stringBytes: 0, mappings: 0, otherBytes: 0 };
  const r = new ProtoReader(data);
  const end = data.length;
  try {
    while (r.pos < end) {
      const tag = r.varint(end);
      const wt = tag & 7;
      if (wt !== 2) {
        const at = r.pos;
        r.skip(wt, end);
        c.otherBytes += r.pos - at;
        continue;
      }
      const fend = r.lenEnd(end);
      const n = fend - r.pos;
      switch (tag >>> 3) {
        case 2: c.samples++; c.sampleBytes += n; break;
        case 4: c.locations++; c.locationBytes += n; break;
        case 5: c.functions++; break;
        case 6: c.strings++; c.stringBytes += n; break;
        case 3: c.mappings++; break;
        default: c.otherBytes += n;
      }
      r.pos = fend;
    }
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
  }
  return c;
}

/**
 * Bytes of model the decoder will need at its peak. Per unit, from the
 * columns of decode.ts: a sample is 3 uint32 offsets (12 B) and each of its
 * bytes holds at most one varint, stored as a 4-byte location index or an
 * 8-byte value (4 B per byte allowed: location ids, 1–3 bytes each, are most
 * of a sample); a location is 33 B of columns plus up to 4 B per byte for its
 * lines; a function is 28 B of columns and ~36 B of id map; a string is a JS
 * string (~48 B header) plus up to 2 B per byte; a mapping is an object
 * (179 B retained, measured with 1 M mappings); any other field (sample types,
 * comments) keeps at most one 8-byte number per byte. Doubling growth and the
 * exact-size copies at the end make the peak about twice the sum.
 * Measured (bench/limits-memory.ts): heap.pb samples ×3000 retain 95 B per
 * 27-byte sample after parse + analyse; this estimate gives 240 B, the peak.
 */
export function estimateBytes(c: ProfileCensus): number {
  return (
    2 *
    (c.samples * 12 + c.sampleBytes * 4 + c.locations * 33 + c.locationBytes * 4 + c.functions * 64 + c.strings * 48 + c.stringBytes * 2 + c.mappings * 200 + c.otherBytes * 8)
  );
}

const HOW_TO_CUT = 'Cut it down first, e.g. `go tool pprof -proto -focus=REGEX FILE > part.pb.gz` (or capture a shorter profile)';

/** Throws a FormatError naming the limit when the profile is over a count cap or the memory budget. */
export function checkBudget(c: ProfileCensus, limits: Limits): void {
  const caps: [number, number, string][] = [
    [c.samples, limits.maxProfileSamples, 'samples'],
    [c.locations, limits.maxProfileLocations, 'locations'],
    [c.functions, limits.maxProfileFunctions, 'functions'],
    [c.strings, limits.maxProfileStrings, 'strings'],
  ];
  for (const [n, max, what] of caps) {
    if (n > max) {
      throw new FormatError(`this profile has ${formatCount(n)} ${what}, over the limit of ${formatCount(max)} ${what} per profile. ${HOW_TO_CUT}`, 'too-large');
    }
  }
  const need = estimateBytes(c);
  if (need > limits.memoryBudget) {
    throw new FormatError(
      `this profile would need ~${formatBytes(need)} of memory to analyse (limit ${formatBytes(limits.memoryBudget)}): ` +
        `${formatCount(c.samples)} samples, ${formatCount(c.locations)} locations, ${formatCount(c.strings)} strings. ${HOW_TO_CUT}`,
      'too-large',
    );
  }
}
