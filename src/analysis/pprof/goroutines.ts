// Goroutine profiles grouped by stack and labels, with counts (the proto form
// is already grouped by the runtime; the text forms are grouped the same way).

import type { PprofProfile } from '../../formats/pprof/model';
import type { ProfileGoroutineGroup } from './types';

/** Function names of sample s, leaf first, inlined frames expanded. */
export function stackNames(p: PprofProfile, s: number): string[] {
  const out: string[] = [];
  for (let j = p.stackStart[s]; j < p.stackStart[s + 1]; j++) {
    const l = p.stackLocs[j];
    const a = p.locLineStart[l];
    const b = p.locLineStart[l + 1];
    if (a === b) out.push('0x' + (p.locAddrHi[l] * 4294967296 + p.locAddrLo[l]).toString(16));
    for (let x = a; x < b; x++) {
      const f = p.lineFunc[x];
      out.push(f >= 0 ? p.strings[p.funcName[f]] : '<unknown>');
    }
  }
  return out;
}

export function goroutineGroups(p: PprofProfile, limit: number): ProfileGoroutineGroup[] {
  const k = p.sampleTypes.length;
  const groups = new Map<string, ProfileGoroutineGroup>();
  for (let s = 0; s < p.numSamples; s++) {
    const stack = stackNames(p, s);
    const labels: Record<string, string> = {};
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      if (p.labelStr[j] !== 0) labels[p.strings[p.labelKey[j]]] = p.strings[p.labelStr[j]];
    }
    const key = stack.join('\n') + '\0' + JSON.stringify(labels);
    const g = groups.get(key);
    if (g) g.count += p.values[s * k];
    else groups.set(key, { count: p.values[s * k], stack, labels });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
