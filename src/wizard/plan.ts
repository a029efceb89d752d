// The wizard's decisions, from settings to a Plan that the emitters render.
// Rules follow the Go GC guide, runtime docs and release notes, and the
// Kubernetes docs (see sources.ts); each decision carries its Why.

import { formatGoByteCount } from '../rules/bytecount';
import { describeBytes, describeCpu, downwardCpu, parseCpuMillis, parseMemoryBytes } from '../rules/quantity';
import { SRC } from '../rules/sources';
import { msText, sigText } from '../lib/numberText';
import { proposedGomemlimit } from '../diagnosis/causes/memlimitBelowLive';
import type { Note, SourceLink, Why, WizardSettings } from './types';
import { validateSettings } from './validate';
import { containerAwareGomaxprocs, goMinor } from '../rules/version';
import { automaxprocsValue, runtimeGomaxprocs } from '../rules/gomaxprocs';
import { describePrediction, modelPredict, type GcModel } from './gcModel';

const MiB = 1024 * 1024;

export interface GomemlimitPlan {
  /** Value in Go syntax, e.g. "921MiB". */
  text: string;
  bytes: number;
  /** Ratio of the memory limit, e.g. 0.9. */
  ratio: number;
  why: Why;
}

export type GomaxprocsMode =
  /** Go ≥ 1.25 with go.mod ≥ 1.25: the runtime follows the CPU limit; set nothing. */
  | 'runtime'
  /** Older: GOMAXPROCS from resourceFieldRef limits.cpu, divisor 1 (rounds up). */
  | 'downward'
  /** No CPU limit: nothing sensible to derive. */
  | 'no-limit';

export interface GomaxprocsPlan {
  mode: GomaxprocsMode;
  /** What GOMAXPROCS will be inside the container (null when it depends on the node). */
  expected: number | null;
  why: Why;
}

export interface GogcPlan {
  /** null = leave the default (100). */
  value: number | null;
  why: Why;
}

export interface Plan {
  settings: WizardSettings;
  /** Problems with individual inputs, by field. */
  errors: Partial<Record<keyof WizardSettings, string>>;
  goMinor: number | null;
  goModMinor: number | null;
  cpuRequestMillis: number | null;
  cpuLimitMillis: number | null;
  memoryRequestBytes: number | null;
  memoryLimitBytes: number | null;
  gomemlimit: GomemlimitPlan | null;
  gomaxprocs: GomaxprocsPlan;
  gogc: GogcPlan;
  notes: Note[];
  /** The GC model calibrated on the session (src/whatif), when it has one: GOGC and GOMEMLIMIT figures come from it. */
  gcModel: GcModel | null;
}

const why = (text: string, evidence: string[], ...sources: SourceLink[]): Why => ({ text, evidence, sources });

/** A quantity field parsed with `parseFn`; a bad value records an error for the field and counts as unset. */
function quantityField(s: string, parseFn: (t: string) => number | string, errors: Plan['errors'], key: keyof WizardSettings): number | null {
  if (s.trim() === '') return null;
  const v = parseFn(s);
  if (typeof v === 'string') {
    errors[key] = v;
    return null;
  }
  return v;
}

/** floor(limit × ratio) rounded down to whole MiB (bytes when under 1 MiB). Exact integer arithmetic. */
export function gomemlimitFor(limitBytes: number, ratio: number): { bytes: number; text: string } {
  const scaled = (BigInt(limitBytes) * BigInt(Math.round(ratio * 100))) / 100n;
  const mib = scaled / BigInt(MiB);
  if (mib >= 1n) {
    const bytes = Number(mib) * MiB;
    return { bytes, text: `${mib}MiB` };
  }
  return { bytes: Number(scaled), text: formatGoByteCount(Number(scaled)) };
}

export function ratioFor(s: WizardSettings): number {
  return s.cgo ? 0.85 : 0.9;
}

/** A GOMEMLIMIT with room for a live heap (the diagnosis's proposal, 32 MiB outside the heap), in Go's syntax. */
function gomemlimitForLiveHeap(liveBytes: number): { bytes: number; text: string } {
  const bytes = proposedGomemlimit(liveBytes, 32 * MiB);
  return { bytes, text: formatGoByteCount(bytes) };
}

/** The session ran with a GOMEMLIMIT below its live heap: say so, and what to raise it to. */
function sessionLimitNote(s: WizardSettings, p: Plan, plan: GomemlimitPlan | null): void {
  const was = s.sessionGomemlimitBytes;
  const heap = s.peakHeapBytes;
  if (was === null || heap === null || was >= heap) return;
  const to = plan && plan.bytes > heap ? { text: plan.text, bytes: plan.bytes } : gomemlimitForLiveHeap(heap);
  p.notes.push({
    id: 'gomemlimit.session-below-live',
    level: 'critical',
    title: `Your GOMEMLIMIT (${describeBytes(was)}) is below the live heap (${describeBytes(heap)}): raise it to ${to.text}`,
    why: why(
      'The heap goal cannot rise above GOMEMLIMIT, so with the limit under what the program keeps alive the GC runs back to back (up to the 50% CPU limiter) and frees nothing. The GC CPU measured in such a run is caused by the limit: it is not a GOGC=100 baseline.',
      [`GOMEMLIMIT in the session: ${describeBytes(was)}`, `live heap in the session: ${describeBytes(heap)}`, `proposed GOMEMLIMIT: ${to.text}${plan && plan.bytes > heap ? ' (from the memory limit)' : ' (live heap × 1.25 + 32 MiB)'}`],
      SRC.gcGuideMemoryLimit,
      SRC.setMemoryLimit,
    ),
  });
}

function planGomemlimit(s: WizardSettings, p: Plan): GomemlimitPlan | null {
  const plan = planGomemlimitFromLimit(s, p);
  sessionLimitNote(s, p, plan);
  return plan;
}

function planGomemlimitFromLimit(s: WizardSettings, p: Plan): GomemlimitPlan | null {
  const limit = p.memoryLimitBytes;
  if (p.goMinor !== null && p.goMinor < 19) {
    p.notes.push({
      id: 'gomemlimit.unsupported',
      level: 'warning',
      title: `GOMEMLIMIT needs Go 1.19 or later; Go 1.${p.goMinor} ignores it`,
      why: why('The soft memory limit arrived in Go 1.19. Upgrade the toolchain to use it.', [`Go version: ${s.goVersion}`], SRC.go119),
    });
    return null;
  }
  if (limit === null) {
    p.notes.push({
      id: 'gomemlimit.no-limit',
      level: 'warning',
      title: 'No memory limit: no GOMEMLIMIT to derive',
      why: why(
        'Go does not read the container memory limit by itself (only GOMAXPROCS became container-aware, in Go 1.25). Without a limit, resourceFieldRef limits.memory exposes the node allocatable memory, so a GOMEMLIMIT from it would be the node size. Set a memory limit, then the wizard derives GOMEMLIMIT from it.',
        ['memory limit: not set'],
        SRC.k8sDownwardApi,
        SRC.memLimitProposal,
        SRC.gcGuideSuggestedUses,
      ),
    });
    return null;
  }
  const ratio = ratioFor(s);
  const { bytes, text } = gomemlimitFor(limit, ratio);
  const evidence = [
    `memory limit ${s.memoryLimit} = ${limit} bytes (${describeBytes(limit)})`,
    `floor(${limit} × ${ratio}) rounded down to whole MiB = ${text} (${bytes} bytes, ${((bytes / limit) * 100).toFixed(1)}% of the limit)`,
  ];
  if (s.cgo) evidence.push('cgo / mmaps in use: 15% headroom instead of 10%, C allocations and mmaps are invisible to the Go runtime');
  const plan: GomemlimitPlan = {
    text,
    bytes,
    ratio,
    why: why(
      `Soft limit on the memory the Go runtime manages, ${Math.round((1 - ratio) * 100)}% below the container limit so memory Go does not see (${s.cgo ? 'cgo, mmaps, ' : ''}thread stacks, kernel-charged pages) still fits before the OOM killer acts. Written in Go's syntax (MiB): Kubernetes suffixes such as "Mi" make the program exit at startup with "malformed GOMEMLIMIT".`,
      evidence,
      SRC.gcGuideSuggestedUses,
      SRC.setMemoryLimit,
      SRC.parseByteCount,
    ),
  };
  const model = p.gcModel;
  if (model) {
    // The model decides: is the goal pinned at the live heap (GC back to back), or held below the GOGC goal?
    const gogc = p.gogc.value ?? 100;
    const at = modelPredict(model, gogc, bytes, limit);
    const free = modelPredict(model, gogc, null, limit);
    const ev = [describePrediction(model, at), describePrediction(model, free)];
    if (at.regime === 'limiter' || at.limiterEngaged) {
      p.notes.push({
        id: 'gomemlimit.below-live-heap',
        level: 'critical',
        title: `The live heap (${describeBytes(model.calibration.liveBytes)}) leaves no room under GOMEMLIMIT ${text}`,
        why: why(
          `The GC model predicts the GC running back to back at about ${at.gcCpuPercent.toFixed(0)}% CPU${at.limiter === 'yes' ? ' (the limiter caps it near 50%)' : at.limiter === 'uncertain' ? ' (on the edge of the 50% limiter)' : ''} while memory still exceeds the limit: raise the memory limit rather than hide it behind GOMEMLIMIT.`,
          ev,
          SRC.gcGuideSuggestedUses,
          SRC.setMemoryLimit,
        ),
      });
    } else if (at.regime === 'memory-limit') {
      p.notes.push({
        id: 'gomemlimit.tight',
        level: 'warning',
        title: `GOMEMLIMIT ${text} sets the heap goal: ${at.cyclesPerGiB.toFixed(0)} GC cycles per GiB allocated instead of ${free.cyclesPerGiB.toFixed(0)} at GOGC=${gogc}`,
        why: why(
          `Near the limit the GC collects earlier than GOGC alone would, trading CPU for memory: the GC model predicts ${at.gcCpuPercent.toFixed(1)}% GC CPU instead of ${free.gcCpuPercent.toFixed(1)}%. Fine for spikes; if it is the steady state, raise the memory limit.`,
          ev,
          SRC.gcGuideMemoryLimit,
        ),
      });
    }
  } else if (s.peakHeapBytes !== null && s.peakHeapBytes > 0) {
    const heap = s.peakHeapBytes;
    const gogc = p.gogc.value ?? 100;
    const goal = heap * (1 + gogc / 100);
    const ev = [
      `peak live heap in the session: ${describeBytes(heap)}`,
      `heap goal at GOGC=${gogc}: about ${describeBytes(goal)} (live × ${1 + gogc / 100}, plus stacks and globals)`,
      `GOMEMLIMIT: ${text}`,
    ];
    if (heap >= bytes) {
      p.notes.push({
        id: 'gomemlimit.below-live-heap',
        level: 'critical',
        title: `The live heap (${describeBytes(heap)}) does not fit under GOMEMLIMIT ${text}`,
        why: why(
          'With the limit below the live heap the GC runs nearly continuously (capped at about 50% CPU) and memory still exceeds the limit: raise the memory limit rather than hide it behind GOMEMLIMIT.',
          ev,
          SRC.gcGuideSuggestedUses,
          SRC.setMemoryLimit,
        ),
      });
    } else if (goal > bytes) {
      p.notes.push({
        id: 'gomemlimit.tight',
        level: 'warning',
        title: `Heap goal ${describeBytes(goal)} exceeds GOMEMLIMIT ${text}: the GC will run more often than GOGC=${gogc} asks`,
        why: why(
          'Near the limit the GC collects earlier than GOGC alone would, trading CPU for memory (the GC CPU limiter caps this at about 50%). Fine for spikes; if it is the steady state, raise the memory limit.',
          ev,
          SRC.gcGuideMemoryLimit,
        ),
      });
    }
  }
  if (s.goroutines !== null && s.goroutines >= 10000) {
    plan.why.evidence.push(`${s.goroutines} goroutines: at least ${describeBytes(s.goroutines * 2048)} of stacks (2 KiB minimum each), counted in GOMEMLIMIT and in the heap goal`);
  }
  return plan;
}

function planGomaxprocs(s: WizardSettings, p: Plan): GomaxprocsPlan {
  const aware = containerAwareGomaxprocs(s.goVersion, s.goModVersion);
  const lim = p.cpuLimitMillis;
  const observed = s.gomaxprocs !== null ? [`GOMAXPROCS in the session: ${s.gomaxprocs}`] : [];
  const versions = `Go ${s.goVersion || '?'}, go.mod go ${s.goModVersion || '?'}`;
  if (aware) {
    if (lim === null) {
      return {
        mode: 'no-limit',
        expected: null,
        why: why(
          'No CPU limit: Go uses the node\'s CPU count (or the CPU affinity mask). CPU requests are ignored by Go. Set a CPU limit, or set GOMAXPROCS to a literal if this pod should not use every core.',
          [versions, 'CPU limit: not set', ...observed],
          SRC.runtimeGOMAXPROCS,
          SRC.go125,
        ),
      };
    }
    const expected = runtimeGomaxprocs(lim);
    const ev = [versions, `CPU limit ${s.cpuLimit} → ceil(${lim / 1000}) = ${Math.ceil(lim / 1000)}, minimum 2 → GOMAXPROCS ${expected} (fewer if the node has fewer CPUs)`, ...observed];
    return {
      mode: 'runtime',
      expected,
      why: why(
        'Do not set GOMAXPROCS: with Go 1.25+ and a go.mod line of go 1.25 or later the runtime follows the CPU limit (rounding up, minimum 2) and updates it when the limit changes. Setting GOMAXPROCS, or calling runtime.GOMAXPROCS (automaxprocs does), turns that off.',
        ev,
        SRC.go125,
        SRC.runtimeGOMAXPROCS,
        SRC.blogContainerGOMAXPROCS,
      ),
    };
  }
  const toolMinor = p.goMinor;
  const gating =
    toolMinor !== null && toolMinor >= 25
      ? `Go ${s.goVersion} only follows the CPU limit for modules whose go.mod says go 1.25 or later (GODEBUG containermaxprocs=0 and updatemaxprocs=0 are the defaults for go ${s.goModVersion || '≤ 1.24'}). Raising the go line to 1.25 (or adding the lines “godebug containermaxprocs=1” and “godebug updatemaxprocs=1” to go.mod) makes this env var unnecessary.`
      : `Go ${s.goVersion || 'before 1.25'} sets GOMAXPROCS to the node's CPU count, ignoring the CPU limit, so a pod limited to a few CPUs runs many threads and gets throttled.`;
  if (lim === null) {
    return {
      mode: 'no-limit',
      expected: null,
      why: why(
        `No CPU limit: GOMAXPROCS is the node's CPU count. resourceFieldRef limits.cpu would expose the node allocatable CPU too, so it adds nothing. ${gating} Set a CPU limit, or a literal GOMAXPROCS near the CPU request if the pod should not use every core.`,
        [versions, 'CPU limit: not set', ...observed],
        SRC.k8sDownwardApi,
        SRC.runtimeGOMAXPROCS,
      ),
    };
  }
  const expected = downwardCpu(lim);
  return {
    mode: 'downward',
    expected,
    why: why(
      `${gating} GOMAXPROCS from resourceFieldRef limits.cpu with divisor "1" gives ceil(limit). automaxprocs is the other option but rounds down (minimum 1): ${automaxprocsValue(lim)} here.`,
      [versions, `CPU limit ${s.cpuLimit} = ${describeCpu(lim)} → resourceFieldRef (divisor 1, rounds up) = ${expected}`, ...observed],
      SRC.k8sEnvResourceFields,
      SRC.k8sRounding,
      SRC.runtimeGOMAXPROCS,
      SRC.automaxprocs,
    ),
  };
}

function planGogc(s: WizardSettings, p: Plan): GogcPlan {
  const keep = (reason: string, evidence: string[]): GogcPlan => ({
    value: null,
    why: why(`Keep GOGC at its default (100). ${reason}`, evidence, SRC.gcGuideGOGC),
  });
  const ev: string[] = [];
  if (s.gcCpuPercent !== null) ev.push(`GC CPU in the session: ${sigText(s.gcCpuPercent)}%`);
  if (s.peakHeapBytes !== null) ev.push(`peak live heap: ${describeBytes(s.peakHeapBytes)}`);
  if (s.pauseP99Ms !== null) ev.push(`GC pause p99: ${msText(s.pauseP99Ms)}`);
  const tradeoff = 'Doubling GOGC roughly halves GC CPU and doubles heap overhead, and vice versa.';
  if (s.goal === 'balanced') return keep(`Goal "balanced". ${tradeoff}`, ev);
  if (s.gcCpuPercent === null) return keep(`No GC CPU measurement in the session, so nothing justifies a change. ${tradeoff}`, ev);
  if (s.goal === 'memory') {
    if (s.gcCpuPercent < 5) {
      const m = p.gcModel;
      const mp = m ? modelPredict(m, 50, null, p.memoryLimitBytes) : null;
      if (m && mp) ev.push(describePrediction(m, mp));
      const predicted = mp ? Math.round(mp.gcCpuPercent * 10) / 10 : Math.round(s.gcCpuPercent * 2 * 10) / 10;
      return {
        value: 50,
        why: why(
          `Goal "memory" and GC is cheap here: GOGC=50 halves the heap overhead above the live heap for about twice the GC CPU (≈${predicted}%). ${tradeoff}`,
          ev,
          SRC.gcGuideGOGC,
        ),
      };
    }
    return keep(`Goal "memory", but GC already costs ${s.gcCpuPercent}% CPU; lowering GOGC would raise it. The memory limit (GOMEMLIMIT) already bounds memory.`, ev);
  }
  // latency / throughput: raise GOGC only when GC is expensive and memory has room.
  const threshold = s.goal === 'latency' ? 5 : 10;
  if (s.gcCpuPercent < threshold) return keep(`GC CPU ${s.gcCpuPercent}% is below ${threshold}%: raising GOGC would buy little. ${tradeoff}`, ev);
  if (p.memoryLimitBytes === null || s.peakHeapBytes === null || s.peakHeapBytes <= 0) {
    return keep(`GC CPU is ${s.gcCpuPercent}%, but without a memory limit and a measured live heap a higher GOGC could not be checked against the memory available. ${tradeoff}`, ev);
  }
  const limit = gomemlimitFor(p.memoryLimitBytes, ratioFor(s)).bytes;
  const m = p.gcModel;
  let value: number;
  if (m) {
    // Largest GOGC (steps of 50, at most 400) whose predicted heap goal stays under 80% of GOMEMLIMIT and is still set by GOGC.
    value = 0;
    for (let g = 400; g >= 150; g -= 50) {
      const q = modelPredict(m, g, limit, p.memoryLimitBytes);
      if (q.regime === 'gogc' && q.heapGoalBytes !== null && q.heapGoalBytes <= 0.8 * limit) {
        value = g;
        break;
      }
    }
    ev.push(`GOMEMLIMIT ${describeBytes(limit)}; the predicted heap goal must stay under 80% of it`);
  } else {
    // Largest GOGC whose heap goal (live × (1 + GOGC/100)) stays under 80% of GOMEMLIMIT, in steps of 50, at most 400.
    const max = Math.floor(((limit * 0.8) / s.peakHeapBytes - 1) * 100);
    value = Math.min(400, Math.floor(max / 50) * 50);
    ev.push(`GOMEMLIMIT ${describeBytes(limit)}; live heap × (1 + GOGC/100) must stay under 80% of it → GOGC ≤ ${Math.max(max, 0)}`);
  }
  if (value < 150) return keep(`GC CPU is ${s.gcCpuPercent}%, but the live heap leaves no room under the memory limit for a higher GOGC; raise the memory limit first. ${tradeoff}`, ev);
  const mp = m ? modelPredict(m, value, limit, p.memoryLimitBytes) : null;
  if (m && mp) ev.push(describePrediction(m, modelPredict(m, 100, limit, p.memoryLimitBytes)), describePrediction(m, mp));
  const predicted = mp ? Math.round(mp.gcCpuPercent * 10) / 10 : Math.round(((s.gcCpuPercent * 100) / value) * 10) / 10;
  const goal = mp && mp.heapGoalBytes !== null ? mp.heapGoalBytes : s.peakHeapBytes * (1 + value / 100);
  const by = mp ? ` (GC model calibrated on ${m!.from}, ±${Math.round(mp.uncertainty.gcCpu * 100)}%)` : '';
  return {
    value,
    why: why(
      `Goal "${s.goal}" and GC costs ${s.gcCpuPercent}% CPU: GOGC=${value} should bring it to about ${predicted}%${by} while the heap goal (${describeBytes(Math.round(goal))}) stays under GOMEMLIMIT, which still bounds memory. ${tradeoff}${s.goal === 'latency' ? ' Fewer GC cycles mean fewer pauses and less mark assist; the length of each stop-the-world pause barely depends on GOGC.' : ''}`,
      ev,
      SRC.gcGuideGOGC,
      SRC.gcGuideMemoryLimit,
    ),
  };
}

function planRequests(s: WizardSettings, p: Plan): void {
  const { memoryRequestBytes: req, memoryLimitBytes: lim, cpuRequestMillis: creq, cpuLimitMillis: clim } = p;
  if (req !== null && lim !== null && req > lim) p.errors.memoryRequest = `the memory request (${s.memoryRequest}) is above the limit (${s.memoryLimit}); Kubernetes rejects that`;
  if (creq !== null && clim !== null && creq > clim) p.errors.cpuRequest = `the CPU request (${s.cpuRequest}) is above the limit (${s.cpuLimit}); Kubernetes rejects that`;
  if (req !== null && lim !== null && req < lim) {
    p.notes.push({
      id: 'memory.request-below-limit',
      level: 'info',
      title: 'Memory request below the limit',
      why: why(
        'A container using more memory than it requested is a candidate for eviction when the node runs short. For a Go service with GOMEMLIMIT, a request equal to the limit makes the memory it is tuned for actually reserved.',
        [`request ${s.memoryRequest}, limit ${s.memoryLimit}`],
        SRC.k8sResources,
      ),
    });
  }
  if (s.goModVersion && p.goMinor !== null && p.goModMinor !== null && p.goModMinor > p.goMinor) {
    p.notes.push({
      id: 'go.mod-newer-than-toolchain',
      level: 'warning',
      title: `go.mod says go 1.${p.goModMinor} but the toolchain is Go 1.${p.goMinor}`,
      why: why(
        'The go command refuses to build a module newer than itself (or downloads a newer toolchain when GOTOOLCHAIN=auto). The build then uses that newer toolchain; set the Go version to it.',
        [`Go version ${s.goVersion}, go.mod go ${s.goModVersion}`],
        SRC.godebug,
      ),
    });
  }
}

/** All decisions for the settings (validated first; plan.settings holds the validated ones). Pure. */
export function makePlan(input: WizardSettings, gcModel: GcModel | null = null): Plan {
  // The only door: from here on every setting has the exact shape of its field (validate.ts).
  const { settings, errors } = validateSettings(input);
  const goM = settings.goVersion ? goMinor(settings.goVersion) : null;
  const modM = settings.goModVersion ? goMinor(settings.goModVersion) : null;
  const p: Plan = {
    settings,
    errors,
    goMinor: goM,
    goModMinor: modM,
    cpuRequestMillis: quantityField(settings.cpuRequest, parseCpuMillis, errors, 'cpuRequest'),
    cpuLimitMillis: quantityField(settings.cpuLimit, parseCpuMillis, errors, 'cpuLimit'),
    memoryRequestBytes: quantityField(settings.memoryRequest, parseMemoryBytes, errors, 'memoryRequest'),
    memoryLimitBytes: quantityField(settings.memoryLimit, parseMemoryBytes, errors, 'memoryLimit'),
    gomemlimit: null,
    gomaxprocs: { mode: 'no-limit', expected: null, why: why('', []) },
    gogc: { value: null, why: why('', []) },
    notes: [],
    gcModel,
  };
  planRequests(settings, p);
  p.gogc = planGogc(settings, p);
  p.gomemlimit = planGomemlimit(settings, p);
  p.gomaxprocs = planGomaxprocs(settings, p);
  if (p.gomaxprocs.mode === 'runtime' && p.cpuLimitMillis !== null && p.cpuLimitMillis < 2000) {
    const ms = Math.round((p.cpuLimitMillis / 1000 / 2) * 100);
    p.notes.push({
      id: 'gomaxprocs.below-two',
      level: 'info',
      title: `A ${settings.cpuLimit} CPU limit still gets GOMAXPROCS=2`,
      why: why(
        `Go never picks fewer than 2 Ps unless the machine has fewer CPUs, so two busy threads can use the whole ${settings.cpuLimit} quota in about ${ms} ms of each 100 ms CFS period and wait out the rest. That is Go's chosen trade-off; for latency-sensitive services prefer a limit of at least 2 CPUs.`,
        [`CPU limit ${settings.cpuLimit}`, 'GOMAXPROCS chosen by Go: 2'],
        SRC.runtimeGOMAXPROCS,
        SRC.blogContainerGOMAXPROCS,
      ),
    });
  }
  const observed = settings.gomaxprocs;
  const allowed = p.gomaxprocs.expected;
  if (observed !== null && allowed !== null && observed > allowed) {
    p.notes.push({
      id: 'gomaxprocs.session-above-limit',
      level: 'warning',
      title: `The session ran with GOMAXPROCS=${observed}; the CPU limit allows ${allowed}`,
      why: why(
        'With more Ps than the CPU quota, busy periods use up the quota early in each 100 ms CFS period and the container is throttled for the rest of it, which shows as latency spikes. The outputs below fix it for the Go version given.',
        [`GOMAXPROCS in the session: ${observed}`, `CPU limit ${settings.cpuLimit} → ${allowed}`],
        SRC.runtimeGOMAXPROCS,
        SRC.blogContainerGOMAXPROCS,
      ),
    });
  }
  p.notes.unshift({
    id: p.gomaxprocs.mode === 'runtime' ? 'gomaxprocs.runtime' : p.gomaxprocs.mode === 'downward' ? 'gomaxprocs.downward' : 'gomaxprocs.no-limit',
    level: p.gomaxprocs.mode === 'no-limit' ? 'warning' : 'info',
    title:
      p.gomaxprocs.mode === 'runtime'
        ? `GOMAXPROCS: nothing to set — the Go runtime follows the CPU limit (→ ${p.gomaxprocs.expected})`
        : p.gomaxprocs.mode === 'downward'
          ? `GOMAXPROCS: set from the CPU limit (→ ${p.gomaxprocs.expected})`
          : 'GOMAXPROCS: no CPU limit to follow',
    why: p.gomaxprocs.why,
  });
  return p;
}
