// Sniffing by content over the real fixtures of this and the neighbouring
// formats: goroutine dumps, scrapes and /debug/vars are recognised, GODEBUG logs
// are not claimed, and a dump mixed with gctrace lines goes to whichever dominates.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSample } from '../../../src/formats/sniff';
import { sniffKind } from '../../../src/kinds/table';
import { repoRoot } from './load';

const dir = (d: string) => path.join(repoRoot, 'tests/fixtures', d);
const kindOf = (bytes: Uint8Array) => sniffKind(makeSample(bytes))?.format.kind;
const files = (d: string, ext: RegExp) => readdirSync(dir(d)).filter((f) => ext.test(f)).map((f) => path.join(dir(d), f));

describe('sniffing', () => {
  it.each(files('goroutines', /\.txt$/))('%s is a goroutine dump', (f) => {
    expect(kindOf(readFileSync(f))).toBe('goroutines');
  });

  it.each(files('metrics', /\.txt$/))('%s is a Prometheus scrape', (f) => {
    expect(kindOf(readFileSync(f))).toBe('prometheus');
  });

  it('debug-vars.json is expvar', () => {
    expect(kindOf(readFileSync(path.join(dir('metrics'), 'debug-vars.json')))).toBe('expvar');
  });

  it.each(files('godebug', /\.log$/))('%s is not claimed by the dump or metrics sniffers', (f) => {
    expect(['goroutines', 'prometheus', 'expvar']).not.toContain(kindOf(readFileSync(f)));
  });

  it("other areas' fixtures are not claimed as dumps, scrapes or /debug/vars (except pprof's goroutine?debug=1 text, a dump by agreement)", () => {
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => {
        const p = path.join(d, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
    const others = ['godebug', 'pprof', 'config', 'gotrace']
      .map(dir)
      .filter((d) => existsSync(d))
      .flatMap(walk)
      .filter((f) => statSync(f).size < 5e6 && !/README|SOURCES|GOVERSION/.test(f));
    expect(others.length).toBeGreaterThan(10);
    for (const f of others) {
      const k = kindOf(readFileSync(f));
      if (path.basename(f) === 'goroutine.debug1.txt') expect(k, f).toBe('goroutines');
      else expect(['goroutines', 'prometheus', 'expvar'], f).not.toContain(k);
    }
  });

  it('a dump after a few gctrace lines is a dump; a long gctrace log ending in a panic is a GODEBUG log', () => {
    const gclog = readFileSync(files('godebug', /\.log$/)[0], 'utf8');
    const gcLines = gclog.split('\n').filter((l) => l.startsWith('gc '));
    const dump = readFileSync(path.join(dir('goroutines'), 'leak-2.debug2.txt'), 'utf8');
    const panic = readFileSync(path.join(dir('goroutines'), 'panic-goroutine.txt'), 'utf8');
    expect(gcLines.length).toBeGreaterThan(20);
    expect(kindOf(new TextEncoder().encode(gcLines.slice(0, 5).join('\n') + '\n' + dump))).toBe('goroutines');
    expect(kindOf(new TextEncoder().encode(gcLines.join('\n') + '\n' + panic))).toBe('godebug');
  });
});
