// Which profiles can be compared with each other: the same kind (the same
// sample types, so CPU with CPU and heap with heap), as pprof -diff_base needs.
// A session with a CPU and a heap profile has nothing to compare.

import type { InputReport } from '../../../report/schema';

/** A profile's kind: its sample types in order ("samples/cpu", "alloc_objects/alloc_space/inuse_objects/inuse_space"). */
export function profileKind(i: InputReport): string {
  return i.profile ? i.profile.sampleTypes.map((t) => t.type).join('/') : '';
}

/** Profiles that have at least one other profile of the same kind. */
export function comparableProfiles(inputs: InputReport[]): InputReport[] {
  const ps = inputs.filter((i) => i.profile && !i.error);
  return ps.filter((i) => ps.some((j) => j !== i && profileKind(j) === profileKind(i)));
}
