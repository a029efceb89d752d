// Conformance with Go's reader on public material in ../shared (skipped with
// a message when it is absent): the txtar reader tests of internal/trace
// (same SUCCESS/FAILURE), the reader's fuzz corpus (an error or a result,
// never a crash), and the real Go 1.25 trace test-encoding-json.trace
// against a golden made by tools/tracegolden.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHeader } from '../../../src/formats/gotrace/header';
import { readTraceModel } from '../../../src/kinds/gotrace';
import { readTrace } from '../../../src/formats/gotrace/reader';
import { TraceError } from '../../../src/formats/gotrace/varint';
import { analyzeGoTrace, mmuCurveOf, MMU_WINDOWS } from '../../../src/analysis/gotrace/analyze';
import { FormatError } from '../../../src/formats/types';
import { fixtureDir, hasShared, quietCtx, sharedDir } from './helpers';
import { parseFuzzCorpus, parseTxtar } from './textTrace';

if (!hasShared) console.log(`gotrace conformance skipped: ${sharedDir} not found`);

/** Go's verdict on a byte stream: '' for success, else the error message. */
function verdict(data: Uint8Array): string {
  try {
    const v = checkHeader(data);
    readTrace(data, v, () => {});
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
    // Same outcome as Go's reader; same message except for the v1 (Go ≤1.21) format we refuse.
    expect(err === '').toBe(go[f] === '');
    if (!err.startsWith('older trace format')) expect(err).toBe(go[f]);
    try {
      const model = readTraceModel(data, quietCtx());
      const a = analyzeGoTrace(model);
      expect(() => JSON.stringify(a)).not.toThrow();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
    }
  });
});

describe.skipIf(!hasShared)('test-encoding-json.trace (Go 1.25, felixge/traceutils)', () => {
  it('parses and matches golang.org/x/exp/trace', () => {
    const golden = JSON.parse(readFileSync(path.join(fixtureDir, 'shared-goldens/test-encoding-json.golden.json'), 'utf8'));
    const data = new Uint8Array(readFileSync(path.join(sharedDir, 'test-encoding-json.trace')));
    const warnings: string[] = [];
    const model = readTraceModel(data, quietCtx(warnings));
    const c = model.collected;
    expect(warnings).toEqual([]);
    expect(model.events).toBe(golden.events);
    expect(c.byKindRecord()).toEqual(golden.byKind);
    expect(c.generations).toEqual(golden.generations);
    expect(c.stwStart.map((s, i) => ({ start: s, end: c.stwEnd[i], reason: c.stwReason[i] }))).toEqual(golden.stw);
    expect(c.gcStart.map((s, i) => ({ start: s, end: c.gcEnd[i] }))).toEqual(golden.gcCycles);
    const ht = c.heapT.toArray();
    const hv = c.heapV.toArray();
    let h = 0;
    for (let i = 0; i < hv.length; i++) {
      h = (h * 31 + ((ht[i] - golden.firstTime) % 2147483647)) % 2147483647;
      h = (h * 31 + (hv[i] % 2147483647)) % 2147483647;
    }
    expect(hv.length).toBe(golden.heapAlloc.count);
    expect(h).toBe(golden.heapAlloc.hash);
    const curve = mmuCurveOf(c);
    for (const [k, w] of Object.entries(MMU_WINDOWS)) expect(Math.abs(curve.mmu(w) - golden.mmu[k])).toBeLessThanOrEqual(1e-9);
    const a = analyzeGoTrace(model);
    expect(a.trace!.goVersion).toBe('1.25');
    expect(a.trace!.stw.count).toBe(36);
  });
});

describe.skipIf(!hasShared)('older and unsupported headers', () => {
  it.each([
    ['stress_1_21_good', /older trace format.*not supported yet/],
    ['user_task_region_1_11_good', /older trace format.*not supported yet/],
    ['http_1_19_good', /older trace format.*not supported yet/],
    ['http_1_10_good', /unknown or unsupported trace version go 1\.10/],
  ])('%s is refused with a clear message', (f, re) => {
    const data = new Uint8Array(readFileSync(path.join(sharedDir, f)));
    expect(() => readTraceModel(data, quietCtx())).toThrow(re);
  });
});
