// The `config` analysis: what the linter read from a Deployment / Helm values
// YAML, a Dockerfile, a go.mod or Go source, and its findings. The wizard
// prefills its inputs from it (limits, Go version, go.mod line, cgo).

import type { Finding } from '../finding';

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

export interface ConfigAnalysis {
  flavor: ConfigFlavor;
  /** Go toolchain seen (Dockerfile `FROM golang:1.25`, go.mod `toolchain go1.25.3`). */
  goVersion?: string;
  /** go.mod `go` line. */
  goModVersion?: string;
  /** True when the build enables cgo (CGO_ENABLED=1 or a cgo import). */
  cgo?: boolean;
  /** go.uber.org/automaxprocs referenced (go.mod require, import, Dockerfile). */
  automaxprocs?: boolean;
  containers: ConfigContainer[];
  findings: Finding[];
}
