// Conformance with Go's reader on public material in ../shared (skipped with
// a message when it is absent): the txtar reader tests of internal/trace
// (same SUCCESS/FAILURE), the reader's fuzz corpus (an error or a result,
// never a crash), and real traces against goldens made by tools/tracegolden:
// the Go 1.25 test-encoding-json.trace and the Go 1.11/1.19/1.21 (v1 format)
// traces of Go's own tracev1 tests.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHeader, isV1 } from '../../../src/formats/gotrace/header';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { readTraceV1 } from '../../../src/formats/gotrace/v1/reader';
import { TraceError } from '../../../src/formats/gotrace/varint';
import { analyzeGoTrace } from '../../../src/analysis/gotrace/analyze';
import { FormatError } from '../../../src/formats/types';
import { fixtureDir, hasShared, quietCtx, sharedDir } from './helpers';
import { goldenExact, mmuDiffs, ourView } from './goldenView';
import { parseFuzzCorpus, parseTxtar } from './textTrace';

if (!hasShared) console.log(`gotrace conformance skipped: ${sharedDir} not found`);

/** Go's verdict on a byte stream: '' for success, else the error message. */
function verdict(data: Uint8Array): string {
  try {
    const v = checkHeader(data);
    (isV1(v) ? readTraceV1 : readTrace)(data, v, () => {});
    return '';
  } catch (e) {
    if (e instanceof TraceError || e instanceof FormatError) return e.message || 'error';
    throw e;
  }
}

describe.skipIf(!hasShared)('txtar reader tests from golang.org/x/exp/trace', () => {
  const dir = path.join(sharedDir, 'txtar');
  const files = hasShared ? readdirSync(dir).filter((f) => f.endsWith('.test')) : [];
  it('found the tests', () => expect(files.length).toBeGreaterThan(10));
  it.each(files)('%s', (f) => {
    const t = parseTxtar(readFileSync(path.join(dir, f), 'utf8'));
    const err = verdict(t.trace);
    if (t.expect === 'SUCCESS') expect(err).toBe('');
    else {
      expect(err).not.toBe('');
      expect(err).toMatch(t.pattern!);
    }
  });
});

describe.skipIf(!hasShared)('fuzz-reader corpus', () => {
  const dir = path.join(sharedDir, 'fuzz-reader');
  const files = hasShared ? readdirSync(dir) : [];
  const go = JSON.parse(readFileSync(path.join(fixtureDir, 'shared-goldens/fuzz-verdicts.json'), 'utf8')).verdicts as Record<string, string>;
  it.each(files)('%s ends in an error or a result, like Go', (f) => {
    const data = parseFuzzCorpus(readFileSync(path.join(dir, f), 'utf8'));
    const err = verdict(data); // throws only on a non-reader exception
    expect(f in go).toBe(true);
    // Same outcome and message as Go's reader.
    expect(err).toBe(go[f]);
    try {
      const model = readTraceModel(data, quietCtx());
      const a = analyzeGoTrace(model);
      expect(() => JSON.stringify(a)).not.toThrow();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
    }
  });
});

/** Our figures for a ../shared trace equal its golden (exactly; the MMU to 1e-9). */
function expectGolden(file: string, golden: Record<string, unknown> & { mmu: Record<string, number>; heapAlloc: { every: number } }) {
  const warnings: string[] = [];
  const model = readTraceModel(new Uint8Array(readFileSync(path.join(sharedDir, file))), quietCtx(warnings));
  expect(warnings).toEqual([]);
  expect(ourView(model, golden.heapAlloc.every)).toEqual(goldenExact(golden));
  for (const [k, d] of Object.entries(mmuDiffs(model, golden))) expect(d, `MMU ${k}`).toBeLessThanOrEqual(1e-9);
  return model;
}

const goldenOf = (name: string) => JSON.parse(readFileSync(path.join(fixtureDir, 'shared-goldens', `${name}.golden.json`), 'utf8'));

describe.skipIf(!hasShared)('test-encoding-json.trace (Go 1.25, felixge/traceutils)', () => {
  it('parses and matches golang.org/x/exp/trace', () => {
    const golden = goldenOf('test-encoding-json');
    const model = expectGolden('test-encoding-json.trace', golden);
    const a = analyzeGoTrace(model);
    expect(a.trace!.goVersion).toBe('1.25');
    expect(a.trace!.stw.count).toBe(36);
  });
});

describe.skipIf(!hasShared)('Go 1.11–1.21 (v1 format) traces match golang.org/x/exp/trace', () => {
  it.each([
    ['stress_1_11_good', 'go 1.11 trace'],
    ['user_task_region_1_11_good', 'go 1.11 trace'],
    ['http_1_19_good', 'go 1.19 trace'],
    ['stress_1_21_good', 'go 1.21 trace'],
    ['stress_start_stop_1_21_good', 'go 1.21 trace'],
    ['user_task_region_1_21_good', 'go 1.21 trace'],
    ['fmt_1_21_pprof_good', 'go 1.21 trace'],
    ['task.trace', 'go 1.21 trace'],
  ])('%s (%s)', (file, header) => {
    const golden = goldenOf(file.replace(/\.trace$/, ''));
    expect(golden.header).toBe(header);
    expect(golden.error ?? '').toBe('');
    expectGolden(file, golden);
  });

  it('refuses Go 1.10 as Go does', () => {
    const data = new Uint8Array(readFileSync(path.join(sharedDir, 'http_1_10_good')));
    expect(() => readTraceModel(data, quietCtx())).toThrow(/unknown or unsupported trace version go 1\.10/);
  });
});
