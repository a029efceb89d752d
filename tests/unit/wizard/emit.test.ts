// The emitted blocks: YAML parses with `yaml` and has the expected shape,
// the Dockerfile parses with dockerfile-ast with only known instructions,
// every non-blank line carries a reason with a primary source.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser, type Run } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { runWizard } from '../../../src/wizard/wizard';
import { DEFAULT_SETTINGS, type WizardSettings } from '../../../src/wizard/types';

const variants: Partial<WizardSettings>[] = [
  { goVersion: '1.24', goModVersion: '1.24', cpuRequest: '500m', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '1Gi' },
  { goVersion: '1.25', goModVersion: '1.25', cpuLimit: '1500m', memoryLimit: '3G', cgo: true },
  { goVersion: '1.25.3', goModVersion: '1.24', cpuLimit: '2500m', memoryLimit: '1.5Gi', goal: 'throughput', gcCpuPercent: 25, peakHeapBytes: 200 * 2 ** 20 },
  { goVersion: '1.26', goModVersion: '1.26', cpuRequest: '250m' },
  {},
];
const KNOWN = new Set(['FROM', 'WORKDIR', 'COPY', 'RUN', 'ARG', 'ENV', 'USER', 'ENTRYPOINT']);

describe.each(variants.map((v, i) => [i, v] as const))('outputs, settings #%i', (_i, v) => {
  const { blocks } = runWizard({ ...DEFAULT_SETTINGS, ...v });

  it('has the four kinds of output with accessible titles', () => {
    expect(blocks.map((b) => b.title)).toEqual(['Helm values', 'Helm values (extraEnvVars)', 'Kubernetes env', 'Dockerfile', 'Go code']);
  });

  it('YAML blocks parse without errors and have resources/env in the expected places', () => {
    for (const b of blocks.filter((x) => x.language === 'yaml')) {
      const doc = parseDocument(b.text);
      expect(doc.errors).toEqual([]);
      expect(doc.warnings).toEqual([]);
    }
    const helm = parse(blocks[0].text);
    const extra = parse(blocks[1].text);
    const k8s = parse(blocks[2].text);
    expect(Object.keys(helm).every((k) => k === 'resources' || k === 'env')).toBe(true);
    expect(extra.env).toBeUndefined();
    expect(extra.extraEnvVars).toEqual(helm.env);
    expect(Array.isArray(k8s)).toBe(true);
    expect(k8s[0].name).toBe('app');
    expect(k8s[0].resources).toEqual(helm.resources);
    expect(k8s[0].env).toEqual(helm.env);
    if (v.memoryLimit) expect(helm.resources.limits.memory).toBe(v.memoryLimit);
    if (v.cpuLimit) expect(helm.resources.limits.cpu).toBe(v.cpuLimit);
    for (const e of helm.env ?? []) {
      expect(typeof e.name).toBe('string');
      // Kubernetes env values must be strings
      if ('value' in e) expect(typeof e.value).toBe('string');
    }
  });

  it('the Dockerfile parses with dockerfile-ast: known instructions, two stages, cache mounts, exec-form ENTRYPOINT', () => {
    const d = blocks.find((b) => b.id === 'dockerfile')!;
    const df = DockerfileParser.parse(d.text);
    const instrs = df.getInstructions();
    for (const ins of instrs) {
      expect(KNOWN.has(ins.getKeyword())).toBe(true);
      expect(ins.getArguments().length).toBeGreaterThan(0);
    }
    const froms = df.getFROMs();
    expect(froms.length).toBe(2);
    expect(froms[0].getBuildStage()).toBe('build');
    expect(froms[1].getRegistry()).toBe('gcr.io');
    expect(froms[1].getImageName()).toMatch(/^distroless\/(static|base)-debian12$/);
    expect(froms[1].getImageTag()).toBe('nonroot');
    expect(df.getDirectives()[0].getValue()).toBe('docker/dockerfile:1');
    const runs = instrs.filter((i) => i.getKeyword() === 'RUN');
    const build = runs[runs.length - 1] as Run;
    const mounts = build.getFlags().map((f) => `${f.getName()}=${f.getValue()}`);
    expect(mounts).toEqual(['mount=type=cache,target=/go/pkg/mod', 'mount=type=cache,target=/go/cache']);
    // The go command uses the mounted cache: GOCACHE names the same path.
    expect(d.text).toContain('ENV GOCACHE=/go/cache\n');
    const cmd = build.getArgumentsContent()!;
    expect(cmd).toMatch(/CGO_ENABLED=[01]/);
    expect(cmd).toContain('go build -trimpath -ldflags="-s -w"');
    const ep = df.getENTRYPOINTs()[0];
    expect(ep.getJSONStrings().map((s) => s.getJSONValue())).toEqual(['/app']);
    // Variables used are declared (BuildKit's automatic BUILDPLATFORM aside).
    for (const ins of instrs) {
      for (const variable of ins.getVariables()) {
        const name = variable.getName();
        if (name === 'BUILDPLATFORM') continue;
        expect(df.getAvailableVariables(ins.getRange().start.line)).toContain(name);
      }
    }
  });

  it('every non-blank line has a reason with an https source', () => {
    for (const b of blocks) {
      expect(b.lines.map((l) => l.text).join('\n').trimEnd()).toBe(b.text.trimEnd());
      for (const l of b.lines) {
        if (!l.text.trim()) continue;
        expect(l.why, `${b.title}: ${l.text}`).toBeDefined();
        expect(l.why!.text.length).toBeGreaterThan(10);
        expect(l.why!.sources.length).toBeGreaterThan(0);
        for (const s of l.why!.sources) expect(s.url).toMatch(/^https:\/\//);
      }
    }
  });
});

// The Go code must compile: checked with the installed Go toolchain when there is one.

function goAvailable(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasGo = goAvailable();
if (!hasGo) console.log('skipped: the Go code compile check needs a Go toolchain on PATH');

describe.skipIf(!hasGo)('the emitted Go code compiles (go vet)', () => {
  it('with and without a memory limit', () => {
    for (const v of [variants[0], variants[3]]) {
      const dir = mkdtempSync(join(tmpdir(), 'gotune-wizard-'));
      const go = runWizard({ ...DEFAULT_SETTINGS, ...v }).blocks.find((b) => b.id === 'go')!;
      writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.21\n');
      writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
      writeFileSync(join(dir, go.filename), go.text);
      // Throws (fails the test) with the compiler's message when it does not build.
      execFileSync('go', ['vet', '.'], { cwd: dir, env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' }, stdio: 'pipe' });
    }
  });
});
