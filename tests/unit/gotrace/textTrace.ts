// Test helpers that turn Go's text encodings back into bytes:
// - the txtar trace tests of internal/trace (raw/textreader.go format:
//   "Trace Go1.NN" then one "Name arg=value …" line per event), encoded the
//   way raw.Writer does (type byte, minimal uvarints, data length + bytes);
// - "go test fuzz v1" corpus files holding one []byte("…") Go literal.

import { EV_NAMES } from '../../../src/formats/gotrace/spec';

const BY_NAME = new Map<string, number>(Object.entries(EV_NAMES).map(([n, name]) => [name, Number(n)]));

function pushUvarint(out: number[], v: bigint): void {
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

/** Decodes a Go double-quoted string literal to bytes. */
export function goUnquote(lit: string): Uint8Array {
  if (!lit.startsWith('"') || !lit.endsWith('"')) throw new Error(`not a Go string literal: ${lit.slice(0, 40)}`);
  const s = lit.slice(1, -1);
  const out: number[] = [];
  const enc = new TextEncoder();
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34, "'": 39 };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\') {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      out.push(...enc.encode(String.fromCodePoint(cp)));
      continue;
    }
    const e = s[++i];
    if (e in simple) out.push(simple[e]);
    else if (e === 'x') {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      out.push(...enc.encode(String.fromCodePoint(parseInt(s.slice(i + 1, i + 1 + n), 16))));
      i += n;
    } else if (e >= '0' && e <= '7') {
      out.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else throw new Error(`bad escape \\${e}`);
  }
  return Uint8Array.from(out);
}

export interface TxtarTest {
  expect: 'SUCCESS' | 'FAILURE';
  /** For FAILURE: the regexp the error must match. */
  pattern?: RegExp;
  trace: Uint8Array;
}

export function parseTxtar(text: string): TxtarTest {
  const m = /-- expect --\n([\s\S]*?)-- trace --\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error('not a two-file txtar archive');
  const exp = m[1].trim();
  let pattern: RegExp | undefined;
  if (exp.startsWith('FAILURE')) pattern = new RegExp(new TextDecoder().decode(goUnquote(exp.slice('FAILURE'.length).trim())));
  return { expect: exp.startsWith('SUCCESS') ? 'SUCCESS' : 'FAILURE', pattern, trace: encodeTextTrace(m[2]) };
}

function token(line: string): string {
  const t = line.replace(/#.*$/, '').trim();
  return t;
}

/** Encodes a text trace to the binary format. */
export function encodeTextTrace(text: string): Uint8Array {
  const lines = text.split('\n').map(token).filter((l) => l !== '');
  const head = /^Trace Go1\.(\d+)$/.exec(lines[0] ?? '');
  if (!head) throw new Error('missing "Trace Go1.NN" header');
  const v = Number(head[1]);
  const out: number[] = [];
  const hdr = `go 1.${v} trace`;
  for (let i = 0; i < 16; i++) out.push(i < hdr.length ? hdr.charCodeAt(i) : 0);
  for (let li = 1; li < lines.length; li++) {
    const parts = lines[li].split(/\s+/);
    const typ = BY_NAME.get(parts[0]);
    if (typ === undefined) throw new Error(`unidentified event: ${parts[0]}`);
    out.push(typ);
    const args = parts.slice(1).map((a) => BigInt(a.slice(a.indexOf('=') + 1)));
    for (const a of args) pushUvarint(out, a);
    if (parts[0] === 'Stack') {
      const n = Number(args[1]);
      for (let k = 0; k < n; k++) {
        const f = lines[++li].split(/\s+/).map((a) => BigInt(a.slice(a.indexOf('=') + 1)));
        for (const a of f) pushUvarint(out, a);
      }
    }
    if (parts[0] === 'String' || parts[0] === 'ExperimentalBatch') {
      const d = lines[++li];
      const data = goUnquote(d.slice(d.indexOf('=') + 1).trim());
      pushUvarint(out, BigInt(data.length));
      out.push(...data);
    }
  }
  return Uint8Array.from(out);
}

/** Bytes of a "go test fuzz v1" corpus entry. */
export function parseFuzzCorpus(text: string): Uint8Array {
  const m = /\[\]byte\(("(?:[^"\\]|\\.)*")\)/.exec(text);
  if (!m) throw new Error('no []byte literal');
  return goUnquote(m[1]);
}
