// A trace read in pieces from a ByteSource (the CLI's file, the worker's
// File), a generation at a time through src/formats/gotrace/window.ts,
// against the read of the whole bytes, on every v2 trace fixture with windows
// of 1 byte, 100 bytes and 4 KiB (so refills split batch headers and
// batches): the same events field for field, the same generation ends, the
// same report and timeline; on cut copies the same warnings or error; and
// through analyzeInput the same report entry for a trace, a gzipped trace
// (inflated whole) and a text input.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '../../../src/formats/byteSource';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { EventColumns } from '../../../src/formats/gotrace/split';
import { TraceError } from '../../../src/formats/gotrace/varint';
import { FormatError } from '../../../src/formats/types';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { fixtureDir, fixtureTraces, joinedEvents, quietCtx, readFixture, repoRoot } from './helpers';
import { views } from './traceViews';

const v2 = fixtureTraces().filter((f) => !isV1(checkHeader(readFixture(f))));
const WINDOWS = [1, 100, 4096];

/** Every event as columns, the generation ends, and the error the read ended with. */
function read(input: Uint8Array | ByteSource, version: number, readBytes?: number) {
  const cols = new EventColumns();
  const ends: number[] = [];
  let error = '';
  try {
    readTrace(input, version, cols.sink, { readBytes, onGeneration: (_g, off) => ends.push(off) });
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    error = e.message;
  }
  return { events: joinedEvents(cols), ends, error };
}

/** What reading the model gives: its views and warnings, or the FormatError's message. */
function outcome(input: Uint8Array | ByteSource, readBytes?: number) {
  const warnings: string[] = [];
  try {
    const m = readTraceModel(input, { ...quietCtx(warnings), ...(readBytes ? { limits: { traceReadBytes: readBytes } } : {}) });
    return { views: views(m), warnings };
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    return { error: e.message };
  }
}

describe.each(v2)('%s read in pieces', (name) => {
  const data = readFixture(name);
  const version = checkHeader(data);
  const whole = read(data, version);
  const wholeModel = outcome(data);

  it.each(WINDOWS)('windows of %i bytes: the same events, generation ends and end', (n) => {
    const pieces = read(bytesSource(data), version, n);
    expect(pieces.ends).toEqual(whole.ends);
    expect(pieces.error).toBe(whole.error);
    expect(pieces.events.length).toBe(whole.events.length);
    const at = pieces.events.findIndex((x, i) => x !== whole.events[i]);
    expect(at, `first difference at event ${Math.floor(at / 12)}, field ${at % 12}`).toBe(-1);
  });

  it.each(WINDOWS)('windows of %i bytes: the same report and timeline', (n) => {
    expect(whole.ends.length).toBeGreaterThan(0);
    expect(outcome(bytesSource(data), n)).toEqual(wholeModel);
  });

  it('cut copies: the same warnings and figures, or the same error', () => {
    const last = whole.ends.length > 1 ? whole.ends[whole.ends.length - 2] : 16;
    for (const at of [data.length - 1000, last + 7, 5000, 20]) {
      const cut = data.subarray(0, Math.max(16, at));
      expect(outcome(bytesSource(cut), 100)).toEqual(outcome(cut));
    }
  });
});

describe('a ByteSource through analyzeInput', () => {
  /** The report entry without its timing. */
  const entry = (input: Uint8Array | ByteSource) => {
    const { parseMs: _ms, ...rest } = analyzeInput('in1', 'x', input, { limits: { traceReadBytes: 4096 } }).report;
    return rest;
  };
  const file = (p: string) => new Uint8Array(readFileSync(p));

  it.each([
    ['a Go 1.26 trace of several generations', path.join(fixtureDir, 'go126-gens.trace.gz'), true],
    ['a Go 1.25 trace of several generations', path.join(fixtureDir, 'go125-gens.trace.gz'), true],
    ['a gzipped trace (inflated whole)', path.join(fixtureDir, 'go126-gens.trace.gz'), false],
    ['a Go 1.20 trace (v1: read whole)', path.join(fixtureDir, 'go120-mixed.trace'), false],
    ['a gctrace log', path.join(repoRoot, 'tests/fixtures/godebug/gctrace-basic.log'), false],
  ])('%s: the same report entry', (_what, p, unzip) => {
    const bytes = unzip ? readFixture(path.basename(p)) : file(p);
    const r = entry(bytes);
    expect(r.error).toBeUndefined();
    expect(r.kind).not.toBe('unknown');
    expect(entry(bytesSource(bytes))).toEqual(r);
  });

  it('an empty or cut input: the same error', () => {
    const data = readFixture('go126-gens.trace.gz');
    for (const b of [new Uint8Array(0), data.subarray(0, 3000)]) {
      const r = entry(b);
      expect(r.error).toBeTruthy();
      expect(entry(bytesSource(b))).toEqual(r);
    }
  });
});
