// The app parses in a Web Worker, where Node's globals (Buffer, process,
// global, require) do not exist. Run every committed input kind through the
// same pipeline with those globals removed, so a parser or library that
// reaches for one fails here and not first in a user's browser (dockerfile-ast
// called Buffer on every Dockerfile).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { FIXTURE_KINDS } from '../../fixtures/kinds';
import { repoRoot } from '../paths';

const NODE_GLOBALS = ['Buffer', 'process', 'global', 'require', 'setImmediate', '__dirname', '__filename'] as const;

/** Runs `fn` with Node's globals undefined, as in a browser worker. */
function withoutNodeGlobals<T>(fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  const saved = NODE_GLOBALS.map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const);
  for (const k of NODE_GLOBALS) Object.defineProperty(g, k, { value: undefined, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(g, k, d);
      else delete g[k];
    }
  }
}

describe('every input kind parses without Node globals', () => {
  it('the stub really hides them', () => {
    expect(withoutNodeGlobals(() => typeof Buffer)).toBe('undefined');
    expect(withoutNodeGlobals(() => typeof process)).toBe('undefined');
    expect(typeof Buffer).toBe('function');
  });
  for (const k of FIXTURE_KINDS) {
    it(`${k.label} (${k.path})`, () => {
      const bytes = new Uint8Array(readFileSync(resolve(repoRoot, 'tests/fixtures', k.path)));
      const { report } = withoutNodeGlobals(() => analyzeInput('in1', k.path, bytes));
      expect(report.error).toBeUndefined();
      expect(report[k.view]).toBeDefined();
    });
  }
  it('a Dockerfile starting with a UTF-8 byte order mark reads the same as without it', () => {
    const text = readFileSync(resolve(repoRoot, 'tests/fixtures/config/Dockerfile.scratch-env'));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...text]);
    const plain = withoutNodeGlobals(() => analyzeInput('a', 'Dockerfile', new Uint8Array(text)).report);
    const withBom = withoutNodeGlobals(() => analyzeInput('a', 'Dockerfile', bom).report);
    expect(withBom.error).toBeUndefined();
    expect(withBom.config).toEqual(plain.config);
  });
});
