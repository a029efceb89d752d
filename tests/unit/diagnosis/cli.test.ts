// `npm run analyze` prints the diagnosis in the report JSON.

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';

describe('npm run analyze', () => {
  it('carries the diagnosis of the session', () => {
    const dir = resolve(repoRoot, 'tests/fixtures/scenarios/memlimit-below-live');
    const out = execFileSync(resolve(repoRoot, 'node_modules/.bin/tsx'), [resolve(repoRoot, 'src/cli/analyze.ts'), `${dir}/godebug.log.gz`, `${dir}/metrics.txt.gz`], { encoding: 'utf8' });
    const report = JSON.parse(out);
    expect(report.diagnosis.verdict).toBe('problem');
    expect(report.diagnosis.causes[0].id).toBe('memlimit-below-live');
    expect(report.diagnosis.settings.find((s: { name: string }) => s.name === 'GOMEMLIMIT')).toMatchObject({ how: 'seen', input: 'in2' });
  });
});
