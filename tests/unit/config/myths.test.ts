// Each claim of ../shared/docs/go-runtime-formats.md §7 ("Claims the wizard must
// never repeat") that shows up in a config, fed to the linter as the config a
// person following it would write; the linter must object. Claims about reading
// logs or dumps are listed with the reason they are not a config.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';

type Myth = { claim: string } & ({ file: string; config: string; rule: string } | { notConfig: string });

const MYTHS: Myth[] = [
  { claim: 'Tune `runtime.MemLimitThreshold`', file: 'main.go', rule: 'config.go.memlimitthreshold', config: 'package main\n\nimport "runtime"\n\nfunc init() {\n\truntime.MemLimitThreshold = 0.9\n}\n' },
  { claim: 'GOMEMLIMIT is a hard memory limit', file: 'deploy.yaml', rule: 'config.gomemlimit.above-limit', config: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {limits: {cpu: "2", memory: 1Gi}}\n          env:\n            - name: GOMEMLIMIT\n              value: 1GiB\n' },
  { claim: 'The GC will use up to 100% CPU to stay under GOMEMLIMIT', notConfig: 'a belief about GC behaviour; no config value expresses it' },
  { claim: '`debug.SetMemoryLimit(0)` disables the limit', file: 'limits.go', rule: 'config.go.setmemorylimit-zero', config: 'package main\n\nimport "runtime/debug"\n\nfunc init() {\n\tdebug.SetMemoryLimit(0) // no limit\n}\n' },
  { claim: 'Set `GOMEMLIMIT=1800m` / `512Mi` / `2G` / `1GB`', file: 'values.yaml', rule: 'config.gomemlimit.malformed', config: 'resources:\n  limits: {cpu: "2", memory: 2Gi}\nenv:\n  - name: GOMEMLIMIT\n    value: 1800m\n' },
  { claim: 'GOMEMLIMIT caps the heap', notConfig: 'a belief about what the limit counts (heap only); the config it leads to is the one of "hard memory limit" above' },
  { claim: 'GOMEMLIMIT arrived in Go 1.20', file: 'Dockerfile', rule: 'config.gomemlimit.too-old', config: 'FROM golang:1.18 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENV GOMEMLIMIT=900MiB\nENTRYPOINT ["/app"]\n' },
  { claim: 'Go reads the container memory limit automatically', file: 'deploy.yaml', rule: 'config.gomemlimit.missing', config: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {limits: {cpu: "2", memory: 1Gi}}\n' },
  { claim: 'Go has been container-aware since 1.x (<1.25) / Go 1.22', file: 'deploy.yaml', rule: 'config.gomaxprocs.not-container-aware', config: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {limits: {cpu: 1500m, memory: 1Gi}}\n          env: [{name: GOMEMLIMIT, value: 900MiB}]\n' },
  { claim: 'GOMAXPROCS follows CPU requests', file: 'values.yaml', rule: 'config.gomaxprocs.request-only', config: 'resources:\n  requests: {cpu: 500m, memory: 512Mi}\n  limits: {memory: 512Mi}\nenv:\n  - {name: GOMEMLIMIT, value: 460MiB}\n' },
  { claim: 'Go 1.25 rounds the CPU limit down / min 1', file: 'values.yaml', rule: 'config.gomaxprocs.rounded-down', config: 'resources:\n  limits: {cpu: 1500m, memory: 1Gi}\nenv:\n  - name: GOMAXPROCS\n    value: "1"\n  - name: GOMEMLIMIT\n    value: 921MiB\n' },
  { claim: 'automaxprocs rounds up / to nearest', file: 'go.mod', rule: 'config.automaxprocs.rounds-down', config: 'module example.com/api\n\ngo 1.24\n\nrequire go.uber.org/automaxprocs v1.6.0\n' },
  { claim: '`GOMAXPROCS=0` env means auto', file: 'Dockerfile', rule: 'config.gomaxprocs.ignored', config: 'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENV GOMAXPROCS=0\nENTRYPOINT ["/app"]\n' },
  { claim: 'Use `resourceFieldRef limits.memory` with `divisor: 1Mi` for GOMEMLIMIT', file: 'deploy.yaml', rule: 'config.gomemlimit.divisor', config: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {limits: {cpu: "1", memory: 512Mi}}\n          env:\n            - name: GOMEMLIMIT\n              valueFrom:\n                resourceFieldRef: {resource: limits.memory, divisor: 1Mi}\n' },
  { claim: 'Set GOMEMLIMIT from `limits.memory` (divisor 1) to keep ~10% headroom', file: 'deploy.yaml', rule: 'config.gomemlimit.full-limit', config: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {limits: {cpu: "1", memory: 512Mi}}\n          env:\n            - name: GOMEMLIMIT\n              valueFrom:\n                resourceFieldRef: {resource: limits.memory, divisor: "1"}\n' },
  { claim: 'The middle gctrace clock number is the GC pause', notConfig: 'reading gctrace output (the gc analysis handles it)' },
  { claim: "gctrace `%` is this cycle's CPU cost", notConfig: 'reading gctrace output' },
  { claim: 'gctrace MB are megabytes (10⁶)', notConfig: 'reading gctrace output' },
  { claim: '`(forced)` marks the periodic 2-minute GC', notConfig: 'reading gctrace output' },
  { claim: '`gctrace=2` gives more detail', file: 'values.yaml', rule: 'config.godebug.gctrace2', config: 'resources:\n  limits: {cpu: "1", memory: 512Mi}\nenv:\n  - name: GODEBUG\n    value: gctrace=2\n  - name: GOMEMLIMIT\n    value: 460MiB\n' },
  { claim: '`gctrace=1` shows scavenger (`scvg`) lines', notConfig: 'reading runtime output (scavtrace=1 is the setting; both keys exist)' },
  { claim: 'GOGC=100 triggers when the live heap doubles', notConfig: 'a belief about the heap goal; GOGC=100 itself is fine' },
  { claim: '`go_gc_duration_seconds` quantiles are over the scrape interval', notConfig: 'reading a metric; the query is valid, only its interpretation is wrong' },
  { claim: 'Use `go_memstats_gc_cpu_fraction` / `go_memstats_lookups_total`', file: 'rules.yaml', rule: 'config.metrics.removed', config: 'groups:\n  - name: go\n    rules:\n      - alert: GoGCHot\n        expr: go_memstats_gc_cpu_fraction > 0.1\n        for: 10m\n' },
  { claim: 'Go stack dumps from a stripped (`-s -w`) binary have no function names', notConfig: 'reading dumps; -ldflags="-s -w" is what the wizard itself recommends' },
  { claim: '`N minutes` in a goroutine header is exact', notConfig: 'reading goroutine dumps' },
  { claim: '`[locked to thread]` is a separate header token', notConfig: 'reading goroutine dumps' },
];

describe('the myths of go-runtime-formats.md §7, as configs, each get a finding', () => {
  for (const m of MYTHS) {
    if ('notConfig' in m) continue;
    it(`${m.claim} → ${m.rule}`, () => {
      const { report } = analyzeInput('m', m.file, new TextEncoder().encode(m.config));
      expect(report.error).toBeUndefined();
      expect(report.kind).toBe('config');
      const rules = (report.findings ?? []).map((f) => f.rule);
      expect(rules).toContain(m.rule);
      const f = report.findings!.find((x) => x.rule === m.rule)!;
      expect(f.evidence.some((e) => /source: .* — https:\/\//.test(e))).toBe(true);
    });
  }
  it('covers every claim of the table (when ../shared is present)', () => {
    const doc = path.resolve(__dirname, '../../../..', 'shared/docs/go-runtime-formats.md');
    if (!existsSync(doc)) {
      console.log(`skipped: ${doc} not found; the myth list is checked against it only when ../shared exists`);
      expect(MYTHS.length).toBeGreaterThanOrEqual(26);
      return;
    }
    const text = readFileSync(doc, 'utf8');
    const section = text.slice(text.indexOf('## 7.'), text.indexOf('## 8.'));
    const claims = [...section.matchAll(/^\| "(.+?)" \|/gm)].map((m) => m[1]);
    expect(claims.length).toBeGreaterThanOrEqual(26);
    expect(MYTHS.map((m) => m.claim)).toEqual(claims);
  });
  it('the configs that follow the advice instead raise no critical finding', () => {
    const good = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          resources: {requests: {cpu: "1", memory: 1Gi}, limits: {cpu: "2", memory: 1Gi}}\n          env:\n            - {name: GOMEMLIMIT, value: 921MiB}\n            - name: GOMAXPROCS\n              valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: "1"}}\n';
    const { report } = analyzeInput('g', 'deploy.yaml', new TextEncoder().encode(good));
    expect(report.kind).toBe('config');
    expect((report.findings ?? []).filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
