// What the config linter reads from a file, whatever its flavor: containers
// with their env and resources, the Go versions and build facts, and a few
// references (metrics names, Go calls) the rules look at.

import { lineFinder } from '../../lib/lineFinder';

export type ConfigFlavor = 'kubernetes' | 'helm-values' | 'dockerfile' | 'go.mod' | 'go-source';

/** One env var as written: a literal value or where it comes from. */
export interface ConfigEnvVar {
  name: string;
  value?: string;
  /** e.g. "resourceFieldRef limits.memory divisor 1Mi", "secretKeyRef". */
  from?: string;
  /** 1-based line where it is set, when known. */
  line?: number;
}

/** A container (Kubernetes), a values file or an image (Dockerfile final stage). */
export interface ConfigContainer {
  /** "Deployment api / container app", "values.yaml", "Dockerfile stage 2". */
  label: string;
  cpuRequest?: string;
  cpuLimit?: string;
  memoryRequest?: string;
  memoryLimit?: string;
  env: ConfigEnvVar[];
}

export interface GodebugEntry {
  key: string;
  value: string;
  line?: number;
  /** Where it was set: "GODEBUG env of <container>", "go.mod godebug", "//go:debug". */
  where: string;
}

export interface Reference {
  /** What was found, e.g. "go_memstats_gc_cpu_fraction", "runtime.MemLimitThreshold". */
  text: string;
  line: number;
}

export interface ConfigModel {
  flavor: ConfigFlavor;
  goVersion?: string;
  goModVersion?: string;
  cgo?: boolean;
  /** The build disables cgo explicitly (CGO_ENABLED=0). */
  cgoDisabled?: boolean;
  automaxprocs?: Reference;
  automemlimit?: Reference;
  containers: ConfigContainer[];
  godebug: GodebugEntry[];
  /** Removed Prometheus Go-collector metrics referenced (rules, dashboards). */
  metrics: Reference[];
  /** debug.SetMemoryLimit(0), runtime.MemLimitThreshold, … in Go source. */
  goCalls: Reference[];
  /** Dockerfile: the final stage's base image and whether it has a libc. */
  finalImage?: { image: string; line: number; static: boolean };
}

export function emptyModel(flavor: ConfigFlavor): ConfigModel {
  return { flavor, containers: [], godebug: [], metrics: [], goCalls: [] };
}

/** 1-based line of a character offset (one lookup: for many, lineFinder). */
export function lineAt(text: string, offset: number): number {
  return lineFinder(text)(offset);
}


const REMOVED_METRICS = /\b(go_memstats_gc_cpu_fraction|go_memstats_lookups_total)\b/g;

/** References to Go-collector metrics that client_golang removed. */
export function findRemovedMetrics(text: string): Reference[] {
  const out: Reference[] = [];
  const lineOf = lineFinder(text);
  for (const m of text.matchAll(REMOVED_METRICS)) out.push({ text: m[1], line: lineOf(m.index ?? 0) });
  return out;
}

/** Split a GODEBUG value ("gctrace=1,madvdontneed=1") into entries. */
export function splitGodebug(value: string, where: string, line?: number): GodebugEntry[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return { key: eq < 0 ? p : p.slice(0, eq), value: eq < 0 ? '' : p.slice(eq + 1), line, where };
    });
}
