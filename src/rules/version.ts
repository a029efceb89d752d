// Go versions as the wizard needs them: the minor number of "1.24", "go1.25.3",
// "1.26rc1". Only Go 1.x exists, so the minor is enough to compare.

/** Minor version of a Go version string, or null when it is not one. */
export function goMinor(version: string): number | null {
  const m = /^\s*(?:go)?1\.(\d+)(?:\.\d+|(?:rc|beta)\d+)?\s*$/i.exec(version);
  return m ? Number(m[1]) : null;
}

/** True when GOMAXPROCS follows the cgroup CPU limit by default: toolchain ≥ 1.25 and go.mod `go` ≥ 1.25. */
export function containerAwareGomaxprocs(goVersion: string, goModVersion: string): boolean {
  const t = goMinor(goVersion);
  const m = goMinor(goModVersion);
  return t !== null && m !== null && t >= 25 && m >= 25;
}
