// Each input kind through the binding table: real fixtures go through the
// pipeline (gunzip → sniff → read → analyse) and come out as their kind with
// exactly the analysis keys the table says the kind produces; every such key
// has a view; derived models come from the table.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ReportKey } from '../../../src/report/schema';
import { makeSample } from '../../../src/formats/sniff';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { KINDS, kindNamed, sniffKind, supportedKinds } from '../../../src/kinds/table';
import type { InputReport } from '../../../src/report/schema';
import { VIEWS } from '../../../src/ui/views/registry';
import { repoRoot } from '../paths';

const fixture = (p: string) => new Uint8Array(readFileSync(join(repoRoot, 'tests/fixtures', p)));

/** Real fixtures of each kind (tests/fixtures/*\/README.md say how each was made). */
const FIXTURES: Record<string, string[]> = {
  godebug: ['godebug/gctrace-basic.log', 'godebug/interleaved.log', 'godebug/memlimit-all.log'],
  config: ['config/deployment-myths.yaml', 'config/Dockerfile.scratch-env', 'config/go.mod.automaxprocs'],
  goroutines: ['goroutines/leak-1.debug2.txt', 'goroutines/leak-1.debug1.txt', 'goroutines/panic-goroutine.txt'],
  prometheus: ['metrics/scrape-1.txt', 'metrics/runtime-metrics.txt'],
  expvar: ['metrics/debug-vars.json'],
  pprof: ['pprof/cpu.pb.gz', 'pprof/heap.pb.gz', 'pprof/goroutine.pb.gz'],
  'pprof-heap-text': ['pprof/heap.debug1.txt'],
  'pprof-contention-text': ['pprof/mutex.debug1.txt', 'pprof/block.debug1.txt'],
  'pprof-threadcreate-text': ['pprof/threadcreate.debug1.txt'],
  // goroutine?debug=1 is read by the goroutines kind first (it sniffs higher); this kind is the fallback.
  'pprof-goroutine-text': [],
  gotrace: ['gotrace/go122-mixed.trace', 'gotrace/go126-mixed.trace'],
};

const keysOf = (r: InputReport) => KEYS.filter((k) => r[k] !== undefined);
const KEYS: ReportKey[] = ['gc', 'whatif', 'trace', 'sched', 'pacer', 'scavenger', 'init', 'config', 'goroutines', 'metrics', 'profile'];

describe('the binding table', () => {
  it('has one entry per kind id, and every kind has real fixtures here (or says why not)', () => {
    const ids = KINDS.map((k) => k.format.kind);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(FIXTURES).sort()).toEqual([...ids].sort());
    expect(supportedKinds()).toEqual(KINDS.map((k) => k.format.label));
    for (const id of ids) expect(kindNamed(id)?.format.kind).toBe(id);
  });

  for (const kind of KINDS) {
    const id = kind.format.kind;
    const files = FIXTURES[id] ?? [];
    if (files.length === 0) continue;
    it(`${id}: its fixtures sniff as ${id} and the pipeline gives exactly the analysis keys it declares`, () => {
      const seen = new Set<ReportKey>();
      for (const f of files) {
        const raw = fixture(f);
        const report = analyzeInput('in1', f, raw).report;
        expect(report.error, f).toBeUndefined();
        expect(report.kind, f).toBe(id);
        const keys = keysOf(report);
        expect(keys.length, f).toBeGreaterThan(0);
        for (const k of keys) {
          expect(kind.produces, `${f} gave ${k}`).toContain(k);
          seen.add(k);
        }
        expect(Array.isArray(report.findings), f).toBe(true);
      }
      // No key declared that no fixture shows.
      expect([...seen].sort()).toEqual([...kind.produces].sort());
    });
  }

  it('the fallback goroutine?debug=1 kind reads its text into a profile when asked directly', () => {
    const kind = kindNamed('pprof-goroutine-text')!;
    const data = fixture('pprof/goroutine.debug1.txt');
    expect(sniffKind(makeSample(data))?.format.kind).toBe('goroutines');
    expect(kind.format.sniff(makeSample(data))).toBeGreaterThan(0);
    const ctx = { progress() {}, checkCancelled() {}, warn() {} };
    const a = kind.analyze(kind.read(data, ctx), ctx);
    expect(a.profile?.sampleTypes.map((t) => t.type)).toEqual(['goroutine']);
  });

  it('a gzip-wrapped input goes through the same kind with the same analyses', () => {
    const raw = fixture('godebug/gctrace-basic.log');
    const plain = analyzeInput('in1', 'x.log', raw).report;
    const zipped = analyzeInput('in1', 'x.log.gz', gzipSync(raw)).report;
    expect(zipped.kind).toBe('godebug');
    expect(zipped.decompressedBytes).toBe(raw.length);
    expect(zipped.gc).toEqual(plain.gc);
  });

  it('the trace kind derives its CPU-sample profile from the model the pipeline kept', () => {
    const { model } = analyzeInput('in1', 'cpu.trace', fixture('gotrace-cpu/go126-cpu.trace'));
    const d = kindNamed('gotrace')!.derived![0];
    expect(d.accepts(model)).toBe(true);
    expect(d.accepts({})).toBe(false);
    const profile = d.derive(model) as { numSamples: number } | null;
    expect(profile?.numSamples).toBeGreaterThan(0);
  });
});

describe('views', () => {
  it('every analysis key a kind can produce has a view', () => {
    const withView = new Set(VIEWS.map((v) => v.key));
    const produced = [...new Set(KINDS.flatMap((k) => k.produces))];
    expect(produced.length).toBeGreaterThan(5);
    expect(produced.filter((k) => !withView.has(k))).toEqual([]);
  });
});
