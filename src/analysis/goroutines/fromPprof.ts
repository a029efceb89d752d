// A goroutine pprof profile (profile.proto or debug=1 text decoded by the pprof
// format) as a goroutine dump, so it gets the same grouping, leak suspects and
// growth comparison. Profiles carry no wait state (inferred from frames where
// the runtime frames are present) and no creator.

import type { PprofProfile } from '../../formats/pprof/model';
import type { Frame, Goroutine, GoroutineDump } from '../../formats/goroutines/model';
import { inferState } from '../../formats/goroutines/states';

export function dumpFromProfile(p: PprofProfile): GoroutineDump {
  const frames: Frame[] = [];
  const ids = new Map<string, number>();
  const frameId = (func: string, file: string, line: number) => {
    const key = `${func}\u0000${file}:${line}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = frames.length;
      frames.push({ func, file, line });
      ids.set(key, id);
    }
    return id;
  };
  const goroutines: Goroutine[] = [];
  const k = p.sampleTypes.length;
  for (let s = 0; s < p.numSamples; s++) {
    const stack: number[] = [];
    for (let j = p.stackStart[s]; j < p.stackStart[s + 1]; j++) {
      const l = p.stackLocs[j];
      const a = p.locLineStart[l];
      const b = p.locLineStart[l + 1];
      if (a === b) stack.push(frameId('0x' + (p.locAddrHi[l] * 4294967296 + p.locAddrLo[l]).toString(16), '?', 0));
      for (let x = a; x < b; x++) {
        const f = p.lineFunc[x];
        stack.push(f >= 0 ? frameId(p.strings[p.funcName[f]], p.strings[p.funcFile[f]], p.lineLine[x]) : frameId('<unknown>', '?', 0));
      }
    }
    const labels: Record<string, string> = {};
    let labelled = false;
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      if (p.labelStr[j] !== 0) {
        labels[p.strings[p.labelKey[j]]] = p.strings[p.labelStr[j]];
        labelled = true;
      }
    }
    const state = inferState(stack.map((i) => frames[i].func));
    const g: Goroutine = { id: -1, count: p.values[s * k], state: state ?? 'unknown', waitMinutes: 0, frames: stack, line: 0 };
    if (state) g.stateInferred = true;
    if (labelled) g.labels = labels;
    goroutines.push(g);
  }
  return { style: 'debug1', frames, goroutines, truncated: false, otherLines: 0, lines: 0 };
}
