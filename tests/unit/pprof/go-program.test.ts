// Every profile our Go programs wrote is told as a Go program's (or, with no
// function names, as unknown): a Go profile taken for another language's would
// lose its GC share and drop out of the diagnosis. Other languages' profiles are
// checked in shared-conformance.test.ts when ../shared exists.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { filesUnder, repoRoot } from '../paths';

const profiles = filesUnder(path.join(repoRoot, 'tests/fixtures'))
  .map((file) => ({ file: path.relative(repoRoot, file), r: analyzeInput('in1', path.basename(file), new Uint8Array(readFileSync(file))).report }))
  .filter(({ r }) => r.kind === 'pprof' && !r.error && r.profile);

describe('our Go profiles are Go programs', () => {
  it('there are many of them', () => {
    expect(profiles.length).toBeGreaterThan(60);
  });
  it('none is told as another language', () => {
    expect(profiles.filter(({ r }) => r.profile!.goProgram === false).map(({ file }) => file)).toEqual([]);
  });
  it('those that name functions are told as Go', () => {
    const named = profiles.filter(({ r }) => r.profile!.numFunctions > 0);
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter(({ r }) => r.profile!.goProgram !== true).map(({ file }) => file)).toEqual([]);
  });
});
