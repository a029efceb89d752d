// The session diagnosis: what was in force, what the process got, and the
// ranked causes with the evidence for and against each. Part of the report
// JSON under `diagnosis` (docs/report-schema.md).

import type { Finding } from '../analysis/finding';

export type Anchor = NonNullable<Finding['anchor']>;

/** seen: the process reported it; declared: a config says so; inferred: derived from other figures. */
export type Provenance = 'seen' | 'declared' | 'inferred';

export interface SettingInForce {
  name: 'GOMAXPROCS' | 'GOGC' | 'GOMEMLIMIT' | 'Go version' | 'CPU request' | 'CPU limit' | 'memory request' | 'memory limit' | 'cgo';
  /** As a person reads it: "8", "100MiB", "off", "go1.26.8", "500m". */
  value: string;
  /** Number behind it where there is one (cores for CPU, bytes for memory and GOMEMLIMIT). */
  numeric?: number;
  how: Provenance;
  /** Where it was read: the input's file name and what in it. */
  from: string;
  input?: string;
}

export interface ResourceObtained {
  name: 'cores used' | 'busy Ps' | 'run queue' | 'OS threads' | 'live heap' | 'heap in use' | 'resident memory' | 'GC share of CPU used' | 'goroutines';
  value: number;
  /** Formatted with its unit, e.g. "1.29 cores", "574 MiB", "20.8%". */
  text: string;
  from: string;
  input?: string;
  anchor?: Anchor;
}

export interface Evidence {
  text: string;
  /** Input id and where its chart shows it. */
  input?: string;
  anchor?: Anchor;
}

export type CauseId =
  | 'gomaxprocs-above-cpu'
  | 'memlimit-below-live'
  | 'heap-leak'
  | 'goroutine-leak'
  | 'gogc-too-low'
  | 'alloc-hotspot'
  | 'lock-contention'
  | 'syscall-threads'
  | 'cpu-saturated';

export interface Cause {
  id: CauseId;
  title: string;
  /** 0..1: how sure the evidence makes it. */
  confidence: number;
  severity: 'critical' | 'warning';
  /** One sentence: what happens, with the numbers. */
  summary: string;
  /** The change to make. */
  change: string;
  evidenceFor: Evidence[];
  evidenceAgainst: Evidence[];
}

export interface Diagnosis {
  /** problem: at least one cause stands out; healthy: none does; insufficient: too little data to say. */
  verdict: 'problem' | 'healthy' | 'insufficient';
  /** Two or three sentences: the cause, the change, the evidence. */
  story: string;
  settings: SettingInForce[];
  resources: ResourceObtained[];
  /** Causes above the reporting threshold, most likely first. */
  causes: Cause[];
  /** What could not be judged and why (too short a window, missing inputs). */
  notes: string[];
}
