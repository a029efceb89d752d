// The linter on whole config files (tests/fixtures/config, see its README), and
// the go.mod godebug rule checked against the real go command when present.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';

const dir = path.resolve(__dirname, '../../fixtures/config');
const lint = (file: string) => analyzeInput('f', file, new Uint8Array(readFileSync(path.join(dir, file)))).report;
const rules = (file: string) => (lint(file).findings ?? []).map((f) => f.rule);

describe('config fixtures', () => {
  it('deployment-myths.yaml: malformed GOMEMLIMIT, GOMAXPROCS=0, removed GODEBUG, sidecar without limits', () => {
    const r = lint('deployment-myths.yaml');
    expect(r.kind).toBe('config');
    expect(r.config?.flavor).toBe('kubernetes');
    expect(r.config?.containers.map((c) => c.label)).toEqual(['Deployment checkout / container api', 'Deployment checkout / container metrics-sidecar']);
    expect(r.config?.containers[0]).toMatchObject({ cpuRequest: '500m', cpuLimit: '1500m', memoryRequest: '768Mi', memoryLimit: '1Gi' });
    const got = rules('deployment-myths.yaml');
    expect(got).toEqual(expect.arrayContaining(['config.gomemlimit.malformed', 'config.gomaxprocs.ignored', 'config.godebug.removed', 'config.godebug.gctrace2', 'config.limits.missing']));
    const malformed = r.findings!.find((f) => f.rule === 'config.gomemlimit.malformed')!;
    expect(malformed.severity).toBe('critical');
    expect(malformed.detail).toContain('Write 900MiB');
    expect(malformed.evidence[0]).toContain('line 26');
  });
  it('values-doc.yaml (the document\'s own example) has notes only', () => {
    const r = lint('values-doc.yaml');
    expect(r.config?.flavor).toBe('helm-values');
    expect((r.findings ?? []).filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('Dockerfile.scratch-env: GOMAXPROCS=0, GOGC=off without a limit, cgo default on scratch', () => {
    const r = lint('Dockerfile.scratch-env');
    expect(r.config).toMatchObject({ flavor: 'dockerfile', goVersion: '1.24' });
    expect(rules('Dockerfile.scratch-env')).toEqual(expect.arrayContaining(['config.gomaxprocs.ignored', 'config.gogc.off-without-limit', 'config.dockerfile.cgo-default']));
  });
  it('go.mod.automaxprocs: automaxprocs on go 1.25, and godebug lines the go command rejects', () => {
    const r = lint('go.mod.automaxprocs');
    expect(r.config).toMatchObject({ flavor: 'go.mod', goVersion: '1.25.4', goModVersion: '1.25.0', automaxprocs: true });
    const rejects = r.findings!.filter((f) => f.rule === 'config.godebug.build-rejects').map((f) => f.title);
    expect(rejects).toEqual(['go build fails: unknown godebug "gctrace"', 'go build fails: unknown godebug "madvdontneed"', 'go build fails: use of removed godebug "tls13"']);
    expect(rules('go.mod.automaxprocs')).toContain('config.automaxprocs.go125');
  });
});

let hasGo = true;
try {
  execFileSync('go', ['version'], { stdio: 'ignore' });
} catch {
  hasGo = false;
  console.log('skipped: checking godebug lines against the go command needs Go on PATH');
}

describe.skipIf(!hasGo)('the go command agrees on go.mod godebug keys', () => {
  it('accepts the keys the linter accepts and rejects the ones it flags', () => {
    const check = (key: string): boolean => {
      const d = mkdtempSync(path.join(tmpdir(), 'gotune-godebug-'));
      writeFileSync(path.join(d, 'go.mod'), `module x\n\ngo 1.24\n\ngodebug ${key}=1\n`);
      try {
        execFileSync('go', ['list', '-m'], { cwd: d, stdio: 'pipe', env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' } });
        return true;
      } catch {
        return false;
      }
    };
    for (const key of ['panicnil', 'containermaxprocs', 'gctrace', 'madvdontneed', 'x509sha1', 'nosuchthing']) {
      const mod = `module x\n\ngo 1.24\n\ngodebug ${key}=1\n`;
      const flagged = (analyzeInput('m', 'go.mod', new TextEncoder().encode(mod)).report.findings ?? []).some((f) => f.rule === 'config.godebug.build-rejects');
      expect(flagged, key).toBe(!check(key));
    }
  });
});
