// Report nodes at pprof's default "functions" granularity (driver.aggregate +
// graph.CreateNodes): one node per distinct function name; every Line of a
// Location is its own node, so inlined functions are rows of their own. A
// line without a function, or a location without lines, becomes an
// address-less node named after its mapping ("[binary]") or "<unknown>".

import type { PprofProfile } from '../../formats/pprof/model';
import type { Prepared } from './prepare';

export interface NodeTable {
  count: number;
  /** pprof's printable name of each node. */
  names: string[];
  /** Source file of the node's function ('' when unknown), for the UI. */
  files: string[];
  /** Nodes of location l, innermost line first: locNodes[locNodeStart[l] .. locNodeStart[l+1]). */
  locNodeStart: Uint32Array;
  locNodes: Uint32Array;
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

const nodeCache = new WeakMap<Prepared, [NodeTable | undefined, NodeTable | undefined]>();

/** The node table of a sample set (memoized per Prepared and noInlines). */
export function buildNodes(prep: Prepared, noInlines = false): NodeTable {
  let c = nodeCache.get(prep);
  if (!c) nodeCache.set(prep, (c = [undefined, undefined]));
  const i = noInlines ? 1 : 0;
  return (c[i] ??= makeNodes(prep, noInlines));
}

function makeNodes(prep: Prepared, noInlines: boolean): NodeTable {
  const p: PprofProfile = prep.p;
  const S = p.strings;
  const index = new Map<string, number>();
  const names: string[] = [];
  const files: string[] = [];
  const nloc = p.numLocations;
  const locNodeStart = new Uint32Array(nloc + 1);
  const out: number[] = [];
  const objfileOf = (l: number) => {
    const m = p.locMapping[l];
    return m >= 0 ? p.mappings[m].file : '';
  };
  const node = (key: string, name: string, file: string) => {
    let n = index.get(key);
    if (n === undefined) {
      n = names.length;
      index.set(key, n);
      names.push(name);
      files.push(file);
    }
    out.push(n);
  };
  const addressNode = (l: number) => {
    const obj = objfileOf(l);
    node(`A\0${obj}`, obj ? `[${basename(obj)}]` : '<unknown>', '');
  };
  for (let l = 0; l < nloc; l++) {
    let a = prep.locLineStart[l];
    const b = prep.locLineStart[l + 1];
    if (a === b) addressNode(l);
    else {
      if (noInlines) a = b - 1;
      for (let j = a; j < b; j++) {
        const f = p.lineFunc[prep.locLines[j]];
        if (f < 0) {
          addressNode(l);
          continue;
        }
        const name = S[p.funcName[f]];
        if (name !== '') node(`F\0${name}`, name, S[p.funcFile[f]]);
        else {
          const obj = objfileOf(l);
          node(`S\0${obj}\0${p.funcStartLine[f]}`, obj ? `[${basename(obj)}]` : '<unknown>', S[p.funcFile[f]]);
        }
      }
    }
    locNodeStart[l + 1] = out.length;
  }
  return { count: names.length, names, files, locNodeStart, locNodes: Uint32Array.from(out) };
}
