// Every per-format cap of src/formats/limits.ts, hit with real fixtures and the
// cap set low through AnalyzeOptions.limits (the same ParseContext field the
// app's defaults fill). Expected counts are recomputed here from the fixture
// text or from the wire-level decode of the profile, not taken from the parser.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Limits } from '../../../src/formats/limits';
import { formatBytes, formatCount } from '../../../src/lib/display';
import { censusOf, estimateBytes } from '../../../src/formats/pprof/budget';
import { decodeProfile } from '../../../src/formats/pprof/decode';
import { FormatError, type ParseContext } from '../../../src/formats/types';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { decodeWire, encodeWire } from '../../fuzz/protowire';
import { repoRoot } from '../paths';

const raw = (p: string) => new Uint8Array(readFileSync(resolve(repoRoot, 'tests/fixtures', p)));
const bytes = (p: string) => (p.endsWith('.gz') ? gunzipSync(raw(p)) : raw(p));
const text = (p: string) => new TextDecoder().decode(bytes(p));
const run = (p: string, limits: Partial<Limits>, data: Uint8Array = raw(p)) => analyzeInput('in1', p, data, { limits });
const ctxWith = (limits: Partial<Limits>, warnings: string[] = []): ParseContext => ({ progress() {}, checkCancelled() {}, warn: (m) => warnings.push(m), limits });

/** Bytes of typed arrays constructed while `fn` runs (the constructors are wrapped for the call). */
function typedArrayBytes(fn: () => void): number {
  const names = ['Float64Array', 'Uint32Array', 'Int32Array', 'Uint8Array'] as const;
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = names.map((n) => g[n]);
  let bytes = 0;
  for (const n of names) {
    g[n] = new Proxy(g[n] as object, {
      construct(t, args) {
        const o = Reflect.construct(t as new (...a: unknown[]) => ArrayBufferView, args);
        bytes += o.byteLength;
        return o;
      },
    });
  }
  try {
    fn();
  } finally {
    names.forEach((n, i) => (g[n] = saved[i]));
  }
  return bytes;
}

describe('limits module', () => {
  it('formats counts with thousands separators and keeps defaults unless a test sets one', () => {
    expect(formatCount(20_000_000)).toBe('20,000,000');
    expect(formatCount(999)).toBe('999');
    expect(DEFAULT_LIMITS.memoryBudget).toBe(1.5 * 1024 ** 3);
    expect(formatBytes(DEFAULT_LIMITS.memoryBudget)).toBe('1.50 GiB');
  });
});

describe('text lines (GODEBUG logs, goroutine dumps, scrapes)', () => {
  it('keeps the first maxLines lines of a log and says so, naming the limit', () => {
    const r = run('godebug/gctrace-basic.log', { maxLines: 10 });
    expect(r.report.error).toBeUndefined();
    const gcInFirst10 = text('godebug/gctrace-basic.log').split('\n').slice(0, 10).filter((l) => /\bgc \d+ @/.test(l)).length;
    expect(gcInFirst10).toBeGreaterThan(0);
    expect((r.model as { lines: number }).lines).toBe(10);
    expect((r.model as { classified: Record<string, number> }).classified.gctrace).toBe(gcInFirst10);
    expect(r.report.warnings?.join('\n')).toMatch(/only the first 10 lines were read \(the limit is 10 lines per file/);
  });

  it('no warning when the file is exactly at the limit', () => {
    const lines = text('godebug/gctrace-basic.log').split('\n');
    const n = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    const r = run('godebug/gctrace-basic.log', { maxLines: n });
    expect(r.report.warnings ?? []).toEqual([]);
  });
});

describe('GODEBUG streams', () => {
  it('gctrace: keeps maxGcCycles cycles and counts the cycles left out', () => {
    const gcLines = text('godebug/gctrace-basic.log').split('\n').filter((l) => /\bgc \d+ @/.test(l)).length;
    expect(gcLines).toBeGreaterThan(7);
    const r = run('godebug/gctrace-basic.log', { maxGcCycles: 7 });
    expect((r.model as { classified: Record<string, number> }).classified.gctrace).toBe(7);
    const w = r.report.warnings?.join('\n') ?? '';
    expect(w).toContain('GODEBUG=gctrace=1: only the first 7 GC cycles were analysed (the limit is 7 GC cycles per file');
    expect(w).toContain(`${formatCount(gcLines - 7)} more from line`);
  });

  it('schedtrace: keeps maxStreamRecords lines of the stream', () => {
    const r = run('godebug/schedtrace-64.log', { maxStreamRecords: 12 });
    expect((r.model as { classified: Record<string, number> }).classified.schedtrace).toBe(12);
    expect(r.report.warnings?.join('\n')).toContain('only the first 12 lines were analysed (the limit is 12 lines per file');
  });
});

describe('goroutine dumps', () => {
  for (const driver of ['plain', 'wrapped'] as const) {
    it(`keeps the first maxGoroutines goroutines (${driver} text)`, () => {
      const src = text('goroutines/sql-pool.debug2.txt');
      // The wrapped form (a timestamp on each line) takes the line-based reader.
      const data = driver === 'plain' ? bytes('goroutines/sql-pool.debug2.txt') : new TextEncoder().encode(src.split('\n').map((l) => `2026-01-01T00:00:00.000000000Z ${l}`).join('\n'));
      const ids = [...src.matchAll(/^goroutine (\d+) \[/gm)].map((m) => Number(m[1]));
      expect(ids.length).toBeGreaterThan(3);
      const r = run('goroutines/sql-pool.debug2.txt', { maxGoroutines: 3 }, data);
      expect(r.report.error).toBeUndefined();
      const gs = (r.model as { goroutines: { id: number }[] }).goroutines;
      expect(gs.map((g) => g.id)).toEqual(ids.slice(0, 3));
      expect(r.report.warnings?.join('\n')).toContain('only the first 3 goroutines were read (the limit is 3 goroutines per dump');
    });
  }
});

describe('Prometheus scrapes', () => {
  it('keeps maxPromSamples samples and counts the sample lines left out', () => {
    const sampleLines = text('metrics/scrapes.txt').split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
    const r = run('metrics/scrapes.txt', { maxPromSamples: 50 });
    const kept = (r.model as { scrapes: { samples: unknown[] }[] }).scrapes.reduce((n, s) => n + s.samples.length, 0);
    expect(kept).toBe(50);
    expect(r.report.warnings?.join('\n')).toContain(`only the first 50 samples were read (the limit is 50 samples per file`);
    expect(r.report.warnings?.join('\n')).toContain(`${formatCount(sampleLines - 50)} more sample lines`);
  });
});

describe('profile.proto: count caps and the memory estimate, before decoding', () => {
  const heap = bytes('pprof/heap.pb.gz');
  const wire = decodeWire(heap);
  const count = (f: number) => wire.filter((x) => x.f === f).length;

  it('the census counts what the wire-level decode counts', () => {
    const c = censusOf(heap);
    expect([c.samples, c.locations, c.functions, c.strings]).toEqual([count(2), count(4), count(5), count(6)]);
  });

  for (const [key, field, what] of [
    ['maxProfileSamples', 2, 'samples'],
    ['maxProfileLocations', 4, 'locations'],
    ['maxProfileFunctions', 5, 'functions'],
    ['maxProfileStrings', 6, 'strings'],
  ] as const) {
    it(`${what}: over ${key} is a FormatError naming the count and the limit`, () => {
      const r = run('pprof/heap.pb.gz', { [key]: 5 });
      expect(r.report.kind).toBe('pprof');
      expect(r.report.error).toBe(
        `this profile has ${count(field)} ${what}, over the limit of 5 ${what} per profile. Cut it down first, e.g. \`go tool pprof -proto -focus=REGEX FILE > part.pb.gz\` (or capture a shorter profile)`,
      );
      expect(run('pprof/heap.pb.gz', { [key]: count(field) }).report.error).toBeUndefined();
    });
  }

  it('the estimate is never below the columns the decoder really makes (every real fixture)', () => {
    for (const f of ['cpu', 'heap', 'goroutine', 'mutex', 'block', 'threadcreate', 'allocs']) {
      const data = bytes(`pprof/${f}.pb.gz`);
      const p = decodeProfile(data) as unknown as Record<string, unknown>;
      let columns = 0;
      for (const v of Object.values(p)) if (ArrayBuffer.isView(v)) columns += v.byteLength;
      columns += (p.strings as string[]).reduce((n, s) => n + 48 + s.length, 0);
      expect(estimateBytes(censusOf(data)), f).toBeGreaterThanOrEqual(columns);
    }
  });

  it('a profile over the memory budget is refused with the estimate and the limit, allocating no tables', () => {
    // A real heap profile with its samples repeated: ~3 MB that would need more than a 4 MiB budget.
    const samples = encodeWire(wire.filter((x) => x.f === 2));
    const big = new Uint8Array(heap.length + samples.length * 200);
    big.set(heap);
    for (let i = 0; i < 200; i++) big.set(samples, heap.length + i * samples.length);
    const need = estimateBytes(censusOf(big));
    const budget = 4 << 20;
    expect(need).toBeGreaterThan(budget);
    let err: unknown;
    const refused = typedArrayBytes(() => {
      try {
        decodeProfile(big, ctxWith({ memoryBudget: budget }));
      } catch (e) {
        err = e;
      }
    });
    expect(err).toBeInstanceOf(FormatError);
    expect((err as Error).message).toBe(
      `this profile would need ~${formatBytes(need)} of memory to analyse (limit 4.00 MiB): ${formatCount(count(2) * 201)} samples, ${count(4)} locations, ${count(6)} strings. ` +
        'Cut it down first, e.g. `go tool pprof -proto -focus=REGEX FILE > part.pb.gz` (or capture a shorter profile)',
    );
    expect(refused).toBeLessThan(64 << 10);
    // With the default budget the same bytes decode, and the counter sees the columns being made
    // (their first arrays: a column grows with its array's own constructor, which the counter does not wrap).
    let n = 0;
    const decoded = typedArrayBytes(() => (n = decodeProfile(big).numSamples));
    expect(n).toBe(count(2) * 201);
    expect(decoded).toBeGreaterThan(10 * (64 << 10));
  });

  it('many tiny fields that each make a big object are in the estimate (10 MB of empty mappings)', () => {
    // 5 M two-byte Mapping fields: each would become a ~180-byte object, ~1.8 GB at the peak.
    const n = 5_000_000;
    const mappings = new Uint8Array(2 * n);
    for (let i = 0; i < n; i++) mappings[2 * i] = (3 << 3) | 2;
    const data = new Uint8Array(heap.length + mappings.length);
    data.set(heap);
    data.set(mappings, heap.length);
    const c = censusOf(data);
    expect(c.mappings).toBe(n + count(3));
    let err: unknown;
    const made = typedArrayBytes(() => {
      try {
        decodeProfile(data);
      } catch (e) {
        err = e;
      }
    });
    expect((err as Error).message).toMatch(/^this profile would need ~[\d.]+ GiB of memory to analyse \(limit 1\.50 GiB\)/);
    expect(made).toBeLessThan(64 << 10);
  });

  it('a declared length far past the end fails at once, before any table is made', () => {
    // A string_table entry claiming 2^62 bytes, after the real profile.
    const huge = encodeWire([...wire, { f: 6, wt: 2, bytes: new Uint8Array(3), lenOverride: 1n << 62n }]);
    expect(() => decodeProfile(huge)).toThrow(/a field claims \d+ bytes but only 3 remain/);
    // And a Sample whose packed location list claims 2^31 bytes.
    const bad = encodeWire([{ f: 2, wt: 2, msg: [{ f: 1, wt: 2, packed: [1n, 2n], lenOverride: 1n << 31n }] }, ...wire]);
    expect(() => decodeProfile(bad)).toThrow(/a field claims 2147483648 bytes but only \d+ remain/);
  });
});

describe('debug=1 profile texts', () => {
  it('a text over maxTextBytes is refused naming its size and the limit', () => {
    const r = run('pprof/heap.debug1.txt', { maxTextBytes: 1024 });
    expect(r.report.kind).toBe('pprof-heap-text');
    expect(r.report.error).toMatch(/^this profile text is [\d.]+ KiB, over the 1.00 KiB limit for debug=1 profile texts; fetch it as a protobuf instead/);
  });
});

describe('execution traces', () => {
  it('reads a Go 1.22+ trace with no event cap; stops between generations once what is kept passes memoryBudget, keeps whole generations and says so', () => {
    const full = run('gotrace/go126-mixed.trace', {});
    const fullModel = full.model as { events: number; generations: number; truncated?: unknown };
    expect(fullModel.generations).toBeGreaterThan(1);
    expect(fullModel.truncated).toBeUndefined();
    // The v1 event cap does not apply to v2 traces.
    expect((run('gotrace/go126-mixed.trace', { maxTraceEvents: 1000 }).model as { events: number }).events).toBe(fullModel.events);
    const r = run('gotrace/go126-mixed.trace', { memoryBudget: 1 });
    expect(r.report.error).toBeUndefined();
    const m = r.model as { events: number; generations: number; truncated?: { reason: string } };
    expect(m.generations).toBe(1);
    expect(m.generations).toBeLessThan(fullModel.generations);
    expect(m.truncated?.reason).toMatch(/^only the first [\d.]+ [KM]i?B are read: what the analyses keep of them already takes ~[\d.]+ [KM]iB, over the 1 B limit per trace that keeps the tab's memory in bounds$/);
    expect(r.report.warnings?.join('\n')).toMatch(/^only the first .* limit per trace .*: 1 generations, /);
  });
  it('refuses a Go 1.21 (v1) trace over maxTraceEvents whole, naming the limit; at the limit it is read', () => {
    // v1 traces have no generations to stop between: they are read whole or not at all.
    const full = run('gotrace/go121-mixed.trace', {});
    const events = (full.model as { events: number }).events;
    expect(full.report.error).toBeUndefined();
    // The cap counts the trace's own events, fewer than the v2-model events delivered (Syncs, GoStatus, syscall ends, labels).
    const at = run('gotrace/go121-mixed.trace', { maxTraceEvents: events });
    expect(at.report.error).toBeUndefined();
    const over = run('gotrace/go121-mixed.trace', { maxTraceEvents: 1000 });
    expect(over.report.error).toBe(
      "cannot analyse this Go 1.21 execution trace: it has more than 1,000 events (the limit for Go 1.21 traces, which are read whole, to keep the tab's memory in bounds). Record a shorter trace.",
    );
  });
  it('stops at maxTraceGoroutines with an error naming the limit; a trace with exactly that many is fine', () => {
    // go126-mixed names 70 goroutines, all in its first generation.
    const full = run('gotrace/go126-mixed.trace', {});
    const names = (full.model as { collected: { generationsSoFar(): { seen: number }[] } }).collected.generationsSoFar()[0].seen;
    const at = run('gotrace/go126-mixed.trace', { maxTraceGoroutines: names });
    expect(at.report.error).toBeUndefined();
    expect(at.report.warnings).toBeUndefined();
    const over = run('gotrace/go126-mixed.trace', { maxTraceGoroutines: names - 1 });
    expect(over.report.error).toBe(
      `cannot analyse this Go 1.26 execution trace: the trace names more than ${names - 1} goroutines (the limit per trace, to keep the tab's memory in bounds), already within its first generation`,
    );
  });
});
