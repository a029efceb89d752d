// The wizard's decisions on the case table of issue 7, each case citing the
// document its expected value comes from. Expected values are recomputed here
// from the documented rule, not copied from the implementation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseGoByteCount } from '../../../src/rules/bytecount';
import { runWizard } from '../../../src/wizard/wizard';
import { DEFAULT_SETTINGS, type EmittedBlock, type WizardSettings } from '../../../src/wizard/types';

const GO_GOMAXPROCS_DOC = 'https://pkg.go.dev/runtime#GOMAXPROCS'; // rounds up, never below 2; containermaxprocs=0 default for go ≤ 1.24
const GO_125_NOTES = 'https://go.dev/doc/go1.25#container-aware-gomaxprocs';
const K8S_ROUNDING = 'https://github.com/kubernetes/kubernetes/blob/master/pkg/api/v1/resource/helpers.go'; // ceil(milli / divisor milli)
const K8S_MEMORY = 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-memory';
const GC_GUIDE_HEADROOM = 'https://go.dev/doc/gc-guide#Suggested_uses'; // "leave an additional 5-10% of headroom"
const K8S_DOWNWARD = 'https://kubernetes.io/docs/concepts/workloads/pods/downward-api/'; // no limit → node allocatable

const golden = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/wizard/gomemlimit-golden.json'), 'utf8')) as {
  values: { value: string; ok: boolean; bytes: string | null }[];
};
const goAccepts = new Map(golden.values.filter((v) => v.ok).map((v) => [v.value, v.bytes]));

const settings = (o: Partial<WizardSettings>): WizardSettings => ({ ...DEFAULT_SETTINGS, ...o });
const block = (blocks: EmittedBlock[], id: EmittedBlock['id']) => blocks.find((b) => b.id === id)!;
type Env = { name: string; value?: string; valueFrom?: { resourceFieldRef: { resource: string; divisor: string } } };
const helmEnv = (blocks: EmittedBlock[]): Env[] => (parse(block(blocks, 'helm').text).env ?? []) as Env[];

describe('GOMAXPROCS: CPU limit × Go toolchain × go.mod go line', () => {
  const limits = [
    { q: '500m', millis: 500 },
    { q: '1500m', millis: 1500 },
    { q: '2500m', millis: 2500 },
  ];
  for (const { q, millis } of limits) {
    for (const go of ['1.24', '1.25']) {
      for (const mod of ['1.24', '1.25']) {
        const aware = go === '1.25' && mod === '1.25';
        it(`limit ${q}, Go ${go}, go.mod ${mod} → ${aware ? 'runtime default, nothing set' : 'resourceFieldRef limits.cpu divisor 1'}`, () => {
          const { plan, blocks } = runWizard(settings({ goVersion: go, goModVersion: mod, cpuLimit: q, memoryLimit: '1Gi' }));
          const env = helmEnv(blocks);
          const procs = env.find((e) => e.name === 'GOMAXPROCS');
          if (aware) {
            // Source: GO_GOMAXPROCS_DOC, GO_125_NOTES — ceil(limit), minimum 2 (500m → 2, 1500m → 2, 2500m → 3).
            expect(plan.gomaxprocs.mode).toBe('runtime');
            expect(plan.gomaxprocs.expected).toBe(Math.max(2, Math.ceil(millis / 1000)));
            expect(procs).toBeUndefined();
            expect(plan.notes[0].title).toMatch(/nothing to set/);
            expect(plan.gomaxprocs.why.sources.map((s) => s.url)).toContain(GO_125_NOTES);
          } else {
            // Source: GO_GOMAXPROCS_DOC ("containermaxprocs=0 is default for language version 1.24 and below"),
            // K8S_ROUNDING — resourceFieldRef rounds up: 500m → 1, 1500m → 2, 2500m → 3.
            expect(plan.gomaxprocs.mode).toBe('downward');
            expect(plan.gomaxprocs.expected).toBe(Math.ceil(millis / 1000));
            expect(procs?.valueFrom?.resourceFieldRef).toEqual({ resource: 'limits.cpu', divisor: '1' });
            expect(plan.gomaxprocs.why.sources.map((s) => s.url)).toEqual(expect.arrayContaining([GO_GOMAXPROCS_DOC, K8S_ROUNDING]));
            if (go === '1.25') expect(plan.gomaxprocs.why.text).toMatch(/go\.mod/);
          }
        });
      }
    }
  }
});

describe('GOMEMLIMIT: memory limit × cgo', () => {
  // Source: K8S_MEMORY for the quantities; GC_GUIDE_HEADROOM for 10% headroom (15% with cgo, doc §6.2);
  // Go syntax from runtime parseByteCount (golden list from a real Go run).
  const limits = [
    { q: '256Mi', bytes: 256 * 2 ** 20 },
    { q: '1Gi', bytes: 2 ** 30 },
    { q: '1.5Gi', bytes: 1.5 * 2 ** 30 },
    { q: '3G', bytes: 3e9 },
  ];
  for (const { q, bytes } of limits) {
    for (const cgo of [false, true]) {
      const ratio = cgo ? 0.85 : 0.9;
      const mib = Math.floor((bytes * ratio) / 2 ** 20);
      it(`limit ${q}${cgo ? ' with cgo' : ''} → GOMEMLIMIT ${mib}MiB`, () => {
        const { plan, blocks } = runWizard(settings({ goVersion: '1.25', goModVersion: '1.25', cpuLimit: '2', memoryLimit: q, cgo }));
        const env = helmEnv(blocks);
        const gml = env.find((e) => e.name === 'GOMEMLIMIT');
        expect(gml?.value).toBe(`${mib}MiB`);
        // Accepted by Go itself (golden list from a real run), and below the limit.
        expect(goAccepts.get(gml!.value!)).toBe(String(mib * 2 ** 20));
        expect(Number(parseGoByteCount(gml!.value!))).toBeLessThan(bytes);
        expect(Number(parseGoByteCount(gml!.value!))).toBeLessThanOrEqual(bytes * ratio);
        expect(plan.gomemlimit?.why.sources.map((s) => s.url)).toContain(GC_GUIDE_HEADROOM);
        expect(block(blocks, 'dockerfile').text).toContain(cgo ? 'distroless/base-debian12:nonroot' : 'distroless/static-debian12:nonroot');
        expect(block(blocks, 'dockerfile').text).toContain(cgo ? 'CGO_ENABLED=1' : 'CGO_ENABLED=0');
      });
    }
  }
  it('the example of the doc: 1Gi → 921MiB (floor(1024 MiB × 0.9))', () => {
    const { blocks } = runWizard(settings({ memoryLimit: '1Gi' }));
    expect(helmEnv(blocks).find((e) => e.name === 'GOMEMLIMIT')?.value).toBe('921MiB');
  });
});

describe('no limits', () => {
  it('sets neither GOMEMLIMIT nor GOMAXPROCS and says what the Downward API would expose (node allocatable)', () => {
    // Source: K8S_DOWNWARD ("if a container has no limit specified, it will default the limit to the node allocatable").
    for (const [go, mod] of [['1.24', '1.24'], ['1.25', '1.25']]) {
      const { plan, blocks } = runWizard(settings({ goVersion: go, goModVersion: mod, cpuRequest: '500m', memoryRequest: '512Mi' }));
      const env = helmEnv(blocks);
      expect(env.map((e) => e.name)).toEqual([]);
      expect(plan.gomemlimit).toBeNull();
      expect(plan.gomaxprocs.mode).toBe('no-limit');
      const texts = plan.notes.map((n) => n.why.text).join(' ') + plan.gomaxprocs.why.text;
      expect(texts).toMatch(/node allocatable/);
      expect(plan.notes.flatMap((n) => n.why.sources.map((s) => s.url))).toContain(K8S_DOWNWARD);
      expect(parse(block(blocks, 'helm').text).resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' } });
    }
  });
});

describe('GOGC', () => {
  it('stays at the default unless the goal and the measurements justify a change', () => {
    expect(runWizard(settings({ memoryLimit: '1Gi', gcCpuPercent: 30, peakHeapBytes: 100 * 2 ** 20 })).plan.gogc.value).toBeNull();
    expect(runWizard(settings({ memoryLimit: '1Gi', goal: 'throughput' })).plan.gogc.value).toBeNull();
  });
  it('raises GOGC for throughput when GC is expensive and the heap goal still fits under GOMEMLIMIT, stating the trade-off', () => {
    // Source: https://go.dev/doc/gc-guide#GOGC — "doubling GOGC will double heap memory overheads and roughly halve GC CPU cost".
    const live = 100 * 2 ** 20;
    const { plan, blocks } = runWizard(settings({ memoryLimit: '1Gi', goal: 'throughput', gcCpuPercent: 20, peakHeapBytes: live }));
    const v = plan.gogc.value!;
    expect(v).toBeGreaterThan(100);
    expect(live * (1 + v / 100)).toBeLessThan(921 * 2 ** 20);
    expect(plan.gogc.why.text).toMatch(/halves GC CPU/);
    expect(helmEnv(blocks).find((e) => e.name === 'GOGC')?.value).toBe(String(v));
  });
  it('keeps GOGC when the live heap leaves no room, and warns when the live heap exceeds GOMEMLIMIT', () => {
    const { plan } = runWizard(settings({ memoryLimit: '256Mi', goal: 'throughput', gcCpuPercent: 20, peakHeapBytes: 240 * 2 ** 20 }));
    expect(plan.gogc.value).toBeNull();
    expect(plan.notes.find((n) => n.id === 'gomemlimit.below-live-heap')?.level).toBe('critical');
  });
});

describe('measurements from the session', () => {
  it('warns when the session ran with more Ps than the CPU limit allows (throttling)', () => {
    // Source: https://go.dev/blog/container-aware-gomaxprocs — GOMAXPROCS above the CPU limit leads to throttling.
    const { plan } = runWizard(settings({ goVersion: '1.24', goModVersion: '1.24', cpuLimit: '2', memoryLimit: '1Gi', gomaxprocs: 64 }));
    const n = plan.notes.find((x) => x.id === 'gomaxprocs.session-above-limit');
    expect(n?.level).toBe('warning');
    expect(n?.title).toContain('GOMAXPROCS=64');
    expect(n?.title).toContain('allows 2');
    expect(runWizard(settings({ cpuLimit: '2', gomaxprocs: 2 })).plan.notes.map((x) => x.id)).not.toContain('gomaxprocs.session-above-limit');
  });
});

describe('limits below 2 CPUs with container-aware GOMAXPROCS', () => {
  it('explains that Go still uses 2 Ps (https://pkg.go.dev/runtime#GOMAXPROCS: "never set GOMAXPROCS less than 2")', () => {
    const { plan } = runWizard(settings({ goVersion: '1.25', goModVersion: '1.25', cpuLimit: '500m' }));
    const n = plan.notes.find((x) => x.id === 'gomaxprocs.below-two');
    expect(n?.title).toContain('GOMAXPROCS=2');
    // two threads at full speed use 0.5 CPU-seconds per second of quota in 25 ms of each 100 ms period
    expect(n?.why.text).toContain('about 25 ms');
    expect(runWizard(settings({ goVersion: '1.25', goModVersion: '1.25', cpuLimit: '2500m' })).plan.notes.map((x) => x.id)).not.toContain('gomaxprocs.below-two');
  });
});
