// The config linter's rules: each one is a mistake seen in real configs and
// blog posts (docs/go-runtime-formats.md §7 in ../shared), checked against
// what the Go runtime and Kubernetes actually do (links in each finding).

import type { ConfigContainer, ConfigEnvVar } from './types';
import type { Finding, Severity } from '../finding';
import { parseGoByteCount, suggestGoByteCount } from '../../rules/bytecount';
import { automaxprocsValue, runtimeGomaxprocs } from '../../rules/gomaxprocs';
import { describeBytes, describeCpu, downwardCpu, parseCpuMillis, parseMemoryBytes, parseQuantity } from '../../rules/quantity';
import { SRC, type SourceLink } from '../../rules/sources';
import { goMinor } from '../../rules/version';
import { GODEBUG_SETTINGS, GODEBUG_TABLE_GO_VERSION } from '../../rules/godebugTable';
import type { ConfigModel } from '../../formats/config/model';

type Add = (rule: string, severity: Severity, title: string, detail: string, evidence: string[], sources: SourceLink[]) => void;

const at = (e: { line?: number }) => (e.line ? ` (line ${e.line})` : '');
const num = (s: string | undefined, f: (t: string) => number | string): number | null => {
  if (s === undefined) return null;
  const v = f(s);
  return typeof v === 'number' ? v : null;
};

function divisorOf(from: string): string | null {
  const m = /divisor (\S+)$/.exec(from);
  return m ? m[1] : null;
}

/** True when the divisor is the quantity 1 ("1", "1.0"). */
function isOne(divisor: string): boolean {
  const q = parseQuantity(divisor);
  return typeof q !== 'string' && q.num === q.den;
}

function lintGomemlimit(c: ConfigContainer, e: ConfigEnvVar, model: ConfigModel, add: Add): void {
  const limit = num(c.memoryLimit, parseMemoryBytes);
  const goM = model.goVersion ? goMinor(model.goVersion) : null;
  if (goM !== null && goM < 19) {
    add('config.gomemlimit.too-old', 'warning', `GOMEMLIMIT is ignored by Go 1.${goM}`, 'The soft memory limit arrived in Go 1.19 (not 1.20); older toolchains ignore the variable.', [`Go ${model.goVersion}`, `GOMEMLIMIT${at(e)} in ${c.label}`], [SRC.go119]);
  }
  if (e.from) {
    const d = divisorOf(e.from);
    if (/limits\.memory|requests\.memory/.test(e.from)) {
      if (d !== null && !isOne(d)) {
        add('config.gomemlimit.divisor', 'critical', `GOMEMLIMIT from ${e.from}: Go reads the number as bytes`, `The Downward API writes a bare number (memory ÷ ${d}); GOMEMLIMIT without a suffix is bytes, so the limit is tiny and the GC runs nearly continuously. Compute the value (e.g. with the wizard) instead.`, [`${e.from}${at(e)} in ${c.label}`, limit !== null ? `limit ${c.memoryLimit} → GOMEMLIMIT ≈ ${Math.ceil(limit / Number((parseMemoryBytes(d) as number) || 1))} bytes` : ''].filter(Boolean), [SRC.k8sRounding, SRC.setMemoryLimit]);
      } else if (/limits\.memory/.test(e.from)) {
        add('config.gomemlimit.full-limit', 'warning', 'GOMEMLIMIT equals the whole memory limit: no headroom', 'resourceFieldRef limits.memory with divisor 1 gives 100% of the limit in bytes, not "the limit minus 10%". Memory Go does not manage (cgo, thread stacks, page cache charged to the cgroup) then pushes the container over before the GC reacts. Use about 90% of the limit, in Go syntax.', [`${e.from}${at(e)} in ${c.label}`, limit !== null ? `memory limit ${c.memoryLimit} = ${limit} bytes; suggested GOMEMLIMIT ${Math.floor((limit * 0.9) / 2 ** 20)}MiB` : 'no memory limit: the Downward API then gives the node allocatable memory'], [SRC.gcGuideSuggestedUses, SRC.k8sEnvResourceFields]);
      }
    }
    return;
  }
  const v = (e.value ?? '').trim();
  if (v === '' || v === 'off') return;
  const bytes = parseGoByteCount(v);
  if (bytes === null) {
    const hint = suggestGoByteCount(v);
    add('config.gomemlimit.malformed', 'critical', `GOMEMLIMIT=${v} makes Go exit at startup`, `Go accepts only a byte count with an optional B, KiB, MiB, GiB or TiB suffix (or "off"); anything else is "fatal error: malformed GOMEMLIMIT" before main runs.${hint ? ` Write ${hint}.` : ''}`, [`GOMEMLIMIT=${v}${at(e)} in ${c.label}`], [SRC.parseByteCount, SRC.setMemoryLimit]);
    return;
  }
  if (bytes === 0n) {
    add('config.gomemlimit.zero', 'critical', 'GOMEMLIMIT=0 does not disable the limit', 'A zero limit makes the GC run nearly continuously. Use "off" (or leave it unset) for no limit.', [`GOMEMLIMIT=${v}${at(e)} in ${c.label}`], [SRC.setMemoryLimit]);
    return;
  }
  if (limit !== null && limit > 0) {
    const b = Number(bytes);
    const pct = (b / limit) * 100;
    if (b >= limit) {
      add('config.gomemlimit.above-limit', 'critical', `GOMEMLIMIT (${describeBytes(b)}) is not below the memory limit (${c.memoryLimit})`, 'GOMEMLIMIT is a soft limit on Go-managed memory only; the container limit is the hard one. At or above it the kernel OOM-kills the container before the GC reacts. Use about 90% of the limit.', [`GOMEMLIMIT=${v} = ${b} bytes${at(e)}`, `limits.memory ${c.memoryLimit} = ${limit} bytes (${pct.toFixed(0)}%)`], [SRC.gcGuideSuggestedUses, SRC.setMemoryLimit]);
    } else if (pct > 95) {
      add('config.gomemlimit.little-headroom', 'warning', `GOMEMLIMIT is ${pct.toFixed(1)}% of the memory limit`, 'The GC guide suggests 5–10% headroom for memory the Go runtime does not see; more with cgo or mmaps.', [`GOMEMLIMIT=${v}${at(e)}`, `limits.memory ${c.memoryLimit}`], [SRC.gcGuideSuggestedUses]);
    }
  }
}

function lintGomaxprocs(c: ConfigContainer, e: ConfigEnvVar, model: ConfigModel, add: Add): void {
  const lim = num(c.cpuLimit, parseCpuMillis);
  if (e.from) {
    const d = divisorOf(e.from);
    if (/limits\.cpu/.test(e.from) && d !== null && !isOne(d)) {
      add('config.gomaxprocs.divisor', 'critical', `GOMAXPROCS from ${e.from} is not a CPU count`, `With divisor ${d} the Downward API writes CPU ÷ ${d} (e.g. millicores), far more Ps than the limit allows. Use divisor "1".`, [`${e.from}${at(e)} in ${c.label}`, lim !== null ? `limit ${c.cpuLimit} → GOMAXPROCS=${Math.ceil(lim / (num(d, parseCpuMillis) || 1))}` : ''].filter(Boolean), [SRC.k8sRounding, SRC.runtimeGOMAXPROCS]);
    } else if (/requests\.cpu/.test(e.from)) {
      add('config.gomaxprocs.requests', 'info', 'GOMAXPROCS set from the CPU request', 'Go never follows CPU requests by itself (Go 1.25 follows the limit only). Setting it from the request is an explicit choice; it also turns off Go 1.25\'s automatic updates.', [`${e.from}${at(e)} in ${c.label}`], [SRC.runtimeGOMAXPROCS, SRC.go125]);
    } else if (/limits\.cpu/.test(e.from) && lim === null) {
      add('config.gomaxprocs.no-limit', 'warning', 'GOMAXPROCS from limits.cpu, but there is no CPU limit', 'Without a limit the Downward API exposes the node allocatable CPU, so this is the node size.', [`${e.from}${at(e)} in ${c.label}`], [SRC.k8sDownwardApi]);
    }
    return;
  }
  const v = (e.value ?? '').trim();
  const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
  if (!(n > 0)) {
    add('config.gomaxprocs.ignored', 'warning', `GOMAXPROCS=${v || '""'} is ignored`, 'The runtime only uses a positive integer; 0, negative or non-numeric values are silently ignored (not "auto") and the default applies.', [`GOMAXPROCS=${v}${at(e)} in ${c.label}`], [SRC.procGOMAXPROCSEnv, SRC.runtimeGOMAXPROCS]);
    return;
  }
  if (lim !== null) {
    const cap = downwardCpu(lim);
    if (n > cap) {
      add('config.gomaxprocs.above-limit', 'warning', `GOMAXPROCS=${n} is above the CPU limit (${c.cpuLimit})`, 'More Ps than the CFS quota allows means bursts use up the quota early in each period and the container is throttled for the rest of it.', [`GOMAXPROCS=${n}${at(e)}`, `limits.cpu ${c.cpuLimit} = ${describeCpu(lim)} → at most ${cap}`], [SRC.runtimeGOMAXPROCS, SRC.blogContainerGOMAXPROCS]);
    } else if (lim % 1000 !== 0 && n === automaxprocsValue(lim) && n < runtimeGomaxprocs(lim)) {
      add('config.gomaxprocs.rounded-down', 'info', `GOMAXPROCS=${n} rounds the ${c.cpuLimit} CPU limit down`, `Go 1.25 rounds a fractional limit up, with a minimum of 2 (→ ${runtimeGomaxprocs(lim)}); automaxprocs rounds down (minimum 1). Either can be right, but a fixed value turns off Go 1.25's automatic updates.`, [`GOMAXPROCS=${n}${at(e)}`, `limits.cpu ${c.cpuLimit}`], [SRC.runtimeGOMAXPROCS, SRC.automaxprocs]);
    }
  }
  if (bothAtLeast125(model)) {
    add('config.gomaxprocs.fixed-on-125', 'info', 'GOMAXPROCS is set although Go 1.25+ follows the CPU limit', 'With Go ≥ 1.25 and go.mod go ≥ 1.25 the runtime already derives GOMAXPROCS from the limit and updates it; a fixed value turns that off.', [`GOMAXPROCS=${v}${at(e)}`, `Go ${model.goVersion}, go.mod go ${model.goModVersion}`], [SRC.go125]);
  }
}

function bothAtLeast125(model: ConfigModel): boolean {
  const t = model.goVersion ? goMinor(model.goVersion) : null;
  const m = model.goModVersion ? goMinor(model.goModVersion) : null;
  return t !== null && m !== null && t >= 25 && m >= 25;
}

function lintContainer(c: ConfigContainer, model: ConfigModel, add: Add): void {
  const env = new Map(c.env.map((e) => [e.name, e]));
  for (const e of c.env) {
    if (e.name === 'GOMEMLIMIT') lintGomemlimit(c, e, model, add);
    if (e.name === 'GOMAXPROCS') lintGomaxprocs(c, e, model, add);
  }
  const gogc = env.get('GOGC');
  const gml = env.get('GOMEMLIMIT');
  const hasLimit = !!gml && (!!gml.from || (gml.value !== undefined && gml.value.trim() !== '' && gml.value.trim() !== 'off'));
  if (gogc && !gogc.from) {
    const v = (gogc.value ?? '').trim();
    if (v === 'off' && !hasLimit && !model.automemlimit) {
      add('config.gogc.off-without-limit', 'critical', 'GOGC=off without a memory limit: the heap grows until the container is killed', 'GOGC=off disables the GC unless GOMEMLIMIT is set. Set GOMEMLIMIT to about 90% of the memory limit, or keep GOGC on.', [`GOGC=off${at(gogc)} in ${c.label}`, gml ? `GOMEMLIMIT=${gml.value}` : 'no GOMEMLIMIT'], [SRC.gcGuideGOGC, SRC.gcGuideMemoryLimit]);
    } else if (v !== 'off' && !/^[+-]?\d+$/.test(v)) {
      add('config.gogc.malformed', 'warning', `GOGC=${v} is ignored`, 'The runtime reads GOGC as an integer or "off"; anything else silently means the default 100.', [`GOGC=${v}${at(gogc)} in ${c.label}`], [SRC.readGOGC]);
    }
  }
  if (model.flavor === 'kubernetes' || model.flavor === 'helm-values') {
    const missing = [!c.cpuLimit && 'CPU', !c.memoryLimit && 'memory'].filter(Boolean);
    if (missing.length && (c.cpuLimit || c.memoryLimit || c.cpuRequest || c.memoryRequest || c.env.some((e) => /^GO(MEMLIMIT|MAXPROCS|GC)$/.test(e.name)))) {
      add('config.limits.missing', 'warning', `No ${missing.join(' or ')} limit in ${c.label}`, 'Without limits there is nothing to derive GOMAXPROCS or GOMEMLIMIT from: the Downward API exposes the node allocatable resources instead, and Go uses every core of the node.', [`requests: cpu ${c.cpuRequest ?? '—'}, memory ${c.memoryRequest ?? '—'}; limits: cpu ${c.cpuLimit ?? '—'}, memory ${c.memoryLimit ?? '—'}`], [SRC.k8sDownwardApi, SRC.k8sResources]);
    }
    if (c.memoryLimit && !gml && !model.automemlimit) {
      add('config.gomemlimit.missing', 'info', `Memory limit ${c.memoryLimit} but no GOMEMLIMIT`, 'Go does not read the container memory limit by itself (an open proposal, golang/go#75164); only GOMAXPROCS became container-aware. Set GOMEMLIMIT to about 90% of the limit, in Go syntax, so the GC works harder before the OOM killer acts.', [`limits.memory ${c.memoryLimit} in ${c.label}`], [SRC.memLimitProposal, SRC.gcGuideSuggestedUses]);
    }
    const lim = num(c.cpuLimit, parseCpuMillis);
    if (lim !== null && !env.has('GOMAXPROCS') && !model.automaxprocs && !bothAtLeast125(model)) {
      add('config.gomaxprocs.not-container-aware', 'info', `CPU limit ${c.cpuLimit}: Go follows it only when built with Go 1.25+ and go.mod go 1.25+`, `Older toolchains, and Go 1.25+ building a module whose go line is below 1.25, set GOMAXPROCS to the node's CPU count. If that is the case here, set GOMAXPROCS from resourceFieldRef limits.cpu (divisor "1" → ${downwardCpu(lim)}).`, [`limits.cpu ${c.cpuLimit} in ${c.label}`, 'no GOMAXPROCS env'], [SRC.runtimeGOMAXPROCS, SRC.go125]);
    }
    if (c.cpuRequest && !c.cpuLimit && !env.has('GOMAXPROCS')) {
      add('config.gomaxprocs.request-only', 'info', `Only a CPU request (${c.cpuRequest}): GOMAXPROCS will be the node's CPU count`, 'Go ignores CPU requests; with no limit every Go version uses all the node\'s CPUs.', [`requests.cpu ${c.cpuRequest} in ${c.label}`], [SRC.runtimeGOMAXPROCS]);
    }
  }
  if (model.flavor === 'dockerfile') {
    for (const name of ['GOMEMLIMIT', 'GOMAXPROCS'] as const) {
      const e = env.get(name);
      if (e && (e.value ?? '').trim() !== '') {
        add(`config.dockerfile.baked-${name.toLowerCase()}`, 'info', `${name} is baked into the image`, `${name} depends on the limits of each deployment; set it in the Deployment / Helm values instead.`, [`ENV ${name}=${e.value}${at(e)}`], [SRC.runtimeEnv]);
      }
    }
  }
}

function lintGodebug(model: ConfigModel, add: Add): void {
  const table = new Map(GODEBUG_SETTINGS.map((s) => [s.name, s]));
  const goM = model.goVersion ? goMinor(model.goVersion) : null;
  for (const g of model.godebug) {
    const where = `${g.key}${g.value ? '=' + g.value : ''}${at(g)} (${g.where})`;
    if (g.key === 'default' && g.where.startsWith('go.mod')) continue;
    if (!g.value && g.where !== '//go:debug') {
      add('config.godebug.malformed', 'warning', `GODEBUG entry "${g.key}" has no value`, 'GODEBUG is a comma-separated list of name=value pairs; an entry without "=" is ignored.', [where], [SRC.godebug]);
      continue;
    }
    const s = table.get(g.key);
    if (g.where === 'go.mod godebug' || g.where === '//go:debug') {
      // cmd/go CheckGodebug: only the documented compatibility settings (internal/godebugs.All) are accepted here.
      if (!s || s.kind !== 'compat') {
        const what = s?.kind === 'removed' ? `use of removed godebug "${g.key}"` : `unknown godebug "${g.key}"`;
        add('config.godebug.build-rejects', 'critical', `go build fails: ${what}`, `The go command accepts only Go's compatibility settings in ${g.where === '//go:debug' ? '//go:debug lines' : 'go.mod godebug lines'} (the internal/godebugs table).${s?.kind === 'runtime' ? ` "${g.key}" is a runtime debugging variable: set it in the GODEBUG environment variable instead.` : ''}`, [where], [{ label: 'cmd/go CheckGodebug', url: 'https://github.com/golang/go/blob/master/src/cmd/go/internal/modload/init.go' }, SRC.goModGodebug]);
        continue;
      }
    }
    if (g.key.startsWith('cpu.')) continue;
    if (!s) {
      add('config.godebug.unknown', 'warning', `GODEBUG setting "${g.key}" does not exist`, `No Go release up to ${GODEBUG_TABLE_GO_VERSION} reads "${g.key}" (checked against Go's internal/godebugs table, the runtime's debug variables and doc/godebug.md), so it has no effect. Check the spelling.`, [where], [SRC.godebugHistory, SRC.runtimeEnv]);
      continue;
    }
    if (s.removed) {
      add('config.godebug.removed', goM !== null && goM < s.removed ? 'info' : 'warning', `GODEBUG setting "${g.key}" was removed in Go 1.${s.removed}`, `From Go 1.${s.removed} on it has no effect${goM !== null ? ` (this build uses Go ${model.goVersion})` : ''}.`, [where], [{ label: `Removal of ${g.key}`, url: s.source }, SRC.godebugHistory]);
      continue;
    }
    if (goM !== null && s.introduced > goM) {
      add('config.godebug.too-new', 'warning', `GODEBUG setting "${g.key}" needs Go 1.${s.introduced}; this build uses Go ${model.goVersion}`, 'Older releases ignore settings they do not know.', [where], [SRC.godebugHistory]);
    }
    if (g.key === 'gctrace' && Number(g.value) >= 2) {
      add('config.godebug.gctrace2', 'info', `gctrace=${g.value} is not "more detail" of the usual kind`, 'Up to Go 1.11 gctrace=2 also ran a second stop-the-world GC each cycle; Go 1.26 uses gctrace > 1 to print per-size-class scan statistics after each line (dumpScanStats in runtime/mgc.go). gctrace=1 is what gotune reads.', [where], [SRC.runtimeEnv, { label: 'Go runtime mgc.go (gctrace > 1)', url: 'https://github.com/golang/go/blob/master/src/runtime/mgc.go' }]);
    }
    if ((g.key === 'containermaxprocs' || g.key === 'updatemaxprocs') && goM !== null && goM < 25) {
      add('config.godebug.maxprocs-before-125', 'warning', `${g.key} has no effect before Go 1.25`, 'Container-aware GOMAXPROCS arrived in Go 1.25.', [where], [SRC.go125]);
    }
  }
}

/** All findings for a parsed config. Pure. */
export function lintConfig(model: ConfigModel): Finding[] {
  const findings: Finding[] = [];
  const add: Add = (rule, severity, title, detail, evidence, sources) => {
    findings.push({ rule, severity, title, detail, evidence: [...evidence, ...sources.map((s) => `source: ${s.label} — ${s.url}`)] });
  };
  for (const c of model.containers) lintContainer(c, model, add);
  lintGodebug(model, add);
  if (model.automaxprocs) {
    if (bothAtLeast125(model)) {
      add('config.automaxprocs.go125', 'warning', 'Remove go.uber.org/automaxprocs: Go 1.25+ does its job', 'With Go ≥ 1.25 and go.mod go ≥ 1.25 the runtime follows the CPU limit (rounding up, minimum 2) and keeps updating it; automaxprocs calls runtime.GOMAXPROCS, which turns those updates off, and rounds down.', [`${model.automaxprocs.text} (line ${model.automaxprocs.line})`, `Go ${model.goVersion}, go.mod go ${model.goModVersion}`], [SRC.go125, SRC.automaxprocs]);
    } else {
      add('config.automaxprocs.rounds-down', 'info', 'automaxprocs rounds the CPU limit down (minimum 1)', `It uses math.Floor: a 1500m limit gives GOMAXPROCS=1 where Go 1.25 would use 2. Once the toolchain and the go.mod go line are 1.25+, remove it.${model.goModVersion ? ` (go.mod go ${model.goModVersion})` : ''}`, [`${model.automaxprocs.text} (line ${model.automaxprocs.line})`], [SRC.automaxprocs, SRC.go125]);
    }
  }
  for (const m of model.metrics) {
    add('config.metrics.removed', 'warning', `${m.text} no longer exists`, `client_golang removed ${m.text} from its Go collector (go_memstats_gc_cpu_fraction in v1.12.2, go_memstats_lookups_total in v1.20.0); queries on it return nothing. Use go_gc_* / runtime/metrics based series instead.`, [`${m.text} (line ${m.line})`], [SRC.clientGolangChangelog]);
  }
  for (const call of model.goCalls) {
    if (call.text === 'SetMemoryLimit(0)') {
      add('config.go.setmemorylimit-zero', 'critical', 'debug.SetMemoryLimit(0) does not disable the limit', 'A zero limit makes the GC run nearly continuously. math.MaxInt64 disables the limit; a negative value only reads it.', [`line ${call.line}`], [SRC.setMemoryLimit]);
    } else {
      add('config.go.memlimitthreshold', 'critical', `${call.text} does not exist`, 'Neither runtime nor runtime/debug has a MemLimitThreshold; the soft limit is set with GOMEMLIMIT or debug.SetMemoryLimit.', [`${call.text} (line ${call.line})`], [SRC.setMemoryLimit]);
    }
  }
  if (model.finalImage?.static && (model.cgo || (!model.cgoDisabled && model.flavor === 'dockerfile'))) {
    add(model.cgo ? 'config.dockerfile.cgo-static-image' : 'config.dockerfile.cgo-default', model.cgo ? 'critical' : 'warning', model.cgo ? `A cgo binary on ${model.finalImage.image}, which has no C library` : `CGO_ENABLED is not 0, but ${model.finalImage.image} has no C library`, model.cgo ? 'The dynamically linked binary fails to start ("no such file or directory"). Use a glibc base such as gcr.io/distroless/base-debian12, or build with CGO_ENABLED=0.' : 'The golang image has a C compiler, so cgo is on by default when building natively: packages such as net and os/user then link against libc and the binary does not start on a static image. Build with CGO_ENABLED=0.', [`FROM ${model.finalImage.image} (line ${model.finalImage.line})`], [SRC.cgo, SRC.distroless]);
  }
  const order: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}
