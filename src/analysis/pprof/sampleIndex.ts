// profile.SampleIndexByName: which sample type a report shows.

import type { PprofProfile } from '../../formats/pprof/model';

/** '' → default_sample_type, else the last type; a number; or a type name (inuse_ prefix optional). */
export function sampleIndexByName(p: PprofProfile, name = ''): number {
  const types = p.sampleTypes;
  if (name === '') {
    if (p.defaultSampleType) {
      const i = types.findIndex((t) => t.type === p.defaultSampleType);
      if (i >= 0) return i;
    }
    return types.length - 1;
  }
  if (/^\d+$/.test(name)) {
    const i = Number(name);
    if (i >= types.length) throw new Error(`sample_index ${name} is outside the range [0..${types.length - 1}]`);
    return i;
  }
  const noInuse = name.startsWith('inuse_') ? name.slice(6) : name;
  const i = types.findIndex((t) => t.type === name || t.type === noInuse);
  if (i < 0) throw new Error(`sample_index "${name}" must be one of: ${types.map((t) => t.type).join(' ')}`);
  return i;
}
