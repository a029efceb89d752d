// The `config` analysis: what the linter read from a Deployment / Helm values
// YAML, a Dockerfile, a go.mod or Go source, and its findings. The wizard
// prefills its inputs from it (limits, Go version, go.mod line, cgo).

import type { ConfigContainer, ConfigFlavor } from '../../formats/config/model';
import type { Finding } from '../finding';

export type { ConfigContainer, ConfigEnvVar, ConfigFlavor } from '../../formats/config/model';

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
