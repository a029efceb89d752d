// The wizard's plain data: what the user (or the session) tells it, and what it
// emits. Every emitted line can carry a Why: the reason, the evidence behind it
// and a link to the primary source.

import type { SourceLink } from '../rules/sources';

export type { SourceLink } from '../rules/sources';

export type Goal = 'balanced' | 'latency' | 'throughput' | 'memory';

export const GOALS: readonly Goal[] = ['balanced', 'latency', 'throughput', 'memory'];

/** The wizard's inputs. Quantities are Kubernetes quantity strings; '' means "not set". */
export interface WizardSettings {
  /** Go toolchain that builds the binary, e.g. "1.24" or "1.25.3". */
  goVersion: string;
  /** The `go` line of the main module's go.mod, e.g. "1.24". */
  goModVersion: string;
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
  /** cgo, large mmaps or many OS threads: memory the Go runtime does not see. */
  cgo: boolean;
  goal: Goal;
  /** Measurements from the session (null = unknown). */
  peakHeapBytes: number | null;
  gcCpuPercent: number | null;
  pauseP99Ms: number | null;
  gomaxprocs: number | null;
  goroutines: number | null;
  /** GOMEMLIMIT the session ran with, bytes (null = none or unknown). */
  sessionGomemlimitBytes: number | null;
}

export const DEFAULT_SETTINGS: WizardSettings = {
  goVersion: '1.25',
  goModVersion: '1.25',
  cpuRequest: '',
  cpuLimit: '',
  memoryRequest: '',
  memoryLimit: '',
  cgo: false,
  goal: 'balanced',
  peakHeapBytes: null,
  gcCpuPercent: null,
  pauseP99Ms: null,
  gomaxprocs: null,
  goroutines: null,
  sessionGomemlimitBytes: null,
};

/** Why a line (or a decision) is what it is. */
export interface Why {
  text: string;
  /** Numbers from the inputs or the session that support it. */
  evidence: string[];
  sources: SourceLink[];
}

export interface EmittedLine {
  text: string;
  why?: Why;
}

/** One output block: Helm values, Kubernetes env, Dockerfile, Go code. */
export interface EmittedBlock {
  id: 'helm' | 'helm-extra' | 'k8s' | 'dockerfile' | 'go';
  /** Accessible name of the block ("Helm values", "Dockerfile", …). */
  title: string;
  /** File name for the download button. */
  filename: string;
  language: 'yaml' | 'dockerfile' | 'go';
  text: string;
  lines: EmittedLine[];
}

export type NoteLevel = 'critical' | 'warning' | 'info';

/** A decision or warning shown above the outputs (e.g. why GOMAXPROCS is not set). */
export interface Note {
  id: string;
  level: NoteLevel;
  title: string;
  why: Why;
}

/** Which settings came from the session, and from where (shown as "prefilled from …"). */
export type Provenance = Partial<Record<keyof WizardSettings, string>>;
