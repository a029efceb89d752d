// Redaction before sharing: function and file names become stable short hashes
// (except the standard library's: runtime.*, sync.*, net/http… stay readable)
// (the same name gives the same hash in every link, so two redacted links can
// still be compared), labels and command lines are left out, input file names
// become "input N". Names are found in the fields that hold them (func,
// function, createdBy, stack frames, pprof top rows, file, location) and then
// replaced wherever they occur, findings' text included.

import type { Report } from '../schema';
import { mapStrings, visit, type Json } from './json';
import type { RedactOptions } from './types';
import { isStdFile, isStdFunc } from '../../analysis/goStdlib';

const FUNC_KEYS = new Set(['func', 'function', 'createdBy', 'fn', 'funcName', 'caller', 'callee', 'leaf']);
const STACK_KEYS = new Set(['stack', 'frames']);
const FILE_KEYS = new Set(['file', 'location', 'createdAt']);
const FILE_VALUE = /^(.*?\.(?:go|s|c|h|cc|cpp))(:\d+(?::\d+)?)?(?: \+0x[0-9a-f]+)?$/;
const LABEL_KEYS = new Set(['labels', 'tasks', 'regions', 'logs']);
const CMDLINE_KEYS = new Set(['cmdline', 'commandLine', 'args', 'argv', 'comments']);
/** Names shorter than this are replaced in their own fields only, not inside free text. */
const MIN_TEXT_NAME = 4;

/** FNV-1a 32-bit of the UTF-16 code units, 8 hex digits. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export const hashFunc = (name: string) => `fn_${shortHash(name)}`;
export function hashFile(path: string): string {
  const ext = /\.[a-z]{1,4}$/.exec(path)?.[0] ?? '';
  return `file_${shortHash(path)}${ext}`;
}

/** Function and file names in a report, as its fields hold them. */
export function collectNames(report: Report): { funcs: Set<string>; files: Set<string> } {
  const funcs = new Set<string>();
  const files = new Set<string>();
  visit(report as unknown as Json, (v, key, parent, arrayKey) => {
    if (typeof v !== 'string' || !v) return;
    if (key !== undefined && FUNC_KEYS.has(key)) funcs.add(v);
    else if (key === undefined && arrayKey !== undefined && STACK_KEYS.has(arrayKey)) funcs.add(v);
    else if (key === 'name' && parent && ['flat', 'cum', 'self'].some((k) => typeof parent[k] === 'number')) funcs.add(v);
    if (key !== undefined && FILE_KEYS.has(key)) {
      const m = FILE_VALUE.exec(v);
      if (m) files.add(m[1]);
      else if (key === 'file') files.add(v);
    }
  });
  return { funcs, files };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every listed string wherever it occurs, longest first. */
function replacer(map: Map<string, string>): (s: string) => string {
  const keys = [...map.keys()].filter((k) => k.length >= MIN_TEXT_NAME).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return (s) => map.get(s) ?? s;
  const re = new RegExp(keys.map(escapeRe).join('|'), 'g');
  return (s) => map.get(s) ?? s.replace(re, (m) => map.get(m) ?? m);
}

export function redactReport(report: Report, opts: RedactOptions): Report {
  const map = new Map<string, string>();
  if (opts.names) {
    const { funcs, files } = collectNames(report);
    for (const f of files) {
      // Standard-library files and functions are not secrets, and they say what a stack does.
      if (isStdFile(f)) continue;
      map.set(f, hashFile(f));
      const base = f.slice(f.lastIndexOf('/') + 1);
      if (base !== f && !map.has(base)) map.set(base, hashFile(base));
    }
    for (const f of funcs) if (!map.has(f) && !isStdFunc(f)) map.set(f, hashFunc(f));
  }
  if (opts.files) {
    report.inputs.forEach((inp, i) => {
      if (inp.name.length >= 3) map.set(inp.name, `input ${i + 1}`);
    });
  }
  const replace = replacer(map);
  const drop = (k: string, v: Json) => (opts.labels && LABEL_KEYS.has(k) && (k === 'labels' || Array.isArray(v))) || (opts.cmdline && CMDLINE_KEYS.has(k));
  const out = mapStrings(report as unknown as Json, (s) => replace(s), drop) as unknown as Report;
  if (opts.files) out.inputs.forEach((inp, i) => (inp.name = `input ${i + 1} (${inp.kind})`));
  return out;
}
