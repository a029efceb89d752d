// Our GOMEMLIMIT parser against the real Go runtime: the golden list was made by
// running GOMEMLIMIT=<value> with Go 1.26 (tools/fixtures/gomemlimit/gen.sh).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatGoByteCount, parseGoByteCount, readGOMEMLIMIT, suggestGoByteCount } from '../../../src/rules/bytecount';

const golden = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/wizard/gomemlimit-golden.json'), 'utf8')) as {
  go: string;
  values: { value: string; ok: boolean; bytes: string | null }[];
};

describe('GOMEMLIMIT syntax (runtime parseByteCount)', () => {
  it('has a golden list from a real Go run', () => {
    expect(golden.go).toMatch(/^go1\.\d+/);
    expect(golden.values.length).toBeGreaterThan(30);
  });
  for (const g of golden.values) {
    it(`${g.value} → ${g.ok ? g.bytes : 'fatal error: malformed GOMEMLIMIT'}`, () => {
      const r = readGOMEMLIMIT(g.value);
      if (!g.ok) {
        expect('error' in r).toBe(true);
        return;
      }
      expect('limit' in r).toBe(true);
      if ('limit' in r) {
        const got = r.limit === 'off' ? (1n << 63n) - 1n : r.limit;
        expect(got.toString()).toBe(g.bytes);
      }
    });
  }
  it('formats bytes in Go syntax, never with Kubernetes suffixes, and the result parses back', () => {
    for (const n of [0, 1, 1023, 1024, 1536, 965738496, 2 ** 30, 3e9, 2 ** 40 * 3]) {
      const text = formatGoByteCount(n);
      expect(text).not.toMatch(/(Ki|Mi|Gi|Ti)$|[KMGT]B?$/);
      expect(parseGoByteCount(text)).toBe(BigInt(n));
    }
  });
  it('suggests the Go spelling for Kubernetes suffixes', () => {
    expect(suggestGoByteCount('512Mi')).toBe('512MiB');
    expect(suggestGoByteCount('2G')).toBe('2000000000');
    expect(suggestGoByteCount('1800m')).toBeNull();
  });
});
