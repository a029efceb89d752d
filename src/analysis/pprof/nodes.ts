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

/** pprof's granularities that keep function names (the default is functions). */
export type Granularity = 'functions' | 'filefunctions' | 'lines';

/** Go's filepath.Clean for slash paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

/** report.trimPath with no -trim_path / source path: only /proc/self/cwd prefixes go. */
function trimPath(p: string): string {
  for (const pre of ['/proc/self/cwd/./', '/proc/self/cwd/']) if (p.startsWith(pre)) return p.slice(pre.length);
  return p;
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

const nodeCache = new WeakMap<Prepared, Map<string, NodeTable>>();

/** The node table of a sample set (memoized per Prepared, noInlines and granularity). */
export function buildNodes(prep: Prepared, noInlines = false, granularity: Granularity = 'functions'): NodeTable {
  let c = nodeCache.get(prep);
  if (!c) nodeCache.set(prep, (c = new Map()));
  const key = `${noInlines}:${granularity}`;
  let t = c.get(key);
  if (!t) c.set(key, (t = makeNodes(prep, noInlines, granularity)));
  return t;
}

function makeNodes(prep: Prepared, noInlines: boolean, granularity: Granularity): NodeTable {
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
        if (granularity === 'functions') {
          if (name !== '') node(`F\0${name}`, name, S[p.funcFile[f]]);
          else {
            const obj = objfileOf(l);
            node(`S\0${obj}\0${p.funcStartLine[f]}`, obj ? `[${basename(obj)}]` : '<unknown>', S[p.funcFile[f]]);
          }
          continue;
        }
        // graph.NodeInfo.NameComponents with the file (and line) kept.
        const rawFile = S[p.funcFile[f]];
        const file = rawFile !== '' ? cleanPath(trimPath(rawFile)) : '';
        const line = granularity === 'lines' ? p.lineLine[prep.locLines[j]] : 0;
        const obj = name === '' ? objfileOf(l) : '';
        const parts: string[] = [];
        if (name !== '') parts.push(name);
        if (line !== 0) parts.push(`${file}:${line}`);
        else if (file !== '') parts.push(file);
        else if (name === '') parts.push(obj ? `[${basename(obj)}]` : '<unknown>');
        node(`G\0${name}\0${file}\0${line}\0${obj}\0${name === '' ? p.funcStartLine[f] : 0}`, parts.join(' '), rawFile);
      }
    }
    locNodeStart[l + 1] = out.length;
  }
  return { count: names.length, names, files, locNodeStart, locNodes: Uint32Array.from(out) };
}
