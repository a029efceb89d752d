// How GOMAXPROCS follows a container's CPU limit: what the Go runtime (1.25+)
// picks and what go.uber.org/automaxprocs picks. The wizard plans with these
// and the config linter checks configs against them.

/** The GOMAXPROCS Go ≥ 1.25 picks for a CPU limit: ceil(limit), at least 2 (node CPU count permitting). */
export function runtimeGomaxprocs(limitMillis: number): number {
  return Math.max(2, Math.ceil(limitMillis / 1000));
}

/** What automaxprocs picks: floor(limit), at least 1. */
export function automaxprocsValue(limitMillis: number): number {
  return Math.max(1, Math.floor(limitMillis / 1000));
}
