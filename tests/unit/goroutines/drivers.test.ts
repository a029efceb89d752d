// The byte-level driver (plain dumps) and the string driver (wrapped logs) must
// read every real dump identically: same goroutines, states, frames, creators,
// warnings. A difference is a bug in one of the fast paths.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoroutineDump } from '../../../src/formats/goroutines/dump';
import type { ParseContext } from '../../../src/formats/types';
import { fixtureDir, sharedLogs } from './load';

function run(bytes: Uint8Array, driver: 'bytes' | 'strings') {
  const warnings: string[] = [];
  const ctx: ParseContext = { progress() {}, checkCancelled() {}, warn: (m) => warnings.push(m) };
  try {
    const d = parseGoroutineDump(bytes, ctx, driver);
    return { dump: JSON.parse(JSON.stringify({ ...d, goroutines: d.goroutines.map((g) => ({ ...g, stackId: undefined })) })), warnings };
  } catch (e) {
    return { error: (e as Error).message, warnings };
  }
}

const files = [
  ...readdirSync(fixtureDir).filter((f) => f.endsWith('.txt') && !f.startsWith('ci-')).map((f) => path.join(fixtureDir, f)),
  ...(existsSync(sharedLogs) ? readdirSync(sharedLogs).filter((f) => f.startsWith('goroutines-')).map((f) => path.join(sharedLogs, f)) : []),
];

describe('byte and string drivers agree', () => {
  it.each(files)('%s', (f) => {
    const bytes = new Uint8Array(readFileSync(f));
    expect(run(bytes, 'bytes')).toEqual(run(bytes, 'strings'));
  });

  it('with CRLF line ends (a dump saved on Windows)', () => {
    const text = readFileSync(path.join(fixtureDir, 'sigquit.txt'), 'utf8');
    const crlf = new TextEncoder().encode(text.replace(/\n/g, '\r\n'));
    const lf = run(new TextEncoder().encode(text), 'bytes');
    expect(run(crlf, 'bytes')).toEqual(run(crlf, 'strings'));
    expect(run(crlf, 'bytes')).toEqual(lf);
  });

  it('on every prefix of a dump (cuts at any byte of the first 3 KiB)', () => {
    const bytes = new Uint8Array(readFileSync(path.join(fixtureDir, 'leak-2.debug2.txt')));
    for (let n = 40; n < 3000; n += 37) {
      const cut = bytes.subarray(0, n);
      expect(run(cut, 'bytes'), `cut at ${n}`).toEqual(run(cut, 'strings'));
    }
  });
});
