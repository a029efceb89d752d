// The parsers on their own: real fixtures, bytes → model, with no analysis
// loaded. Each count is checked against something independent of our code
// (Go's own tools' goldens, or the fixture's text split by hand), and the
// first test proves these parsers reach no analysis through their imports.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { configFormat, MAX_CONFIG_BYTES } from '../../../src/formats/config/format';
import { flowDepth, MAX_FLOW_DEPTH } from '../../../src/formats/config/yaml';
import { FormatError } from '../../../src/formats/types';
import { expvarFormat } from '../../../src/formats/expvar/format';
import { godebugFormat } from '../../../src/formats/godebug/format';
import type { GcTraceModel } from '../../../src/formats/godebug/gctrace';
import { goroutinesFormat } from '../../../src/formats/goroutines/format';
import { goTraceFormat } from '../../../src/formats/gotrace/format';
import { pprofFormat } from '../../../src/formats/pprof/format';
import { prometheusFormat } from '../../../src/formats/prometheus/format';
import type { ParseContext } from '../../../src/formats/types';
import { readImportGraph } from '../architecture/importGraph';
import { repoRoot } from '../paths';

const fixture = (p: string) => new Uint8Array(readFileSync(join(repoRoot, 'tests/fixtures', p)));
const text = (p: string) => new TextDecoder().decode(fixture(p));
const ctx = (warnings: string[] = []): ParseContext => ({ progress() {}, checkCancelled() {}, warn: (m) => void warnings.push(m) });

describe('parsers without analyses', () => {
  it('the format entry points reach only src/formats and src/lib through their imports', () => {
    const g = readImportGraph(repoRoot);
    const out = new Map<string, string[]>();
    for (const e of g.edges) if (e.to?.startsWith('src/')) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    const entries = ['config', 'expvar', 'godebug', 'goroutines', 'gotrace', 'pprof', 'prometheus'].map((k) => `src/formats/${k}/format.ts`);
    entries.push('src/formats/pprof-text/formats.ts', 'src/formats/sniff.ts', 'src/formats/gzip.ts');
    const seen = new Set<string>();
    const todo = [...entries];
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      todo.push(...(out.get(f) ?? []));
    }
    expect(seen.size).toBeGreaterThan(entries.length);
    expect([...seen].filter((f) => !f.startsWith('src/formats/') && !f.startsWith('src/lib/'))).toEqual([]);
  });

  it('execution trace: the reader alone delivers the events and generations x/exp/trace counts', () => {
    for (const name of ['go122-mixed', 'go126-mixed']) {
      const golden = JSON.parse(text(`gotrace/${name}.golden.json`)) as { events: number; header: string };
      const read = goTraceFormat.parse(fixture(`gotrace/${name}.trace`), ctx());
      expect(read.events, name).toBe(golden.events);
      expect(`go 1.${read.version} trace`).toBe(golden.header);
      expect(read.truncated).toBeUndefined();
      expect(read.generations).toBeGreaterThan(0);
    }
  });

  it('profile.proto: the samples add up to the total go tool pprof prints', () => {
    const p = pprofFormat.parse(gunzipSync(fixture('pprof/cpu.pb.gz')), ctx());
    const total = Number(/Total samples = (\d+)/.exec(text('pprof/golden/cpu.pb.gz.si0-samples.top.txt'))![1]);
    let sum = 0;
    for (let s = 0; s < p.numSamples; s++) sum += p.values[s * p.sampleTypes.length];
    expect(p.sampleTypes[0].type).toBe('samples');
    expect(sum).toBe(total);
  });

  it('GODEBUG log: one gctrace record per "gc N @" line of the log', () => {
    const log = text('godebug/gctrace-basic.log');
    const m = godebugFormat.parse(new TextEncoder().encode(log), ctx());
    const gc = m.streams.gctrace as GcTraceModel;
    expect(gc.count).toBe(log.split('\n').filter((l) => /^gc \d+ @/.test(l)).length);
    expect(gc.count).toBeGreaterThan(5);
  });

  it('goroutine dump: one goroutine per "goroutine N [" header', () => {
    const dump = text('goroutines/leak-1.debug2.txt');
    const m = goroutinesFormat.parse(new TextEncoder().encode(dump), ctx());
    expect(m.style).toBe('traceback');
    expect(m.goroutines.length).toBe(dump.split('\n').filter((l) => /^goroutine \d+ \[/.test(l)).length);
  });

  it('Prometheus scrape: one sample per line that is neither a comment nor blank', () => {
    const scrape = text('metrics/scrape-1.txt');
    const m = prometheusFormat.parse(new TextEncoder().encode(scrape), ctx());
    expect(m.scrapes.length).toBe(1);
    expect(m.scrapes[0].samples.length).toBe(scrape.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length);
  });

  it('expvar: memstats and every other published var', () => {
    const raw = text('metrics/debug-vars.json');
    const json = JSON.parse(raw) as Record<string, unknown>;
    const m = expvarFormat.parse(new TextEncoder().encode(raw), ctx());
    expect(m.memstats).toBeDefined();
    expect(m.vars.map((v) => v.name).sort()).toEqual(Object.keys(json).filter((k) => k !== 'memstats' && k !== 'cmdline').sort());
  });

  it('config: a Deployment YAML read into its containers, without the linter', () => {
    const yaml = text('config/deployment-myths.yaml');
    const m = configFormat.parse(new TextEncoder().encode(yaml), ctx());
    expect(m.flavor).toBe('kubernetes');
    const lines = yaml.split('\n');
    const containers = lines.filter((l, i) => /^\s*- name: /.test(l) && /^\s*image: /.test(lines[i + 1] ?? '')).length;
    expect(m.containers.length).toBe(containers);
    expect(m.containers[0].memoryLimit).toBe('1Gi');
    expect(m.containers[0].env.map((e) => e.name)).toEqual(['GOMEMLIMIT', 'GOMAXPROCS', 'GODEBUG']);
    expect(containers).toBeGreaterThan(1);
  });

  it('config: flow nesting is counted by the YAML lexer, brackets inside scalars are not', () => {
    expect(flowDepth('a: "[[[["\nb: [1, {c: [2]}]\nd: x[\n')).toBe(3);
    expect(flowDepth(text('config/deployment-myths.yaml'))).toBeLessThan(5);
  });

  it('config: a real Deployment followed by a line of brackets deeper than the cap is refused by name, and a file over the size cap too', () => {
    const yaml = text('config/deployment-myths.yaml');
    const deep = yaml + '\n  x: ' + '['.repeat(MAX_FLOW_DEPTH + 1) + '\n';
    expect(() => configFormat.parse(new TextEncoder().encode(deep), ctx())).toThrowError(new RegExp(`more than ${MAX_FLOW_DEPTH} levels`));
    const shallow = yaml + '\nx: ' + '['.repeat(MAX_FLOW_DEPTH) + ']'.repeat(MAX_FLOW_DEPTH) + '\n';
    expect(configFormat.parse(new TextEncoder().encode(shallow), ctx()).containers.length).toBeGreaterThan(1);
    const big = new TextEncoder().encode(yaml + '#'.repeat(MAX_CONFIG_BYTES));
    expect(() => configFormat.parse(big, ctx())).toThrowError(FormatError);
    expect(() => configFormat.parse(big, ctx())).toThrowError(/too large/);
  });
});
