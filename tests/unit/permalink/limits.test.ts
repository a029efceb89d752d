// The link decoder's limits match what the app makes: a session of more than
// LINK_MAX_INPUTS inputs, or whose least detailed link is over LINK_MAX_CHARS,
// gets no link (LinkTooBigError saying why); every link the app does make opens;
// a link just over either limit is refused with a message naming it (a crafted
// link of hundreds of copies of one input built thousands of charts).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { assembleReport } from '../../../src/report/assemble';
import { decodeShareLink, encodeShared, LinkTooBigError, makeShareLink } from '../../../src/report/permalink/share';
import { LINK_MAX_CHARS, LINK_MAX_INPUTS, MAX_INFLATED_BYTES, MAX_LINK_CHARS, NO_REDACTION } from '../../../src/report/permalink/types';
import type { InputReport } from '../../../src/report/schema';
import { SMALL_INPUTS } from '../../fixtures/smallInputs';
import { fixtures } from './sessions';

const reports = SMALL_INPUTS.map((p, i) => analyzeInput(`in${i + 1}`, p.split('/').pop()!, new Uint8Array(readFileSync(resolve(fixtures, p)))).report);
/** n inputs cycling through the small fixtures (distinct until 35, then copies). */
const session = (n: number, from: InputReport[] = reports) => assembleReport(Array.from({ length: n }, (_, i) => ({ ...from[i % from.length], id: `in${i + 1}` })));

describe('the links the app makes', () => {
  it('every session of up to LINK_MAX_INPUTS real inputs gets a link within LINK_MAX_CHARS that opens, or none with the reason', () => {
    let largest = 0;
    for (const n of [1, 3, 10, 20, 30, 35, 38, LINK_MAX_INPUTS]) {
      let link;
      try {
        link = makeShareLink({ report: session(n), name: `${n} inputs`, redact: NO_REDACTION });
      } catch (e) {
        expect(e).toBeInstanceOf(LinkTooBigError);
        expect((e as Error).message).toMatch(/even with the least detail the link would be [\d,]+ characters, over the [\d,]+ gotune makes; share the HTML report/);
        continue;
      }
      expect(link.payload.length, `${n} inputs`).toBeLessThanOrEqual(LINK_MAX_CHARS);
      expect(link.jsonBytes).toBeLessThan(MAX_INFLATED_BYTES);
      const d = decodeShareLink(link.payload);
      expect(d.ok, `${n} inputs: ${!d.ok && d.error.message}`).toBe(true);
      if (d.ok) expect(d.shared.report.inputs).toHaveLength(n);
      largest = Math.max(largest, link.payload.length);
    }
    // The largest of these is near the cap, so the cap is what real sessions reach, not a guess.
    expect(largest).toBeGreaterThan(LINK_MAX_CHARS / 2);
  });

  it('LINK_MAX_INPUTS copies of one input (they compress well) make a link that opens', () => {
    const link = makeShareLink({ report: session(LINK_MAX_INPUTS, [reports[1]]), name: 'copies', redact: NO_REDACTION });
    expect(link.payload.length).toBeLessThanOrEqual(LINK_MAX_CHARS);
    const d = decodeShareLink(link.payload);
    expect(d.ok && d.shared.report.inputs.length).toBe(LINK_MAX_INPUTS);
  });

  it('a session of one input more gets no link, and says why', () => {
    expect(() => makeShareLink({ report: session(LINK_MAX_INPUTS + 1, [reports[1]]), name: 'x', redact: NO_REDACTION })).toThrow(
      new LinkTooBigError(`this session has ${LINK_MAX_INPUTS + 1} inputs and a link carries at most ${LINK_MAX_INPUTS}; share the HTML report or the JSON export instead, or remove inputs`),
    );
  });
});

describe('links over the limits', () => {
  it('a link of one input more than LINK_MAX_INPUTS is refused naming the count', () => {
    const { shared } = makeShareLink({ report: session(LINK_MAX_INPUTS, [reports[1]]), name: 'copies', redact: NO_REDACTION });
    const extra = { ...shared, report: { ...shared.report, inputs: [...shared.report.inputs, { ...shared.report.inputs[0], id: 'in999' }] } };
    const { payload } = encodeShared(extra);
    expect(payload.length).toBeLessThan(MAX_LINK_CHARS);
    const d = decodeShareLink(payload);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.error.code).toBe('too-large');
      expect(d.error.message).toBe(`the link holds ${LINK_MAX_INPUTS + 1} inputs; gotune links carry at most ${LINK_MAX_INPUTS}, so it was not opened`);
    }
  });

  it('link data one character over MAX_LINK_CHARS is refused for its length before decoding; at the limit it is read', () => {
    const over = decodeShareLink(`1.${'A'.repeat(MAX_LINK_CHARS - 1)}`);
    expect(!over.ok && over.error.code).toBe('too-large');
    expect(!over.ok && over.error.message).toBe(`the link is ${(MAX_LINK_CHARS + 1).toLocaleString('en')} characters long; gotune makes links of at most ${LINK_MAX_CHARS.toLocaleString('en')}, so it was not opened`);
    const at = decodeShareLink(`1.${'A'.repeat(MAX_LINK_CHARS - 2)}`);
    expect(!at.ok && at.error.code).toBe('corrupt');
    expect(MAX_LINK_CHARS).toBeGreaterThan(LINK_MAX_CHARS);
  });
});

describe('session findings in a link', () => {
  it('findings folded across inputs (one per fact, with `also`) are still rebuilt from the inputs, not sent twice', async () => {
    const { inflateSync, strFromU8 } = await import('fflate');
    const { DICTIONARY_V1 } = await import('../../../src/report/permalink/dictionary-v1');
    // 28 small fixtures: seven GODEBUG logs fold their GC findings into long `also` lists (30 made a link
    // 68 characters over the cap once findings said what their GC shares are shares of).
    const files = SMALL_INPUTS.slice(0, 28);
    const reports = files.map((f, i) => analyzeInput(`in${i + 1}`, f, new Uint8Array(readFileSync(resolve(__dirname, '../../fixtures', f)))).report);
    const report = assembleReport(reports);
    expect(report.findings.some((f) => f.also?.length)).toBe(true);
    // The least detailed level cuts lists; `also` must stay whole so the findings still equal the inputs'.
    const link = makeShareLink({ report, name: 'x', redact: NO_REDACTION });
    expect(link.level).toBeGreaterThan(0);
    const json = JSON.parse(strFromU8(inflateSync(Buffer.from(link.payload.slice(2), 'base64url'), { dictionary: new TextEncoder().encode(DICTIONARY_V1) })));
    expect(json.report.findings).toBe('inputs');
    const d = decodeShareLink(link.payload);
    expect(d.ok && d.shared.report.findings).toEqual(link.shared.report.findings);
  });
});
