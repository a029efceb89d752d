// Which garbage collector a Go runtime used, where the input tells. Go 1.26 made
// the Green Tea collector the default (GOEXPERIMENT=nogreenteagc opts out); Go
// 1.25 had it behind GOEXPERIMENT=greenteagc. runtime.Version() names every
// experiment that differs from the default ("go1.26.8-X:nogreenteagc"), so a
// version string (go_info, GOVERSION) is conclusive; a trace header only names
// the format's Go version, so there it is the default of that version.

export interface GcCollector {
  collector: 'green-tea' | 'classic';
  /** How it was told, in a few words. */
  how: string;
}

/** From a runtime.Version() string such as "go1.27.3" or "go1.25.5 X:greenteagc"; null when not a Go version. */
export function gcCollectorFromVersion(version: string): GcCollector | null {
  const m = /^go1\.(\d+)(?:\.\d+)?(?:[a-z]+\d*)?(?:[ -]X:(\S+))?/.exec(version.trim());
  if (!m) return null;
  const minor = Number(m[1]);
  const exps = (m[2] ?? '').split(',');
  if (exps.includes('nogreenteagc')) return { collector: 'classic', how: `${version.trim()}: Green Tea turned off` };
  if (exps.includes('greenteagc')) return { collector: 'green-tea', how: `${version.trim()}: Green Tea turned on` };
  return minor >= 26 ? { collector: 'green-tea', how: `${version.trim()}: the default from Go 1.26` } : { collector: 'classic', how: `${version.trim()}: Green Tea is the default only from Go 1.26` };
}

/** From a trace header's Go version (1.22 → "1.22"): that version's default collector. */
export function gcCollectorFromTraceVersion(goVersion: string): GcCollector | null {
  const m = /^1\.(\d+)$/.exec(goVersion);
  if (!m) return null;
  return Number(m[1]) >= 26
    ? { collector: 'green-tea', how: `Go ${goVersion} trace format: Green Tea unless built with GOEXPERIMENT=nogreenteagc` }
    : { collector: 'classic', how: `Go ${goVersion} trace format: Green Tea is the default only from Go 1.26` };
}

/** The note for a measurement made with the classic collector. */
export const CLASSIC_REMEASURE =
  'Go 1.26 and later use the Green Tea garbage collector by default: GC CPU and pause figures (and GOGC/GOMEMLIMIT chosen from them) measured with the classic collector should be measured again after upgrading.';
