// The config linter on its own: sniffing, GODEBUG keys against the table
// generated from Go's sources, Dockerfile/cgo rules, and a round trip — what
// the wizard emits must lint clean.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GODEBUG_SETTINGS } from '../../../src/rules/godebugTable';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { runWizard } from '../../../src/wizard/wizard';
import { DEFAULT_SETTINGS, type WizardSettings } from '../../../src/wizard/types';

const run = (name: string, text: string) => analyzeInput('c', name, new TextEncoder().encode(text)).report;
const rules = (name: string, text: string) => (run(name, text).findings ?? []).map((f) => f.rule);
const values = (godebug: string) => `resources:\n  limits: {cpu: "1", memory: 512Mi}\nenv:\n  - {name: GOMEMLIMIT, value: 460MiB}\n  - {name: GODEBUG, value: "${godebug}"}\n`;

describe('config sniffing', () => {
  it('recognises each flavor and records it', () => {
    expect(run('a.yaml', 'kind: Deployment\nspec: {}\n').config).toBeUndefined(); // no containers → error
    expect(run('go.mod', 'module x\n\ngo 1.25\n').config?.flavor).toBe('go.mod');
    expect(run('Dockerfile', '# syntax=docker/dockerfile:1\nFROM golang:1.25.3 AS b\nFROM scratch\n').config?.goVersion).toBe('1.25.3');
    expect(run('v.yaml', values('gctrace=1')).config?.flavor).toBe('helm-values');
  });
  it('does not claim the GODEBUG log fixtures (real Go output)', () => {
    const dir = path.resolve(__dirname, '../../fixtures/godebug');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.log'))) {
      expect(run(f, readFileSync(path.join(dir, f), 'utf8')).kind).not.toBe('config');
    }
  });
  it('says what is wrong with a YAML that has nothing to lint', () => {
    expect(run('a.yaml', 'kind: Deployment\nspec: {}\n').error).toMatch(/no container/);
  });
});

describe('GODEBUG keys (table generated from Go internal/godebugs, runtime dbgvars and doc/godebug.md)', () => {
  it('the table has the settings of Go ≥ 1.25 with their history', () => {
    const byName = new Map(GODEBUG_SETTINGS.map((s) => [s.name, s]));
    expect(byName.get('containermaxprocs')).toMatchObject({ changed: 25, old: '0', introduced: 25 });
    expect(byName.get('x509sha1')).toMatchObject({ removed: 24 });
    expect(byName.get('gctrace')?.kind).toBe('runtime');
  });
  it('accepts real keys, flags unknown ones, removed ones and ones newer than the toolchain', () => {
    expect(rules('v.yaml', values('gctrace=1,madvdontneed=1,http2client=0,cpu.avx2=off'))).not.toEqual(expect.arrayContaining([expect.stringMatching(/godebug/)]));
    expect(rules('v.yaml', values('gctrase=1'))).toContain('config.godebug.unknown');
    expect(rules('v.yaml', values('x509sha1=1'))).toContain('config.godebug.removed');
    expect(rules('v.yaml', values('allocfreetrace=1'))).toContain('config.godebug.removed');
    expect(rules('v.yaml', values('madvdontneed'))).toContain('config.godebug.malformed');
    const df = 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12\nENV GODEBUG=containermaxprocs=1\n';
    expect(rules('Dockerfile', df)).toEqual(expect.arrayContaining(['config.godebug.too-new', 'config.godebug.maxprocs-before-125']));
    const mod = 'module x\n\ngo 1.24\n\ngodebug (\n\tdefault=go1.21\n\tpanicnil=1\n\tnosuchthing=1\n)\n';
    expect(rules('go.mod', mod)).toEqual(['config.godebug.build-rejects']);
  });
});

describe('Dockerfile and go.mod rules', () => {
  it('a cgo binary on a static image, and cgo left on by default', () => {
    expect(rules('Dockerfile', 'FROM golang:1.25 AS b\nRUN CGO_ENABLED=1 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\n')).toContain('config.dockerfile.cgo-static-image');
    expect(rules('Dockerfile', 'FROM golang:1.25 AS b\nRUN go build -o /app .\nFROM scratch\n')).toContain('config.dockerfile.cgo-default');
    expect(rules('Dockerfile', 'FROM golang:1.25 AS b\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\n')).toEqual([]);
  });
  it('automaxprocs with Go ≥ 1.25 modules should be removed', () => {
    const mod = 'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3\n\nrequire go.uber.org/automaxprocs v1.6.0\n';
    expect(rules('go.mod', mod)).toContain('config.automaxprocs.go125');
  });
  it('GOGC=off without a memory limit, and GOGC that Go ignores', () => {
    expect(rules('v.yaml', 'resources:\n  limits: {cpu: "1", memory: 1Gi}\nenv:\n  - {name: GOGC, value: "off"}\n')).toContain('config.gogc.off-without-limit');
    expect(rules('v.yaml', 'resources:\n  limits: {cpu: "1", memory: 1Gi}\nenv:\n  - {name: GOGC, value: "off"}\n  - {name: GOMEMLIMIT, value: 900MiB}\n')).not.toContain('config.gogc.off-without-limit');
    expect(rules('v.yaml', 'resources:\n  limits: {cpu: "1", memory: 1Gi}\nenv:\n  - {name: GOGC, value: "200%"}\n')).toContain('config.gogc.malformed');
  });
  it('GOMAXPROCS above the CPU limit, or from limits.cpu with divisor 1m', () => {
    expect(rules('v.yaml', 'resources:\n  limits: {cpu: "2", memory: 1Gi}\nenv:\n  - {name: GOMAXPROCS, value: "8"}\n')).toContain('config.gomaxprocs.above-limit');
    expect(rules('v.yaml', 'resources:\n  limits: {cpu: "2", memory: 1Gi}\nenv:\n  - name: GOMAXPROCS\n    valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}\n')).toContain('config.gomaxprocs.divisor');
  });
  it('missing limits', () => {
    expect(rules('v.yaml', 'resources:\n  requests: {cpu: 250m, memory: 256Mi}\n')).toContain('config.limits.missing');
  });
});

describe('what the wizard emits lints clean (no warning or critical finding)', () => {
  const cases: Partial<WizardSettings>[] = [
    { goVersion: '1.24', goModVersion: '1.24', cpuLimit: '2', memoryLimit: '1Gi' },
    { goVersion: '1.25', goModVersion: '1.25', cpuLimit: '1500m', memoryLimit: '3G', cgo: true },
    { goVersion: '1.25', goModVersion: '1.24', cpuRequest: '500m', cpuLimit: '2500m', memoryRequest: '1Gi', memoryLimit: '1.5Gi' },
  ];
  for (const c of cases) {
    it(JSON.stringify(c), () => {
      const { blocks } = runWizard({ ...DEFAULT_SETTINGS, ...c });
      const serious = (r: ReturnType<typeof run>) => (r.findings ?? []).filter((f) => f.severity !== 'info').map((f) => f.title);
      const helm = run('values.yaml', blocks.find((b) => b.id === 'helm')!.text);
      expect(helm.kind).toBe('config');
      expect(serious(helm)).toEqual([]);
      const containers = parse(blocks.find((b) => b.id === 'k8s')!.text);
      const deploy = stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { template: { spec: { containers } } } });
      const k8s = run('deploy.yaml', deploy);
      expect(k8s.config?.containers[0].memoryLimit).toBe(c.memoryLimit);
      expect(serious(k8s)).toEqual([]);
      const df = run('Dockerfile', blocks.find((b) => b.id === 'dockerfile')!.text);
      expect(df.config?.flavor).toBe('dockerfile');
      expect(df.config?.goVersion).toBe(c.goVersion);
      expect(serious(df)).toEqual([]);
    });
  }
});

describe('damaged or unusual input', () => {
  it('cut, templated or broken YAML gives warnings or a clear error, never a crash', () => {
    const full = readFileSync(path.resolve(__dirname, '../../fixtures/config/deployment-myths.yaml'), 'utf8');
    for (let cut = 40; cut < full.length; cut += 97) {
      const r = run('cut.yaml', full.slice(0, cut));
      expect(r.error === undefined || !r.error.startsWith('internal error')).toBe(true);
    }
    const templ = run('deployment.yaml', 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          resources: {{ toYaml .Values.resources | nindent 12 }}\n          env:\n            - {name: GOMEMLIMIT, value: 512Mi}\n');
    expect(templ.kind).toBe('config');
    expect(templ.warnings?.join(' ')).toMatch(/helm template/);
  });
});
