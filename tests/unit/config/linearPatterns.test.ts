// A multiline pattern that begins `^\s*` crosses line ends: every blank line
// restarts a scan over all the blank lines after it, so 64 KB of newlines
// took 2.4 s a pattern (fuzzing found a 53 KB values file that took 3.2 s to
// sniff). Such patterns must use [ \t]* instead; this finds any that came back,
// and checks the sniff still knows the files it knew.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffConfig } from '../../../src/formats/config/format';
import { parseGoMod, parseGoSource } from '../../../src/formats/config/gomod';
import { findRemovedMetrics, lineAt } from '../../../src/formats/config/model';
import { lineFinder } from '../../../src/lib/lineFinder';
import { suggestGoByteCount } from '../../../src/rules/bytecount';
import { parseQuantity } from '../../../src/rules/quantity';
import { parsePromFloat, parseSampleLine } from '../../../src/formats/prometheus/parse';
import { repoRoot } from '../paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|svelte)$/.test(f) ? [p] : [];
  });
}

describe('multiline patterns stay linear', () => {
  it('no regex literal with the m flag starts ^\\s* or ^\\s+', () => {
    const bad: string[] = [];
    for (const file of sources(path.join(repoRoot, 'src'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(/\/\^\\s[*+](?:[^/\\\n]|\\.)*\/([a-z]*)/g)) if (m[1].includes('m')) bad.push(`${path.relative(repoRoot, file)}:${i + 1}: ${m[0]}`);
        });
    }
    expect(bad).toEqual([]);
  });

  it('the check finds the pattern it is about (it can fail)', () => {
    const line = String.raw`if (/^\s*resources:/m.test(text))`;
    expect([...line.matchAll(/\/\^\\s[*+](?:[^/\\\n]|\\.)*\/([a-z]*)/g)].map((m) => m[1])).toEqual(['m']);
  });

  it('the sniff still knows values files, manifests and Dockerfiles', () => {
    expect(sniffConfig('env:\n  - name: GOMEMLIMIT\n    value: 900MiB\n')?.score).toBe(0.8);
    expect(sniffConfig('env:\n  - { name: "GOGC", value: "200" }\n')?.score).toBe(0.8);
    expect(sniffConfig('\tresources:\n\t  limits:\n')?.score).toBe(0.7);
    expect(sniffConfig('groups:\n  - name: go\n    rules:\n      - alert: X\n        expr: go_memstats_gc_cpu_fraction > 0.1\n')?.score).toBe(0.6);
    expect(sniffConfig('# build\nFROM golang:1.26 AS b\n  FROM scratch\n')?.flavor).toBe('dockerfile');
    // and the inputs that were slow read as nothing, not as config
    expect(sniffConfig('\n'.repeat(65536))).toBeNull();
    expect(sniffConfig(`env:\n  - ${'\t'.repeat(53_000)}\n`)).toBeNull();
  });
});

describe('go.mod and Go source read line by line', () => {
  it('godebug lines and blocks with their line numbers, LF or CRLF; an unclosed block is no block', () => {
    const mod = 'module x\n\ngo 1.24\n\ngodebug panicnil=1 // why\ngodebug (\n\tdefault=go1.21\n\n\tzipinsecurepath=0 // note\n)\ngodebug (\n\thttp2client=0\n';
    const want = [
      ['panicnil', '1', 5],
      ['default', 'go1.21', 7],
      ['zipinsecurepath', '0', 9],
    ];
    const got = (t: string) => parseGoMod(t).godebug.map((g) => [g.key, g.value, g.line]);
    expect(got(mod)).toEqual(want);
    expect(got(mod.replace(/\n/g, '\r\n'))).toEqual(want);
    // a word after godebug on the next line is not its value
    expect(got('module x\ngo 1.24\ngodebug\nx=1\n')).toEqual([]);
  });

  it('//go:debug lines: the value on the directive\'s own line only', () => {
    const src = 'package main\n\n//go:debug panicnil=1\n//go:debug\nimport "fmt"\n';
    expect(parseGoSource(src).godebug.map((g) => [g.key, g.line])).toEqual([['panicnil', 3]]);
  });

  it('lineFinder gives lineAt\'s line for every offset', () => {
    const text = 'a\n\nbc\nd\n';
    const at = lineFinder(text);
    const slow = (o: number) => text.slice(0, o).split('\n').length;
    for (let o = 0; o <= text.length; o++) expect([at(o), lineAt(text, o)]).toEqual([slow(o), slow(o)]);
  });

  it('many matches in one file: each line number right (these loops were quadratic)', () => {
    const n = 20_000;
    const src = 'package main\nimport "fmt"\n' + '//go:debug panicnil=1\n'.repeat(n);
    const lines = parseGoSource(src).godebug.map((g) => g.line);
    expect(lines).toHaveLength(n);
    expect([lines[0], lines[n - 1]]).toEqual([3, n + 2]);
    const metrics = findRemovedMetrics('go_memstats_lookups_total\n'.repeat(n));
    expect(metrics[n - 1].line).toBe(n);
    expect(parseGoMod('module x\ngo 1.22\n' + 'godebug (\n'.repeat(n)).godebug).toEqual([]);
  });
});

describe('values read by anchored patterns: no two runs that can share characters', () => {
  const literals = (re: RegExp) =>
    sources(path.join(repoRoot, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (re.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${path.relative(repoRoot, file)}:${i + 1}`] : [])),
    );

  it('no \\d+\\.?\\d* in src code (digit runs side by side; comments may name it)', () => {
    expect(literals(/\\d\+\\\.\?\\d\*/)).toEqual([]);
    // the check sees such a pattern (it can fail)
    expect(/\\d\+\\\.\?\\d\*/.test(String.raw`const RE = /^(\d+\.?\d*)$/;`)).toBe(true);
  });

  it('byte counts, quantities and metric values: the same answers, and a million characters that do not match end at once', () => {
    expect([suggestGoByteCount(' 512Mi '), suggestGoByteCount('2 G'), suggestGoByteCount('921MiB'), suggestGoByteCount('10m')]).toEqual(['512MiB', '2000000000', null, null]);
    expect(typeof parseQuantity('1.5Gi')).toBe('object');
    expect(typeof parseQuantity('1.')).toBe('object');
    expect(typeof parseQuantity('.5')).toBe('object');
    expect(typeof parseQuantity('1.2.3')).toBe('string');
    // Each of these took minutes before (the fuzzer's hang: a million tabs inside a GOMEMLIMIT value).
    expect(suggestGoByteCount(`921${'\t'.repeat(1_000_000)}MiB`)).toBeNull();
    expect(typeof parseQuantity(`${'1'.repeat(1_000_000)}x`)).toBe('string');
    expect(parsePromFloat(`${'1'.repeat(1_000_000)}x`)).toBeNaN();
    expect([parsePromFloat('1.5e3'), parsePromFloat('.5'), parsePromFloat('7.')]).toEqual([1500, 0.5, 7]);
    expect(parseSampleLine(`go_goroutines ${'1'.repeat(1_000_000)}x`)?.value ?? NaN).toBeNaN();
  });
});
