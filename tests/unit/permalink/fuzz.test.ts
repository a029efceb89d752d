// Hostile and broken links: random text, every kind of mutation of real links,
// truncation, a zip bomb, deep nesting, wrong versions and wrong shapes. The
// decoder must return (never throw), and a failure must say what is wrong.

import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { base64url } from '../../../src/report/permalink/codec';
import { decodeShareLink, encodeShared, makeShareLink } from '../../../src/report/permalink/share';
import { MAX_INFLATED_BYTES, NO_REDACTION, type DecodeResult, type SharedReport } from '../../../src/report/permalink/types';
import { sessionReport, TYPICAL } from './sessions';
import { rng } from '../../fuzz/mutate';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function safeDecode(link: string, why: string): DecodeResult {
  let r: DecodeResult | undefined;
  expect(() => (r = decodeShareLink(link)), why).not.toThrow();
  if (!r!.ok) expect(r!.error.message.length, why).toBeGreaterThan(10);
  return r!;
}

const pack = (v: unknown) => `1.${base64url(deflateSync(new TextEncoder().encode(JSON.stringify(v))))}`;

describe('permalink decoder under hostile input', () => {
  const good = makeShareLink({ report: sessionReport(TYPICAL), name: 'typical', redact: NO_REDACTION }).payload;

  it('the unmodified link decodes', () => {
    expect(decodeShareLink(good).ok).toBe(true);
  });

  it('random strings never throw', () => {
    const seed = 1234;
    const r = rng(seed);
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(r() * 300);
      let s = '';
      const alpha = r() < 0.5 ? B64 : B64 + '.#/?%~!* \n\u00e9\ud83d';
      for (let i = 0; i < len; i++) s += alpha[Math.floor(r() * alpha.length)];
      if (r() < 0.5) s = `1.${s}`;
      safeDecode(s, `seed ${seed} case ${n}: ${s.slice(0, 40)}`);
    }
  });

  it('mutated real links never throw and never pass with damaged data unnoticed', () => {
    const seed = 99;
    const r = rng(seed);
    let rejected = 0;
    for (let n = 0; n < 1500; n++) {
      const chars = good.split('');
      const op = n % 5;
      const at = 2 + Math.floor(r() * (chars.length - 2));
      if (op === 0) chars[at] = B64[Math.floor(r() * 64)];
      else if (op === 1) chars.splice(at, 1 + Math.floor(r() * 20));
      else if (op === 2) chars.splice(at, 0, ...Array.from({ length: 1 + Math.floor(r() * 8) }, () => B64[Math.floor(r() * 64)]));
      else if (op === 3) chars.length = at;
      else for (let k = 0; k < 5; k++) chars[2 + Math.floor(r() * (chars.length - 2))] = B64[Math.floor(r() * 64)];
      const res = safeDecode(chars.join(''), `seed ${seed} case ${n} op ${op}`);
      if (!res.ok) rejected++;
      else expect(res.shared.report.inputs.length).toBeGreaterThan(0);
    }
    // Nearly every mutation breaks deflate, UTF-8, JSON or the shape check.
    expect(rejected).toBeGreaterThan(1400);
  });

  it('truncated links say the data is cut or damaged', () => {
    for (const cut of [good.length - 1, good.length - 50, Math.floor(good.length / 2), 3]) {
      const res = safeDecode(good.slice(0, cut), `cut at ${cut}`);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(['corrupt', 'shape', 'malformed']).toContain(res.error.code);
    }
  });

  it('a zip bomb is stopped at the inflate cap', () => {
    const bomb = `1.${base64url(deflateSync(new Uint8Array(MAX_INFLATED_BYTES * 3)))}`;
    expect(bomb.length).toBeLessThan(40_000);
    const res = safeDecode(bomb, 'bomb');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('too-large');
  });

  it('deep nesting and huge links are refused without throwing', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    const res = safeDecode(`1.${base64url(deflateSync(new TextEncoder().encode(deep)))}`, 'deep');
    expect(res.ok).toBe(false);
    const huge = safeDecode(`1.${'A'.repeat(3_000_000)}`, 'huge');
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.code).toBe('too-large');
  });

  it('wrong versions are named', () => {
    const v2 = safeDecode(`2.${good.slice(2)}`, 'v2');
    expect(v2.ok).toBe(false);
    if (!v2.ok) {
      expect(v2.error.code).toBe('version');
      expect(v2.error.message).toContain('newer gotune');
    }
    const link = decodeShareLink(good);
    if (!link.ok) throw new Error(link.error.message);
    const schema2 = safeDecode(pack({ ...link.shared, report: { ...link.shared.report, schema: 'gotune.report/2' } }), 'schema 2');
    expect(schema2.ok).toBe(false);
    if (!schema2.ok) expect(schema2.error.message).toContain('gotune.report/2');
  });

  it('valid JSON of the wrong shape is refused with the reason', () => {
    const link = decodeShareLink(good);
    if (!link.ok) throw new Error(link.error.message);
    const s = link.shared;
    const cases: [unknown, RegExp][] = [
      [null, /not a report/],
      [[1, 2], /not a report/],
      [{ ...s, report: { ...s.report, inputs: 'x' } }, /inputs or findings/],
      [{ ...s, report: { ...s.report, inputs: [{ id: 1 }] } }, /id, name, kind or size/],
      [{ ...s, report: { ...s.report, findings: [{ rule: 'x', severity: 'fatal', title: 't', detail: 'd', evidence: [] }] } }, /severity/],
      [{ ...s, report: { ...s.report, inputs: [{ ...s.report.inputs[0], gc: 5 }] } }, /gc analysis is not an object/],
      [{ ...s, dropped: 'x' }, /dropped/],
      [{ ...s, redacted: { names: 'yes' } }, /redaction/],
    ];
    for (const [v, re] of cases) {
      const res = safeDecode(pack(v), re.source);
      expect(res.ok, re.source).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('shape');
        expect(res.error.message).toMatch(re);
      }
    }
  });

  it('hostile names are kept as text (the page escapes them)', () => {
    const link = decodeShareLink(good);
    if (!link.ok) throw new Error(link.error.message);
    const evil = '<img src=x onerror=alert(1)>';
    const s: SharedReport = structuredClone(link.shared);
    s.report.inputs[1].profile!.top[0].name = evil;
    s.report.inputs[0].name = evil;
    const back = safeDecode(encodeShared(s).payload, 'evil');
    if (!back.ok) throw new Error(back.error.message);
    expect(back.shared.report.inputs[1].profile!.top[0].name).toBe(evil);
    expect(back.shared.report.inputs[0].name).toBe(evil);
  });
});
